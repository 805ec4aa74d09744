import Foundation

/// Where a sequential verdict was reached: which look, at what adjusted threshold.
public struct SequentialLook: Sendable, Equatable, Codable {
    /// 1-based number of the look the verdict comes from.
    public var look: Int
    /// How many looks the budget allows.
    public var plannedLooks: Int
    /// Candidate repetitions planned by this look (ok or not).
    public var repetitions: Int
    /// The most candidate repetitions the procedure may run.
    public var budget: Int
    public var informationFraction: Double
    /// The manifest's threshold (fixed-sample).
    public var nominalThreshold: Double
    /// The look's level (its increment of the spending function) as a z: `Φ⁻¹(1 − level)`.
    public var designBoundary: Double
    /// Welch–Satterthwaite degrees of freedom of the look (sigma gate); nil for Mann–Whitney or when infinite.
    public var degreesOfFreedom: Double?
    /// The threshold this look used: the design boundary, whose level a calibrated gate judges with its own test; under
    /// `gate_compat = "benchstone"` the boundary carried to the t distribution with `degreesOfFreedom` (same one-sided
    /// p-value), so benchstone's z does not spend more than the look's share.
    public var adjustedThreshold: Double
    /// Overall one-sided type-I error, `1 − Φ(nominalThreshold)`.
    public var alpha: Double
    /// `SequentialDesign.method`.
    public var method: String
    /// Why the looks stopped: "decided", "budget" or "cannot improve" (no baseline, baseline below its floor, undefined change).
    public var stoppedBecause: String

    public init(look: Int, plannedLooks: Int, repetitions: Int, budget: Int, informationFraction: Double, nominalThreshold: Double,
                designBoundary: Double, degreesOfFreedom: Double?, adjustedThreshold: Double, alpha: Double, method: String, stoppedBecause: String) {
        self.look = look
        self.plannedLooks = plannedLooks
        self.repetitions = repetitions
        self.budget = budget
        self.informationFraction = informationFraction
        self.nominalThreshold = nominalThreshold
        self.designBoundary = designBoundary
        self.degreesOfFreedom = degreesOfFreedom
        self.adjustedThreshold = adjustedThreshold
        self.alpha = alpha
        self.method = method
        self.stoppedBecause = stoppedBecause
    }

    enum CodingKeys: String, CodingKey {
        case look
        case plannedLooks = "planned_looks"
        case repetitions, budget
        case informationFraction = "information_fraction"
        case nominalThreshold = "nominal_threshold"
        case designBoundary = "design_boundary"
        case degreesOfFreedom = "degrees_of_freedom"
        case adjustedThreshold = "adjusted_threshold"
        case alpha, method
        case stoppedBecause = "stopped_because"
    }
}

/// `run --until-decided` as a pure procedure: looks at the candidate after the planned repetitions and after each
/// further batch, judging each look against the group-sequential threshold of `SequentialDesign`, until the verdict is
/// decided or the budget is spent.
///
/// A look is decided when it PROMOTEs at its adjusted threshold (and clears `min_effect`), or when the 95% interval of
/// the relative change lies entirely on the non-improving side of the decision boundary (`min_effect`, or 0), so more
/// repetitions could not turn it into a PROMOTE worth having. Everything else — too few candidate values, an interval
/// that straddles the boundary, or an interval that clears it while z is still below the stricter threshold — asks for
/// another batch. With no baseline, a baseline below its floor or an undefined change, more candidate repetitions cannot
/// help, so the procedure stops at once.
public struct SequentialProcedure: Sendable, Equatable {
    /// Candidate repetitions planned at each look: planned, planned + batch, …, budget.
    public let schedule: [Int]
    public let budget: Int
    /// The manifest's (fixed-sample) threshold.
    public let nominalThreshold: Double
    /// The boundaries for this schedule against a baseline of the given size; nil when no design can be built
    /// (then every look uses the nominal threshold, which only happens for a single look or no baseline).
    public let design: SequentialDesign?

    /// The most looks a procedure takes. Each look judges every candidate value so far, so the looks of a budget cost
    /// about looks × budget; beyond this many the batches grow instead (`--budget 100000` with 1 planned repetition would
    /// otherwise judge 100,000 growing samples). Its O'Brien–Fleming levels are all but zero before the last looks
    /// anyway, so more looks only buy cost. Schedules of up to this many looks are exactly `planned, planned + batch, …`.
    public static let maximumLooks = 1_000

    /// The schedule `planned, planned + batch, …` capped at `budget` (batch defaults to `planned`, and grows to
    /// ⌈(budget − planned) / (maximumLooks − 1)⌉ when more than `maximumLooks` looks would be needed), with the
    /// boundaries for a baseline of `baselineCount` ok values at `threshold` (the design is computed here, once).
    /// Returns nil when `planned < 1`, `budget < planned` or `batch < 1`.
    public init?(planned: Int, budget: Int, batch: Int? = nil, baselineCount: Int, threshold: Double) {
        guard planned >= 1, budget >= planned, (batch ?? planned) >= 1 else { return nil }
        let least = (budget - planned + Self.maximumLooks - 2) / (Self.maximumLooks - 1)
        let step = max(batch ?? planned, least)
        var schedule = [planned]
        while let last = schedule.last, last < budget { schedule.append(min(last + step, budget)) }
        self.schedule = schedule
        self.budget = budget
        self.nominalThreshold = threshold
        self.design = SequentialDesign(alpha: Gate.upperTailProbability(threshold),
                                       informationFractions: SequentialDesign.informationFractions(baselineCount: max(baselineCount, 1), schedule: schedule))
    }

