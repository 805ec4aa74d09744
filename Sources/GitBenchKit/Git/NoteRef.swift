import CGit2

/// The full name of a notes ref, such as `refs/notes/bench`.
///
/// Always under `refs/notes/`, which is where `git notes` and `git log --notes=<name>` look; a short
/// name (`bench`) is expanded the way `git notes --ref=bench` expands it.
public struct NoteRef: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The ref git-bench writes verdicts to unless `bench.notesRef` says otherwise.
    public static let bench = NoteRef(validated: "refs/notes/bench")

    /// The full ref name, `refs/notes/<something>`.
    public let name: String

    private init(validated name: String) {
        self.name = name
    }

    /// Validates `name` (`refs/notes/perf`, or the short form `perf`) as a notes ref.
    ///
    /// Throws `GitError.invalidNotesRef` when it is outside `refs/notes/` (`refs/heads/main`) or not a
    /// valid ref name (`refs/notes/a..b`, a trailing `/`, spaces).
    public init(_ name: String) throws {
        let full = name.hasPrefix("refs/") ? name : "refs/notes/" + name
        guard full.hasPrefix("refs/notes/"), full.count > "refs/notes/".count else {
            throw GitError.invalidNotesRef(name, reason: "notes refs live under refs/notes/")
        }
        try initializeLibgit2()
        var isValid: Int32 = 0
        try check(git_reference_name_is_valid(&isValid, full)) { .invalidNotesRef(name, reason: $0) }
        guard isValid == 1 else { throw GitError.invalidNotesRef(name, reason: "not a valid ref name") }
        self.name = full
    }

    /// The name after `refs/notes/`, as `git log --notes=<short>` takes it.
    public var shortName: String { String(name.dropFirst("refs/notes/".count)) }

    public var description: String { name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
