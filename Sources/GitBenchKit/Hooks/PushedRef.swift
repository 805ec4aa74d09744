/// One line git feeds the pre-push hook on stdin: `<local ref> <local sha> <remote ref> <remote sha>`.
public struct PushedRef: Sendable, Equatable {
    public var localRef: String
    public var localSHA: String
    public var remoteRef: String
    public var remoteSHA: String

    /// A branch deletion (`git push origin :branch`) pushes no commit: its local sha is all zeros.
    public var isDeletion: Bool { localSHA.allSatisfy { $0 == "0" } }

    /// Parses git's pre-push stdin; blank and malformed lines are ignored (git never sends them).
    public static func parse(_ text: String) -> [PushedRef] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count == 4 else { return nil }
            return PushedRef(localRef: fields[0], localSHA: fields[1], remoteRef: fields[2], remoteSHA: fields[3])
        }
    }
}
