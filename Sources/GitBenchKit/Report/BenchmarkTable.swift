import Foundation

/// What `list` prints: the project's name and root, then one row per benchmark with its tier, repetitions, threads,
/// GPU mode, corpus state and baseline (the commit and its ok runs) or, for correctness, its frozen reference.
///
///     Sample  /src/sample
///       benchmark  tier         reps  threads  gpu     corpus  baseline
///       quality    quality      6     1        none    n/a     1bf07e1945 n=6
public enum BenchmarkTable {
    /// The table of `listing`; the name column is as wide as the longest name (at least "benchmark"), the corpus column
    /// as wide as "missing" unless a longer state ("unusable") is listed.
    public static func render(_ listing: ProjectListing) -> String {
        let width = max(9, listing.benchmarks.map(\.name.count).max() ?? 0)
        let corpusWidth = max(7, listing.benchmarks.map(\.corpus.rawValue.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = ["\(listing.project)  \(listing.path)",
                     "  " + pad("benchmark", width) + "  tier         reps  threads  gpu     " + pad("corpus", corpusWidth) + " baseline"]
        for row in listing.benchmarks {
            lines.append("  " + pad(row.name, width) + "  " + pad(row.tier.rawValue, 11) + "  " + pad(String(row.repetitions), 4) + "  "
                         + pad(String(row.threads), 7) + "  " + pad(row.gpu.rawValue, 6) + "  " + pad(row.corpus.rawValue, corpusWidth) + " " + baseline(row))
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// `1bf07e1945 n=6`, `none`, or for correctness `reference 3f1c0a9e22b7` / `no reference`.
    private static func baseline(_ row: ListedBenchmark) -> String {
        if row.tier == .correctness {
            return row.referenceHash.map { "reference " + String($0.dropFirst(ContentDigest.prefix.count).prefix(12)) } ?? "no reference"
        }
        guard let commit = row.baselineCommit else { return "none" }
        return "\(commit.short) n=\(row.baselineRuns ?? 0)"
    }
}
