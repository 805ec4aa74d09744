import Foundation
import Testing
@testable import GitBenchKit

/// A corpus that is a device, a FIFO, the whole filesystem or a path out of the repository gets one line and 65 from
/// every command that fingerprints it, promptly (each call has a liveness deadline, so a regression fails, not hangs).
@Suite struct HostileCorpusTests {
    static let deadline: TimeInterval = 60
    /// A well-formed digest no corpus here has.
    static let pinned = ContentDigest(of: Data("pinned".utf8)).tagged

    /// The fixture's manifest with `quality` reading a corpus.
    static func manifest(path: String, type: String, hash: String = pinned) -> String {
        BenchFixture.manifest.replacingOccurrences(of: """
            name = "quality"
            entry_point = "quality"
            """, with: """
            name = "quality"
            entry_point = "quality"
            corpus_path = "\(path)"
            corpus_hash = "\(hash)"
            corpus_type = "\(type)"
            """)
    }

    /// An unregistered fixture whose manifest points `quality` at `path`; `prepare` puts things on disk before the commit.
    private func fixture(path: String, type: String, prepare: (TestRepo) throws -> Void = { _ in }) throws -> BenchFixture {
        let fixture = try BenchFixture(manifest: Self.manifest(path: path, type: type), register: false)
        try prepare(fixture.repo)
        try fixture.repo.commit("corpus", time: 2)
        return fixture
    }

    private func expectOneLine(_ result: (status: Int32, stdout: String, stderr: String), _ status: Int32, _ text: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("git-bench: error: ") && result.stderr.hasSuffix("\n"), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aCommittedSymlinkToADeviceIsRefusedByRegisterAndRunAndListedUnusable() throws {
        for device in ["/dev/zero", "/dev/urandom"] {
            let fixture = try fixture(path: "bench/corpus.bin", type: "bytes") { repo in
                try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("bench/corpus.bin").path, withDestinationPath: device)
            }
            let corpus = fixture.repo.url.appendingPathComponent("bench/corpus.bin").path
            expectOneLine(try fixture.bench("register", timeout: Self.deadline), 65,
                          "cannot fingerprint the corpus of quality at \(corpus): it resolves to \(device), outside the repository \(fixture.repo.url.path); "
                          + "fix corpus_path in bench/manifest.toml")
            #expect(try fixture.runCount() == 0)
        }
    }

