import Foundation

/// One bench's score over a cycle's shipped runs: the mean of their `overall`, their sizes and how many there are.
public struct BenchScore: Sendable, Equatable {
    public var bench: String
    public var mean: Double?
    /// Each run's n, in run order (nil where unknown).
    public var sizes: [Int?]
    public var unit: String?
    public var isFraction: Bool

    public var runs: Int { sizes.count }

    /// The shared n, or nil when the runs disagree or one is unknown (BENCH_PARITY.yaml's `n_questions: null`).
    public var sharedN: Int? {
        guard let first = sizes.first, let value = first, sizes.allSatisfy({ $0 == value }) else { return nil }
        return value
    }

    /// Scores per bench, benches in name order.
    public static func scores(of runs: [ShippedRun]) -> [BenchScore] {
        Dictionary(grouping: runs, by: \.bench).map { bench, runs in
            let values = runs.compactMap(\.overall)
            return BenchScore(bench: bench, mean: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count), sizes: runs.map(\.n),
                              unit: runs.first?.unit, isFraction: runs.allSatisfy(\.isFraction))
        }.sorted { $0.bench < $1.bench }
    }

    /// `LoCoMo (n=200, 2 runs):  84.10%`: n joined with commas when the runs disagree (`n=200,30`), `n=?` when unknown;
    /// fractions as percentages with 2 decimals, other metrics with their unit.
    public var line: String {
        var distinct: [String] = []
        for size in sizes {
            let text = size.map(String.init) ?? "?"
            if !distinct.contains(text) { distinct.append(text) }
        }
        let n = distinct.isEmpty ? "?" : distinct.joined(separator: ",")
        let value: String
        if let mean {
            value = isFraction ? String(format: "%.2f%%", mean * 100) : Badge.measure(mean, unit: unit)
        } else {
            value = "no score"
        }
        return "\(Badge.displayName(bench: bench)) (n=\(n), \(runs) run\(runs == 1 ? "" : "s")):  \(value)"
    }
}

/// The messages of the annotated tags the release ritual writes, line for line as issue 15 gives them.
public enum CycleTagMessage {
    /// A package release named in a cycle tag: `astrocyte v0.14.0  (2026-05-30)`.
    public struct Released: Sendable, Equatable {
        public var package: String
        public var version: String
        public var releasedAt: String

        public init(package: String, version: String, releasedAt: String) {
            self.package = package
            self.version = version
            self.releasedAt = releasedAt
        }
    }

    /// `bench/<label>`'s message.
    public static func cycle(label: String, rationale: String?, scores: [BenchScore], runNames: [String], badgeURLs: [String],
                             releasedAs: [Released], dirtyTree: Bool, overrides: [String]) -> String {
        var lines = ["Cycle close: \(label)", "", "Rationale:", "  \(rationale ?? "(none given)")", "", "Bench scores (mean of shipped run set):"]
        lines += scores.map { "  " + $0.line }
        lines += ["", "Shipped runs:"] + runNames.map { "  " + $0 }
        if !badgeURLs.isEmpty { lines += ["", "Badges:"] + badgeURLs.map { "  " + $0 } }
        if !releasedAs.isEmpty {
            lines += ["", "Released as:"] + releasedAs.map { "  \($0.package) v\($0.version)  (\($0.releasedAt))" }
        }
        lines += notes(dirtyTree: dirtyTree, overrides: overrides)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `v<X.Y.Z>`'s message.
    public static func release(version: String, cycle: String, cycleCommit: String, packages: [String], scores: [BenchScore],
                               dirtyTree: Bool, overrides: [String]) -> String {
        var lines = ["Release v\(version)", "", "Bench parity: \(cycle) (commit \(cycleCommit.prefix(12)))", "", "Packages released:"]
        lines += packages.sorted().map { "  \($0) v\(version)" }
        lines += ["", "Bench scores (frozen at release time):"] + scores.map { "  " + $0.line }
        lines += ["", "See BENCH_PARITY.yaml at the repo root, and the bench/\(cycle) cycle tag."]
        lines += notes(dirtyTree: dirtyTree, overrides: overrides)
        return lines.joined(separator: "\n") + "\n"
    }

    /// What was let through: a dirty tree (`--allow-dirty`) and each gate overridden with `--force`.
    private static func notes(dirtyTree: Bool, overrides: [String]) -> [String] {
        var lines: [String] = []
        if dirtyTree || !overrides.isEmpty { lines.append("") }
        if dirtyTree { lines.append("Dirty tree: tagged with uncommitted changes (--allow-dirty).") }
        lines += overrides.map { "Override: \($0)" }
        return lines
    }
}