    /// Runs the looks. `candidate(n)` must make sure the first `n` candidate repetitions have run and return the ok
    /// metrics of all repetitions so far; it is called with increasing `n` from `schedule` and may throw to stop
    /// (an interrupt), which is rethrown. `benchmark` supplies the gate policy, direction, floors and `min_effect`; its
    /// threshold is replaced look by look (the design was built from `nominalThreshold`).
    ///
    /// Returns the verdict of the last look, with `Verdict.sequential` saying which look, the adjusted threshold and
    /// why the looks stopped.
    public func run(project: String, benchmark: Benchmark, baseline: MetricGroup?, host: String?,
                    candidate: (Int) throws -> MetricGroup) rethrows -> Verdict {
        let nominal = nominalThreshold
        var verdict = Verdict(project: project, benchmark: benchmark.name, kind: .needsMoreData, gate: .sigma, reason: "")
        for (index, size) in schedule.enumerated() {
            let group = try candidate(size)
            let boundary = design?.boundaries[index] ?? nominal
            let df = benchmark.gatePolicy == .sigma ? Statistics.welchDegreesOfFreedom(baseline?.metrics ?? [], group.metrics) : nil
            let adjusted = df.map { Self.studentThreshold(boundary, degreesOfFreedom: $0) } ?? boundary
            // A calibrated gate judges the look's level with its own test; benchstone's z needs the boundary moved to
            // the t distribution first.
            let judgedAt = benchmark.gateCompat == .benchstone ? adjusted : boundary
            verdict = Gate.judge(project: project, benchmark: benchmark.withThreshold(judgedAt), baseline: baseline, candidate: group, host: host)
            let stop = Self.stopReason(verdict, benchmark: benchmark, baseline: baseline)
            let isLast = index == schedule.count - 1
            verdict.sequential = SequentialLook(
                look: index + 1, plannedLooks: schedule.count, repetitions: size, budget: budget,
                informationFraction: design?.informationFractions[index] ?? 1, nominalThreshold: nominal, designBoundary: boundary,
                degreesOfFreedom: df, adjustedThreshold: judgedAt,
                alpha: Gate.upperTailProbability(nominal), method: SequentialDesign.method,
                stoppedBecause: stop ?? (isLast ? "budget" : "continuing"))
            if stop != nil || isLast {
                verdict.reason += String(format: " (look %d of %d at %d repetitions; threshold %.3f adjusted to %.3f by %@ alpha spending)",
                                         index + 1, schedule.count, size, nominal, judgedAt, SequentialDesign.method)
                return verdict
            }
        }
        return verdict
    }

    /// The z boundary moved to the t distribution: the t quantile with the same one-sided tail probability.
    ///
    /// The design assumes a normal statistic (known variance). The sigma gate's z divides by estimated standard errors,
    /// and with a fixed baseline of a few values its tails stay those of a t with few degrees of freedom however many
    /// candidate values are added, so later looks would spend more than their share. Applying each look's nominal
    /// significance level to the t distribution is the usual remedy (Jennison & Turnbull 2000, §11.2 and §3.8).
    static func studentThreshold(_ boundary: Double, degreesOfFreedom df: Double) -> Double {
        guard boundary.isFinite else { return boundary }
        // Φ(c) would round to 1 beyond c ≈ 8; such a boundary is never crossed anyway.
        let tail = Statistics.normalCDF(-boundary)
        guard tail > 0 else { return boundary }
        return max(boundary, Statistics.studentTQuantile(1 - tail, degreesOfFreedom: df))
    }

    /// Why this look ends the procedure, or nil to continue.
    static func stopReason(_ verdict: Verdict, benchmark: Benchmark, baseline: MetricGroup?) -> String? {
        switch verdict.kind {
        case .noBaseline, .noReference, .pass, .fail, .stale:
            return "cannot improve"
        case .needsMoreData:
            // Only the candidate grows: a baseline below its floor stays there.
            if let baseline, baseline.metrics.count >= benchmark.baselineFloor { return nil }
            return "cannot improve"
        case .promote:
            return "decided"
        case .reject:
            guard let change = verdict.change else { return "cannot improve" }
            let boundary = benchmark.minEffect ?? 0
            let direction = verdict.direction ?? .minimize
            // The whole interval on the side where the candidate is not (enough) better.
            let isFutile = direction == .minimize ? change.lower >= -boundary : change.upper <= boundary
            return isFutile ? "decided" : nil
        }
    }
}

extension Benchmark {
    /// The same benchmark judged at `threshold` (the one its gate policy reads).
    func withThreshold(_ threshold: Double) -> Benchmark {
        var copy = self
        if gatePolicy == .mannWhitney { copy.promotionZ = threshold } else { copy.promotionSigma = threshold }
        return copy
    }
}
