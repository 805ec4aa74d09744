extension Harness {
    /// Splits `benchmarks` (default: every benchmark of the project's manifest) into those the changes in `scope`
    /// can affect and those they cannot (`PathSelection.partition(_:by:in:)`). Order is kept on both sides.
    ///
    /// Throws `GitError` when the repository cannot be opened or a commit in `scope` is missing.
    public func benchmarksAffected(by scope: ChangeScope, in project: ProjectContext,
                                   among benchmarks: [Benchmark]? = nil) throws -> (run: [Benchmark], skipped: [Benchmark]) {
        try PathSelection.partition(benchmarks ?? project.manifest.benchmarks, by: scope, in: Repository.open(at: project.root))
    }
}
