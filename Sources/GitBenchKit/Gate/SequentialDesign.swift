import Foundation

/// Group-sequential thresholds for `run --until-decided`: the level each look is judged at so that looking repeatedly
/// at a growing sample keeps the overall false-PROMOTE rate at most the nominal one-sided α.
///
/// Method: α is spent over the looks by the O'Brien–Fleming-type spending function of Lan & DeMets (*Biometrika* 70(3),
/// 1983), one-sided:
///
///     α(t) = 2 − 2 Φ(Φ⁻¹(1 − α/2) / √t),   0 < t ≤ 1,   α(1) = α
///
/// where t is the information fraction of a look, and look k PROMOTEs when its own p-value is at most the increment
/// `α(t_k) − α(t_{k−1})`. The increments add up to α, so by the union bound the chance of any false PROMOTE is at most
/// α whatever the looks' joint distribution — which matters here: the classical boundaries solve for the canonical
/// normal joint distribution (known variance, independent increments), and with a small fixed baseline whose mean and
/// spread every look shares, that distribution is wrong enough to spend 2.4–2.9% where α is 2.275% (BENCHMARKS.md).
/// Each look's p-value comes from the gate's own calibrated test, so each increment is what it says.
///
/// Why O'Brien–Fleming spending: its early looks get almost nothing and its last look most of α, so a run that stops
/// at the budget is judged nearly as a fixed-n run of that size, while a large effect still stops at the first look.
///
/// Spending is on efficacy (PROMOTE) only. Stopping early because the interval already shows no improvement (futility)
/// can only lower the false-PROMOTE rate, so it needs no correction (a non-binding futility rule).
public struct SequentialDesign: Sendable, Equatable, Codable {
    /// The name recorded with every sequential verdict.
    public static let method = "obrien-fleming-spending-per-look"

    /// The overall one-sided type-I error, `1 − Φ(threshold)`.
    public let alpha: Double
    /// The information fraction of each look, strictly increasing, the last ≤ 1 (1 when the look is at the budget).
    public let informationFractions: [Double]
    /// The one-sided level each look is judged at: its increment of the spending function. They add up to α.
    public let levels: [Double]
    /// The same levels as z thresholds, `Φ⁻¹(1 − level)`.
    public let boundaries: [Double]

    enum CodingKeys: String, CodingKey {
        case alpha
        case informationFractions = "information_fractions"
        case levels, boundaries
    }

    /// Computes the levels for looks at `informationFractions`.
    ///
    /// Returns nil when `alpha` is not in (0, 1) or the fractions are empty, not strictly increasing, or outside (0, 1].
    /// The levels of the first k looks depend only on the first k fractions, so a design over a prefix of the looks
    /// gives the same thresholds as the full design (Lan–DeMets's flexibility: looks may be added as they happen).
    public init?(alpha: Double, informationFractions: [Double]) {
        guard alpha > 0, alpha < 1, let first = informationFractions.first, first > 0,
              informationFractions.last.map({ $0 <= 1 + 1e-12 }) == true,
              zip(informationFractions, informationFractions.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        self.alpha = alpha
        self.informationFractions = informationFractions
        var spent = 0.0
        levels = informationFractions.map { t in
            let total = Self.obrienFlemingSpending(alpha: alpha, fraction: t)
            defer { spent = total }
            return total - spent
        }
        boundaries = levels.map { Statistics.normalQuantile(1 - $0) }
    }

    /// The O'Brien–Fleming-type spending function `2 − 2Φ(Φ⁻¹(1 − α/2)/√t)`: the type-I error spent by information
    /// fraction t. 0 at t ≤ 0 and α at t ≥ 1.
    public static func obrienFlemingSpending(alpha: Double, fraction t: Double) -> Double {
        if t <= 0 { return 0 }
        if t >= 1 { return alpha }
        let z = Statistics.normalQuantile(1 - alpha / 2)
        // 2 − 2Φ(x) = 2Φ(−x), which keeps precision when x is large.
        return 2 * Statistics.normalCDF(-z / t.squareRoot())
    }

    /// Information fractions of looks at candidate sizes `schedule` against a fixed baseline of `baselineCount` values.
    ///
    /// The estimate is a difference whose baseline side never grows, so the information of a look at n candidate
    /// values is `1 / (1/n_b + 1/n)` (equal variances, units of 1/σ²); the fraction is that over the information at the
    /// last scheduled size. The nested estimates keep the canonical correlation `√(t_i/t_j)`, because
    /// `Cov(θ̂_i, θ̂_j) = σ²/n_b + σ²/n_j = Var(θ̂_j)` for i < j.
    /// Returns [] when the schedule is empty or holds a non-positive size, or `baselineCount < 1`.
    public static func informationFractions(baselineCount: Int, schedule: [Int]) -> [Double] {
        guard baselineCount >= 1, let last = schedule.last, schedule.allSatisfy({ $0 > 0 }) else { return [] }
        func information(_ n: Int) -> Double { 1 / (1 / Double(baselineCount) + 1 / Double(n)) }
        let maximum = information(last)
        return schedule.map { information($0) / maximum }
    }
}
