import ArgumentParser
import Foundation
import GitBenchKit

struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Read, list and sync the verdicts that evaluate writes to git notes.",
        discussion: """
            Verdicts live under refs/notes/bench (git config bench.notesRef to change it), one line per project/benchmark \
            on the evaluated commit, so `git log --notes=bench` shows them.
            Example: git bench notes log main~20..main --benchmark quality
            """,
        subcommands: [NotesShowCommand.self, NotesLogCommand.self, NotesPushCommand.self, NotesPullCommand.self])
}

/// The options every `notes` subcommand shares: they work on the repository around the current directory, with
/// or without a registered project.
struct NotesOptions: ParsableArguments {
    @OptionGroup var output: OutputOptions

    func notes() throws -> BenchNotes {
        try BenchNotes.open(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }
}

/// What `notes push` and `notes pull` print with --json.
struct NotesSyncView: Encodable {
    var remote: String
    var ref: String
    var outcome: String
    var commit: String?
    var combinedNotes: Int?

    enum CodingKeys: String, CodingKey {
        case remote, ref, outcome, commit
        case combinedNotes = "combined_notes"
    }

    init(_ sync: NotesSync, remote: String, ref: NoteRef) {
        self.remote = remote
        self.ref = ref.name
        switch sync {
        case .nothingToPush: outcome = "nothing_to_push"
        case .pushed(let commit): (outcome, self.commit) = ("pushed", commit.hex)
        case .remoteHasNoNotes: outcome = "remote_has_no_notes"
        case .upToDate: outcome = "up_to_date"
        case .fastForward(let commit): (outcome, self.commit) = ("fast_forward", commit.hex)
        case .merged(let commit, let combined): (outcome, self.commit, combinedNotes) = ("merged", commit.hex, combined)
        }
    }

    /// One line for people.
    var text: String {
        let short = commit.map { String($0.prefix(10)) } ?? ""
        switch outcome {
        case "nothing_to_push": return "nothing to push: \(ref) does not exist yet (run git bench evaluate first)"
        case "pushed": return "pushed \(ref) (\(short)) to \(remote)"
        case "remote_has_no_notes": return "\(remote) has no \(ref) yet; nothing to pull"
        case "up_to_date": return "\(ref) already has every verdict from \(remote)"
        case "fast_forward": return "\(ref) fast-forwarded to \(remote)'s \(short)"
        default: return "\(ref) merged with \(remote)'s verdicts in \(short) (\(combinedNotes ?? 0) note(s) combined line by line)"
        }
    }
}
