import ArgumentParser
import Foundation
import GitBenchKit

struct FreezeReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freeze-reference",
        abstract: "Freeze a correctness run's artifact as the reference (refuses if one exists).",
        discussion: "Example: git bench run roundtrip && git bench freeze-reference roundtrip")

    @Argument(help: "The correctness benchmark.", completion: .benchmarks)
    var benchmark: String

    @Option(name: .long, help: "Freeze this run's artifact (default: the newest ok run at HEAD).")
    var fromRun: Int64?

    @Option(name: .long, help: "A note kept with the reference event.")
    var notes: String?

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let event = try harness.freezeReference(benchmark, in: project, fromRun: fromRun, notes: notes)
            try options.output.print(event) { ReferenceEventLine.render(event) }
        }
    }
}

struct ReplaceReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replace-reference",
        abstract: "Replace a correctness reference; the reason is logged append-only.",
        discussion: "Example: git bench replace-reference roundtrip --reason \"output format v2\"")

    @Argument(help: "The correctness benchmark.", completion: .benchmarks)
    var benchmark: String

    @Option(name: .long, help: "Why the reference changes (required, not blank).")
    var reason: String

    @Option(name: .long, help: "Take this run's artifact (default: the newest ok run at HEAD).")
    var fromRun: Int64?

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("'--reason' must not be blank") }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let event = try harness.replaceReference(benchmark, in: project, reason: reason, fromRun: fromRun)
            try options.output.print(event) { ReferenceEventLine.render(event) }
        }
    }
}
