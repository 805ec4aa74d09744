import ArgumentParser
import Foundation
import GitBenchKit

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure unchanged code to learn its noise, drift, and the repetitions each gate needs.",
        discussion: """
            Runs 2 x --pairs repetitions at HEAD (stored, never judged as a candidate, the baseline untouched) and reports \
            CV, robust CV (MAD), the share of outliers, drift (second half against the first, and a Mann-Kendall trend \
            test), and, by resampling those repetitions, the power of each calibrated gate at the manifest's sizes to \
            PROMOTE an improvement of --detect, with the repetitions a side for 80% and 95% power. A drifting machine \
            gets the advice to use `git bench ab`.
            Example: git bench calibrate compress_speed --pairs 15 --detect 2%
            """)

    @Argument(help: "The benchmark.", completion: .benchmarks)
    var benchmark: String

    @Option(name: .long, help: "A/A pairs to measure (2 x pairs repetitions, at least 4).")
    var pairs = 10

    @Option(name: .long, help: "The improvement to plan for, as a percentage (5% or 5) or a fraction (0.05).")
    var detect = "5%"

    @Option(name: .long, help: "Stop adding repetitions after this many seconds (the first 4 always run).")
    var budgetSeconds: Double?

    @Option(name: .long, help: "The meta seed the repetitions draw their seeds from (default: random).")
    var metaSeed: Int64?

    @Flag(name: .long, help: "Measure even with uncommitted changes.")
    var allowDirty = false

    @OptionGroup var options: ProjectOptions

    /// "5%", "5" → 0.05; "0.05" → 0.05.
    static func fraction(_ text: String) -> Double? {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(trimmed), value.isFinite, value > 0 else { return nil }
        let fraction = text.hasSuffix("%") || value >= 1 ? value / 100 : value
        return fraction < 1 ? fraction : nil
    }

    func validate() throws {
        if pairs < 2 { throw ValidationError("'--pairs' must be at least 2") }
        if pairs > 50_000 { throw ValidationError("'--pairs' must be at most 50000") }
        if Self.fraction(detect) == nil { throw ValidationError("'--detect' must be a change between 0 and 100%, like 5% or 0.05 (got '\(detect)')") }
        if let budgetSeconds, !(budgetSeconds > 0) { throw ValidationError("'--budget-seconds' must be greater than 0") }
    }

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let request = CalibrateRequest(benchmark: benchmark, pairs: pairs, detect: Self.fraction(detect) ?? 0.05, budgetSeconds: budgetSeconds,
                                           metaSeed: metaSeed, allowDirty: allowDirty)
            let report = try harness.calibrate(request, in: project)
            try options.output.print(report) { CalibrationText.render(report) }
        }
    }
}
