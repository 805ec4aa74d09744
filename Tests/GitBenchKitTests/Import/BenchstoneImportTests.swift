import Foundation
import Testing

@testable import GitBenchKit

/// A benchstone home built with the sqlite3 CLI from benchstone's own schema (benchstone/store.py), plus its
/// references layout (benchstone/references.py), imported through the built binary into a registered `BenchFixture`.
private final class BenchstoneHome {
    let fixture: BenchFixture
    let root: URL
    let store: URL
    let baselineSHA: String
    let candidateSHA: String
    let host = Harness.currentHost()
    let baselineMetrics = [1.02, 0.98, 1.01, 0.99, 1.03, 0.97]
    let candidateMetrics = [0.91, 0.89, 0.93, 0.88, 0.90, 0.92]
    let candidateMetaSeed: Int64 = 4_427_000_000_000_000_001
    let artifact = Data("level=0.8\n".utf8)
    var artifactHash: String { ContentDigest(of: artifact).tagged }

    /// benchstone's SCHEMA (store.py, with the artifact columns its migrations add), verbatim.
    static let schema = """
        CREATE TABLE IF NOT EXISTS runs (
          id INTEGER PRIMARY KEY,
          project TEXT NOT NULL,
          benchmark TEXT NOT NULL,
          git_sha TEXT NOT NULL,
          git_dirty INTEGER NOT NULL,
          dirty_diff_path TEXT,
          timestamp TEXT NOT NULL,
          harness_version TEXT NOT NULL,
          host TEXT NOT NULL,
          seed INTEGER,
          meta_seed INTEGER,
          repetition_index INTEGER,
          status TEXT NOT NULL,
          metric REAL,
          metric_components_json TEXT,
          wall_clock_seconds REAL,
          project_metadata_json TEXT,
          stderr_log_path TEXT,
          artifact_hash TEXT,
          artifact_path TEXT
        );

        CREATE INDEX IF NOT EXISTS idx_runs_lookup ON runs(project, benchmark, git_sha);
        CREATE INDEX IF NOT EXISTS idx_runs_timeline ON runs(project, benchmark, timestamp);

        CREATE TABLE IF NOT EXISTS baselines (
          project TEXT NOT NULL,
          benchmark TEXT NOT NULL,
          git_sha TEXT NOT NULL,
          established_at TEXT NOT NULL,
          notes TEXT,
          PRIMARY KEY (project, benchmark)
        );

        """

    /// Rows 1–6: the quality baseline at the first commit (no meta seed, baseline_seeds 1…6). Rows 7–12: a candidate
    /// group at HEAD. Row 13: an error repetition in that group. Row 14: a correctness run at HEAD with an artifact,
    /// frozen as the reference. The baseline pointer is on the first commit.
    init(artifactOnDisk: Data? = nil) throws {
        fixture = try BenchFixture()
        baselineSHA = try fixture.repo.git("rev-parse", "HEAD")
        candidateSHA = try fixture.setLevel("0.8", time: 2)
        root = fixture.repo.root.appendingPathComponent("benchstone-home")
        store = root.appendingPathComponent("store.db")
        let artifactDirectory = root.appendingPathComponent("artifacts/Sample/exact")
        try FileManager.default.createDirectory(at: artifactDirectory, withIntermediateDirectories: true)
        let artifactFile = artifactDirectory.appendingPathComponent(String(artifactHash.dropFirst(7)) + ".bin")
        try (artifactOnDisk ?? artifact).write(to: artifactFile)

        var sql = Self.schema
        for (index, metric) in baselineMetrics.enumerated() {
            sql += Self.insert(id: index + 1, benchmark: "quality", sha: baselineSHA, time: "2026-03-01T10:00:0\(index)Z", host: host, seed: "\(index + 1)",
                               metaSeed: "NULL", repetition: index, status: "ok", metric: "\(metric)", metadata: "NULL")
        }
        for (index, metric) in candidateMetrics.enumerated() {
            sql += Self.insert(id: index + 7, benchmark: "quality", sha: candidateSHA, time: "2026-03-02T10:00:0\(index)Z", host: host,
                               seed: "\(1000 + index)", metaSeed: "\(candidateMetaSeed)", repetition: index, status: "ok", metric: "\(metric)",
                               metadata: "'{\"iterations\": 40}'")
        }
        sql += Self.insert(id: 13, benchmark: "quality", sha: candidateSHA, time: "2026-03-02T10:00:06Z", host: host, seed: "1006",
                           metaSeed: "\(candidateMetaSeed)", repetition: 6, status: "error", metric: "NULL", metadata: "'{\"exit_code\": 3}'")
        sql += Self.insert(id: 14, benchmark: "exact", sha: candidateSHA, time: "2026-03-02T11:00:00Z", host: host, seed: "0",
                           metaSeed: "NULL", repetition: 0, status: "ok", metric: "1.0", metadata: "NULL",
                           artifactHash: "'\(artifactHash)'", artifactPath: "'\(artifactFile.path)'")
        sql += "INSERT INTO baselines VALUES ('Sample', 'quality', '\(baselineSHA)', '2026-03-01T10:05:00Z', 'initial');\n"
        let created = try runProcess("/usr/bin/sqlite3", [store.path], stdin: sql)
        guard created.status == 0 else { throw TestRepoError.setup("sqlite3: \(created.stderr)") }

        let reference = """
            {"benchmark": "exact", "content_hash": "\(artifactHash)", "content_path": "\(artifactFile.path)", "from_run_id": 14, \
            "frozen_at": "2026-03-02T12:00:00Z", "frozen_git_sha": "\(candidateSHA)", "notes": "golden output", "project": "Sample"}
            """
        let references = root.appendingPathComponent("references/Sample")
        try FileManager.default.createDirectory(at: references, withIntermediateDirectories: true)
        try reference.write(to: references.appendingPathComponent("exact.json"), atomically: true, encoding: .utf8)
        try "{\"at\": \"2026-03-02T12:00:00Z\", \"event\": \"frozen\", \"new\": \(reference)}\n"
            .write(to: references.appendingPathComponent("exact.history.jsonl"), atomically: true, encoding: .utf8)
    }

