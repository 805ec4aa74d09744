import Foundation

/// One bench's frozen score in a release row of `BENCH_PARITY.yaml`.
public struct ReleasedScore: Sendable, Equatable {
    public var overall: Double
    public var nQuestions: Int?
    public var runs: Int?

    public init(overall: Double, nQuestions: Int?, runs: Int?) {
        self.overall = overall
        self.nQuestions = nQuestions
        self.runs = runs
    }
}

/// One release row of `BENCH_PARITY.yaml` as the badge writer needs it: which package version shipped, when, and the
/// scores frozen for it, by bench. (Release/ reads the file and maps its rows to these.)
public struct ReleaseRow: Sendable, Equatable {
    public var package: String
    public var version: String
    /// `YYYY-MM-DD`, compared as text.
    public var releasedAt: String
    public var scores: [String: ReleasedScore]

    public init(package: String, version: String, releasedAt: String, scores: [String: ReleasedScore]) {
        self.package = package
        self.version = version
        self.releasedAt = releasedAt
        self.scores = scores
    }
}

/// `badges/<bench>.json`: a shields.io endpoint document, `{"color", "label", "message", "schemaVersion": 1}` with the
/// keys sorted as the seed's writer sorts them.
public struct Badge: Sendable, Equatable {
    /// Which of the seed's three sources decided the badge.
    public enum Source: String, Sendable, Equatable {
        /// The newest release row of `BENCH_PARITY.yaml` with a score for the bench.
        case release
        /// The mean of the newest ship-label group.
        case shipLabel = "ship-label"
        /// The latest run that is not a smoke run.
        case latestRun = "latest-run"
    }

    public var label: String
    public var message: String
    public var color: String
    public var source: Source

    public init(label: String, message: String, color: String, source: Source) {
        self.label = label
        self.message = message
        self.color = color
        self.source = source
    }

    public var json: ArchiveJSON {
        .object(["schemaVersion": .int(1), "label": .string(label), "message": .string(message), "color": .string(color)])
    }

    /// The file's bytes.
    public func encoded() throws(ArchiveError) -> Data {
        Data(try json.pythonText().utf8)
    }

    /// The badge of `bench`, in the seed's priority order:
    /// 1. the newest release row (latest `released_at`; among rows of one day, the first in the file, as the lockstep
    ///    release writes its headline package first) scoring the bench: `LoCoMo (astrocyte v0.14.0)`, `84.1%`;
    /// 2. the newest ship-label group (runs sharing a `ship_label`; a group is as new as its latest `ship_marked_at`,
    ///    or `uploaded_at` where unmarked), the mean of its runs' `overall`: `LoCoMo (n=200, M19 × 2 runs)`;
    /// 3. the latest non-smoke run: `LoCoMo (n=200, stage-name)`.
    ///
    /// Runs without an `overall` count nowhere. `n` is a run's `n_questions`, or for a git-bench run set its
    /// repetitions `n`; a group whose runs disagree prints the range (`n=150–200`), and a label without any n leaves
    /// it out. Returns nil when no source has a number (only smoke runs, or none).
    ///
    /// Fractions print as a percent with one decimal and take the seed's colour thresholds. A git-bench benchmark
    /// whose metric is not a fraction (`TrajectoryPoint.metricKind`, decided by the bench's newest run) prints its
    /// value with its unit (`0.84 s`) and takes the colour of the bench's latest verdict (the newest run carrying one).
    public static func select(bench: String, runs: [TrajectoryPoint], releases: [ReleaseRow]) -> Badge? {
        let ordered = runs.sorted(by: TrajectoryPoint.precedes)
        let kind = ordered.last?.metricKind ?? .fraction
        let verdict = ordered.last { $0.verdict != nil }?.verdict
        func badge(_ label: String, _ value: Double, _ source: Source) -> Badge {
            switch kind {
            case .fraction: return Badge(label: label, message: percent(value), color: color(fraction: value), source: source)
            case .measure(let unit):
                return Badge(label: label, message: measure(value, unit: unit), color: color(verdict: verdict), source: source)
            }
        }
        let name = displayName(bench: bench)

        var newestRelease: (row: ReleaseRow, score: ReleasedScore)?
        for row in releases {
            guard let score = row.scores[bench] else { continue }
            if let current = newestRelease, !current.row.releasedAt.utf8.lexicographicallyPrecedes(row.releasedAt.utf8) { continue }
            newestRelease = (row, score)
        }
        if let (row, score) = newestRelease {
            let version = row.version.hasPrefix("v") ? row.version : "v" + row.version
            return badge("\(name) (\(row.package) \(version))", score.overall, .release)
        }

        let scored = ordered.filter { $0.overall != nil }
        var groups: [String: [TrajectoryPoint]] = [:]
        for point in scored {
            if let label = point.shipLabel { groups[label, default: []].append(point) }
        }
        // Newest by its latest mark; on a tie, the group whose latest run comes later in the trajectory.
        func recency(_ points: [TrajectoryPoint]) -> String {
            points.map { $0.shipMarkedAt ?? $0.uploadedAt }.max { $0.utf8.lexicographicallyPrecedes($1.utf8) } ?? ""
        }
        func lastIndex(_ label: String) -> Int { scored.lastIndex { $0.shipLabel == label } ?? -1 }
        let newestGroup = groups.keys.max { a, b in
            let (ra, rb) = (recency(groups[a] ?? []), recency(groups[b] ?? []))
            return ra != rb ? ra.utf8.lexicographicallyPrecedes(rb.utf8) : lastIndex(a) < lastIndex(b)
        }
        if let label = newestGroup, let points = groups[label] {
            let mean = points.compactMap(\.overall).reduce(0, +) / Double(points.count)
            let runs = points.count == 1 ? "1 run" : "\(points.count) runs"
            return badge("\(name) (\(counts(points))\(capitalized(label)) × \(runs))", mean, .shipLabel)
        }

        if let latest = scored.last(where: { !$0.isSmoke }), let overall = latest.overall {
            return badge("\(name) (\(counts([latest]))\(latest.stage))", overall, .latestRun)
        }
        return nil
    }

