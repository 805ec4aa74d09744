import ArgumentParser
import Foundation
import GitBenchKit

extension RunRequest.SeedSet: ExpressibleByArgument {}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run benchmarks at HEAD and store every repetition.",
        discussion: """
            Seeds come from a meta seed (given or random) unless --seed-set baseline is used.
            With --changed-since, a benchmark whose manifest `paths` match nothing changed since REV is skipped.
            Example: git bench run compress_speed --meta-seed 42
            """)

    @Argument(help: "Benchmarks to run (default: all).", completion: .benchmarks)
    var benchmarks: [String] = []

    @Option(name: .long, help: "Which seeds to use.")
    var seedSet: RunRequest.SeedSet = .fresh

    @Option(name: .long, help: "Meta seed for the fresh seed stream (default: random 63-bit).")
    var metaSeed: Int64?

    @Option(name: .long, help: ArgumentHelp("Skip benchmarks whose paths saw no change between REV and HEAD.", valueName: "REV"))
    var changedSince: String?

    @Flag(name: .long, help: "After the planned repetitions, add batches until the verdict is decided (group-sequential, see README).")
    var untilDecided = false

    @Option(name: .long, help: "With --until-decided: the most repetitions per benchmark (default: 4 x the planned repetitions).")
    var budget: Int?

    @OptionGroup var flags: RunFlags
    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if budget != nil && !untilDecided { throw ValidationError("'--budget' applies only with '--until-decided'") }
        if let budget, budget < (flags.n ?? 1) { throw ValidationError("'--budget' must be at least the planned repetitions (got \(budget))") }
        if let budget, budget > Benchmark.maximumRepetitions {
            throw ValidationError("'--budget' must be at most \(Benchmark.maximumRepetitions) (got \(budget))")
        }
        if untilDecided && seedSet == .baseline { throw ValidationError("'--until-decided' needs '--seed-set fresh': baseline seeds are a fixed list") }
        if let metaSeed, metaSeed < 0 { throw ValidationError("'--meta-seed' must be non-negative (got \(metaSeed))") }
        if metaSeed != nil && seedSet == .baseline { throw ValidationError("'--meta-seed' applies only to '--seed-set fresh'") }
    }

    func run() throws {
        try CLI.perform {
            Interrupts.shared.install()
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness, showWarnings: true)
            let request = RunRequest(benchmarks: benchmarks, seedSet: seedSet, metaSeed: metaSeed, repetitions: flags.n, allowDirty: try flags.allowsDirty(in: project),
                                     changedSince: changedSince, compress: flags.compress, untilDecided: untilDecided, budget: budget)
            guard let runSets = try RunDispatch.run(request, in: project, harness: harness, placement: flags.placement, format: options.output.format) else { return }
            try RunOutput.print(runSets, format: options.output.format)
            try RunOutput.failIfAnyRepetitionFailed(runSets)
            // With --until-decided the run ends in a verdict, and the exit code says which (0, 1 or 2).
            let verdicts = runSets.compactMap(\.verdict)
            if untilDecided, !verdicts.isEmpty, ExitStatus.code(for: verdicts) != 0 { throw ExitCode(ExitStatus.code(for: verdicts)) }
        }
    }
}