    private static func insert(id: Int, benchmark: String, sha: String, time: String, host: String, seed: String, metaSeed: String, repetition: Int,
                               status: String, metric: String, metadata: String, artifactHash: String = "NULL", artifactPath: String = "NULL") -> String {
        """
        INSERT INTO runs VALUES (\(id), 'Sample', '\(benchmark)', '\(sha)', 0, NULL, '\(time)', '0.1.0', '\(host)', \(seed), \(metaSeed), \
        \(repetition), '\(status)', \(metric), NULL, 1.5, \(metadata), '/bs/logs/\(id).stderr', \(artifactHash), \(artifactPath));

        """
    }

    /// The source name benchstone's store gets: SHA-256 over its first row's identity.
    var expectedSource: String {
        let seed = ["run", "1", "Sample", "quality", baselineSHA, "2026-03-01T10:00:00Z", host].joined(separator: "\u{1f}")
        return "benchstone-" + ContentDigest(of: Data(seed.utf8)).tagged.dropFirst("sha256:".count).prefix(12)
    }
}

@Suite struct BenchstoneImportTests {
    @Test func importedStoreGivesTheVerdictBenchstonesGateGivesOnTheSourceRows() throws {
        let home = try BenchstoneHome()
        let fixture = home.fixture

        let imported = try fixture.bench("import", "benchstone", home.store.path)

        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == """
            imported \(home.store.path) as \(home.expectedSource)
              runs: 14 read, 14 written, 0 already imported
              baseline_events: 1 read, 1 written, 0 already imported
              reference_events: 1 read, 1 written, 0 already imported
              artifacts: 1 copied
              projects: Sample

            """)