    @Test func aProjectWhoseCorpusTurnedHostileListsItAndRefusesToRunOrJudge() throws {
        let content = "the corpus\n"
        let fixture = try BenchFixture(manifest: Self.manifest(path: "bench/corpus.bin", type: "bytes", hash: ContentDigest(of: Data(content.utf8)).tagged),
                                       register: false)
        try fixture.repo.write("bench/corpus.bin", content)
        try fixture.repo.commit("corpus", time: 2)
        #expect(try fixture.bench("register", timeout: Self.deadline).status == 0)
        #expect(try fixture.bench("run", "quality", "-n", "2", timeout: Self.deadline).status == 0)

        let corpus = fixture.repo.url.appendingPathComponent("bench/corpus.bin")
        try FileManager.default.removeItem(at: corpus)
        try FileManager.default.createSymbolicLink(atPath: corpus.path, withDestinationPath: "/dev/zero")
        try fixture.repo.commit("corpus is now /dev/zero", time: 3)
        let list = try fixture.bench("list", timeout: Self.deadline)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("  quality       quality      6     1        none    unusable"), "\(list.stdout)")
        expectOneLine(try fixture.bench("run", "quality", timeout: Self.deadline), 65, "it resolves to /dev/zero, outside the repository")
        expectOneLine(try fixture.bench("baseline", "establish", "quality", "--at-sha", "HEAD", timeout: Self.deadline), 65,
                      "it resolves to /dev/zero, outside the repository")
        let evaluate = try fixture.bench("evaluate", "quality", timeout: Self.deadline)
        #expect(evaluate.status == 5 && evaluate.stdout.contains("it resolves to /dev/zero"), "\(evaluate.stdout)")
        #expect(try fixture.runCount() == 2)
    }

    @Test func aFIFOIsNeverOpenedForReading() throws {
        let fixture = try fixture(path: "bench/corpus.bin", type: "bytes")
        #expect(mkfifo(fixture.repo.url.appendingPathComponent("bench/corpus.bin").path, 0o600) == 0)
        expectOneLine(try fixture.bench("register", timeout: Self.deadline), 65, "corpus.bin: it is a FIFO, not a regular file; fix corpus_path")

        // Inside a dir corpus too.
        let directory = try self.fixture(path: "bench/corpus", type: "dir") { repo in try repo.write("bench/corpus/a.txt", "alpha\n") }
        #expect(mkfifo(directory.repo.url.appendingPathComponent("bench/corpus/pipe").path, 0o600) == 0)
        expectOneLine(try directory.bench("register", timeout: Self.deadline), 65,
                      "pipe is a FIFO; a dir corpus holds only regular files, directories and symbolic links")
    }

    @Test func theFilesystemRootAndPathsOutOfTheRepositoryAreRefused() throws {
        let root = try fixture(path: "/", type: "dir")
        expectOneLine(try root.bench("register", timeout: Self.deadline), 65,
                      "cannot fingerprint the corpus of quality at /: it is an absolute path; the corpus must be inside the repository, named relative to its root; "
                      + "fix corpus_path in bench/manifest.toml\n")

        let outside = try fixture(path: "../outside", type: "dir") { repo in
            try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("outside"), withIntermediateDirectories: true)
            try "secret\n".write(to: repo.root.appendingPathComponent("outside/a.txt"), atomically: true, encoding: .utf8)
        }
        expectOneLine(try outside.bench("register", timeout: Self.deadline), 65,
                      "at \(outside.repo.root.path)/outside: it is outside the repository \(outside.repo.url.path)")

        // A committed symlink to a directory out of the repository.
        let linked = try fixture(path: "bench/corpus", type: "dir") { repo in
            try FileManager.default.createDirectory(at: repo.root.appendingPathComponent("outside"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: repo.url.appendingPathComponent("bench/corpus").path,
                                                       withDestinationPath: repo.root.appendingPathComponent("outside").path)
        }
        expectOneLine(try linked.bench("register", timeout: Self.deadline), 65,
                      "it resolves to \(linked.repo.root.path)/outside, outside the repository")
    }

    @Test func aMissingCorpusIsStillRefusedAsMissing() throws {
        let fixture = try fixture(path: "bench/nothing.bin", type: "bytes")
        expectOneLine(try fixture.bench("register", timeout: Self.deadline), 77,
                      "refusing to run quality: corpus missing at \(fixture.repo.url.path)/bench/nothing.bin: no such file or directory")
    }

    @Test func aDirWalkStopsAtItsDepthBound() throws {
        let repo = try TestRepo()
        let deep = (0...CorpusFingerprint.maximumDepth).map { "d\($0)" }.joined(separator: "/")
        try repo.write("corpus/\(deep)/leaf.txt", "leaf\n")
        let error = #expect(throws: RunnerError.self) {
            try CorpusFingerprint.fingerprint(repo.url.appendingPathComponent("corpus"), type: .dir, benchmark: "x", within: repo.url)
        }
        #expect(error?.description.contains("the directory nests more than \(CorpusFingerprint.maximumDepth) levels deep") == true, "\(String(describing: error))")
        // One level less is fine.
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("corpus/d0"))
        try repo.write("corpus/" + (1...CorpusFingerprint.maximumDepth).map { "d\($0)" }.joined(separator: "/") + "/leaf.txt", "leaf\n")
        #expect(try CorpusFingerprint.fingerprint(repo.url.appendingPathComponent("corpus"), type: .dir, benchmark: "x", within: repo.url).hasPrefix("sha256:"))
    }

    @Test func aDirFingerprintIsTheSameDigestAsBefore() throws {
        // The digest users pinned stays valid: sorted "<relative path>\0<sha256 hex>\n" lines of every regular file.
        let repo = try TestRepo()
        try repo.write("corpus/b.txt", "beta\n")
        try repo.write("corpus/sub/a.txt", "alpha\n")
        let lines = "b.txt\0\(ContentDigest(of: Data("beta\n".utf8)).hex)\nsub/a.txt\0\(ContentDigest(of: Data("alpha\n".utf8)).hex)\n"
        #expect(try CorpusFingerprint.fingerprint(repo.url.appendingPathComponent("corpus"), type: .dir, benchmark: "x", within: repo.url)
                == ContentDigest(of: Data(lines.utf8)).tagged)
    }

    @Test func aSpecCorpusIsTheDigestOfItsSpecFileAndABytesCorpusOfItsBytes() throws {
        let repo = try TestRepo()
        try repo.write("corpus/corpus_spec.toml", "size = 3\n")
        try repo.write("corpus.bin", "bytes\n")
        #expect(try CorpusFingerprint.fingerprint(repo.url.appendingPathComponent("corpus"), type: .spec, benchmark: "x", within: repo.url)
                == ContentDigest(of: Data("size = 3\n".utf8)).tagged)
        #expect(try CorpusFingerprint.fingerprint(repo.url.appendingPathComponent("corpus.bin"), type: .bytes, benchmark: "x", within: repo.url)
                == ContentDigest(of: Data("bytes\n".utf8)).tagged)
    }
}
