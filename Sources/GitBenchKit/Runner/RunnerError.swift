/// A run that could not start or was stopped; per-repetition failures are error rows, not errors.
public enum RunnerError: Error, Equatable, CustomStringConvertible {
    case dirtyTree(path: String)
    case corpusDrift(benchmark: String, declared: String, actual: String, path: String)
    case corpusMissing(benchmark: String, path: String, reason: String)
    case noBaselineSeeds(benchmark: String)
    case spawn(command: String, reason: String)
    case scratch(reason: String)
    case interrupted(completed: Int, total: Int)

    public var description: String {
        switch self {
        case .dirtyTree(let path):
            return "refusing to run: the working tree at \(path) has uncommitted or untracked changes; commit them or pass --allow-dirty"
        case .corpusDrift(let benchmark, let declared, let actual, let path):
            return "refusing to run \(benchmark): corpus drift at \(path) (manifest says \(declared), disk has \(actual)); update corpus_hash if the change is intended"
        case .corpusMissing(let benchmark, let path, let reason):
            return "refusing to run \(benchmark): corpus missing at \(path): \(reason)"
        case .noBaselineSeeds(let benchmark):
            return "cannot establish a baseline for \(benchmark): the manifest declares no baseline_seeds"
        case .spawn(let command, let reason):
            return "could not start runner `\(command)`: \(reason)"
        case .scratch(let reason):
            return "could not prepare the repetition's scratch directory: \(reason)"
        case .interrupted(let completed, let total):
            return "interrupted after \(completed) of \(total) repetition(s); finished repetitions are stored"
        }
    }
}