        let evaluated = try fixture.bench("evaluate", "quality", "--json")
        #expect(evaluated.status == 0, "\(evaluated.stdout)\(evaluated.stderr)")
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(evaluated.stdout.utf8))["verdicts"]?.first)

        // benchstone's gate on the same rows: Gate.judge on the raw metrics, and stats.directed_sigma written out.
        let project = try Harness(home: HarnessHome(root: fixture.home), console: .capturing()).project(named: "Sample", from: fixture.repo.url)
        let expected = Gate.judge(project: "Sample", benchmark: try project.benchmark(named: "quality"),
                                  baseline: MetricGroup(commit: .test(home.baselineSHA), metaSeed: nil, metrics: home.baselineMetrics),
                                  candidate: MetricGroup(commit: .test(home.candidateSHA), metaSeed: home.candidateMetaSeed, metrics: home.candidateMetrics),
                                  host: home.host)
        #expect(verdict.kind == .promote)
        #expect(verdict.kind == expected.kind)
        let z = try #require(verdict.statistic)
        #expect(abs(z - (expected.statistic ?? .nan)) < 1e-9)
        #expect(abs(z - directedSigma(baseline: home.baselineMetrics, candidate: home.candidateMetrics)) < 1e-9)
        #expect(verdict.baseline?.n == 6 && verdict.candidate?.n == 6)
        #expect(verdict.candidate?.metaSeed == home.candidateMetaSeed)

        let correctness = try fixture.bench("evaluate", "exact")
        #expect(correctness.status == 0, "\(correctness.stdout)")
        #expect(correctness.stdout.hasPrefix("Sample/exact: PASS"))
        // The reference bytes were copied content-addressed under git-bench's home, 0600.
        let copied = fixture.home.appendingPathComponent("artifacts/Sample/exact/\(home.artifactHash.dropFirst(7)).bin")
        #expect(try Data(contentsOf: copied) == home.artifact)
        #expect(try permissions(of: copied) == 0o600)
    }

    @Test func importKeepsBenchstoneIdsHostsTimestampsAndPointerNotesAsProvenance() throws {
        let home = try BenchstoneHome()
        let fixture = home.fixture
        #expect(try fixture.bench("import", "benchstone", home.store.path).status == 0)

        let history = try JSONDecoder().decode(History.self, from: Data(try fixture.bench("history", "quality", "--runs", "--json").stdout.utf8))
        #expect(history.runs.count == 13)
        let errorRow = try #require(history.runs.first)
        #expect(errorRow.status == .error)
        #expect(errorRow.message == "runner exited with code 3")
        #expect(errorRow.exitCode == 3)
        #expect(errorRow.timestamp == "2026-03-02T10:00:06.000Z")
        #expect(errorRow.host == home.host)
        #expect(errorRow.runSetID.hasPrefix(home.expectedSource + "-"))
        #expect(errorRow.repetitionTotal == 7)
        #expect(errorRow.metadata?.text == #"{"benchstone_harness_version":"0.1.0","benchstone_run_id":13,"benchstone_source":"\#(home.expectedSource)","project_metadata":{"exit_code":3}}"#)
        let firstBaseline = try #require(history.runs.last)
        #expect(firstBaseline.role == .baseline && firstBaseline.metaSeed == nil && firstBaseline.seed == 1)
        #expect(firstBaseline.metric == 1.02)

        let pointer = try #require(history.baselineEvents.first)
        #expect(history.baselineEvents.count == 1)
        #expect(pointer.action == .establish)
        #expect(pointer.commit.hex == home.baselineSHA)
        #expect(pointer.metaSeed == nil)
        #expect(pointer.host == home.host)
        #expect(pointer.notes == "initial")
        #expect(pointer.createdAt == "2026-03-01T10:05:00.000Z")
        #expect(pointer.runSetID == firstBaseline.runSetID)

        let exact = try JSONDecoder().decode(History.self, from: Data(try fixture.bench("history", "exact", "--runs", "--json").stdout.utf8))
        let reference = try #require(exact.referenceEvents.first)
        #expect(reference.action == .freeze)
        #expect(reference.contentHash == home.artifactHash)
        #expect(reference.size == Int64(home.artifact.count))
        #expect(reference.fromRunID == exact.runs.first?.id)
        #expect(reference.notes == "golden output")
    }

    @Test func secondImportOfTheSameStoreAddsNothingAndTheChainStillVerifies() throws {
        let home = try BenchstoneHome()
        let fixture = home.fixture
        #expect(try fixture.bench("import", "benchstone", home.store.path).status == 0)
        let rowsAfterFirst = try fixture.runCount()

        let again = try fixture.bench("import", "benchstone", home.store.path, "--json")

        #expect(again.status == 0, "\(again.stderr)")
        let report = try JSONDecoder().decode(BenchstoneImportReport.self, from: Data(again.stdout.utf8))
        #expect(report.counts.runs == ImportTally(read: 14, alreadyImported: 14, written: 0))
        #expect(report.counts.baselineEvents == ImportTally(read: 1, alreadyImported: 1, written: 0))
        #expect(report.counts.referenceEvents == ImportTally(read: 1, alreadyImported: 1, written: 0))
        #expect(report.artifactsCopied == 0)
        #expect(try fixture.runCount() == rowsAfterFirst)
        #expect(try fixture.sql("SELECT COUNT(*) FROM baseline_events").stdout == "1\n")
        #expect(try fixture.sql("SELECT COUNT(*) FROM reference_events").stdout == "1\n")

        let verified = try fixture.bench("verify")
        #expect(verified.status == 0)
        #expect(verified.stdout == "OK: 14 run(s), hash chain intact\n")
    }

    /// benchstone 0.3 stores its baseline as a snapshot (`baselines.run_ids`, added by its migrations with exactly these
    /// ALTERs) and adds `runs.working_tree_hash`; the snapshot maps onto the imported rows, so the gate sees the same
    /// runs benchstone's gate reads.
    @Test func aBenchstone03SnapshotPointerKeepsExactlyItsRuns() throws {
        let home = try BenchstoneHome()
        let fixture = home.fixture
        let upgrade = """
            ALTER TABLE baselines ADD COLUMN meta_seed INTEGER;
            ALTER TABLE runs ADD COLUMN working_tree_hash TEXT;
            ALTER TABLE baselines ADD COLUMN run_ids TEXT;
            UPDATE baselines SET run_ids = '[2, 3, 5, 6]';
            UPDATE runs SET working_tree_hash = 'sha256:\(String(repeating: "7", count: 64))' WHERE id >= 7;
            """
        #expect(try runProcess("/usr/bin/sqlite3", [home.store.path], stdin: upgrade).status == 0)

        let imported = try fixture.bench("import", "benchstone", home.store.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try fixture.sql("SELECT run_ids FROM baseline_events").stdout == "[2,3,5,6]\n")
        #expect(try fixture.sql("SELECT COUNT(*) FROM runs WHERE working_tree_hash = 'sha256:\(String(repeating: "7", count: 64))'").stdout == "8\n")
        #expect(try fixture.bench("verify").status == 0)
        // The imported candidate rows carry benchstone's fingerprint of a tree that is not this one: stale, as benchstone
        // would say; judged anyway, the baseline is the snapshot's four runs.
        #expect(try fixture.bench("evaluate", "quality", "--no-note").status == 5)
        let evaluated = try fixture.bench("evaluate", "quality", "--json", "--no-note", "--allow-dirty")
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(evaluated.stdout.utf8))["verdicts"]?.first)
        #expect(verdict.baseline?.n == 4)
        #expect(verdict.baseline?.mean == ([0.98, 1.01, 1.03, 0.97].reduce(0, +) / 4))
    }

    @Test func aSnapshotThatIsNotAJSONArrayIsRefusedAndNothingIsWritten() throws {
        let home = try BenchstoneHome()
        let upgrade = "ALTER TABLE baselines ADD COLUMN run_ids TEXT; UPDATE baselines SET run_ids = 'one, two';"
        #expect(try runProcess("/usr/bin/sqlite3", [home.store.path], stdin: upgrade).status == 0)
        let refused = try home.fixture.bench("import", "benchstone", home.store.path)
        #expect(refused.status == 65)
        #expect(refused.stderr == "git-bench: error: could not import benchstone store \(home.store.path): baselines row Sample/quality: "
                + "run_ids \"one, two\" is not a JSON array of run ids\n")
        #expect(try home.fixture.runCount() == 0)
    }

    @Test func rowsBenchstoneAddsAfterAnImportAreImportedNextTime() throws {
        let home = try BenchstoneHome()
        let fixture = home.fixture
        #expect(try fixture.bench("import", "benchstone", home.store.path).status == 0)
        let more = "INSERT INTO runs VALUES (15, 'Sample', 'quality', '\(home.candidateSHA)', 0, NULL, '2026-03-03T08:00:00Z', '0.1.0', "
            + "'\(home.host)', 77, 99, 0, 'ok', 0.9, NULL, 1.0, NULL, NULL, NULL, NULL);"
        #expect(try runProcess("/usr/bin/sqlite3", [home.store.path, more]).status == 0)

        let again = try fixture.bench("import", "benchstone", home.store.path, "--json")

        let report = try JSONDecoder().decode(BenchstoneImportReport.self, from: Data(again.stdout.utf8))
        #expect(report.source == home.expectedSource)
        #expect(report.counts.runs == ImportTally(read: 15, alreadyImported: 14, written: 1))
        #expect(try fixture.runCount() == 15)
    }

    /// Metadata nested deeper than JSON decoders go is refused with the row's name; nesting they accept is imported.
    /// Either way the thread reading the source does not run out of stack.
    @Test func deeplyNestedMetadataIsRefusedCleanlyAndShallowerNestingImports() throws {
        let home = try BenchstoneHome()
        let tooDeep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(try runProcess("/usr/bin/sqlite3", [home.store.path, "UPDATE runs SET project_metadata_json = '\(tooDeep)' WHERE id = 9"]).status == 0)
        let refused = try home.fixture.bench("import", "benchstone", home.store.path)
        #expect(refused.status == 65)
        #expect(refused.stderr == "git-bench: error: could not import benchstone store \(home.store.path): runs row 9: project_metadata_json is not valid JSON\n")
        #expect(try home.fixture.runCount() == 0)

        let deep = String(repeating: "{\"a\":", count: 300) + "1" + String(repeating: "}", count: 300)
        #expect(try runProcess("/usr/bin/sqlite3", [home.store.path, "UPDATE runs SET project_metadata_json = '\(deep)' WHERE id = 9"]).status == 0)
        let imported = try home.fixture.bench("import", "benchstone", home.store.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try home.fixture.runCount() == 14)
    }

    @Test func referenceWhoseBytesDoNotMatchItsHashIsRefusedAndNothingIsWritten() throws {
        let home = try BenchstoneHome(artifactOnDisk: Data("tampered\n".utf8))
        let fixture = home.fixture

        let result = try fixture.bench("import", "benchstone", home.store.path)

        #expect(result.status == 65)
        let file = home.root.appendingPathComponent("artifacts/Sample/exact/\(home.artifactHash.dropFirst(7)).bin").path
        #expect(result.stderr == "git-bench: error: could not import artifact \(file): its bytes hash to \(ContentDigest(of: Data("tampered\n".utf8)).tagged), not \(home.artifactHash)\n")
        #expect(try fixture.runCount() == 0)
    }

    @Test func fileThatIsNotABenchstoneStoreIsBadData() throws {
        let fixture = try BenchFixture()
        let notAStore = fixture.repo.root.appendingPathComponent("notes.db")
        #expect(try runProcess("/usr/bin/sqlite3", [notAStore.path, "CREATE TABLE notes (body TEXT);"]).status == 0)

        let result = try fixture.bench("import", "benchstone", notAStore.path)

        #expect(result.status == 65)
        #expect(result.stderr == "git-bench: error: could not read benchstone store \(notAStore.path): it has no runs table\n")
        let missing = try fixture.bench("import", "benchstone", fixture.repo.root.appendingPathComponent("nowhere.db").path)
        // Missing input is 66, as for any file that is not there.
        #expect(missing.status == 66)
        #expect(missing.stderr.hasSuffix("nowhere.db: no such file\n"))
    }
}

