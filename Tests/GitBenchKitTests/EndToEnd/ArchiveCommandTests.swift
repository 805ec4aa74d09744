import Foundation
import Testing
@testable import GitBenchKit

/// `git bench archive`, `archive pull` and the archive after `run`, through the built binary against real repositories,
/// real harness homes, the `file://` store and a real moto_server.
@Suite struct ArchiveCommandTests {
    /// A fixture whose `quality` benchmark has a baseline and a candidate at a slower HEAD (REJECT).
    private func measuredFixture(extraEnvironment: [String: String] = [:]) throws -> BenchFixture {
        let fixture = try BenchFixture()
        try expectOK(fixture.bench(["baseline", "establish", "quality"], extraEnvironment: extraEnvironment))
        try fixture.setLevel("1.3", time: 2)
        try expectOK(fixture.bench(["run", "quality"], extraEnvironment: extraEnvironment))
        return fixture
    }

    private func expectOK(_ result: (status: Int32, stdout: String, stderr: String), sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func files(under directory: URL) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
            .filter { (try? directory.appendingPathComponent($0).resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted()
    }

    @Test func theDefaultFileArchiveNeedsNoConfigurationAndUsesTheSeedLayout() throws {
        let fixture = try measuredFixture()
        let result = try fixture.bench("archive", "--json")
        expectOK(result)
        let archived = try #require(try json(result.stdout)["report"] as? [String: Any])
        let items = try #require(archived["archived"] as? [[String: Any]])
        #expect(items.count == 2)
        let root = fixture.home.appendingPathComponent("archive/private")
        let today = ArchiveKey.day(of: Date())
        let stored = files(under: root)
        let results = stored.filter { $0.hasPrefix("runs/") && $0.hasSuffix(".json.gz") }
        #expect(results.count == 2)
        // latest/ holds the newest run, and the public half the trajectory and badge.
        #expect(stored.contains("latest/quality.json.gz"))
        #expect(files(under: fixture.home.appendingPathComponent("archive/public")).filter { !$0.hasPrefix("selftest") } == ["badges/quality.json", "trajectory/quality.json"])
        for key in results {
            #expect(key.range(of: #"^runs/\d{4}-\d{2}-\d{2}/local-ad-hoc/quality/results-\d{8}T\d{6}Z-[0-9a-f]{7}\.json\.gz$"#, options: .regularExpression) != nil, "\(key)")
            // gunzip gives back the document, a git_bench_result with every repetition.
            let unzipped = try runProcess("/bin/sh", ["-c", "gunzip -c \"$1\"", "sh", root.appendingPathComponent(key).path])
            let document = try json(unzipped.stdout)
            #expect(document["schema"] as? String == "git_bench_result")
            #expect(document["schema_version"] as? Int == 1)
            #expect((document["repetitions"] as? [Any])?.count == 6)
            #expect(document["host"] as? String == Harness.currentHost())
        }
        #expect(stored.filter { $0.hasPrefix("runs/\(today)/entries/") }.count == 2)
        let manifest = try DayManifest.decode(Data(contentsOf: root.appendingPathComponent("runs/\(today)/manifest.json")), key: "manifest")
        #expect(manifest.runs.count == 2)
        #expect(Set(manifest.runs.compactMap(\.role)) == ["baseline", "candidate"])
        let candidate = try #require(manifest.runs.first { $0.role == "candidate" })
        #expect(candidate.verdict == "REJECT")
        #expect(candidate.n == 6 && candidate.direction == "minimize" && candidate.harness == "git-bench" && candidate.project == "Sample")
        #expect(candidate.overall.map { abs($0 - 1.3) < 0.1 } == true)
        // Files 0600 and directories 0700, as everything under the harness home.
        let mode = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(candidate.resultKey).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let dayMode = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("runs/\(today)").path)[.posixPermissions] as? Int
        #expect(dayMode == 0o700)

        // A second archive finds the _ARCHIVED markers and writes nothing; the run sets still validate.
        let again = try fixture.bench("archive", "--json")
        expectOK(again)
        #expect(((try json(again.stdout)["report"] as? [String: Any])?["archived"] as? [Any])?.isEmpty == true)
        #expect(files(under: root) == stored)
        let runSetID = try #require(candidate.runSetID)
        expectOK(try fixture.bench("validate", runSetID))
        // --force uploads again: the identical object is recognised, not duplicated.
        let forced = try fixture.bench("archive", "--force")
        expectOK(forced)
        #expect(forced.stdout.contains("0 archived, 2 already there"), "\(forced.stdout)")
        #expect(files(under: root).filter { $0.hasPrefix("runs/") && $0.hasSuffix(".json.gz") } == results)
    }

    @Test func theStageComesFromTheOptionThenGitConfigAndABadOneIsAUsageError() throws {
        let fixture = try measuredFixture()
        try fixture.repo.git("config", "bench.archive.stage", "weekly-ci")
        let result = try fixture.bench("archive")
        expectOK(result)
        #expect(result.stdout.contains("/weekly-ci/quality/results-"), "\(result.stdout)")
        let bad = try fixture.bench("archive", "--force", "--stage", "../escape")
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains("invalid stage \"../escape\""), "\(bad.stderr)")
        #expect(bad.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func aPulledBaselineGivesTheSameVerdictAndZOnAnotherHostAndTamperingIsRefused() throws {
        let shared = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: shared) }
        let ci = ["GIT_BENCH_HOST": "ci-runner-1"]
        let fixture = try BenchFixture()
        try fixture.repo.git("config", "bench.archive.url", "file://" + shared.path)
        // With an archive configured, run archives by itself.
        try expectOK(fixture.bench(["baseline", "establish", "quality"], extraEnvironment: ci))
        try fixture.setLevel("1.3", time: 2)
        try expectOK(fixture.bench(["run", "quality"], extraEnvironment: ci))
        let measured = try fixture.bench(["evaluate", "quality", "--json", "--no-note"], extraEnvironment: ci)
        #expect(measured.status == 1, "\(measured.stderr)")
        let original = try #require((try json(measured.stdout)["verdicts"] as? [[String: Any]])?.first)
        #expect(files(under: shared.appendingPathComponent("private")).filter { $0.hasPrefix("runs/") && $0.hasSuffix(".json.gz") }.count == 2)

        // Another host: its own home, the same repository.
        let laptop = ["GIT_BENCH_HOST": "laptop", "GIT_BENCH_HOME": fixture.home.path + "-laptop"]
        try expectOK(fixture.bench(["register"], extraEnvironment: laptop))
        // --since after the runs and --project of another project select nothing.
        let later = try fixture.bench(["archive", "pull", "--since", "2999-01-01", "--json"], extraEnvironment: laptop)
        #expect(later.status == 0, "\(later.stderr)")
        #expect((try json(later.stdout)["pulled"] as? [Any])?.isEmpty == true)
        let other = try fixture.bench(["archive", "pull", "--project", "Other", "--json"], extraEnvironment: laptop)
        #expect(other.status == 0, "\(other.stderr)")
        #expect((try json(other.stdout)["pulled"] as? [Any])?.isEmpty == true)
        let pulled = try fixture.bench(["archive", "pull", "--sha", "HEAD", "--sha", "HEAD~1", "--json"], extraEnvironment: laptop)
        expectOK(pulled)
        #expect((try json(pulled.stdout)["pulled"] as? [Any])?.count == 2)
        let judged = try fixture.bench(["evaluate", "quality", "--host", "ci-runner-1", "--json", "--no-note"], extraEnvironment: laptop)
        #expect(judged.status == 1, "\(judged.stderr)")
        let again = try #require((try json(judged.stdout)["verdicts"] as? [[String: Any]])?.first)
        #expect(again["kind"] as? String == original["kind"] as? String)
        #expect(again["statistic"] as? Double == original["statistic"] as? Double)
        #expect(original["statistic"] as? Double != nil)
        // Without --host the laptop has no baseline of its own.
        let own = try fixture.bench(["evaluate", "quality", "--json", "--no-note"], extraEnvironment: laptop)
        #expect(own.status == 2, "\(own.stderr)")
        // Pulling twice adds nothing, and the chain still verifies.
        let twice = try fixture.bench(["archive", "pull", "--json"], extraEnvironment: laptop)
        expectOK(twice)
        #expect((try json(twice.stdout)["pulled"] as? [Any])?.isEmpty == true)
        #expect((try json(twice.stdout)["already_here"] as? [Any])?.count == 2)
        expectOK(try fixture.bench(["verify"], extraEnvironment: laptop))
        let rows = try runProcess("/usr/bin/sqlite3", [fixture.home.path + "-laptop/store.sqlite3", "SELECT COUNT(*), MIN(host), MAX(host) FROM runs"])
        #expect(rows.stdout == "12|ci-runner-1|ci-runner-1\n")

        // One changed byte in the bucket: a third host's pull refuses it and imports nothing.
        let key = try #require(files(under: shared.appendingPathComponent("private")).first { $0.hasPrefix("runs/") && $0.hasSuffix(".json.gz") })
        let object = shared.appendingPathComponent("private").appendingPathComponent(key)
        var bytes = try Data(contentsOf: object)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: object)
        let third = ["GIT_BENCH_HOST": "third", "GIT_BENCH_HOME": fixture.home.path + "-third"]
        try expectOK(fixture.bench(["register"], extraEnvironment: third))
        let refused = try fixture.bench(["archive", "pull"], extraEnvironment: third)
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains(key) && refused.stderr.contains("changed after it was archived"), "\(refused.stderr)")
        #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
        let none = try runProcess("/usr/bin/sqlite3", [fixture.home.path + "-third/store.sqlite3", "SELECT COUNT(*) FROM runs"])
        #expect(none.stdout == "0\n")
    }

    @Test func anInvalidHostNameIsRefused() throws {
        let fixture = try BenchFixture(register: false)
        let result = try fixture.bench(["register"], extraEnvironment: ["GIT_BENCH_HOST": "a b/c"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("GIT_BENCH_HOST \"a b/c\" is not a host name"), "\(result.stderr)")
    }

    @Test func selftestPassesOnTheFileStore() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("archive", "selftest")
        expectOK(result)
        #expect(result.stdout.contains("ok private file://"), "\(result.stdout)")
        #expect(result.stdout.contains("second create refused: refused with 412"), "\(result.stdout)")
        #expect(!result.stdout.contains("FAILED"))
    }
}

