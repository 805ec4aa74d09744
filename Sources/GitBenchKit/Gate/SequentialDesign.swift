import Foundation

/// Group-sequential boundaries for `run --until-decided`: the z threshold each look must reach so that looking
/// repeatedly at a growing sample keeps the overall false-PROMOTE rate at the nominal one-sided α.
///
/// Method: the Lan–DeMets alpha-spending approach (Lan & DeMets, *Biometrika* 70(3), 1983) with the O'Brien–Fleming-type
/// spending function, one-sided:
///
///     α(t) = 2 − 2 Φ(Φ⁻¹(1 − α/2) / √t),   0 < t ≤ 1,   α(1) = α
///
/// where t is the information fraction of a look. Look k rejects (PROMOTEs) when `Z_k ≥ c_k`, and `c_k` solves
/// `P(Z_1 < c_1, …, Z_{k-1} < c_{k-1}, Z_k ≥ c_k) = α(t_k) − α(t_{k-1})` under the null hypothesis, where the `Z_k`
/// follow the canonical joint distribution `corr(Z_i, Z_j) = √(t_i / t_j)` (Jennison & Turnbull, *Group Sequential
/// Methods*, 2000, §3.4). The probabilities are computed by recursive numerical integration over the score process
/// `S_k = Z_k √t_k`, whose increments are independent N(0, t_k − t_{k-1}) (Armitage, McPherson & Rowe 1969;
/// Jennison & Turnbull ch. 19), with Simpson's rule on a grid.
///
/// Why O'Brien–Fleming and not Pocock: its early boundaries are very strict and its last one is barely above the
/// fixed-sample threshold, so a run that stops at the budget is judged almost exactly as a fixed-n run of that size,
/// while a large effect still stops at the first look. Pocock's constant boundary would raise the threshold of every
/// look, including the last, and so cost power exactly where the budget has been spent.
///
/// Spending is on efficacy (PROMOTE) only. Stopping early because the interval already shows no improvement (futility)
/// can only lower the false-PROMOTE rate, so it needs no correction (a non-binding futility rule).
public struct SequentialDesign: Sendable, Equatable, Codable {
    /// The name recorded with every sequential verdict.
    public static let method = "lan-demets-obrien-fleming"

    /// The overall one-sided type-I error, `1 − Φ(threshold)`.
    public let alpha: Double
    /// The information fraction of each look, strictly increasing, the last ≤ 1 (1 when the look is at the budget).
    public let informationFractions: [Double]
    /// The z threshold of each look.
    public let boundaries: [Double]

    enum CodingKeys: String, CodingKey {
        case alpha
        case informationFractions = "information_fractions"
        case boundaries
    }