/// Imports large enough to take the bulk path (`RunStore.indexRebuildThreshold`): rows read on one thread and written
/// on another, the `runs` indexes dropped and built again inside the transaction. The source is made by
/// scripts/make-benchstone-store.py, the generator `scripts/bench-import` times.
@Suite struct LargeBenchstoneImportTests {
    static let rows = 25_000

    static func largeStore(in fixture: BenchFixture) throws -> URL {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/make-benchstone-store.py")
        let store = fixture.repo.root.appendingPathComponent("benchstone-large.db")
        let made = try runProcess("/usr/bin/env", ["python3", script.path, store.path, String(rows)])
        guard made.status == 0 else { throw TestRepoError.setup("make-benchstone-store.py: \(made.stderr)") }
        return store
    }

    static func indexes(_ fixture: BenchFixture) throws -> String {
        try fixture.sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' ORDER BY name").stdout
    }

    @Test func aFailureLateInALargeImportWritesNothingAndKeepsEveryIndex() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("list").status == 0)
        let indexes = try Self.indexes(fixture)
        #expect(indexes.contains("runs_run_set|CREATE INDEX runs_run_set ON runs(run_set_id)"))
        let store = try Self.largeStore(in: fixture)
        let bad = Self.rows - 10
        #expect(try runProcess("/usr/bin/sqlite3", [store.path, "UPDATE runs SET metric_components_json = '{oops' WHERE id = \(bad)"]).status == 0)

        let refused = try fixture.bench("import", "benchstone", store.path)

        #expect(refused.status == 65)
        #expect(refused.stderr == "git-bench: error: could not import benchstone store \(store.path): runs row \(bad): "
                + "metric_components_json is not valid JSON\n")
        #expect(try fixture.runCount() == 0)
        #expect(try fixture.sql("SELECT COUNT(*) FROM imports").stdout == "0\n")
        #expect(try Self.indexes(fixture) == indexes)
    }

    @Test func aLargeImportWritesEveryRowChainedAndRebuildsTheIndexes() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("list").status == 0)
        let indexes = try Self.indexes(fixture)
        let store = try Self.largeStore(in: fixture)

        let imported = try fixture.bench("import", "benchstone", store.path, "--json")

        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try JSONDecoder().decode(BenchstoneImportReport.self, from: Data(imported.stdout.utf8))
        #expect(report.counts.runs == ImportTally(read: Self.rows, alreadyImported: 0, written: Self.rows))
        #expect(report.counts.baselineEvents.written == 8)
        #expect(try Self.indexes(fixture) == indexes)
        #expect(try fixture.bench("verify").stdout == "OK: \(Self.rows) run(s), hash chain intact\n")
        // Rows keep source order: run 25,000 is benchstone's last row, and every group has its size as repetition_total.
        #expect(try fixture.sql("SELECT json_extract(metadata, '$.benchstone_run_id') FROM runs WHERE id = \(Self.rows)").stdout == "\(Self.rows)\n")
        #expect(try fixture.sql("SELECT COUNT(*) FROM runs WHERE repetition_total != 10").stdout == "0\n")
        #expect(try fixture.sql("SELECT COUNT(*) FROM runs WHERE status = 'error' AND message = 'runner exited with code 1'").stdout != "0\n")
    }

    @Test func onATerminalTheImportShowsAProgressLineAndInALogItDoesNot() throws {
        let fixture = try BenchFixture()
        let store = try Self.largeStore(in: fixture)
        let command = ([BenchFixture.binary, "import", "benchstone", store.path]).map { "'\($0)'" }.joined(separator: " ")
        // script(1) gives the command a pseudo-terminal.
        let onTerminal = try runProcess("/usr/bin/script", ["-qec", command, "/dev/null"], environment: fixture.environment,
                                        currentDirectory: fixture.repo.url)
        #expect(onTerminal.status == 0, "\(onTerminal.stdout)")
        #expect(onTerminal.stdout.contains("\r\u{1B}[2Kimporting runs: "))
        #expect(onTerminal.stdout.contains("importing runs: 25,000 of 25,000 (100%)"))

        let inLog = try fixture.bench("import", "benchstone", store.path)
        #expect(inLog.status == 0)
        #expect(!inLog.stderr.contains("importing runs"))
        #expect(inLog.stdout.contains("runs: 25000 read, 0 written, 25000 already imported"))
    }
}

