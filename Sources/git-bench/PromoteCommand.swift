import ArgumentParser
import Foundation
import GitBenchKit

struct PromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Move the baseline pointer to the candidate group at HEAD when its verdict is PROMOTE.",
        discussion: """
            The pointer records the group's meta seed, so the next evaluate at the new commit reads those runs as baseline.
            Example: git bench promote compress_speed --notes "faster match finder"
            """)

    @Argument(help: "The benchmark.", completion: .benchmarks)
    var benchmark: String

    @Flag(name: .long, help: "Move the pointer even if the verdict is not PROMOTE.")
    var force = false

    @Option(name: .long, help: "Which candidate group to promote when HEAD has several.")
    var metaSeed: Int64?

    @Option(name: .long, help: "A note kept with the pointer event.")
    var notes: String?

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let promotion = try harness.promote(benchmark, in: project, metaSeed: metaSeed, force: force, notes: notes)
            let view = PromotionView(verdict: promotion.verdict, event: promotion.event)
            try options.output.print(view) { view.text }
        }
    }
}
