import ArgumentParser
import Foundation
import GitBenchKit

struct NotesPushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Push the verdict notes to a remote with git (the pre-push hook is not run for it).",
        discussion: """
            Same as `git push --no-verify REMOTE refs/notes/bench:refs/notes/bench`. When the remote has verdicts this \
            repository lacks, the push is refused: run `git bench notes pull REMOTE` first.
            Example: git bench notes push origin
            """)

    @Argument(help: "The remote.")
    var remote = "origin"

    @OptionGroup var options: NotesOptions

    func run() throws {
        try CLI.perform {
            let notes = try options.notes()
            let view = NotesSyncView(try notes.push(to: remote), remote: remote, ref: notes.ref.name)
            try options.output.print(view) { view.text }
        }
    }
}
