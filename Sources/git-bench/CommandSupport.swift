import ArgumentParser
import Foundation
import GitBenchKit

/// Options every project-scoped command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: "Use this registered project instead of the one around the current directory.")
    var project: String?

    @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
    var json = false
}

/// Builds the harness, turns library errors into one stderr line and a sysexits code.
enum CLI {
    /// The harness under `$GIT_BENCH_HOME`, else `git config bench.home` of the repository around the current
    /// directory (or the user's git config outside one), else the default home.
    static func harness(json: Bool) throws -> Harness {
        try Harness(home: config().home, console: .standard(showsProgress: !json))
    }

    /// git-bench's git configuration as seen from the current directory.
    static func config() throws -> BenchConfig {
        try BenchConfig.load(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    static func project(_ options: ProjectOptions, harness: Harness, showWarnings: Bool = false) throws -> ProjectContext {
        let context = try harness.project(named: options.project, from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        if showWarnings { context.manifest.warnings.forEach { harness.console.warning($0) } }
        return context
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
            FileHandle.standardError.write(Data("git-bench: error: \(error)\n".utf8))
            throw ExitCode(ExitStatus.code(for: error))
        }
    }

    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
