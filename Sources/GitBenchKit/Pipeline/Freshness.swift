import Foundation

/// The freshness guard (benchstone 0.3): `evaluate` refuses to judge with STALE (exit 5) when the working tree no
/// longer matches the runs it would compare, so a verdict is never about code that is not there any more.
///
/// Three checks, cheapest first: the tree is dirty (uncommitted or untracked changes); the benchmark's pinned corpus
/// drifted; the files under `[project] tracked_paths` hash differently from when the newest candidate row was
/// measured, which catches what `git status` cannot see (ignored files). Rows from before the guard carry no hash and
/// skip the last check. Correctness benchmarks are never stale: their verdict compares an artifact with a reference the
/// harness owns. `evaluate --allow-dirty` bypasses the guard.
public struct Freshness: Sendable {
    /// The working tree has uncommitted or untracked changes.
    public var isDirty: Bool
    /// The fingerprint of `[project] tracked_paths` now, or why it cannot be taken.
    public var treeHash: Result<String, RunnerError>

    /// The working tree of `project` as it is now. Throws `GitError` when its status cannot be read.
    public static func read(_ project: ProjectContext) throws -> Freshness {
        let isDirty = try Repository.open(at: project.root).isDirty()
        return Freshness(isDirty: isDirty, treeHash: Result { () throws(RunnerError) -> String in
            try WorkingTreeHash.of(projectRoot: project.root, trackedPaths: project.manifest.project.trackedPaths)
        })
    }

    /// Why `benchmark`'s runs do not describe this tree, compared with the newest candidate row `newest`; nil when
    /// they do.
    func staleness(of benchmark: Benchmark, in project: ProjectContext, newest: RunRecord?) -> String? {
        guard benchmark.tier != .correctness else { return nil }
        if isDirty {
            return "the working tree has uncommitted or untracked changes, so the runs at HEAD do not describe it; commit or stash them, "
                + "or pass --allow-dirty to judge anyway"
        }
        do {
            try CorpusFingerprint.verify(benchmark, projectRoot: project.root)
        } catch {
            return "\(error); the runs were measured with the corpus the manifest pins, not the one on disk (--allow-dirty judges anyway)"
        }
        guard let recorded = newest?.workingTreeHash else { return nil }
        switch treeHash {
        case .failure(let error):
            return "\(error) (--allow-dirty judges anyway)"
        case .success(let now) where now != recorded:
            return "the files under [project] tracked_paths changed since run \(newest?.id ?? 0) was measured (recorded \(recorded.prefix(19))…, "
                + "now \(now.prefix(19))…): an ignored or untracked file may have changed; run again, or pass --allow-dirty to judge anyway"
        case .success:
            return nil
        }
    }
}
