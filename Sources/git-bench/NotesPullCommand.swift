import ArgumentParser
import Foundation
import GitBenchKit

struct NotesPullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Fetch a remote's verdict notes and merge them without losing a line.",
        discussion: """
            Diverged notes are merged per commit: the union of both sides by project/benchmark, the newer evaluation \
            (at=) winning, other text kept; the merge is a notes commit with both tips as parents.
            Example: git bench notes pull origin && git bench notes push origin
            """)

    @Argument(help: "The remote.")
    var remote = "origin"

    @OptionGroup var options: NotesOptions

    func run() throws {
        try CLI.perform {
            let notes = try options.notes()
            let view = NotesSyncView(try notes.pull(from: remote), remote: remote, ref: notes.ref.name)
            try options.output.print(view) { view.text }
        }
    }
}
