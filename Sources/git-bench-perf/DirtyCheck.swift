import Foundation
import GitBenchKit

/// `git-bench-perf dirty DIR`: the dirty check `run` makes before measuring (libgit2 status of the repository around
/// DIR, untracked files included), alone in a process, printing `dirty` or `clean`.
enum DirtyCheck {
    static let usage = "git-bench-perf dirty DIR"

    static func main(_ arguments: [String]) throws {
        guard arguments.count == 3 else { throw PerfUsage() }
        let repository = try Repository.discover(from: URL(fileURLWithPath: arguments[2]))
        print(try repository.isDirty() ? "dirty" : "clean")
    }
}
