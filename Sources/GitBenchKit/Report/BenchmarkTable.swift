import Foundation

/// What `list` prints: the project's name and root, then one row per benchmark with its tier, repetitions, threads,
/// GPU mode and corpus state.
///
///     Sample  /src/sample
///       benchmark  tier         reps  threads  gpu     corpus
///       quality    quality      6     1        none    n/a
public enum BenchmarkTable {
    /// The table of `listing`; the name column is as wide as the longest name (at least "benchmark").
    public static func render(_ listing: ProjectListing) -> String {
        let width = max(9, listing.benchmarks.map(\.name.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = ["\(listing.project)  \(listing.path)", "  " + pad("benchmark", width) + "  tier         reps  threads  gpu     corpus"]
        for row in listing.benchmarks {
            lines.append("  " + pad(row.name, width) + "  " + pad(row.tier.rawValue, 11) + "  " + pad(String(row.repetitions), 4) + "  "
                         + pad(String(row.threads), 7) + "  " + pad(row.gpu.rawValue, 6) + "  " + row.corpus.rawValue)
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
