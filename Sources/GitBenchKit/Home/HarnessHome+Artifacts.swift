import Foundation

/// Content-addressed artifacts: `artifacts/<project>/<benchmark>/<hex>.bin`. The runner's correctness output and
/// frozen references live here, out of the runner's reach; a file's name is the SHA-256 of its bytes.
extension HarnessHome {
    /// Where the bytes of `digest` live.
    public func artifactFile(_ digest: ContentDigest, project: String, benchmark: String) -> URL {
        artifactsDirectory(project: project, benchmark: benchmark).appendingPathComponent(digest.hex + ".bin")
    }

    /// Stores `bytes` under their digest (0600, temp file + rename) unless a file of that name exists already.
    /// Returns the digest and whether this call wrote the file. Throws `HomeError` when it cannot be written.
    @discardableResult
    public func storeArtifact(_ bytes: Data, project: String, benchmark: String) throws(HomeError) -> (digest: ContentDigest, isNew: Bool) {
        let digest = ContentDigest(of: bytes)
        let file = artifactFile(digest, project: project, benchmark: benchmark)
        if FileManager.default.fileExists(atPath: file.path) { return (digest, false) }
        try ensureDirectory(file.deletingLastPathComponent())
        try SecureFile.replace(file, contents: bytes)
        return (digest, true)
    }

    /// The stored bytes of `digest`, or nil when the file is missing, unreadable or no longer hashes to `digest`.
    public func artifact(_ digest: ContentDigest, project: String, benchmark: String) -> Data? {
        guard let bytes = try? Data(contentsOf: artifactFile(digest, project: project, benchmark: benchmark)),
              ContentDigest(of: bytes) == digest else { return nil }
        return bytes
    }
}
