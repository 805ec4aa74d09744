import ArgumentParser
import Foundation
import GitBenchKit

struct ABCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ab",
        abstract: "Measure BASE and HEAD alternately (A B B A …) and judge the pair; the exit code is the verdict.",
        discussion: """
            BASE (default: each benchmark's baseline pointer commit) runs in a temporary worktree, HEAD in the working tree, \
            one repetition at a time in blocks A B B A with the same seed on both sides, so a machine that drifts (warms \
            up, throttles, gets busy) hits both sides alike. Each block's contrast cancels a linear drift; the sign-flip \
            test of the contrasts decides at alpha = 1 - Phi(threshold). Repetitions a side are rounded up to an even \
            number of at least 4. Both sides are stored as linked run sets; evaluate, check and promote at HEAD judge the \
            pair the same way, and promote moves the pointer to HEAD's side.
            Exit codes: 0 PROMOTE, 1 REJECT, 2 NEEDS_MORE_DATA.
            Example: git bench ab main compress_speed -n 10
            """)

    @Argument(help: ArgumentHelp(
        "An optional revision for the A side, then benchmarks (default: all stochastic). A first word naming a benchmark is a benchmark.",
        valueName: "base-and-benchmarks"), completion: .benchmarks)
    var words: [String] = []

    @Option(name: .long, help: "The A side's revision, when its name could be taken for a benchmark.")
    var base: String?

    @Option(name: [.customShort("n"), .long], parsing: .unconditional, help: "Repetitions a side (default: the manifest's), rounded up to an even number of at least 4.")
    var repetitions: Int?

    @Option(name: .long, help: "The meta seed both sides draw their seeds from (default: random).")
    var metaSeed: Int64?

    @Flag(name: .long, help: "Measure HEAD even with uncommitted changes (the rows are marked dirty).")
    var allowDirty = false

    @Option(name: .long, help: "A note kept with both run sets.")
    var notes: String?

    @Flag(name: .customLong("no-note"), help: "Do not write the verdicts to HEAD's note.")
    var noNote = false

    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if let repetitions, !(1...Benchmark.maximumRepetitions).contains(repetitions) {
            throw ValidationError("'-n' must be between 1 and \(Benchmark.maximumRepetitions) (got \(repetitions))")
        }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness, showWarnings: true)
            let (revision, names) = CLI.revisionAndBenchmarks(words, explicit: base, manifest: project.manifest)
            let request = ABRequest(base: revision, benchmarks: names, repetitions: repetitions, metaSeed: metaSeed, allowDirty: allowDirty,
                                    notes: notes)
            let outcome = try CLI.suggestingBenchmark(for: revision, explicit: base, manifest: project.manifest) {
                try harness.ab(request, in: project, recordsNote: !noNote)
            }
            try options.output.print(["pairs": outcome.pairs]) { ABView.render(outcome.pairs) }
            if let warning = outcome.note.warning { harness.console.warning(warning) }
            let code = ExitStatus.code(for: outcome.verdicts, expecting: nil)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
