// Path-aware selection: a benchmark with `paths` runs only when the commits in question touched one of them.
// Git/ lists the changed paths, Manifest/ matches them against the globs; this file only composes the two.

/// Which commits' changes path-aware selection looks at.
public enum ChangeScope: Sendable, Equatable {
    /// The tree of `base` against the tree of `tip` (`git diff --name-only base tip`): what `run --changed-since`
    /// uses. A change made and undone again in between does not count.
    case between(base: ObjectID, tip: ObjectID)
    /// Every commit in `base..tip` against its first parent (all of `tip`'s history when `base` is nil): a pushed
    /// range, where a change made and undone again still counts as touched.
    case commits(base: ObjectID?, tip: ObjectID)
    /// One commit against its first parent (a root commit: every file): the post-commit hook.
    case commit(ObjectID)

    /// The commit the changes end at.
    public var tip: ObjectID {
        switch self {
        case .between(_, let tip), .commits(_, let tip): return tip
        case .commit(let commit): return commit
        }
    }

    /// The commit the changes start from, when there is one.
    public var base: ObjectID? {
        switch self {
        case .between(let base, _): return base
        case .commits(let base, _): return base
        case .commit: return nil
        }
    }

    /// The repository paths the scope's commits changed, sorted.
    func changedPaths(in repository: Repository) throws -> [String] {
        switch self {
        case .between(let base, let tip): return try repository.changedPaths(from: base, to: tip)
        case .commits(let base, let tip): return try repository.pathsTouched(byCommitsFrom: base, to: tip)
        case .commit(let commit): return try repository.changedPaths(in: commit)
        }
    }

    /// The end of the sentence "no change under its paths …".
    var phrase: String {
        switch self {
        case .between(let base, _): return "since \(base.short)"
        case .commits(let base?, let tip): return "in \(base.short)..\(tip.short)"
        case .commits(nil, let tip): return "up to \(tip.short)"
        case .commit(let commit): return "in \(commit.short)"
        }
    }
}

/// Splits benchmarks by whether the changes in a `ChangeScope` can affect them.
public enum PathSelection {
    /// Splits `benchmarks` into those the changes in `scope` can affect and those they cannot: a benchmark without
    /// `paths` is always affected; one with `paths` is affected when a changed path matches them (see `PathFilter`).
    /// Order is kept on both sides.
    ///
    /// Throws `GitError` when a commit in `scope` is missing.
    public static func partition(_ benchmarks: [Benchmark], by scope: ChangeScope,
                                 in repository: Repository) throws -> (run: [Benchmark], skipped: [Benchmark]) {
        // Only diff when some benchmark can be skipped: without `paths` the answer is "run" whatever changed.
        guard benchmarks.contains(where: { !$0.paths.isEmpty }) else { return (benchmarks, []) }
        let changed = try scope.changedPaths(in: repository)
        var run: [Benchmark] = []
        var skipped: [Benchmark] = []
        for benchmark in benchmarks {
            if benchmark.isAffected(byChangesTo: changed) { run.append(benchmark) } else { skipped.append(benchmark) }
        }
        return (run, skipped)
    }

    /// The selection `run` applies: everything when `changedSince` is nil, else the benchmarks affected by the
    /// change from `changedSince` (resolved in `repository`) to `tip`, with a `SkippedBenchmark` for each other one.
    ///
    /// Throws `GitError.unknownRevision` when `changedSince` names no commit.
    static func select(_ benchmarks: [Benchmark], changedSince: String?, repository: Repository, tip: ObjectID,
                       project: String) throws -> (run: [Benchmark], skipped: [SkippedBenchmark]) {
        guard let changedSince else { return (benchmarks, []) }
        let scope = ChangeScope.between(base: try repository.resolveCommit(changedSince), tip: tip)
        let selection = try partition(benchmarks, by: scope, in: repository)
        let skipped = selection.skipped.map {
            SkippedBenchmark(project: project, benchmark: $0.name, base: scope.base, tip: tip,
                             reason: "no change under its paths \(scope.phrase)")
        }
        return (selection.run, skipped)
    }
}
