/// What `notes push` and `notes pull` print: one sentence for people (`text`), or with `--json` a record with the
/// remote, the notes ref, the outcome (`pushed`, `fast_forward`, `merged`, …), the notes commit and, after a merge,
/// how many notes were combined line by line.
public struct NotesSyncView: Sendable, Equatable, Encodable {
    /// What the push or pull did.
    public var sync: NotesSync
    /// The remote pushed to or pulled from.
    public var remote: String
    /// The notes ref, e.g. `refs/notes/bench`.
    public var ref: String

    public init(_ sync: NotesSync, remote: String, ref: String) {
        self.sync = sync
        self.remote = remote
        self.ref = ref
    }

    /// The outcome's name in JSON.
    public var outcome: String {
        switch sync {
        case .nothingToPush: return "nothing_to_push"
        case .pushed: return "pushed"
        case .remoteHasNoNotes: return "remote_has_no_notes"
        case .upToDate: return "up_to_date"
        case .fastForward: return "fast_forward"
        case .merged: return "merged"
        }
    }

    /// The notes commit the ref points at afterwards, when the outcome moved it.
    public var commit: ObjectID? {
        switch sync {
        case .pushed(let commit), .fastForward(let commit), .merged(let commit, _): return commit
        case .nothingToPush, .remoteHasNoNotes, .upToDate: return nil
        }
    }

    /// One line for people, ending in a newline.
    public var text: String {
        let short = commit.map { String($0.hex.prefix(10)) } ?? ""
        switch sync {
        case .nothingToPush: return "nothing to push: \(ref) does not exist yet (run git bench evaluate first)\n"
        case .pushed: return "pushed \(ref) (\(short)) to \(remote)\n"
        case .remoteHasNoNotes: return "\(remote) has no \(ref) yet; nothing to pull\n"
        case .upToDate: return "\(ref) already has every verdict from \(remote)\n"
        case .fastForward: return "\(ref) fast-forwarded to \(remote)'s \(short)\n"
        case .merged(_, let combined): return "\(ref) merged with \(remote)'s verdicts in \(short) (\(combined) note(s) combined line by line)\n"
        }
    }

    enum CodingKeys: String, CodingKey {
        case remote, ref, outcome, commit
        case combinedNotes = "combined_notes"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(remote, forKey: .remote)
        try container.encode(ref, forKey: .ref)
        try container.encode(outcome, forKey: .outcome)
        try container.encodeIfPresent(commit?.hex, forKey: .commit)
        if case .merged(_, let combined) = sync { try container.encode(combined, forKey: .combinedNotes) }
    }
}