extension BenchFixture {
    /// `git-bench ARGS` with `extraEnvironment` on top of the fixture's.
    @discardableResult
    func bench(_ arguments: [String], extraEnvironment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(Self.binary, arguments, environment: environment.merging(extraEnvironment) { $1 }, currentDirectory: repo.url)
    }
}

/// `archive rescan` over the canonical layout and `archive --files`, on the default `file://` archive.
@Suite struct ArchiveRescanTests {
    private func privateFiles(_ fixture: BenchFixture) -> [String] {
        let root = fixture.home.appendingPathComponent("archive/private")
        return (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter { $0.hasPrefix("runs/") && $0.hasSuffix(".json.gz") }.sorted()
    }

    @Test func rescanArchivesTheCanonicalLayoutOnceSkipsWhatItMustAndForceUploadsAgain() throws {
        let fixture = try BenchFixture()
        let project = "benchmark-results/mem0_harness/locomo/astrocyte-m18b-b1-dp-rrf-run-1"
        try fixture.repo.copyHarnessResult("locomo_results_20260508_100312.json", to: "\(project)/locomo_results_20260508_100312.json")
        try fixture.repo.copyHarnessResult("results-20260509T081500Z.json", to: "benchmark-results/pageindex/lme/weekly-ci/results-20260509T081500Z.json")
        // Not canonical (two segments deep), and a smoke stage.
        try fixture.repo.copyHarnessResult("results-20260509T081500Z.json", to: "benchmark-results/pageindex/locomo/results-20260509T081500Z.json")
        try fixture.repo.copyHarnessResult("results-20260509T081500Z.json", to: "benchmark-results/pageindex/locomo/smoke-check/results-20260509T081500Z.json")
        let head = String(try fixture.repo.git("rev-parse", "HEAD").prefix(7))

        // --dry-run writes nothing: no object, no marker.
        let dry = try fixture.bench("archive", "rescan", "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would archive \(fixture.repo.url.appendingPathComponent(project).path) → runs/2026-05-08/m18b-b1-dp-rrf-run-1/locomo/results-20260508T100312Z-\(head).json.gz"), "\(dry.stdout)")
        #expect(dry.stdout.contains("non-canonical") && dry.stdout.contains("smoke"), "\(dry.stdout)")
        #expect(privateFiles(fixture).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.repo.url.appendingPathComponent("\(project)/_ARCHIVED").path))

        let first = try fixture.bench("archive", "rescan")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(privateFiles(fixture) == [
            "runs/2026-05-08/m18b-b1-dp-rrf-run-1/locomo/results-20260508T100312Z-\(head).json.gz",
            "runs/2026-05-08/weekly-ci/longmemeval/results-20260508T100312Z-\(head).json.gz",
        ])
        let marker = try ArchivedMarker.read(projectDirectory: fixture.repo.url.appendingPathComponent(project))
        #expect(marker?.resultKeys == ["runs/2026-05-08/m18b-b1-dp-rrf-run-1/locomo/results-20260508T100312Z-\(head).json.gz"])
        // The uploaded object is the result file, byte for byte, gzipped.
        let unzipped = try runProcess("/bin/sh", ["-c", "gunzip -c \"$1\" | cmp - \"$2\" && echo same", "sh",
                                                  fixture.home.appendingPathComponent("archive/private/" + privateFiles(fixture)[0]).path,
                                                  fixture.repo.url.appendingPathComponent("\(project)/locomo_results_20260508_100312.json").path])
        #expect(unzipped.stdout == "same\n", "\(unzipped.stderr)")
        let manifest = try DayManifest.decode(Data(contentsOf: fixture.home.appendingPathComponent("archive/private/runs/2026-05-08/manifest.json")), key: "m")
        #expect(manifest.runs.map(\.harness).sorted() == ["mem0_harness", "pageindex"])

        // Twice uploads once; --force uploads again (the same bytes: already there).
        let second = try fixture.bench("archive", "rescan")
        #expect(second.stdout.contains("0 archived"), "\(second.stdout)")
        #expect(second.stdout.contains("already archived"), "\(second.stdout)")
        let forced = try fixture.bench("archive", "rescan", "--force")
        #expect(forced.stdout.contains("0 archived, 2 already there"), "\(forced.stdout)")
        // --include-smoke takes the smoke stage too.
        let smoke = try fixture.bench("archive", "rescan", "--include-smoke")
        #expect(smoke.stdout.contains("/smoke-check/locomo/"), "\(smoke.stdout)")
    }

