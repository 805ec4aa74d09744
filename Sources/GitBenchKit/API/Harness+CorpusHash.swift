import Foundation

extension Harness {
    /// The digest `corpus_hash` should hold for `benchmarkName` (`CorpusHash`), in the project registered as `name`,
    /// else in the repository around `directory` with its manifest as it is now, registered or not: a wrong pin makes
    /// `register` refuse, and this is how to find the right one.
    /// Throws `HarnessError.unknownProject`/`.unknownBenchmark`/`.noCorpus`/`.badRequest`, `RunnerError.corpusUnusable`,
    /// `GitError` and `ManifestError`.
    public func corpusHash(of benchmarkName: String, project name: String?, from directory: URL) throws -> CorpusHash {
        let project: ProjectContext
        if let name {
            project = try self.project(named: name, from: directory)
        } else {
            let repository = try Repository.discover(from: directory)
            guard let root = repository.workdir else { throw HarnessError.badRequest("\(directory.path) is a bare repository; run corpus-hash in a working tree") }
            let manifest = try ProjectContext.loadManifest(projectRoot: root)
            project = ProjectContext(name: manifest.project.name, root: root, manifest: manifest)
        }
        return try CorpusHash(try project.benchmark(named: benchmarkName), project: project.name, root: project.root)
    }
}