    /// Computes the boundaries for looks at `informationFractions`.
    ///
    /// Returns nil when `alpha` is not in (0, 1) or the fractions are empty, not strictly increasing, or outside (0, 1].
    /// The boundaries of the first k looks depend only on the first k fractions, so a design over a prefix of the looks
    /// gives the same thresholds as the full design (Lan–DeMets's flexibility: looks may be added as they happen).
    public init?(alpha: Double, informationFractions: [Double]) {
        guard alpha > 0, alpha < 1, let first = informationFractions.first, first > 0,
              informationFractions.last.map({ $0 <= 1 + 1e-12 }) == true,
              zip(informationFractions, informationFractions.dropFirst()).allSatisfy({ $0 < $1 })
        else { return nil }
        self.alpha = alpha
        self.informationFractions = informationFractions
        self.boundaries = Self.computeBoundaries(alpha: alpha, fractions: informationFractions)
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

    /// The probability, under the null hypothesis, that the procedure PROMOTEs at each look (for checking a design:
    /// they sum to the spending function at the last look).
    public func crossingProbabilities() -> [Double] {
        var result: [Double] = []
        var previous = 0.0
        for t in informationFractions {
            let spent = Self.obrienFlemingSpending(alpha: alpha, fraction: t)
            result.append(spent - previous)
            previous = spent
        }
        return result
    }

    // MARK: - Recursive integration

    /// The grid spacing is at most this, and at most 1/10 of the smallest increment's standard deviation: Simpson's rule
    /// on Gaussian kernels sampled that finely is accurate to far better than the 1e-4 the thresholds are reported with
    /// (checked against published Lan–DeMets boundaries in the tests).
    private static let coarsestSpacing = 0.05
    /// The lower end of the grid in standard deviations of S_k: the mass below −8 sd is about 6e-16.
    private static let lowerCut = 8.0
    /// Grid points are capped so a design with many tiny increments stays fast; accuracy then degrades gracefully.
    private static let maximumPoints = 4_001

    private static func computeBoundaries(alpha: Double, fractions: [Double]) -> [Double] {
        var boundaries: [Double] = []
        // The sub-density of S_{k-1} on the continuation region, sampled on `grid`.
        var grid: [Double] = []
        var density: [Double] = []
        var previousFraction = 0.0
        var previousSpent = 0.0
        let smallestSD = zip(fractions, [0] + fractions).map { ($0 - $1).squareRoot() }.min() ?? 1
        let spacing = min(coarsestSpacing, smallestSD / 10)
        for (index, t) in fractions.enumerated() {
            let spent = obrienFlemingSpending(alpha: alpha, fraction: t)
            let increment = spent - previousSpent
            let variance = t - previousFraction
            let c: Double
            if index == 0 {
                c = increment > 0 ? Statistics.normalQuantile(1 - increment) : .infinity
            } else {
                let sd = variance.squareRoot()
                // P(continue to here and S_k ≥ b) = ∫ f(u) (1 − Φ((b − u)/sd)) du; decreasing in b.
                func exceed(_ z: Double) -> Double {
                    let b = z * t.squareRoot()
                    return simpson(grid.indices.map { density[$0] * Statistics.normalCDF(-(b - grid[$0]) / sd) }, grid)
                }
                c = increment > 0 ? solveDecreasing(exceed, target: increment) : .infinity
            }
            boundaries.append(c)
            guard index + 1 < fractions.count else { break }

            // Density of S_k on (−∞, c √t): a normal at the first look, the convolution of the previous density with
            // the N(0, variance) increment afterwards.
            let sdTotal = t.squareRoot()
            let upper = min(c * sdTotal, 10 * sdTotal)
            let lower = -lowerCut * sdTotal
            let newGrid = makeGrid(lower: lower, upper: upper, spacing: spacing)
            if index == 0 {
                density = newGrid.map { normalDensity($0 / sdTotal) / sdTotal }
            } else {
                let sd = variance.squareRoot()
                density = newGrid.map { s in
                    simpson(grid.indices.map { density[$0] * normalDensity((s - grid[$0]) / sd) / sd }, grid)
                }
            }
            grid = newGrid
            previousFraction = t
            previousSpent = spent
        }
        return boundaries
    }

    /// An odd number of evenly spaced points from `lower` to `upper` (at least 3), for Simpson's rule.
    private static func makeGrid(lower: Double, upper: Double, spacing: Double) -> [Double] {
        guard upper > lower else { return [lower, lower, lower] }
        var count = Int(((upper - lower) / spacing).rounded(.up)) + 1
        count = min(max(count, 3), maximumPoints)
        if count % 2 == 0 { count += 1 }
        let step = (upper - lower) / Double(count - 1)
        return (0..<count).map { lower + Double($0) * step }
    }

    /// Composite Simpson's rule over evenly spaced `grid` (odd count).
    private static func simpson(_ values: [Double], _ grid: [Double]) -> Double {
        guard values.count >= 3, let first = grid.first, let last = grid.last else { return 0 }
        let step = (last - first) / Double(grid.count - 1)
        var sum = values[0] + values[values.count - 1]
        for index in 1..<(values.count - 1) { sum += (index % 2 == 1 ? 4 : 2) * values[index] }
        return sum * step / 3
    }

    private static func normalDensity(_ x: Double) -> Double {
        exp(-x * x / 2) / (2 * Double.pi).squareRoot()
    }

    /// Bisection for the z with `f(z) == target`, f decreasing; z in [-10, 40] (beyond 40 nothing is ever crossed).
    private static func solveDecreasing(_ f: (Double) -> Double, target: Double) -> Double {
        var low = -10.0
        var high = 40.0
        if f(high) >= target { return high }
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if f(middle) > target { low = middle } else { high = middle }
            if high - low < 1e-10 { break }
        }
        return (low + high) / 2
    }
}
