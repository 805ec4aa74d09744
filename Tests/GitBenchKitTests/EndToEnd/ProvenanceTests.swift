import Foundation
import Testing
@testable import GitBenchKit

/// Dirty trees, corpus pinning and `--at-sha`: refusals write nothing, and nothing is left behind.
@Suite struct ProvenanceTests {
    @Test func rejectsDirtyTreeAndWritesNothing() throws {
        let fixture = try BenchFixture()
        try fixture.repo.write("untracked.txt", "new\n")
        let result = try fixture.bench("run", "quality")
        #expect(result.status == 77)
        #expect(result.stderr.contains("uncommitted or untracked changes; commit them or pass --allow-dirty"))
        #expect(try fixture.runCount() == 0)
        #expect(try fixture.bench("baseline", "establish", "quality").status == 77)
        #expect(try fixture.runCount() == 0)
    }

    @Test func allowDirtyStoresThePrivateDiffAndGatesIgnoreDirtyRows() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.repo.write("bench/level", "0.8\n")
        let result = try fixture.bench("run", "quality", "--allow-dirty", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let records = try #require(try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.first?.records)
        #expect(records.allSatisfy { $0.isDirty })
        let diff = URL(fileURLWithPath: try #require(records.first?.diffPath))
        #expect(try permissions(of: diff) == 0o600)
        let text = try String(contentsOf: diff, encoding: .utf8)
        #expect(text.contains("-1.0\n+0.8"))
        #expect(records.first?.diffSHA256 == ContentDigest(of: Data(text.utf8)).tagged)

        // The tree is still dirty: the freshness guard needs --allow-dirty before the gate looks at rows at all.
        let ignored = try fixture.bench("evaluate", "quality", "--allow-dirty")
        #expect(ignored.status == 2)
        #expect(ignored.stdout.contains("NEEDS_MORE_DATA"))
        #expect(try fixture.bench("evaluate", "quality", "--allow-dirty", "--include-dirty").status == 0)
    }

    @Test func corpusDriftRefusesTheRunAndWritesNoRow() throws {
        let corpus = "bench/corpus.txt"
        let content = "the corpus\n"
        let digest = ContentDigest(of: Data(content.utf8)).tagged
        let manifest = BenchFixture.manifest.replacingOccurrences(of: """
            name = "quality"
            entry_point = "quality"
            """, with: """
            name = "quality"
            entry_point = "quality"
            corpus_path = "\(corpus)"
            corpus_hash = "\(digest)"
            corpus_type = "bytes"
            """)
        let fixture = try BenchFixture(manifest: manifest, register: false)
        try fixture.repo.write(corpus, content)
        try fixture.repo.commit("corpus", time: 2)
        #expect(try fixture.bench("register").status == 0)
        #expect(try fixture.bench("list").stdout.contains("  quality       quality      6     1        none    ok"))
        #expect(try fixture.bench("run", "quality", "-n", "2").status == 0)

        try fixture.repo.write(corpus, "edited\n")
        try fixture.repo.commit("edit corpus", time: 3)
        #expect(try fixture.bench("list").stdout.contains("none    drift"))
        let drift = try fixture.bench("run", "quality")
        #expect(drift.status == 77)
        #expect(drift.stderr.contains("corpus drift"))
        try FileManager.default.removeItem(at: fixture.repo.url.appendingPathComponent(corpus))
        try fixture.repo.commit("remove corpus", time: 4)
        let missing = try fixture.bench("run", "quality")
        #expect(missing.status == 77)
        #expect(missing.stderr.contains("corpus missing"))
        #expect(try fixture.runCount() == 2)
    }

    @Test func dirCorpusHashCoversPathsAndContents() throws {
        let repo = try TestRepo()
        try repo.write("corpus/a.txt", "alpha\n")
        try repo.write("corpus/sub/b.txt", "beta\n")
        let root = repo.url.appendingPathComponent("corpus")
        let first = try CorpusFingerprint.fingerprint(root, type: .dir, benchmark: "x", within: repo.url)
        #expect(try CorpusFingerprint.fingerprint(root, type: .dir, benchmark: "x", within: repo.url) == first)
        try repo.write("corpus/sub/b.txt", "beta!\n")
        let edited = try CorpusFingerprint.fingerprint(root, type: .dir, benchmark: "x", within: repo.url)
        #expect(edited != first)
        try repo.write("corpus/sub/b.txt", "beta\n")
        try FileManager.default.moveItem(at: root.appendingPathComponent("sub/b.txt"), to: root.appendingPathComponent("b.txt"))
        #expect(try CorpusFingerprint.fingerprint(root, type: .dir, benchmark: "x", within: repo.url) != first)
    }

    @Test func atShaRunsTheOldManifestAndLeavesNothingBehind() throws {
        let fixture = try BenchFixture()
        let old = try fixture.repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        // Later commits change both the code and the benchmark's definition.
        try fixture.repo.write("bench/manifest.toml", BenchFixture.manifest.replacingOccurrences(of: "baseline_seeds = [1, 2, 3, 4, 5, 6]", with: "baseline_seeds = [1, 2]"))
        try fixture.setLevel("5.0", time: 2)

        let result = try fixture.bench("baseline", "establish", "quality", "--at-sha", String(old.prefix(8)), "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let runSet = try #require(try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.first)
        #expect(runSet.commit.hex == old)
        #expect(runSet.records.count == 6)  // the old manifest's six seeds
        #expect(runSet.records.allSatisfy { abs(($0.metric ?? 0) - 1.0) < 0.2 })  // the old level
        #expect(runSet.baselineEvent?.commit.hex == old)

        let worktrees = try fixture.repo.git("worktree", "list", "--porcelain")
        #expect(worktrees.components(separatedBy: "worktree ").count == 2)
        #expect(try fixture.repo.git("branch", "--list").trimmingCharacters(in: .whitespacesAndNewlines) == "* main")
    }

    @Test func atShaLeavesNothingBehindWhenTheRunFails() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("baseline", "establish", "crash", "--at-sha", "HEAD")
        #expect(result.status == 65)
        let unknown = try fixture.bench("baseline", "establish", "quality", "--at-sha", "no-such-rev")
        #expect(unknown.status == 64)
        #expect(try fixture.repo.git("worktree", "list", "--porcelain").components(separatedBy: "worktree ").count == 2)
        #expect(try fixture.repo.git("branch", "--list").trimmingCharacters(in: .whitespacesAndNewlines) == "* main")
    }

    @Test func placeholdersAreShellQuoted() throws {
        #expect(InvocationTemplate.render("run {entry_point} {config_path}", entryPoint: "a b", configPath: "/tmp/x'$(rm -rf ~)", outputPath: "o") ==
                "run 'a b' '/tmp/x'\\''$(rm -rf ~)'")
        #expect(InvocationTemplate.quote("/tmp/git-bench-rep-AbC123/config.json") == "/tmp/git-bench-rep-AbC123/config.json")
        #expect(InvocationTemplate.quote("") == "''")
    }

