import Foundation

extension Harness {
    /// The benchmark names in the manifest of the repository around `directory`, for shell completion: no store and no
    /// registration are needed. A shell calls this on every TAB, so it never fails: outside a repository, or with a
    /// missing or broken manifest, there is simply nothing to offer (the empty list).
    public static func benchmarkNames(around directory: URL) -> [String] {
        guard let repository = try? Repository.discover(from: directory), let root = repository.workdir,
              let manifest = try? ManifestLoader.load(projectRoot: root) else { return [] }
        return manifest.benchmarks.map(\.name)
    }
}
