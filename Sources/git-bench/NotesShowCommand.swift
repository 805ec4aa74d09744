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
            if options.output.json {
                try CLI.printJSON(shown)
            } else {
                print(CommitNote(verdicts: shown.verdicts, otherLines: shown.otherLines).text, terminator: "")
            }
            guard shown.hasNote else {
                throw CLI.failure("no verdict note on \(shown.commit.short) in \(shown.ref)", exitCode: ExitStatus.noInput)
            }
        }
    }
}
