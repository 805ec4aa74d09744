import ArgumentParser
import Foundation
import GitBenchKit

struct MarkShippedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark-shipped",
        abstract: "Mark a cycle's shipped runs with a ship label: a run set, or benchmark-results/ project directories.",
        discussion: """
            TARGET is a run-set id, a project directory, or a project directory name (with or without astrocyte-) matched \
            under every benchmark-results/<harness>/<bench>/, so one call marks a condition across benches. Directories get \
            _SHIP_LABEL.json; run sets an append-only label event. archive refresh-labels carries the label into the \
            manifests and badges; tag-shipped writes the bench/<label> tag.
            Example: git bench mark-shipped m19-b1-dp-rrf-run-1 --label m19 --rationale "B1 ships: +2.1pp on LoCoMo"
            """)

    @Argument(help: "A run-set id, a project directory, or a project directory name.")
    var target: String

    @Option(name: .long, help: "The cycle's label: lowercase letters, digits, '.' and '-' (e.g. m19).")
    var label: String

    @Option(name: .long, help: "Why this condition ships (goes into the manifests and the tag message).")
    var rationale: String?

    @Flag(name: .long, help: "Relabel a target that carries another label.")
    var force = false

    @Flag(name: .long, help: "Label a run that is not archived yet (its label cannot reach the manifests until it is).")
    var allowUnarchived = false

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let marked = try harness.markShipped(target, label: label, rationale: rationale, force: force, allowUnarchived: allowUnarchived,
                                                 in: project, currentDirectory: CLI.currentDirectory)
            try options.output.print(["marked": marked]) {
                (marked.isEmpty ? "\(target) already carries \(label)\n" : marked.map { "marked \($0) as \(label)\n" }.joined())
                    + "next: git bench archive refresh-labels (manifests and badges), git bench tag-shipped \(label)\n"
            }
        }
    }
}

struct UnmarkShippedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmark-shipped",
        abstract: "Take the ship label off a run set or benchmark-results/ project directories.",
        discussion: """
            The run set's label history keeps the unmark; a directory loses its _SHIP_LABEL.json. archive refresh-labels \
            removes the label from the manifests.
            Example: git bench unmark-shipped m19-b1-dp-rrf-run-1
            """)

    @Argument(help: "A run-set id, a project directory, or a project directory name.")
    var target: String

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let unmarked = try harness.unmarkShipped(target, in: project, currentDirectory: CLI.currentDirectory)
            try options.output.print(["unmarked": unmarked]) {
                unmarked.isEmpty ? "\(target) carries no ship label\n" : unmarked.map { "unmarked \($0)\n" }.joined()
            }
        }
    }
}
