/// A request the harness cannot carry out; each case says what to do instead.
public enum HarnessError: Error, Equatable, CustomStringConvertible {
    case notRegistered(path: String)
    /// `suggestion`: the registered project nearest the name (`Suggestion`), when one is near.
    case unknownProject(String, suggestion: String? = nil)
    /// `suggestion`: the project's benchmark nearest the name (`Suggestion`), when one is near.
    case unknownBenchmark(String, project: String, suggestion: String? = nil)
    case invalidName(String, reason: String)
    case notStochastic(benchmark: String)
    case notCorrectness(benchmark: String)
    case noCandidate(benchmark: String, commit: String)
    /// The candidate `promote` would pick is the baseline already (a second `promote` of the same group).
    case alreadyBaseline(benchmark: String, commit: String, metaSeed: Int64)
    case ambiguousCandidate(benchmark: String, metaSeeds: [Int64])
    case promotionRefused(benchmark: String, kind: Verdict.Kind)
    case referenceExists(benchmark: String, contentHash: String)
    case noArtifact(benchmark: String, detail: String)
    /// `corpus-hash`: nothing at the benchmark's `corpus_path`.
    case noCorpus(benchmark: String, path: String, reason: String)
    case blankReason
    case tooFewSeeds(benchmark: String, requested: Int, available: Int)
    case badRequest(String)
    /// Something named that the store or archive does not hold (a run set, a bench): exit 66.
    case notFound(String)
    /// Refused by policy (exit 77): the message says what to pass to go ahead.
    case policy(String)

    /// `unknownBenchmark` for a name `manifest` does not define, suggesting the nearest one it does.
    static func unknownBenchmark(_ name: String, in manifest: Manifest, project: String) -> HarnessError {
        .unknownBenchmark(name, project: project, suggestion: Suggestion.nearest(to: name, among: manifest.benchmarks.map(\.name)))
    }

    /// `unknownProject` for a name `store` has not registered, suggesting the nearest one it has.
    static func unknownProject(_ name: String, in store: RunStore) throws -> HarnessError {
        .unknownProject(name, suggestion: Suggestion.nearest(to: name, among: try store.projects().map(\.name)))
    }

    public var description: String {
        switch self {
        case .notFound(let message):
            return message
        case .notRegistered(let path):
            return "no registered project at \(path); run `git bench register` there first"
        case .unknownProject(let name, let suggestion):
            guard let suggestion else { return "no registered project named \(name); `git bench projects` lists the registered ones" }
            return "no registered project named \(name); did you mean \(suggestion)?"
        case .unknownBenchmark(let name, let project, let suggestion):
            guard let suggestion else { return "project \(project) has no benchmark named \(name); `git bench list` shows its benchmarks" }
            return "project \(project) has no benchmark named \(name); did you mean \(suggestion)?"
        case .invalidName(let name, let reason):
            return "invalid name \"\(name)\": \(reason)"
        case .notStochastic(let benchmark):
            return "\(benchmark) is a correctness benchmark: it has references, not a baseline pointer; use freeze-reference"
        case .notCorrectness(let benchmark):
            return "\(benchmark) is not a correctness benchmark: references apply only to tier = \"correctness\""
        case .noCandidate(let benchmark, let commit):
            return "no candidate runs of \(benchmark) at \(commit); run `git bench run \(benchmark)` first"
        case .alreadyBaseline(let benchmark, let commit, let metaSeed):
            return "\(benchmark)'s group at \(commit) (meta_seed \(metaSeed)) is already the baseline; "
                + "`git bench run \(benchmark)` measures a new candidate"
        case .ambiguousCandidate(let benchmark, let metaSeeds):
            return "\(benchmark) has \(metaSeeds.count) candidate groups at HEAD (meta seeds \(metaSeeds.map(String.init).joined(separator: ", "))); pass --meta-seed to choose"
        case .promotionRefused(let benchmark, let kind):
            return "not promoting \(benchmark): the verdict is \(kind.rawValue); pass --force to move the baseline anyway"
        case .referenceExists(let benchmark, let contentHash):
            return "\(benchmark) already has a frozen reference (\(contentHash.prefix(19))…); use replace-reference --reason to change it"
        case .noArtifact(let benchmark, let detail):
            return "no artifact to freeze for \(benchmark): \(detail)"
        case .noCorpus(let benchmark, let path, let reason):
            return "no corpus to hash for \(benchmark) at \(path): \(reason)"
        case .blankReason:
            return "--reason must say why the reference changes (it was blank)"
        case .tooFewSeeds(let benchmark, let requested, let available):
            return "\(benchmark) declares \(available) baseline_seeds; -n \(requested) asks for more"
        case .badRequest(let message), .policy(let message):
            return message
        }
    }
}
