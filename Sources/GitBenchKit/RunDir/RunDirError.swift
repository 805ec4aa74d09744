import Foundation

/// A run-set directory that could not be written, read, found, trusted or resumed.
public enum RunDirError: Error, Equatable, CustomStringConvertible {
    /// Writing a file of the run set failed.
    case write(path: String, underlying: String)
    /// Reading a file of the run set failed.
    case read(path: String, underlying: String)
    /// No directory for this run-set id under the harness home.
    case notFound(runSetID: String, searched: String)
    /// The directory carries no git-bench marker, a foreign one, or a version this git-bench does not read.
    case notARunSet(path: String, reason: String)
    /// The directory is a git-bench run set, but a file is missing, altered or inconsistent.
    case invalid(path: String, problem: String)
    /// The zip could not be built.
    case zip(path: String, reason: String)
    /// `resume` would not produce the same measurement (HEAD moved, tree changed, still running, …).
    case resumeRefused(runSetID: String, reason: String)

    public var description: String {
        switch self {
        case .write(let path, let underlying):
            return "could not write run set file \(path): \(underlying)"
        case .read(let path, let underlying):
            return "could not read run set file \(path): \(underlying)"
        case .notFound(let runSetID, let searched):
            return "could not find run set \(runSetID) under \(searched); `git bench history BENCH` lists run set ids"
        case .notARunSet(let path, let reason):
            return "not a git-bench run set: \(path): \(reason)"
        case .invalid(let path, let problem):
            return "invalid run set \(path): \(problem)"
        case .zip(let path, let reason):
            return "could not write zip \(path): \(reason)"
        case .resumeRefused(let runSetID, let reason):
            return "refusing to resume \(runSetID): \(reason)"
        }
    }
}
