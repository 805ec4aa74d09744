import ArgumentParser
import Foundation
import GitBenchKit

struct NotesLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List the verdicts along history, newest first: one line per commit and verdict.",
        discussion: """
            Follows first parents by default, like a branch's own history; --all-parents also lists merged-in commits.
            Example: git bench notes log v1.0..main --benchmark compress_speed
            """)

    @Argument(help: "A revision or range, such as main or A..B.")
    var range = "HEAD"

    @Flag(name: .long, help: "Follow every parent of merges, not just the first.")
    var allParents = false

    @Option(name: .long, help: "Only this benchmark (name or project/name).")
    var benchmark: String?

    @OptionGroup var options: NotesOptions

    func run() throws {
        try CLI.perform {
            let entries = try options.notes().log(range, firstParent: !allParents, benchmark: benchmark)
            try options.output.print(["entries": entries]) { NoteLogList.render(entries) }
        }
    }
}
