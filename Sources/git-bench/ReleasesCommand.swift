import ArgumentParser
import Foundation
import GitBenchKit

struct ReleasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "releases",
        abstract: "Show BENCH_PARITY.yaml: each released package version, its bench cycle and scores, newest first.",
        discussion: """
            Reads BENCH_PARITY.yaml at the root of the repository around the current directory. Each score shows its change \
            from the package's previous release (percentage points for fractions); no file means no release yet.
            Example: git bench releases --json
            """)

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let repository = try Repository.discover(from: CLI.currentDirectory)
            guard let root = repository.workdir else {
                throw CLI.failure("\(BenchParity.fileName) lives in a work tree; this repository is bare", exitCode: ExitStatus.noInput)
            }
            let url = root.appendingPathComponent(BenchParity.fileName)
            let history = ReleaseHistory(try BenchParity.read(from: url))
            let exists = FileManager.default.fileExists(atPath: url.path)
            try output.print(history) { ReleasesTable.render(history, fileExists: exists) }
        }
    }
}
