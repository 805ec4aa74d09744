import ArgumentParser
import Foundation
import GitBenchKit

/// Options every project-scoped command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "Use this registered project instead of the one around the current directory.")
    var project: String?

    @OptionGroup var output: OutputOptions
}

/// Builds the harness, turns library errors into one stderr line and a sysexits code.
enum CLI {
    /// Where the CLI's own errors go: stderr through the library's Console, so no command writes stderr itself.
    static let console = Console.quiet

    /// The harness under `$GIT_BENCH_HOME`, else `git config bench.home` of the repository around the current
    /// directory (or the user's git config outside one), else the default home; progress lines only for text output.
    static func harness(for output: OutputOptions) throws -> Harness {
        try harness(showsProgress: output.showsProgress)
    }

    /// The harness as above, with progress lines on stderr or not.
    static func harness(showsProgress: Bool) throws -> Harness {
        try Harness(home: config().home, console: .standard(showsProgress: showsProgress))
    }

    /// `--color`, which the root command stores as argument-parser validates it, before any subcommand runs; read
    /// only afterwards, on the same thread.
    nonisolated(unsafe) static var colorChoice = ColorChoice.auto

    /// `text` with its verdict words in colour when `--color` allows it for stdout (a terminal, by default).
    static func colored(_ text: String) -> String {
        let isTerminal = isatty(STDOUT_FILENO) != 0
        guard colorChoice.allowsColor(isTerminal: isTerminal, environment: ProcessInfo.processInfo.environment) else { return text }
        return VerdictColors.apply(to: text)
    }

    /// The directory git-bench was started in: the repository (and project) a command acts on is the one around it.
    static var currentDirectory: URL { URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }

    /// git-bench's git configuration as seen from the current directory.
    static func config() throws -> BenchConfig {
        try BenchConfig.load(from: currentDirectory)
    }

    /// The project `options` names, or the registered one around the current directory; with `showWarnings`, the
    /// manifest's warnings go to stderr.
    static func project(_ options: ProjectOptions, harness: Harness, showWarnings: Bool = false) throws -> ProjectContext {
        let context = try harness.project(named: options.project, from: currentDirectory)
        if showWarnings { context.manifest.warnings.forEach { harness.console.warning($0) } }
        return context
    }

    /// Splits `[REV] [BENCH…]` words: a first word that names no benchmark of `manifest` is the revision, unless one
    /// was given explicitly (`--rev`, `--base`) for a revision that could be taken for a benchmark.
    static func revisionAndBenchmarks(_ words: [String], explicit: String?, manifest: Manifest) -> (revision: String?, benchmarks: [String]) {
        guard explicit == nil, let first = words.first, manifest.benchmark(named: first) == nil else { return (explicit, words) }
        return (first, Array(words.dropFirst()))
    }

    /// Runs `body` with the revision taken from `[REV] [BENCH…]`; when that word resolves to no commit but is one
    /// edit from a benchmark name (`check count_sped`), the error says which benchmark it most likely meant.
    static func suggestingBenchmark<T>(for revision: String?, explicit: String?, manifest: Manifest, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch GitError.unknownRevision(let word) where explicit == nil && word == revision {
            let names = manifest.benchmarks.map(\.name)
            guard let nearest = Suggestion.nearest(to: word, among: names) else { throw GitError.unknownRevision(word) }
            throw failure("'\(word)' is neither a revision nor a benchmark; did you mean \(nearest)?", exitCode: ExitStatus.usage)
        }
    }

    /// Says `git-bench: error: <message>` and returns the exit code for the caller to throw.
    static func failure(_ message: String, exitCode: Int32) -> ExitCode {
        console.error(message)
        return ExitCode(exitCode)
    }

    /// Runs `body`; any thrown library error becomes `git-bench: error: …` and its exit code.
    static func perform(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let error as ValidationError {
            throw error
        } catch {
            throw failure("\(error)", exitCode: ExitStatus.code(for: error))
        }
    }
}
