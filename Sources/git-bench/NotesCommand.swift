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
            Example: git bench notes log main~20..main --benchmark compress_ratio
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