    @Test func aValueIsInsertedOnceAndNeverScannedAgain() throws {
        // An entry point holding a placeholder stays that text: the quoted config path is not spliced into it.
        #expect(InvocationTemplate.render("sh r.sh {entry_point} {config_path}", entryPoint: "x{config_path}",
                                          configPath: "/tmp/a;$(touch c)/config.json", outputPath: "o")
                == "sh r.sh 'x{config_path}' '/tmp/a;$(touch c)/config.json'")
        #expect(InvocationTemplate.render("echo ${entry_point} {entry} {output_path}", entryPoint: "e", configPath: "c", outputPath: "o")
                == "echo ${entry_point} {entry} o")
    }

    @Test func aTemporaryDirectoryWithShellSyntaxRunsNoCommand() throws {
        // Before: the entry point's {output_path} was replaced inside the already-quoted entry point, so the quotes of
        // the inserted path ended the string and `$(touch …)` in TMPDIR ran.
        let manifest = BenchFixture.manifest.replacingOccurrences(of: "entry_point = \"quality\"", with: "entry_point = \"q{output_path}\"")
        let fixture = try BenchFixture(manifest: manifest)
        let canary = fixture.repo.root.appendingPathComponent("canary")
        let tmp = fixture.repo.root.appendingPathComponent("t;$(touch \(canary.path))'x")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        var environment = fixture.environment
        environment["TMPDIR"] = tmp.path
        let result = try runProcess(BenchFixture.binary, ["run", "quality", "-n", "2"], environment: environment, currentDirectory: fixture.repo.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: canary.path))
    }
}
