import ArgumentParser
import Foundation
import GitBenchKit

struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Manage baselines.",
        subcommands: [EstablishCommand.self, ShowCommand.self])

    struct EstablishCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "establish",
            abstract: "Run the manifest's baseline_seeds and point the baseline at the result.",
            discussion: """
                With --at-sha the run happens in a temporary worktree at that commit, using that commit's manifest;
                the worktree and its branch are removed afterwards, even on failure or Ctrl-C.
                Example: git bench baseline establish compress_speed --at-sha HEAD~3
                """)

        @Argument(help: "The benchmark.", completion: .benchmarks)
        var benchmark: String

        @Option(name: .long, help: "Establish at this commit instead of HEAD.")
        var atSha: String?

        @Option(name: .long, help: "A note kept with the pointer event.")
        var notes: String?

        @Flag(name: .long, help: "Move the pointer even when the new baseline has fewer ok runs than the gate needs and the current one is usable.")
        var force = false

        @OptionGroup var flags: RunFlags
        @OptionGroup var options: ProjectOptions

        func run() throws {
            try CLI.perform {
                Interrupts.shared.install()
                let harness = try CLI.harness(for: options.output)
                let project = try CLI.project(options, harness: harness, showWarnings: true)
                let request = RunRequest(benchmarks: [benchmark], seedSet: .baseline, repetitions: flags.n, allowDirty: try flags.allowsDirty(in: project),
                                         atRevision: atSha, establishesBaseline: true, notes: notes, compress: flags.compress,
                                         forcesBaseline: force)
                guard let runSets = try RunDispatch.run(request, in: project, harness: harness, placement: flags.placement, format: options.output.format) else { return }
                try RunOutput.print(runSets, format: options.output.format)
                try RunOutput.failIfAnyRepetitionFailed(runSets)
            }
        }
    }

    struct ShowCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show where each baseline points: commit, how and when it got there, its ok runs and their mean.",
            discussion: """
                A baseline is a snapshot of the runs it was made from; rows stored later at its commit never join it.
                Example: git bench baseline show compress_speed --json
                """)

        @Argument(help: "Benchmarks (default: every benchmark that has a baseline pointer, i.e. all but correctness).", completion: .benchmarks)
        var benchmarks: [String] = []

        @Flag(name: .long, help: "Show the baseline of any host (default: this host's).")
        var anyHost = false

        @OptionGroup var options: ProjectOptions

        func run() throws {
            try CLI.perform {
                let harness = try CLI.harness(for: options.output)
                let project = try CLI.project(options, harness: harness)
                let states = try harness.baselineStates(benchmarks, in: project, options: EvaluateOptions(anyHost: anyHost))
                try options.output.print(["baselines": states]) { BaselineStateText.render(states) }
            }
        }
    }
}
