import ArgumentParser
import Foundation
import GitBenchKit

struct NotesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the verdicts in a commit's note, parsed back into records with --json.",
        discussion: """
            Exits 66 when the commit has no note (with --json, the record still says "has_note": false).
            Example: git bench notes show HEAD~1 --json
            """)

    @Argument(help: "The commit.")
    var revision = "HEAD"

    @OptionGroup var options: NotesOptions

    func run() throws {
        try CLI.perform {
            let notes = try options.notes()
            let shown = try notes.show(revision)
            try options.output.print(shown) { NoteText.render(shown) }
            guard shown.hasNote else { throw CLI.failure(NoteText.absence(in: shown), exitCode: ExitStatus.noInput) }
        }
    }
}
