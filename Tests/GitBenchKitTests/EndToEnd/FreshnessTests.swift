import Foundation
import Testing
@testable import GitBenchKit

/// The freshness guard (benchstone 0.3): `evaluate` says STALE (exit 5) when the working tree no longer matches the
/// runs it would compare, and `--allow-dirty` judges anyway.
@Suite struct FreshnessTests {
    /// A baseline at the first commit and a candidate group at a second one, with `bench/cache.bin` ignored by git.
    static func measured(manifest: String = BenchFixture.manifest) throws -> BenchFixture {
        let fixture = try BenchFixture(manifest: manifest, register: false)
        try fixture.repo.write(".gitignore", "bench/cache.bin\nbench/corpus.txt\n")
        try fixture.repo.write("bench/cache.bin", "warm\n")
        try fixture.repo.commit("ignore the cache", time: 2)
        #expect(try fixture.bench("register").status == 0)
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 3)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        return fixture
    }

    @Test func aDirtyTreeIsStaleAndAllowDirtyJudgesAnyway() throws {
        let fixture = try Self.measured()
        #expect(try fixture.bench("evaluate", "quality").status == 0)
        try fixture.repo.write("bench/level", "0.5\n")

        let stale = try fixture.bench("evaluate", "quality")
        #expect(stale.status == 5)
        #expect(stale.stdout.hasPrefix("Sample/quality: STALE sigma thr=2.00 minimize\n"))
        #expect(stale.stdout.contains("  reason: the working tree has uncommitted or untracked changes, so the runs at HEAD do not describe it; "
                                      + "commit or stash them, or pass --allow-dirty to judge anyway\n"))
        #expect(try fixture.bench("evaluate", "quality", "--allow-dirty").status == 0)
        #expect(try fixture.bench("evaluate", "quality", "--expect", "STALE").status == 0)
    }

    @Test func aChangeUnderTrackedPathsThatGitIgnoresIsStale() throws {
        let fixture = try Self.measured()
        try fixture.repo.write("bench/cache.bin", "cold\n")
        #expect(try fixture.repo.git("status", "--porcelain") == "")

        let stale = try fixture.bench("evaluate", "quality", "--json")
        #expect(stale.status == 5)
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(stale.stdout.utf8))["verdicts"]?.first)
        #expect(verdict.kind == .stale)
        #expect(verdict.reason.hasPrefix("the files under [project] tracked_paths changed since run 12 was measured (recorded sha256:"))

        // Put the bytes back and the runs describe the tree again.
        try fixture.repo.write("bench/cache.bin", "warm\n")
        #expect(try fixture.bench("evaluate", "quality").status == 0)
    }

    @Test func filesOutsideTrackedPathsDoNotMakeItStale() throws {
        let manifest = BenchFixture.manifest.replacingOccurrences(of: "[project]\n", with: "[project]\ntracked_paths = [\"bench/runner.sh\", \"bench/level\"]\n")
        let fixture = try Self.measured(manifest: manifest)
        try fixture.repo.write("bench/cache.bin", "cold\n")
        #expect(try fixture.bench("evaluate", "quality").status == 0)
    }

    @Test func aDriftedCorpusIsStale() throws {
        let content = "the corpus\n"
        let manifest = BenchFixture.manifest.replacingOccurrences(of: """
            name = "quality"
            entry_point = "quality"
            """, with: """
            name = "quality"
            entry_point = "quality"
            corpus_path = "bench/corpus.txt"
            corpus_hash = "\(ContentDigest(of: Data(content.utf8)).tagged)"
            """)
        let fixture = try BenchFixture(manifest: manifest, register: false)
        try fixture.repo.write(".gitignore", "bench/corpus.txt\n")
        try fixture.repo.write("bench/corpus.txt", content)
        try fixture.repo.commit("ignored corpus", time: 2)
        #expect(try fixture.bench("register").status == 0)
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 3)
        #expect(try fixture.bench("run", "quality", "--meta-seed", "42").status == 0)
        try fixture.repo.write("bench/corpus.txt", "edited\n")

        let stale = try fixture.bench("evaluate", "quality")
        #expect(stale.status == 5)
        #expect(stale.stdout.contains("  reason: refusing to run quality: corpus drift at "))
        #expect(try fixture.bench("evaluate", "quality", "--allow-dirty").status == 0)
    }

    @Test func aStaleVerdictIsNeverWrittenIntoTheCommitsNote() throws {
        let fixture = try Self.measured()
        try fixture.repo.write("bench/level", "0.5\n")
        #expect(try fixture.bench("evaluate", "quality").status == 5)
        #expect(try fixture.repo.git("notes", "--ref=bench", "list") == "")
    }

    @Test func correctnessBenchmarksAreNeverStale() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("run", "exact").status == 0)
        #expect(try fixture.bench("freeze-reference", "exact").status == 0)
        try fixture.repo.write("bench/untracked.txt", "new\n")
        #expect(try fixture.bench("evaluate", "exact").status == 0)
    }

    @Test func everyRowRecordsTheTreeItWasMeasuredIn() throws {
        let fixture = try Self.measured()
        let hashes = try fixture.sql("SELECT DISTINCT working_tree_hash FROM runs").stdout.split(separator: "\n")
        // Two commits, two trees (bench/level differs), each a sha256 tag.
        #expect(hashes.count == 2)
        #expect(hashes.allSatisfy { $0.hasPrefix("sha256:") && $0.count == 71 })
        #expect(try fixture.bench("verify").status == 0)
    }

    @Test func trackedPathsMustStayInsideTheProject() throws {
        for path in ["../elsewhere", "/etc"] {
            let manifest = BenchFixture.manifest.replacingOccurrences(of: "[project]\n", with: "[project]\ntracked_paths = [\"bench/\", \"\(path)\"]\n")
            let fixture = try BenchFixture(manifest: manifest, register: false)
            let refused = try fixture.bench("register")
            #expect(refused.status == 65)
            #expect(refused.stderr == "git-bench: error: bench/manifest.toml:2: project.tracked_paths[1]: must be a path inside the project, "
                    + "relative to its root (got \"\(path)\")\n")
        }
    }
}
