import Foundation

/// One registered project as `git bench projects` lists it: its name, its root and how many benchmarks its manifest
/// defines now, or why the manifest cannot be read (the root moved, the manifest broke).
public struct ProjectSummary: Sendable, Equatable, Codable {
    /// The registered name.
    public var name: String
    /// The repository root it was registered at.
    public var path: String
    /// The manifest's benchmarks now; nil when it cannot be read.
    public var benchmarks: Int?
    /// Why the manifest cannot be read; nil when it can.
    public var problem: String?

    public init(name: String, path: String, benchmarks: Int?, problem: String? = nil) {
        self.name = name
        self.path = path
        self.benchmarks = benchmarks
        self.problem = problem
    }

    /// The summary of `project`, reading its manifest from its root; a manifest that cannot be read is a `problem`,
    /// not an error, so one broken project never hides the others.
    public init(_ project: RegisteredProject) {
        let root = URL(fileURLWithPath: project.path)
        do {
            self.init(name: project.name, path: project.path, benchmarks: try ProjectContext.loadManifest(projectRoot: root).benchmarks.count)
        } catch {
            self.init(name: project.name, path: project.path, benchmarks: nil, problem: "\(error)")
        }
    }
}
