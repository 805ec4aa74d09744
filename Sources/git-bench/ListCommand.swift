import ArgumentParser
import Foundation
import GitBenchKit

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the project's benchmarks: tier, repetitions, threads, gpu and corpus state.",
        discussion: "Example: git bench list --json")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness, showWarnings: true)
            let rows = project.manifest.benchmarks.map {
                BenchmarkRow(name: $0.name, tier: $0.tier.rawValue, repetitions: $0.repetitions, threads: $0.threads, gpu: $0.gpu.rawValue,
                             corpus: CorpusFingerprint.status(of: $0, projectRoot: project.root).rawValue)
            }
            if options.output.json {
                try CLI.printJSON(ProjectListing(project: project.name, path: project.root.path, benchmarks: rows))
                return
            }
            print("\(project.name)  \(project.root.path)")
            let width = max(9, rows.map(\.name.count).max() ?? 0)
            print("  " + "benchmark".padding(toLength: width, withPad: " ", startingAt: 0) + "  tier         reps  threads  gpu     corpus")
            for row in rows {
                print("  " + row.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                      + row.tier.padding(toLength: 11, withPad: " ", startingAt: 0) + "  "
                      + String(row.repetitions).padding(toLength: 4, withPad: " ", startingAt: 0) + "  "
                      + String(row.threads).padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                      + row.gpu.padding(toLength: 6, withPad: " ", startingAt: 0) + "  " + row.corpus)
            }
        }
    }
}

private struct ProjectListing: Encodable {
    var project: String
    var path: String
    var benchmarks: [BenchmarkRow]
}

private struct BenchmarkRow: Encodable {
    var name: String
    var tier: String
    var repetitions: Int
    var threads: Int
    var gpu: String
    var corpus: String
}