    @Test func filesAreArchivedUnderTheStageAndAnUnrecognisedFileIsOneLineAnd65() throws {
        let fixture = try BenchFixture()
        try fixture.repo.copyHarnessResult("results-20260509T081500Z.json", to: "loose/results-20260509T081500Z.json")
        try fixture.repo.copyHarnessResult("results-wrapped.json", to: "loose/results-wrapped.json")
        try fixture.repo.copyHarnessResult("locomo_results_20260508_100312.json", to: "loose/locomo_results_20260508_100312.json")
        let archived = try fixture.bench("archive", "--stage", "pr2-gate", "--files", "loose/locomo_results_20260508_100312.json")
        #expect(archived.status == 0, "\(archived.stderr)")
        #expect(privateFiles(fixture).count == 1 && privateFiles(fixture)[0].contains("/pr2-gate/locomo/"), "\(privateFiles(fixture))")
        // A PageIndex file names no bench: --bench gives it; without it, one line and 65.
        let unnamed = try fixture.bench("archive", "--stage", "pr2-gate", "--files", "loose/results-20260509T081500Z.json")
        #expect(unnamed.status == 65 && unnamed.stderr.contains("names no bench"), "\(unnamed.stderr)")
        let named = try fixture.bench("archive", "--stage", "pr2-gate", "--bench", "lme", "--files", "loose/results-20260509T081500Z.json")
        #expect(named.status == 0, "\(named.stderr)")
        #expect(privateFiles(fixture).contains { $0.contains("/pr2-gate/longmemeval/") }, "\(privateFiles(fixture))")
        let refused = try fixture.bench("archive", "--stage", "pr2-gate", "--files", "loose/results-wrapped.json")
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("results-wrapped.json") && refused.stderr.contains("neither"), "\(refused.stderr)")
        #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
        let fifo = fixture.repo.url.appendingPathComponent("loose/results-fifo.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let blocked = try fixture.bench("archive", "--files", fifo.path, timeout: 30)
        #expect(blocked.status == 65, "\(blocked.stderr)")
        #expect(blocked.stderr.contains("FIFO"), "\(blocked.stderr)")
    }

