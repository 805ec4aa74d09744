import Foundation
import Testing
@testable import GitBenchKit

/// `git bench corpus-hash BENCH`: the digest `corpus_hash` should hold, computed as `register` verifies it.
@Suite struct CorpusHashTests {
    @Test func thePrintedDigestIsTheOneRegisterAccepts() throws {
        // A wrong pin: register refuses it as drift.
        let fixture = try BenchFixture(manifest: HostileCorpusTests.manifest(path: "bench/corpus", type: "dir"), register: false)
        try fixture.repo.write("bench/corpus/a.txt", "alpha\n")
        try fixture.repo.write("bench/corpus/sub/b.txt", "beta\n")
        try fixture.repo.commit("corpus", time: 2)
        #expect(try fixture.bench("register").status == 77)

        // Unregistered, corpus-hash still answers, from the manifest as it is now.
        let printed = try fixture.bench("corpus-hash", "quality")
        #expect(printed.status == 0, "\(printed.stderr)")
        let digest = printed.stdout.trimmingCharacters(in: .newlines)
        #expect(printed.stdout == digest + "\n" && digest.hasPrefix("sha256:") && digest.count == 71, "\(printed.stdout)")
        #expect(digest == (try CorpusFingerprint.fingerprint(fixture.repo.url.appendingPathComponent("bench/corpus"), type: .dir, benchmark: "quality",
                                                             within: fixture.repo.url)))
        #expect(printed.stderr.isEmpty, "\(printed.stderr)")

        let json = try fixture.bench("corpus-hash", "quality", "--json")
        #expect(json.status == 0)
        #expect(json.stdout == """
            {
              "benchmark" : "quality",
              "corpus_hash" : "\(digest)",
              "corpus_path" : "bench/corpus",
              "corpus_type" : "dir",
              "declared_corpus_hash" : "\(HostileCorpusTests.pinned)",
              "matches_manifest" : false,
              "project" : "Sample"
            }

            """, "\(json.stdout)")

        // Pasted into the manifest, register accepts it and corpus-hash agrees.
        try fixture.repo.write("bench/manifest.toml", HostileCorpusTests.manifest(path: "bench/corpus", type: "dir", hash: digest))
        try fixture.repo.commit("pin the corpus", time: 3)
        #expect(try fixture.bench("register").status == 0)
        let pinned = try fixture.bench("corpus-hash", "quality", "--project", "Sample", "--json")
        #expect(pinned.status == 0 && pinned.stdout.contains("\"matches_manifest\" : true"), "\(pinned.stdout)\(pinned.stderr)")
    }

    @Test func anUnknownBenchmarkNoCorpusPathOrNoCorpusIsOneLineAndItsCode() throws {
        let fixture = try BenchFixture(manifest: HostileCorpusTests.manifest(path: "bench/missing.bin", type: "bytes"), register: false)
        let unknown = try fixture.bench("corpus-hash", "nosuch")
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "git-bench: error: project Sample has no benchmark named nosuch; `git bench list` shows its benchmarks\n")
        let unpinned = try fixture.bench("corpus-hash", "speed")
        #expect(unpinned.status == 64)
        #expect(unpinned.stderr == "git-bench: error: speed declares no corpus_path; corpus_hash pins the file or directory corpus_path names\n")
        let missing = try fixture.bench("corpus-hash", "quality")
        #expect(missing.status == 66)
        #expect(missing.stderr == "git-bench: error: no corpus to hash for quality at \(fixture.repo.url.path)/bench/missing.bin: no such file or directory\n")
        #expect(missing.stdout.isEmpty)
    }

    @Test func aHostileCorpusIsRefusedNotHashed() throws {
        let fixture = try BenchFixture(manifest: HostileCorpusTests.manifest(path: "bench/corpus.bin", type: "bytes"), register: false)
        try FileManager.default.createSymbolicLink(atPath: fixture.repo.url.appendingPathComponent("bench/corpus.bin").path, withDestinationPath: "/dev/zero")
        let result = try fixture.bench("corpus-hash", "quality", timeout: HostileCorpusTests.deadline)
        #expect(result.status == 65)
        #expect(result.stderr.hasSuffix("it resolves to /dev/zero, outside the repository \(fixture.repo.url.path); fix corpus_path in bench/manifest.toml\n"))
    }
}
