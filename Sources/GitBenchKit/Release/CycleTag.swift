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

/// Why the release ritual refused (exit codes: 64 usage, 66 missing, 77 refused).
public enum ReleaseError: Error, Equatable, CustomStringConvertible {
    case noShippedRuns(label: String)
    case dirtyTree(command: String)
    case gate(command: String, violations: [String])
    case missingVerdict(command: String, benchmarks: [String])
    case tagExists(name: String, commit: String)
    case noCycleTag(cycle: String)
    case noPackages
    case movesTag(name: String, from: String, to: String)

    public var description: String {
        switch self {
        case .noShippedRuns(let label):
            return "no run carries the ship label \(label); mark the cycle's runs first (git bench mark-shipped TARGET --label \(label))"
        case .dirtyTree(let command):
            return "the working tree has uncommitted changes; commit them, or pass --allow-dirty to \(command) (the tag message then says so)"
        case .gate(let command, let violations):
            return "\(command) refused: \(violations.joined(separator: "; ")); fix the regression, or pass --force to override (the tag message names it)"
        case .missingVerdict(let command, let benchmarks):
            return "\(command) refused: no verdict note for \(benchmarks.joined(separator: ", ")) on the commit (bench.release.missing = block); "
                + "run git bench evaluate there, or pass --force"
        case .tagExists(let name, let commit):
            return "tag \(name) already exists at \(commit.prefix(12)); --force refreshes it"
        case .noCycleTag(let cycle):
            return "there is no annotated tag bench/\(cycle): close the cycle first (git bench tag-shipped \(cycle)), so the release can be verified later"
        case .noPackages:
            return "no packages to release: pass --package P (repeatable) or list them in bench/manifest.toml under [release] packages"
        case .movesTag(let name, let from, let to):
            return "tag \(name) is at \(from.prefix(12)); moving it to \(to.prefix(12)) needs --force"
        }
    }
}

/// What `tag-shipped` wrote, or (`--dry-run`) would write.
public struct CycleTagOutcome: Sendable, Encodable {
    public var tag: String
    public var commit: String
    public var message: String
    public var written: Bool
    /// The tagger was git-bench's fallback identity: user.name/user.email are not set.
    public var usesFallbackTagger: Bool
    public var warnings: [String]
    public var pushCommand: String

    enum CodingKeys: String, CodingKey {
        case tag, commit, message, written, warnings
        case usesFallbackTagger = "uses_fallback_tagger"
        case pushCommand = "push_command"
    }
}

/// What `release-mark` wrote.
public struct ReleaseMarkOutcome: Sendable, Encodable {
    public var version: String
    public var packages: [String]
    public var parityFile: String
    public var parity: String
    /// The commit holding only BENCH_PARITY.yaml (`--tag`).
    public var parityCommit: String?
    public var tag: CycleTagOutcome?
    public var written: Bool
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case version, packages, parity, tag, written, warnings
        case parityFile = "parity_file"
        case parityCommit = "parity_commit"
    }
}

/// How `tag-shipped` and `release-mark` behave.
public struct ReleaseOptions: Sendable, Equatable {
    public var force = false
    public var dryRun = false
    public var allowDirty = false
    /// Benchmarks gated besides those with `hooks = ["pre-push"]`.
    public var gate: [String] = []
    /// A missing verdict note blocks (`bench.release.missing = block`) instead of warning.
    public var missingBlocks = false

    public init(force: Bool = false, dryRun: Bool = false, allowDirty: Bool = false, gate: [String] = [], missingBlocks: Bool = false) {
        self.force = force
        self.dryRun = dryRun
        self.allowDirty = allowDirty
        self.gate = gate
        self.missingBlocks = missingBlocks
    }
}
