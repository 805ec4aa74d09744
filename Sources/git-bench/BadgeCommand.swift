import ArgumentParser
import Foundation
import GitBenchKit

struct BadgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "badge",
        abstract: "Print a benchmark's shields.io endpoint JSON, by the archive's rules, without uploading anything.",
        discussion: """
            The newest BENCH_PARITY.yaml release scoring the bench wins, then the newest ship-label group, then the latest \
            run: a benchmark of this project from its stored run sets, any other bench from the archive's runs. \
            Exits 66 when nothing has a number for it.
            Example: git bench badge compress_speed --output public/badges/compress_speed.json
            """)

    @Argument(help: "The benchmark or archived bench.", completion: .benchmarks)
    var bench: String

    @Option(name: .long, help: "Write the JSON to this file (replaced atomically) instead of stdout.")
    var output: String?

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let configuration = try harness.archiveConfiguration(from: project.root)
            guard let badge = try harness.badge(bench, in: project, configuration: configuration) else {
                throw CLI.failure("no badge for \(bench): no release, ship label or run has a number for it yet; `git bench run \(bench)` measures it",
                                  exitCode: 66)
            }
            let data = try badge.encoded()
            guard let output else { return FileHandle.standardOutput.write(data) }
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        }
    }
}