    /// The seed's names for its two benches; any other bench as written (the harness knows no domain).
    public static func displayName(bench: String) -> String {
        switch bench {
        case "locomo": return "LoCoMo"
        case "longmemeval": return "LongMemEval"
        default: return bench
        }
    }

    /// The seed's thresholds: ≥ 0.80 brightgreen, ≥ 0.75 green, ≥ 0.70 yellowgreen, ≥ 0.65 yellow, ≥ 0.55 orange, else red.
    public static func color(fraction value: Double) -> String {
        switch value {
        case 0.80...: return "brightgreen"
        case 0.75...: return "green"
        case 0.70...: return "yellowgreen"
        case 0.65...: return "yellow"
        case 0.55...: return "orange"
        default: return "red"
        }
    }

    /// PROMOTE and PASS brightgreen, REJECT yellow, FAIL or anything naming a regression red, anything else (or no
    /// verdict yet) lightgrey.
    public static func color(verdict: String?) -> String {
        guard let verdict = verdict?.uppercased() else { return "lightgrey" }
        switch verdict {
        case "PROMOTE", "PASS": return "brightgreen"
        case "REJECT": return "yellow"
        case "FAIL": return "red"
        default: return verdict.contains("REGRESS") ? "red" : "lightgrey"
        }
    }

    /// `0.841` → `84.1%`.
    public static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// A measure with three significant digits (`0.84 s`, `0.0421 s`, `12.3 ms`), whole numbers from 1000 up
    /// (`1234 B`), and the unit after a space when there is one.
    public static func measure(_ value: Double, unit: String?) -> String {
        var text: String
        if value == 0 {
            text = "0"
        } else if value.magnitude >= 999.5 {
            text = String(format: "%.0f", value)
        } else {
            text = String(format: "%.3g", value)
        }
        if let unit, !unit.isEmpty { text += " " + unit }
        return text
    }

    /// `n=200, ` for the runs' shared count, `n=150–200, ` when they disagree, "" when none has one.
    private static func counts(_ points: [TrajectoryPoint]) -> String {
        let values = points.compactMap { $0.nQuestions ?? $0.n }
        guard let low = values.min(), let high = values.max() else { return "" }
        return low == high ? "n=\(low), " : "n=\(low)–\(high), "
    }

    /// `m19` → `M19`: the seed's labels capitalise the cycle name.
    private static func capitalized(_ label: String) -> String {
        label.prefix(1).uppercased() + label.dropFirst()
    }
}
