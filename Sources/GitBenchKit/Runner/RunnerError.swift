/// A run that could not start or was stopped; per-repetition failures are error rows, not errors.
public enum RunnerError: Error, Equatable, CustomStringConvertible {
    case dirtyTree(path: String)
    case corpusDrift(benchmark: String, declared: String, actual: String, path: String)
    case corpusMissing(benchmark: String, path: String, reason: String)
    /// `corpus_path` names something the fingerprint refuses to read: outside the repository, a device, FIFO or
    /// socket, the wrong kind for `corpus_type`, or a tree past the walk's bounds.
    case corpusUnusable(benchmark: String, path: String, reason: String)
    case noBaselineSeeds(benchmark: String)
    case spawn(command: String, reason: String)
    case scratch(reason: String)
    /// Ctrl-C, SIGTERM or `git bench cancel` stopped run set `runSetID` (nil before one began); `isPairSide`: it is one
    /// side of a `git bench ab` pair, which is run again rather than resumed.
    case interrupted(completed: Int, total: Int, runSetID: RunSetID?, isPairSide: Bool)
    /// Admission: the job's threads or GPU do not fit beside the active jobs; `reason` names them.
    case overCapacity(subject: String, reason: String)
    /// The job needs a GPU and `GIT_BENCH_GPU_COUNT` says this machine lends none.
    case noGPU(subject: String, configured: Int)
    case capacityVariable(name: String, value: String, minimum: Int)
    case unknownJob(JobID)
    /// `action` ("cancel", "start") needs a pending or running job, and this one has ended.
    case jobNotActive(JobID, status: JobStatus, action: String)
    case noJobLog(JobID)
    /// An entry of `[project] tracked_paths` the freshness guard cannot hash.
    case trackedPath(path: String, reason: String)

    public var description: String {
        switch self {
        case .dirtyTree(let path):
            return "refusing to run: the working tree at \(path) has uncommitted or untracked changes; commit them or pass --allow-dirty"
        case .corpusDrift(let benchmark, let declared, let actual, let path):
            return "refusing to run \(benchmark): corpus drift at \(path) (manifest says \(declared), disk has \(actual)); update corpus_hash if the change is intended"
        case .corpusMissing(let benchmark, let path, let reason):
            return "refusing to run \(benchmark): corpus missing at \(path): \(reason)"
        case .corpusUnusable(let benchmark, let path, let reason):
            return "cannot fingerprint the corpus of \(benchmark) at \(path): \(reason); fix corpus_path in bench/manifest.toml"
        case .noBaselineSeeds(let benchmark):
            return "cannot establish a baseline for \(benchmark): the manifest declares no baseline_seeds"
        case .spawn(let command, let reason):
            return "could not start runner `\(command)`: \(reason)"
        case .scratch(let reason):
            return "could not prepare the repetition's scratch directory: \(reason)"
        case .interrupted(let completed, let total, let runSetID, let isPairSide):
            let stopped = "interrupted after \(completed) of \(total) repetition(s)"
            guard let runSetID else { return stopped + "; finished repetitions are stored" }
            if isPairSide {
                return stopped + " of run set \(runSetID); finished repetitions are stored; run `git bench ab` again to measure the pair"
            }
            return stopped + " of run set \(runSetID); finished repetitions are stored; `git bench resume \(runSetID)` runs the rest"
        case .overCapacity(let subject, let reason):
            return "could not start \(subject): \(reason)"
        case .noGPU(let subject, let configured):
            return "could not start \(subject): it needs a GPU (gpu = \"direct\") and GIT_BENCH_GPU_COUNT is \(configured); set it to the number of GPUs this machine lends to benchmarks"
        case .capacityVariable(let name, let value, let minimum):
            return "could not read \(name)=\"\(value)\": expected a whole number of at least \(minimum)"
        case .unknownJob(let id):
            return "could not find job \(id); `git bench status --all` lists jobs"
        case .jobNotActive(let id, let status, let action):
            return "could not \(action) job \(id): it has already ended (\(status.rawValue))"
        case .trackedPath(let path, let reason):
            return "could not hash tracked path \(path): it \(reason); fix [project] tracked_paths in bench/manifest.toml"
        case .noJobLog(let id):
            return "could not show the log of job \(id): it is a foreground run, whose output went to its terminal"
        }
    }
}
