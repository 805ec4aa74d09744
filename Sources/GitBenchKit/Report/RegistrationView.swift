/// What `register` prints: the project's name and root, its manifest's digest and its benchmarks, or with `--json`
/// the same as one record (`name`, `path`, `manifest_hash`, `benchmarks`).
public struct RegistrationView: Sendable, Equatable, Encodable {
    public var name: String
    public var path: String
    /// `sha256:<hex>` of the manifest as registered.
    public var manifestHash: String
    /// The benchmarks' names, in manifest order.
    public var benchmarks: [String]

    public init(name: String, path: String, manifestHash: String, benchmarks: [String]) {
        self.name = name
        self.path = path
        self.manifestHash = manifestHash
        self.benchmarks = benchmarks
    }

    /// The registration of `project` as it was just recorded.
    public init(_ project: ProjectContext) {
        self.init(name: project.name, path: project.root.path, manifestHash: project.manifest.contentHash,
                  benchmarks: project.manifest.benchmarks.map(\.name))
    }

    enum CodingKeys: String, CodingKey {
        case name, path, benchmarks
        case manifestHash = "manifest_hash"
    }

    /// Three lines for people:
    ///
    ///     registered Sample  /src/sample
    ///       manifest: sha256:a431cd2e…
    ///       benchmarks: quality, speed
    public var text: String {
        """
        registered \(name)  \(path)
          manifest: \(manifestHash)
          benchmarks: \(benchmarks.joined(separator: ", "))

        """
    }

    /// What `unregister` prints: `unregistered Sample (its runs stay in the store)`.
    public static func unregistered(_ name: String) -> String {
        "unregistered \(name) (its runs stay in the store)\n"
    }
}
