import Foundation

/// Corrections for judging many benchmarks at once (`evaluate --adjust`).
public enum MultipleTesting {
    /// Benjamini–Hochberg adjusted p-values (Benjamini & Hochberg, JRSS B 57(1), 1995), in input order.
    ///
    /// With the p-values sorted ascending as `p_(1) <= … <= p_(m)`, the adjusted value of rank i is
    /// `min_{j >= i} min(1, m * p_(j) / j)` (the step-up procedure, made monotone). Rejecting every hypothesis whose
    /// adjusted value is at most alpha controls the false discovery rate at alpha.
    /// NaN p-values are treated as 1; an empty input returns an empty array.
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        guard m > 0 else { return [] }
        let cleaned = pValues.map { $0.isNaN ? 1 : min(max($0, 0), 1) }
        let order = cleaned.indices.sorted { cleaned[$0] < cleaned[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var runningMinimum = 1.0
        // Walk from the largest p down so each adjusted value is the minimum over all ranks at or above it.
        for rank in stride(from: m, through: 1, by: -1) {
            let index = order[rank - 1]
            runningMinimum = min(runningMinimum, cleaned[index] * Double(m) / Double(rank))
            adjusted[index] = runningMinimum
        }
        return adjusted
    }
}