/// The help of `import benchstone` is its manual.
@Suite struct ImportHelpTests {
    @Test func importBenchstoneHelpNamesTheStoreTheReferencesAndIdempotence() throws {
        let result = try runProcess(BenchFixture.binary, ["import", "benchstone", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Import a benchstone store: its runs, baseline pointers and frozen
            references.

            Every row keeps benchstone's id (metadata.benchstone_run_id), host and
            timestamp; artifacts are copied after their SHA-256 is checked. Importing the
            same store again adds nothing.
            Example: git bench import benchstone ~/.local/share/benchstone/store.db

            USAGE: git-bench import benchstone <store> [--references <DIR>] [--json]

            ARGUMENTS:
              <store>                 benchstone's store.db (opened read-only).

            OPTIONS:
              --references <DIR>      benchstone's references directory (default:
                                      references/ beside the store).
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }
}

/// benchstone's `stats.directed_sigma` for `minimize`: −(mean_c − mean_b) / √(se_c² + se_b²), se from the n−1 variance.
private func directedSigma(baseline: [Double], candidate: [Double]) -> Double {
    func meanSE(_ xs: [Double]) -> (Double, Double) {
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)
        return (mean, (variance / Double(xs.count)).squareRoot())
    }
    let (meanB, seB) = meanSE(baseline)
    let (meanC, seC) = meanSE(candidate)
    return -(meanC - meanB) / (seC * seC + seB * seB).squareRoot()
}
