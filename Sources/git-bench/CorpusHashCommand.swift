import ArgumentParser
import Foundation
import GitBenchKit

struct CorpusHashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus-hash",
        abstract: "Print the sha256:… digest a benchmark's corpus_hash should hold for the corpus on disk now.",
        discussion: """
            Computed as register, run and the freshness check verify it, from corpus_path and corpus_type. Works in an \
            unregistered repository too, so a wrong pin that makes register refuse can be fixed. Exit 66 when nothing is \
            at corpus_path, 65 when the fingerprint refuses it (outside the repository, a device or FIFO).

            Example: git bench corpus-hash solve_time
            """)

    @Argument(help: "The benchmark whose corpus to hash.")
    var benchmark: String

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let hash = try harness.corpusHash(of: benchmark, project: options.project, from: CLI.currentDirectory)
            try options.output.print(hash) { hash.digest + "\n" }
        }
    }
}
