import Foundation

/// A registered project, opened: where it is and what its manifest says now.
public struct ProjectContext: Sendable {
    public var name: String
    public var root: URL
    public var manifest: Manifest

    /// The benchmark named `name`, or `HarnessError.unknownBenchmark`.
    public func benchmark(named name: String) throws -> Benchmark {
        guard let benchmark = manifest.benchmark(named: name) else { throw HarnessError.unknownBenchmark(name, in: manifest, project: self.name) }
        return benchmark
    }

    /// Opens the project registered under `name`, or, when `name` is nil, the one whose repository contains
    /// `directory` (a linked worktree belongs to the project registered at its main working tree), with its manifest
    /// as it is now. Throws `HarnessError.unknownProject`/`.notRegistered`, `GitError` and `ManifestError`.
    public static func open(named name: String?, from directory: URL, store: RunStore) throws -> ProjectContext {
        let registration: RegisteredProject
        if let name {
            guard let found = try store.project(named: name) else { throw try HarnessError.unknownProject(name, in: store) }
            registration = found
        } else {
            let repository = try Repository.discover(from: directory)
            guard let root = repository.workdir else { throw HarnessError.badRequest("\(directory.path) is a bare repository") }
            let mainRoot = repository.commonDir.lastPathComponent == ".git" ? repository.commonDir.deletingLastPathComponent() : nil
            guard let found = try store.project(atPath: root.path) ?? mainRoot.flatMap({ try store.project(atPath: $0.path) }) else {
                throw HarnessError.notRegistered(path: root.path)
            }
            registration = found
        }
        let root = URL(fileURLWithPath: registration.path)
        return ProjectContext(name: registration.name, root: root, manifest: try loadManifest(projectRoot: root))
    }

    /// The project's manifest with the gate's own findings added to its warnings (a Mann–Whitney threshold its sizes
    /// can never reach, say): the manifest layer knows the format, the gate knows what the numbers can decide.
    static func loadManifest(projectRoot: URL) throws -> Manifest {
        var manifest = try ManifestLoader.load(projectRoot: projectRoot)
        manifest.warnings += Gate.warnings(for: manifest.benchmarks)
        return manifest
    }
}
