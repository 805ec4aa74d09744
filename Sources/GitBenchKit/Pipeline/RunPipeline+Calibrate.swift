import Foundation

/// What `git bench calibrate` measures.
public struct CalibrateRequest: Sendable, Equatable {
    public var benchmark: String
    /// A/A pairs to measure: 2 × pairs repetitions at HEAD (default 10 pairs).
    public var pairs: Int
    /// The improvement to plan for, as a fraction (0.05 = 5%).
    public var detect: Double
    /// Stop adding repetitions once this much time has gone (at least the first 4 always run).
    public var budgetSeconds: Double?
    public var metaSeed: Int64?
    public var allowDirty: Bool

    public init(benchmark: String, pairs: Int = 10, detect: Double = 0.05, budgetSeconds: Double? = nil, metaSeed: Int64? = nil,
                allowDirty: Bool = false) {
        self.benchmark = benchmark
        self.pairs = pairs
        self.detect = detect
        self.budgetSeconds = budgetSeconds
        self.metaSeed = metaSeed
        self.allowDirty = allowDirty
    }
}

/// What `calibrate` found: the noise of unchanged code, and for each gate its power at the manifest's sizes and the
/// repetitions a side it needs for 80% and 95% power to PROMOTE an improvement of `detect`.
public struct CalibrationReport: Sendable, Codable {
    public struct GateAdvice: Sendable, Codable, Equatable {
        public var gate: String
        public var baseline: Int
        public var candidate: Int
        public var power: Double
        public var repetitionsFor80: Int?
        public var repetitionsFor95: Int?

        enum CodingKeys: String, CodingKey {
            case gate, baseline, candidate, power
            case repetitionsFor80 = "repetitions_for_80"
            case repetitionsFor95 = "repetitions_for_95"
        }
    }

    public var project: String
    public var benchmark: String
    public var commit: ObjectID
    public var runSets: [RunSetID]
    public var profile: NoiseProfile
    public var detect: Double
    public var alpha: Double
    public var gates: [GateAdvice]
    /// One sentence: which gate, how many repetitions, and whether to use `ab`.
    public var recommendation: String

    enum CodingKeys: String, CodingKey {
        case project, benchmark, commit
        case runSets = "run_sets"
        case profile, detect, alpha, gates, recommendation
    }
}

extension RunPipeline {
    /// Resampled pairs behind each power figure.
    static let calibrationTrials = 300

    /// `git bench calibrate`: measures 2 × `pairs` repetitions of HEAD as it is (stored, marked so no verdict ever
    /// judges them, never touching the baseline), then profiles their noise and estimates each calibrated gate's power
    /// by resampling them. With `budgetSeconds`, the first 4 repetitions time the benchmark and the rest are cut to fit.
    public func calibrate(_ request: CalibrateRequest, in project: ProjectContext) throws -> CalibrationReport {
        let benchmark = try project.benchmark(named: request.benchmark)
        guard benchmark.tier != .correctness else { throw HarnessError.notStochastic(benchmark: benchmark.name) }
        let total = max(4, 2 * request.pairs)
        let started = Date()
        var first = RunRequest(benchmarks: [benchmark.name], metaSeed: request.metaSeed ?? SeedPlan.randomMetaSeed(),
                               repetitions: request.budgetSeconds == nil ? total : min(4, total), allowDirty: request.allowDirty)
        first.calibrates = true
        var runSets = try run(first, in: project).runSets
        if let budget = request.budgetSeconds, total > 4 {
            let perRepetition = Date().timeIntervalSince(started) / 4
            let fits = perRepetition > 0 ? Int((budget - Date().timeIntervalSince(started)) / perRepetition) : total - 4
            let more = min(total - 4, max(0, fits))
            if more > 0 {
                var rest = first
                rest.metaSeed = (first.metaSeed ?? 0) &+ 1
                rest.repetitions = more
                runSets += try run(rest, in: project).runSets
            } else {
                console.progress("calibrate: the budget of \(String(format: "%g", budget)) s is spent after 4 repetitions")
            }
        }
        // In the order they were measured, so a drift shows as a trend.
        let values = runSets.flatMap(\.records).sorted { $0.id < $1.id }.counting.filter { $0.status == .ok }.compactMap(\.metric)
        guard let profile = NoiseProfile.of(values) else {
            throw HarnessError.policy("calibrate \(benchmark.name): only \(values.count) ok repetition(s) of \(total); it needs 4 to say anything")
        }
        let threshold = benchmark.promotionThreshold ?? Gate.fallbackThreshold
        let nb = max(benchmark.baselineSeeds.count, 2)
        let nc = max(benchmark.repetitions, 2)
        let gates: [(String, GatePolicy)] = [("sigma", .sigma), ("mann_whitney", .mannWhitney)]
        let advice = gates.map { name, policy -> CalibrationReport.GateAdvice in
            var gated = benchmark
            gated.gatePolicy = policy
            gated.gateCompat = .calibrated
            gated.promotionSigma = threshold
            gated.promotionZ = threshold
            let trials = Self.calibrationTrials
            return CalibrationReport.GateAdvice(
                gate: name, baseline: nb, candidate: nc,
                power: PowerEstimate.estimate(values: values, benchmark: gated, baseline: nb, candidate: nc, effect: request.detect,
                                              trials: trials, seed: 1),
                repetitionsFor80: PowerEstimate.repetitionsNeeded(values: values, benchmark: gated, effect: request.detect, target: 0.8, trials: trials),
                repetitionsFor95: PowerEstimate.repetitionsNeeded(values: values, benchmark: gated, effect: request.detect, target: 0.95, trials: trials))
        }
        let commit = try runSets.first?.commit ?? Repository.open(at: project.root).headCommit()
        return CalibrationReport(project: project.name, benchmark: benchmark.name, commit: commit, runSets: runSets.map(\.id), profile: profile,
                                 detect: request.detect, alpha: Gate.alpha(threshold: threshold), gates: advice,
                                 recommendation: Self.recommendation(profile: profile, advice: advice, current: benchmark, detect: request.detect))
    }

    /// Which gate to use with how many repetitions a side, and `ab` when the machine drifts.
    static func recommendation(profile: NoiseProfile, advice: [CalibrationReport.GateAdvice], current: Benchmark, detect: Double) -> String {
        let effect = String(format: "%g%%", detect * 100)
        let reachable = advice.compactMap { gate in gate.repetitionsFor80.map { (gate, $0) } }
        var sentence: String
        if let (best, n) = reachable.min(by: { $0.1 < $1.1 }) {
            let for95 = best.repetitionsFor95.map { ", \($0) for 95%" } ?? ""
            sentence = "to see \(effect) with 80% power use gate_policy = \"\(best.gate)\" with \(n) repetitions a side\(for95) "
                + "(repetitions = \(n), \(n) baseline_seeds; now \(current.baselineSeeds.count)/\(current.repetitions))"
        } else {
            sentence = "no gate sees \(effect) with 80% power within \(PowerEstimate.grid.last ?? 0) repetitions a side at this noise; "
                + "reduce the noise or plan for a larger effect"
        }
        if profile.drifts {
            sentence += String(format: "; the machine drifts (%+.2f%% per repetition, trend p %.3g): measure with `git bench ab`, which cancels it",
                               (profile.trendPerRepetition ?? 0) * 100, profile.trendPValue ?? 1)
        }
        return sentence
    }
}
