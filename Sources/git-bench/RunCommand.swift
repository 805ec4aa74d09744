import ArgumentParser
import Foundation
import GitBenchKit

/// Flags shared by `run` and `baseline establish`.
struct RunFlags: ParsableArguments {
    @Option(name: .short, help: "Number of repetitions (default: the manifest's repetitions, or all baseline_seeds).")
    var n: Int?

    @Flag(name: .long, help: "Run on a dirty tree; the diff is kept (0600) and the rows are marked dirty.")
    var allowDirty = false

    func validate() throws {
        if let n, n < 1 { throw ValidationError("'-n' must be at least 1 (got \(n))") }
    }
}

extension RunRequest.SeedSet: ExpressibleByArgument {}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run benchmarks at HEAD and store every repetition.",
        discussion: """
            Seeds come from a meta seed (given or random) unless --seed-set baseline is used.
            Example: git bench run fake_quality --meta-seed 42
            """)

    @Argument(help: "Benchmarks to run (default: all).")
    var benchmarks: [String] = []

    @Option(name: .long, help: "Which seeds to use.")
    var seedSet: RunRequest.SeedSet = .fresh

    @Option(name: .long, help: "Meta seed for the fresh seed stream (default: random 63-bit).")
    var metaSeed: Int64?

    @OptionGroup var flags: RunFlags
    @OptionGroup var options: ProjectOptions

    func validate() throws {
        if let metaSeed, metaSeed < 0 { throw ValidationError("'--meta-seed' must be non-negative (got \(metaSeed))") }
        if metaSeed != nil && seedSet == .baseline { throw ValidationError("'--meta-seed' applies only to '--seed-set fresh'") }
    }

    func run() throws {
        try CLI.perform {
            Interrupts.shared.install()
            let harness = try CLI.harness(json: options.json)
            let project = try CLI.project(options, harness: harness, showWarnings: true)
            let request = RunRequest(benchmarks: benchmarks, seedSet: seedSet, metaSeed: metaSeed, repetitions: flags.n, allowDirty: flags.allowDirty)
            let runSets = try harness.run(request, in: project)
            try RunOutput.print(runSets, json: options.json)
            try RunOutput.failIfAnyRepetitionFailed(runSets)
        }
    }
}

enum RunOutput {
    static func print(_ runSets: [RunSet], json: Bool) throws {
        if json {
            try CLI.printJSON(runSets)
            return
        }
        for runSet in runSets {
            Swift.print("\(runSet.project)/\(runSet.benchmark): \(runSet.okCount) ok, \(runSet.errorCount) error  git_sha=\(runSet.commit.short)"
                        + "  meta_seed=\(runSet.metaSeed.map(String.init) ?? "none")  run_set=\(runSet.id)")
            if let event = runSet.baselineEvent {
                Swift.print("baseline set: \(runSet.project)/\(runSet.benchmark) -> \(event.gitSHA.prefix(10)) (\(runSet.okCount) ok run(s))")
            }
        }
    }

    /// Every repetition is stored either way; a failed one still makes the command exit 65 so scripts notice.
    static func failIfAnyRepetitionFailed(_ runSets: [RunSet]) throws {
        let failed = runSets.flatMap(\.records).filter { $0.status == .error }
        guard let first = failed.first else { return }
        let total = runSets.reduce(0) { $0 + $1.records.count }
        let message = "git-bench: error: \(failed.count) of \(total) repetition(s) failed (stored as error rows); first: "
            + "\(first.project)/\(first.benchmark) rep \(first.repetitionIndex): \(first.message ?? "unknown")\n"
        FileHandle.standardError.write(Data(message.utf8))
        throw ExitCode(ExitStatus.dataError)
    }
}
