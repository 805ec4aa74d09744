import ArgumentParser
import Foundation
import GitBenchKit

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a run set's directory: schema markers and versions, required files, every recorded SHA-256 and size.",
        discussion: """
            Exit 0 when valid; 65 names the first problem. A directory without git-bench's marker, or with another \
            schema version, fails at once instead of being read as something it is not.

            Example: git bench validate ~/.local/share/git-bench/runs/zstd-lite/compress_speed/bench_1a2b3c4d_20260301_120000
            """)

    @Argument(help: "The run set's directory.")
    var directory: String

    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.perform {
            let validation = RunDirValidator.validate(URL(fileURLWithPath: directory))
            // The JSON record describes an invalid directory too, before the error names its problem.
            try output.print(validation) { RunSetValidationLine.render(validation) }
            if let error = validation.error { throw error }
        }
    }
}
