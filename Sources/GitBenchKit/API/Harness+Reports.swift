import Foundation

/// The reports: `history`, `compare`, `summary`, `badge` and `report --html`, built in Analysis/ from the store.
extension Harness {
    /// `history`: the run sets of `benchmark`, each candidate with the verdict it earned then, and the pointer and
    /// reference events in place, newest first.
    public func timeline(_ benchmark: String, in project: ProjectContext, query: TimelineBuilder.Query = .init()) throws -> BenchmarkTimeline {
        if let since = query.since, !Timestamp.startsWithCalendarDay(since) {
            throw HarnessError.badRequest("since must be a date that exists, like 2026-11-01 (got \(since))")
        }
        var query = query
        query.shaPrefix = query.shaPrefix?.lowercased()
        return try timelineBuilder(for: project).timeline(of: try project.benchmark(named: benchmark), project: project.name, query: query)
    }

    /// `compare A B`: B judged against A per benchmark. A and B are run-set ids, revisions (commits, branches, tags
    /// such as `bench/m19` or `v0.14.0`) or `baseline`.
    public func compare(_ a: String, _ b: String, benchmarks: [String] = [], in project: ProjectContext,
                        options: EvaluateOptions = EvaluateOptions()) throws -> Comparison {
        try comparisonBuilder(for: project, options: options).compare(ComparisonSide(parsing: a), ComparisonSide(parsing: b), benchmarks: benchmarks)
    }

    /// `summary [REV-RANGE]`: every benchmark's verdict for a revision or range, significant changes first.
    public func summary(range: String?, in project: ProjectContext, options: EvaluateOptions = EvaluateOptions()) throws -> ChangeSummary {
        try comparisonBuilder(for: project, options: options).summary(range: range)
    }

    /// `badge BENCH`: a benchmark of `project` from its stored run sets, else an archived bench from the archive's
    /// runs, by the archive's rules (BENCH_PARITY.yaml release, then ship label, then latest run). Nil when neither
    /// has a number for it.
    public func badge(_ bench: String, in project: ProjectContext, configuration: ArchiveConfiguration) throws -> Badge? {
        let releases = try self.releases(in: project)
        if let benchmark = project.manifest.benchmark(named: bench) {
            return try timelineBuilder(for: project).timeline(of: benchmark, project: project.name)
                .badge(stage: configuration.defaultStage, labels: try shipLabelsByRunSet(), releases: releases)
        }
        guard let trajectory = try trajectories(configuration: configuration, bench: bench).first else {
            throw HarnessError.notFound("no bench named \(bench): not a benchmark of \(project.name) and not in the archive "
                                          + "(\(ArchiveConfiguration.describe(configuration.privateLocation))); `git bench list` names the benchmarks")
        }
        return Badge.select(bench: trajectory.bench, runs: trajectory.runs, releases: releases)
    }

    /// `report --html`: every benchmark of every registered project whose manifest still loads, and every bench the
    /// archive holds results of that is not one of them. `runSetLimit`: the newest run sets a page draws (only those
    /// are judged; the badge and latest verdict come from them too).
    public func reportSite(for project: ProjectContext, configuration: ArchiveConfiguration, title: String, runSetLimit: Int? = nil,
                           generatedAt: Date = Date()) throws -> ReportSite {
        var projects = [project]
        for registered in try store.projects() where registered.name != project.name {
            if let context = try? self.project(named: registered.name, from: URL(fileURLWithPath: registered.path)) { projects.append(context) }
        }
        let labels = try shipLabelsByRunSet()
        let releases = try self.releases(in: project)
        var work: [(builder: TimelineBuilder, project: String, benchmark: Benchmark)] = []
        for context in projects.sorted(by: { $0.name < $1.name }) {
            let builder = try timelineBuilder(for: context)
            work += context.manifest.benchmarks.sorted(by: { $0.name < $1.name }).map { (builder, context.name, $0) }
        }
        // Judging every run set is most of the work (the gate's permutation tests): one benchmark per core.
        let stage = configuration.defaultStage
        let entries = try WorkerPool.map(work, limit: ProcessInfo.processInfo.activeProcessorCount) { item in
            let timeline = try item.builder.timeline(of: item.benchmark, project: item.project, query: .init(runSetLimit: runSetLimit))
            return ReportSite.BenchmarkEntry(timeline: timeline, badge: timeline.badge(stage: stage, labels: labels, releases: releases))
        }.map { try $0.get() }
        let measured = Set(entries.map(\.timeline.benchmark))
        let archived = try trajectories(configuration: configuration, bench: nil)
            .filter { trajectory in !measured.contains(trajectory.bench) && trajectory.runs.contains { !$0.isGitBench } }
            .sorted { $0.bench < $1.bench }
            .map { trajectory in
                ReportSite.ArchivedBench(bench: trajectory.bench, trajectory: trajectory,
                                         releases: releases.filter { $0.scores[trajectory.bench] != nil },
                                         badge: Badge.select(bench: trajectory.bench, runs: trajectory.runs, releases: releases))
            }
        return ReportSite(title: title, generatedAt: Timestamp.string(generatedAt), benchmarks: entries, archived: archived)
    }

    // MARK: Builders

    func timelineBuilder(for project: ProjectContext) throws -> TimelineBuilder {
        TimelineBuilder(store: store, tagsByCommit: try tagsByCommit(in: Repository.open(at: project.root)), home: home)
    }

    func comparisonBuilder(for project: ProjectContext, options: EvaluateOptions) throws -> ComparisonBuilder {
        let repository = try Repository.open(at: project.root)
        return ComparisonBuilder(evaluation: evaluation, project: project, repository: repository,
                                 points: TimelineBuilder(store: store, tagsByCommit: try tagsByCommit(in: repository)), options: options)
    }

    /// Every tag by the full id of the commit it names (annotated tags peeled); tags of other objects are left out.
    func tagsByCommit(in repository: Repository) throws -> [String: [String]] {
        var tags: [String: [String]] = [:]
        for name in try repository.tags(withPrefix: "") {
            guard let commit = try? repository.resolveCommit("refs/tags/" + name) else { continue }
            tags[commit.hex, default: []].append(name)
        }
        return tags
    }

    func shipLabelsByRunSet() throws -> [String: ShipLabelEvent] {
        Dictionary(try store.currentShipLabels().map { ($0.runSetID, $0) }, uniquingKeysWith: { _, newest in newest })
    }
}
