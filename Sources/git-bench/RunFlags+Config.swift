import Foundation
import GitBenchKit

extension RunFlags {
    /// `--allow-dirty`, or `git config bench.allowDirty true` in the project's repository.
    ///
    /// Throws `ConfigError.invalidValue` when bench.allowDirty is not a boolean, and `GitError.readConfig`.
    func allowsDirty(in project: ProjectContext) throws -> Bool {
        if allowDirty { return true }
        return try BenchConfig.load(from: project.root).allowDirty()
    }
}
