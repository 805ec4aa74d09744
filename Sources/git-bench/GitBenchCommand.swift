import ArgumentParser
import Foundation
import GitBenchKit

@main
struct GitBenchCommand: ParsableCommand {
    /// Parses and runs the command; a usage error is one line on stderr (`git-bench: error: …`, as every other error)
    /// and exit 64, where argument-parser would add the usage and a pointer to `--help`.
    static func main() {
        let words = Array(CommandLine.arguments.dropFirst())
        // `git bench --version` alone answers before argument-parser builds its command tree, which is most of the
        // start-up of any command (its type lookups scan every protocol conformance in the static binary). libgit2 is
        // not initialised here either: no command initialises it before it opens a repository.
        if words == ["--version"] {
            print(GitBench.version)
            return
        }
        // `git bench` alone is a usage error, as `git` alone is: a short usage, not the whole manual.
        if words.isEmpty {
            Console.standard().progress(CommandWords.shortUsage)
            exit(withError: ExitCode(ExitStatus.usage))
        }
        if let unknown = CommandWords.unknownCommand(in: words, root: Self.self) {
            CLI.console.error(unknown)
            exit(withError: ExitCode(ExitStatus.usage))
        }
        var command: any ParsableCommand
        // release-mark's --version names the release: it is parsed on its own, where the root's --version cannot take it.
        let isReleaseMark = words.first == ReleaseMarkCommand._commandName
        do {
            command = isReleaseMark ? try ReleaseMarkCommand.parse(Array(words.dropFirst())) : try parseAsRoot()
        } catch {
            if isReleaseMark, ReleaseMarkCommand.exitCode(for: error) == .success {
                print(helpMessage(for: ReleaseMarkCommand.self))
                exit()
            }
            let code = exitCode(for: error)
            if code == .success, let script = CompletionScript.adaptedForGit(message(for: error)) {
                print(script)
                exit()
            }
            guard code == .validationFailure else { exit(withError: error) }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            CLI.console.error(message + " (see git bench --help)")
            exit(withError: ExitCode(code.rawValue))
        }
        do {
            try command.run()
        } catch {
            // Commands report their own errors (CLI.perform); only the exit code is left.
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "git-bench",
        abstract: "Run registered benchmarks, keep every repetition, and answer with a verdict and an exit code.",
        discussion: """
            Exit codes: 0 PROMOTE/PASS, 1 REJECT/FAIL, 2 NEEDS_MORE_DATA/NO_BASELINE/NO_REFERENCE, 3 unknown verdict,
            4 --expect mismatch; errors are >= 64 (sysexits: 64 usage, 65 bad data, 66 missing input, 74 I/O, 75 threads or GPU busy,
            77 refused by policy such as a dirty tree or corpus drift, 78 configuration).

            Example: git bench run compress_speed && git bench evaluate compress_speed
            """,
        subcommands: [
            RegisterCommand.self, UnregisterCommand.self, ProjectsCommand.self, ListCommand.self, CorpusHashCommand.self, RunCommand.self, BaselineCommand.self,
            EvaluateCommand.self, ABCommand.self, CalibrateCommand.self, CheckCommand.self, NotesCommand.self, ConfigCommand.self, PromoteCommand.self, FreezeReferenceCommand.self, ReplaceReferenceCommand.self,
            ImportCommand.self, HooksCommand.self, HookCommand.self,
            HistoryCommand.self, CompareCommand.self, SummaryCommand.self, ExportCommand.self, ReportCommand.self, BadgeCommand.self, ReleasesCommand.self, ArchiveCommand.self, MarkShippedCommand.self, UnmarkShippedCommand.self, TagShippedCommand.self, ReleaseMarkCommand.self, VerifyCommand.self, ValidateCommand.self, ResumeCommand.self, StatusCommand.self, LogsCommand.self, CancelCommand.self, JobWorkerCommand.self,
        ]
    )

    // The root's own options, not `configuration.version`: argument-parser would list that `--version` under every
    // subcommand. Root options are read from the whole command line, so `git bench run --version` still answers.
    @Flag(name: .long, help: "Show the version.")
    var version = false

    @Option(name: .long, help: ArgumentHelp(
        "Colour verdict words: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color = ColorChoice.auto

    /// Prints the manual page (mdoc); scripts/install and ManualPageTests read it, people read `man git-bench`.
    @Flag(name: .long, help: ArgumentHelp("Print the manual page (mdoc).", visibility: .hidden))
    var generateManpage = false

    /// The manual page's date (`.Dd`): fixed, so the page is the same on every build; move it when the page changes.
    static let manualDate = "December 6, 2026"

    func validate() throws {
        CLI.colorChoice = color
        if version { throw CleanExit.message(GitBench.version) }
        if generateManpage {
            let page = try ManualPage.render(toolInfo: Data(Self._dumpHelp().utf8), date: Self.manualDate, exitStatus: ExitStatus.table)
            throw CleanExit.message(String(page.dropLast()))  // CleanExit prints a newline of its own
        }
    }
}

extension ColorChoice: ExpressibleByArgument {}
