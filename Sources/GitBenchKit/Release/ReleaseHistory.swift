/// What `git bench releases` shows: every row of `BENCH_PARITY.yaml` newest first, and for each bench the change from
/// the same package's previous release that scored it.
public struct ReleaseHistory: Encodable, Equatable, Sendable {
    /// Every bench any release scored, by name: the table's columns.
    public var benches: [String]
    /// Newest first, as `BenchParity.sorted` orders them.
    public var releases: [Entry]

    public struct Entry: Encodable, Equatable, Sendable {
        public var package: String
        public var version: String
        public var benchCycle: String
        public var benchTag: String?
        public var benchCommit: String?
        public var releasedAt: String
        public var scores: [String: BenchScore]

        enum CodingKeys: String, CodingKey {
            case package, version, scores
            case benchCycle = "bench_cycle"
            case benchTag = "bench_tag"
            case benchCommit = "bench_commit"
            case releasedAt = "released_at"
        }

        // Absent values print as null, so a script sees every key of every row.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(package, forKey: .package)
            try container.encode(version, forKey: .version)
            try container.encode(benchCycle, forKey: .benchCycle)
            try container.encode(benchTag, forKey: .benchTag)
            try container.encode(benchCommit, forKey: .benchCommit)
            try container.encode(releasedAt, forKey: .releasedAt)
            try container.encode(scores, forKey: .scores)
        }
    }

    public struct BenchScore: Encodable, Equatable, Sendable {
        public var overall: Double
        public var nQuestions: Int?
        public var runs: Int?
        /// Against the package's previous release that scored this bench; nil for its first.
        public var change: Change?

        enum CodingKeys: String, CodingKey {
            case overall, runs, change
            case nQuestions = "n_questions"
        }

        /// `n_questions: null` is the file's "the runs disagreed"; it stays null, not absent.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(overall, forKey: .overall)
            try container.encode(nQuestions, forKey: .nQuestions)
            try container.encode(runs, forKey: .runs)
            try container.encode(change, forKey: .change)
        }
    }

    /// The move from the previous release: in percentage points when both scores are fractions (0…1), else in the
    /// score's own units.
    public struct Change: Encodable, Equatable, Sendable {
        public var fromVersion: String
        public var fromOverall: Double
        public var fromNQuestions: Int?
        public var fromRuns: Int?
        public var delta: Double
        public var unit: Unit

        public enum Unit: String, Encodable, Sendable {
            case percentagePoints = "pp"
            case points
        }

        enum CodingKeys: String, CodingKey {
            case delta, unit
            case fromVersion = "from_version"
            case fromOverall = "from_overall"
            case fromNQuestions = "from_n_questions"
            case fromRuns = "from_runs"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(fromVersion, forKey: .fromVersion)
            try container.encode(fromOverall, forKey: .fromOverall)
            try container.encode(fromNQuestions, forKey: .fromNQuestions)
            try container.encode(fromRuns, forKey: .fromRuns)
            try container.encode(delta, forKey: .delta)
            try container.encode(unit, forKey: .unit)
        }
    }

    public init(_ parity: BenchParity) {
        let sorted = BenchParity.sorted(parity.releases)
        benches = Array(Set(sorted.flatMap(\.scores.keys))).sorted()
        // Oldest first, so each row's previous release of its package is already seen.
        var previous: [String: [String: (version: String, score: BenchParity.Score)]] = [:]
        var entries: [Entry] = []
        for release in sorted.reversed() {
            var scores: [String: BenchScore] = [:]
            for (bench, score) in release.scores {
                let change = previous[release.package]?[bench].map { before in
                    Self.change(from: before.score, to: score, fromVersion: before.version)
                }
                scores[bench] = BenchScore(overall: score.overall, nQuestions: score.nQuestions, runs: score.runs, change: change)
                previous[release.package, default: [:]][bench] = (release.version, score)
            }
            entries.append(Entry(package: release.package, version: release.version, benchCycle: release.benchCycle, benchTag: release.benchTag,
                                 benchCommit: release.benchCommit, releasedAt: release.releasedAt, scores: scores))
        }
        releases = entries.reversed()
    }

    static func change(from before: BenchParity.Score, to after: BenchParity.Score, fromVersion: String) -> Change {
        let fractions = (0...1).contains(before.overall) && (0...1).contains(after.overall)
        let delta = fractions ? (after.overall - before.overall) * 100 : after.overall - before.overall
        // Four decimals of a fraction are two of a percentage: round away the subtraction's noise.
        let places = fractions ? 100.0 : 10_000.0
        return Change(fromVersion: fromVersion, fromOverall: before.overall, fromNQuestions: before.nQuestions, fromRuns: before.runs,
                      delta: (delta * places).rounded() / places + 0, unit: fractions ? .percentagePoints : .points)
    }
}
