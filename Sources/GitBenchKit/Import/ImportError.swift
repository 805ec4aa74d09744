/// An import that could not be carried out; nothing is written to the store when one is thrown.
public enum ImportError: CallerError, Equatable, CustomStringConvertible {
    /// A row of the foreign store holds something git-bench cannot represent (a short SHA, an unknown status, bad JSON).
    case invalidRow(store: String, row: String, reason: String)
    /// A reference file or history log could not be read or decoded.
    case readReferences(path: String, reason: String)
    /// A reference's artifact bytes are nowhere to be found.
    case artifactMissing(project: String, benchmark: String, contentHash: String, looked: [String])
    /// Artifact bytes whose SHA-256 is not the hash the foreign store recorded for them.
    case artifactMismatch(path: String, expected: String, actual: String)
    /// Artifact bytes could not be copied under the harness home.
    case copyArtifact(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidRow(let store, let row, let reason):
            return "could not import benchstone store \(store): \(row): \(reason)"
        case .readReferences(let path, let reason):
            return "could not read benchstone references \(path): \(reason)"
        case .artifactMissing(let project, let benchmark, let contentHash, let looked):
            return "could not import the reference of \(project)/\(benchmark): its artifact \(contentHash) is not at "
                + looked.joined(separator: " or ") + "; pass --references with benchstone's references directory"
        case .artifactMismatch(let path, let expected, let actual):
            return "could not import artifact \(path): its bytes hash to \(actual), not \(expected)"
        case .copyArtifact(let path, let reason):
            return "could not copy artifact to \(path): \(reason)"
        }
    }
}
