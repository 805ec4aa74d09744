import ArgumentParser
import GitBenchKit

/// Flags shared by `run` and `baseline establish`.
struct RunFlags: ParsableArguments {
    @Option(name: .short, parsing: .unconditional, help: "Number of repetitions (default: the manifest's repetitions, or all baseline_seeds).")
    var n: Int?

    @Flag(name: .long, help: "Run on a dirty tree; the diff is kept (0600) and the rows are marked dirty.")
    var allowDirty = false

    @Flag(name: .long, help: "Also write <run-set-id>.zip (lossless) beside each run set's directory.")
    var compress = false

    @Flag(help: nil)
    var placement: RunPlacement?

    func validate() throws {
        if let n, !(1...Benchmark.maximumRepetitions).contains(n) {
            throw ValidationError("'-n' must be between 1 and \(Benchmark.maximumRepetitions) (got \(n))")
        }
    }
}