    @Test func refreshLabelsPatchesTheManifestWithoutUploadingAgainAndTheBadgeFollowsLabelsThenReleases() throws {
        let fixture = try BenchFixture()
        let project = "benchmark-results/mem0_harness/locomo/astrocyte-m19-b1-run-1"
        try fixture.repo.copyHarnessResult("locomo_results_20260508_100312.json", to: "\(project)/locomo_results_20260508_100312.json")
        #expect(try fixture.bench("archive", "rescan").status == 0)
        let badgeFile = fixture.home.appendingPathComponent("archive/public/badges/locomo.json")
        let before = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: badgeFile)) as? [String: Any])
        #expect((before["label"] as? String)?.hasPrefix("LoCoMo (n=") == true, "\(before)")
        let objects = privateFiles(fixture)

        try ShipLabel(label: "m19", markedAt: "2026-05-09T10:00:00Z", rationale: "B1 ships").write(projectDirectory: fixture.repo.url.appendingPathComponent(project))
        let refreshed = try fixture.bench("archive", "refresh-labels")
        #expect(refreshed.status == 0, "\(refreshed.stderr)")
        #expect(refreshed.stdout.contains("1 entry relabelled"), "\(refreshed.stdout)")
        #expect(privateFiles(fixture) == objects)
        let manifest = try DayManifest.decode(Data(contentsOf: fixture.home.appendingPathComponent("archive/private/runs/2026-05-08/manifest.json")), key: "m")
        #expect(manifest.runs.first?.shipLabel == "m19" && manifest.runs.first?.shipRationale == "B1 ships")
        let labelled = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: badgeFile)) as? [String: Any])
        #expect((labelled["label"] as? String)?.contains("M19 × 1 run") == true, "\(labelled)")
        // Running it again changes nothing.
        #expect(try fixture.bench("archive", "refresh-labels").stdout.contains("0 entries relabelled"))

        // A release row outranks the ship label.
        try fixture.repo.write("BENCH_PARITY.yaml", """
            # Bench parity of released versions.
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

            """)
        let rebuilt = try fixture.bench("archive", "rebuild-trajectory")
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let released = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: badgeFile)) as? [String: Any])
        #expect(released["label"] as? String == "LoCoMo (astrocyte v0.14.0)", "\(released)")
        #expect(released["message"] as? String == "84.1%" && released["color"] as? String == "brightgreen", "\(released)")
        // A broken parity file is one line and 65 for the command that needs it.
        try fixture.repo.write("BENCH_PARITY.yaml", "releases: [unclosed\n")
        let broken = try fixture.bench("archive", "rebuild-trajectory")
        #expect(broken.status == 65 && broken.stderr.contains("BENCH_PARITY.yaml"), "\(broken.stderr)")
    }

    @Test func fetchWritesTheNewestResultUnderR2AndTrajectoryPrintsTheTable() throws {
        let fixture = try BenchFixture()
        try fixture.repo.copyHarnessResult("locomo_results_20260508_100312.json", to: "benchmark-results/mem0_harness/locomo/astrocyte-m19-b1-run-1/locomo_results_20260508_100312.json")
        #expect(try fixture.bench("archive", "rescan").status == 0)
        let fetched = try fixture.bench("archive", "fetch", "--bench", "locomo", "--latest")
        #expect(fetched.status == 0, "\(fetched.stderr)")
        let head = String(try fixture.repo.git("rev-parse", "HEAD").prefix(7))
        let file = fixture.repo.url.appendingPathComponent("benchmark-results/_r2/2026-05-08/m19-b1-run-1/locomo/results-20260508T100312Z-\(head).json")
        let original = try Data(contentsOf: HarnessResultTests.fixtures.appendingPathComponent("locomo_results_20260508_100312.json"))
        #expect(try Data(contentsOf: file) == original)
        // rescan never reads _r2/: nothing new to archive.
        #expect(try fixture.bench("archive", "rescan").stdout.contains("0 archived"))
        let table = try fixture.bench("archive", "trajectory", "--bench", "locomo")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("| 2026-05-08 | m19-b1-run-1 | \(head) |"), "\(table.stdout)")
        let none = try fixture.bench("archive", "fetch", "--date", "2026-05-09")
        #expect(none.status == 0 && none.stdout.hasSuffix("0 file(s)\n"), "\(none.stdout)")
        let bad = try fixture.bench("archive", "fetch", "--date", "2026-13-01")
        #expect(bad.status == 64, "\(bad.stderr)")
    }
}
