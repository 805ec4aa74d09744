import Foundation

/// Everything `report --html` draws: each benchmark's timeline with its badge, and each archived bench's trajectory
/// with the releases that scored it.
public struct ReportSite: Sendable, Equatable {
    /// The page title, usually the repository's directory name.
    public var title: String
    /// When the report was made (ISO 8601, UTC).
    public var generatedAt: String
    /// Every benchmark of every project in the store, sorted by project then benchmark.
    public var benchmarks: [BenchmarkEntry]
    /// Every bench with a trajectory in the archive (`archive pull`/`rebuild-trajectory` fill it), sorted by name.
    public var archived: [ArchivedBench]

    public init(title: String, generatedAt: String, benchmarks: [BenchmarkEntry], archived: [ArchivedBench]) {
        self.title = title
        self.generatedAt = generatedAt
        self.benchmarks = benchmarks
        self.archived = archived
    }

    /// A benchmark's timeline and the badge `git bench badge` would print for it.
    public struct BenchmarkEntry: Sendable, Equatable {
        public var timeline: BenchmarkTimeline
        public var badge: Badge?

        public init(timeline: BenchmarkTimeline, badge: Badge?) {
            self.timeline = timeline
            self.badge = badge
        }
    }

    /// An archived bench: its public trajectory (oldest first), the BENCH_PARITY.yaml releases that scored it and its badge.
    public struct ArchivedBench: Sendable, Equatable {
        public var bench: String
        public var trajectory: Trajectory
        public var releases: [ReleaseRow]
        public var badge: Badge?

        public init(bench: String, trajectory: Trajectory, releases: [ReleaseRow], badge: Badge?) {
            self.bench = bench
            self.trajectory = trajectory
            self.releases = releases
            self.badge = badge
        }
    }
}
