import Foundation
import Testing
@testable import GitBenchKit

/// `BENCH_PARITY.yaml`: the seed's rows read as written, a missing file as no release, a malformed one refused in one
/// line naming the file, and the rows handed to the badge writer.
@Suite struct BenchParityTests {
    static let seedFile = """
    # Maintained by `git bench release-mark`.
    schema_version: 1
    releases:
      - package: astrocyte
        version: "0.14.0"
        bench_cycle: m19
        bench_tag: bench/m19
        bench_commit: 0123456789abcdef0123456789abcdef01234567
        released_at: "2026-05-30"
        scores:
          locomo: {overall: 0.8410, n_questions: 200, runs: 2}
          longmemeval: {overall: 0.7250, n_questions: null, runs: 2}
      - package: astrocyte-postgres
        version: 0.14.0
        bench_cycle: m19
        released_at: 2026-05-30
        scores:
          locomo: {overall: 0.8410, n_questions: 200, runs: 2}
    """

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-parity-\(UUID().uuidString)")

    func write(_ text: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(BenchParity.fileName)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func theSeedsRowsAreReadAsWritten() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let parity = try BenchParity.read(from: try write(Self.seedFile))
        #expect(parity.schemaVersion == 1)
        #expect(parity.releases.count == 2)
        let first = parity.releases[0]
        #expect(first == BenchParity.Release(package: "astrocyte", version: "0.14.0", benchCycle: "m19", benchTag: "bench/m19",
                                             benchCommit: "0123456789abcdef0123456789abcdef01234567", releasedAt: "2026-05-30",
                                             scores: ["locomo": .init(overall: 0.841, nQuestions: 200, runs: 2),
                                                      "longmemeval": .init(overall: 0.725, nQuestions: nil, runs: 2)]))
        // Unquoted, a version and a date are still text, and tag and commit may be absent.
        #expect(parity.releases[1].version == "0.14.0" && parity.releases[1].releasedAt == "2026-05-30")
        #expect(parity.releases[1].benchTag == nil && parity.releases[1].benchCommit == nil)
    }

    @Test func theRowsAreWhatTheBadgeWriterTakes() throws {
        let rows = try BenchParity.parse(Self.seedFile, path: "BENCH_PARITY.yaml").releaseRows
        #expect(rows[0] == ReleaseRow(package: "astrocyte", version: "0.14.0", releasedAt: "2026-05-30",
                                      scores: ["locomo": ReleasedScore(overall: 0.841, nQuestions: 200, runs: 2),
                                               "longmemeval": ReleasedScore(overall: 0.725, nQuestions: nil, runs: 2)]))
        let badge = try #require(Badge.select(bench: "locomo", runs: [], releases: rows))
        #expect(badge.label == "LoCoMo (astrocyte v0.14.0)" && badge.message == "84.1%")
    }

    @Test func aMissingFileHoldsNoRelease() throws {
        #expect(try BenchParity.read(from: folder.appendingPathComponent("BENCH_PARITY.yaml")) == BenchParity(releases: []))
    }

    @Test func anEmptyOrCommentOnlyFileHoldsNoRelease() throws {
        #expect(try BenchParity.parse("", path: "p").releases.isEmpty)
        #expect(try BenchParity.parse("# nothing released yet\n", path: "p").releases.isEmpty)
        #expect(try BenchParity.parse("releases: []\n", path: "p").releases.isEmpty)
    }

    @Test func theSeedsFilesWithoutASchemaVersionReadAsVersionOne() throws {
        let parity = try BenchParity.parse(Self.seedFile.replacingOccurrences(of: "schema_version: 1\n", with: ""), path: "p")
        #expect(parity.schemaVersion == 1 && parity.releases.count == 2)
    }

    @Test(arguments: [
        ("schema_version: 2\nreleases: []\n", "schema_version 2 is not one this git-bench reads (1)"),
        ("releases:\n  - package: astrocyte\n", "releases[0].version: missing"),
        ("releases:\n  - {package: a, version: '1', bench_cycle: m, released_at: '2026-05-30', scores: {locomo: {overall: high}}}\n",
         "releases[0].scores.locomo.overall: expected a number"),
        ("releases: yes-please\n", "releases: expected a list"),
        ("- just\n- a list\n", "the top level: expected a mapping"),
    ])
    func aMalformedFileIsRefusedInOneLineNamingIt(text: String, reason: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write(text)
        #expect(throws: BenchParityError(path: url.path, reason: reason)) { try BenchParity.read(from: url) }
    }

    @Test func aYAMLSyntaxErrorIsOneLineNamingTheFile() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try write("releases:\n  - package: [astrocyte\n")
        do {
            _ = try BenchParity.read(from: url)
            Issue.record("no error")
        } catch {
            let line = error.description
            #expect(line.hasPrefix(url.path + ": "))
            #expect(!line.contains("\n"))
            #expect(line.contains("line 2"), "\(line)")
        }
    }
}
