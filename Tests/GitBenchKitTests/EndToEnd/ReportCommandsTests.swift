import Foundation
import Testing
@testable import GitBenchKit

/// `history`, `compare`, `summary` and `badge` on real stores: the values they print are the gate's, they parse back
/// in Python, and `summary` gates like `check`.
@Suite struct ReportCommandsTests {
    /// Ten minimize benchmarks whose metric is `level_<name>` (else 1.0) scaled by seeded 3% noise.
    static let tenRunner = #"""
    #!/bin/sh
    entry=$1; config=$2; output=$3
    seed=$(sed -n 's/.*"seed": *\([0-9]*\).*/\1/p' "$config")
    level=$(cat "bench/level_$entry" 2>/dev/null || echo 1.0)
    awk -v s="$seed" -v l="$level" 'BEGIN { srand(s % 2147483647); u1 = rand(); u2 = rand(); if (u1 < 1e-9) u1 = 1e-9;
      z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2); printf "{\"status\":\"ok\",\"metric\":%.9f}", l * (1 + 0.03 * z) }' > "$output"
    """#

    static var tenManifest: String {
        var manifest = """
        [project]
        name = "Ten"
        language = "shell"
        invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

        """
        for index in 0..<10 {
            manifest += """

            [[benchmarks]]
            name = "b\(index)"
            entry_point = "b\(index)"
            tier = "performance"
            metric_direction = "minimize"
            repetitions = 8
            baseline_seeds = [1, 2, 3, 4, 5, 6, 7, 8]
            promotion_sigma = 2.0
            unit = "s"

            """
        }
        return manifest
    }

    /// Baselines of all ten at a commit tagged v1.0.0, then a commit where b3 is 25% slower, measured with meta seed 7.
    static func tenWithOneRegression() throws -> BenchFixture {
        let fixture = try BenchFixture(manifest: tenManifest, register: false)
        try fixture.repo.write("bench/runner.sh", tenRunner, executable: true)
        try fixture.repo.commit("ten benchmarks", time: 2)
        _ = try fixture.repo.git("tag", "v1.0.0")
        try #require(try fixture.bench("register").status == 0)
        for index in 0..<10 { try #require(try fixture.bench("baseline", "establish", "b\(index)").status == 0) }
        try fixture.repo.write("bench/level_b3", "1.25\n")
        try fixture.repo.commit("b3 slower", time: 3)
        let run = try fixture.bench("run", "--meta-seed", "7")
        try #require(run.status == 0, "\(run.stderr)")
        return fixture
    }

    @Test func summaryExitsOneWhenOneOfTenRegressedAndNamesItFirst() throws {
        let fixture = try Self.tenWithOneRegression()
        let markdown = try fixture.bench("summary", "--format", "markdown")
        #expect(markdown.status == 1, "\(markdown.stderr)")
        let lines = markdown.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "## git-bench: 1 regressed, 0 improved, 9 unchanged, 0 not enough data")
        // The first row of the first table is b3, the regression; the nine others are folded under "unchanged".
        let firstRow = try #require(lines.first { $0.hasPrefix("| Ten/") })
        #expect(firstRow.hasPrefix("| Ten/b3 | regressed | REJECT | +2"), "\(firstRow)")
        #expect(markdown.stdout.contains("<summary>9 unchanged</summary>"))

        // The numbers are `evaluate`'s own.
        let evaluate = try fixture.bench("evaluate", "b3", "--json")
        let verdicts = try JSONDecoder().decode(EvaluateOutput.self, from: Data(evaluate.stdout.utf8)).verdicts
        let json = try fixture.bench("summary", "--json")
        #expect(json.status == 1)
        let summary = try JSONDecoder().decode(ChangeSummary.self, from: Data(json.stdout.utf8))
        let b3 = try #require(summary.changes.first)
        #expect(b3.benchmark == "b3" && b3.outcome == .regressed)
        #expect(b3.verdict.statistic == verdicts.first?.statistic)
        #expect(b3.verdict.change == verdicts.first?.change)
        #expect(b3.base?.summary.n == 8 && b3.head?.summary.n == 8)

        // A range from the tag judges against the tag's own runs: the same answer.
        let range = try fixture.bench("summary", "v1.0.0..HEAD")
        #expect(range.status == 1, "\(range.stdout)\(range.stderr)")
        #expect(range.stdout.hasPrefix("git-bench: 1 regressed, 0 improved, 9 unchanged, 0 not enough data\n"))
    }

    @Test func summarySaysNeedsMoreDataByNameAndExitsTwoWithoutARegression() throws {
        let fixture = try BenchFixture()
        try #require(try fixture.bench("baseline", "establish", "quality").status == 0)
        try #require(try fixture.bench("baseline", "establish", "speed").status == 0)
        try fixture.setLevel("1.0", time: 2)
        try #require(try fixture.bench("run", "quality", "--meta-seed", "3").status == 0)
        let result = try fixture.bench("summary", "--format", "markdown")
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("### Not enough data"))
        #expect(result.stdout.contains("- **NEEDS_MORE_DATA** Sample/speed: not measured at "), "\(result.stdout)")
        #expect(!result.stdout.contains("### Significant changes"))
    }

    @Test func compareJudgesBAgainstAWithHostMismatchAndOnlyChanged() throws {
        let fixture = try Self.tenWithOneRegression()
        // b5 measured again at HEAD by another machine.
        let other = try fixture.bench(["run", "b5", "--meta-seed", "9"], extraEnvironment: ["GIT_BENCH_HOST": "ci-runner-2"])
        try #require(other.status == 0, "\(other.stderr)")

        let table = try fixture.bench("compare", "v1.0.0", "HEAD", "b3", "b4")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("A: v1.0.0 ("))
        #expect(table.stdout.contains("Ten/b3  REJECT  regressed  +2"), "\(table.stdout)")
        #expect(table.stdout.contains("Ten/b4  REJECT  unchanged"), "\(table.stdout)")
        #expect(table.stdout.contains("├"), "a box plot per side: \(table.stdout)")

        let changed = try fixture.bench("compare", "v1.0.0", "HEAD", "--only-changed", "--json")
        let comparison = try JSONDecoder().decode(Comparison.self, from: Data(changed.stdout.utf8))
        #expect(comparison.changes.map(\.benchmark) == ["b3"])

        // This host measured b5 at HEAD too, so its own group is B; a benchmark only the other host measured warns.
        let json = try fixture.bench("compare", "v1.0.0", "HEAD", "--json")
        let all = try JSONDecoder().decode(Comparison.self, from: Data(json.stdout.utf8))
        #expect(all.changes.count == 10)
        let b3 = try #require(all.changes.first { $0.benchmark == "b3" })
        let evaluate = try JSONDecoder().decode(EvaluateOutput.self, from: Data(try fixture.bench("evaluate", "b3", "--json").stdout.utf8)).verdicts
        #expect(b3.verdict.change == evaluate.first?.change, "A's runs at the tag are the baseline's, so the change is evaluate's")
        #expect(b3.head?.metrics.count == 8 && b3.base?.role == .baseline)

        let runSet = try #require(b3.head?.runSetID)
        let otherSet = try #require(try fixture.sql("SELECT DISTINCT run_set_id FROM runs WHERE host = 'ci-runner-2'").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty)
        let b5Local = try #require(all.changes.first { $0.benchmark == "b5" }?.head?.runSetID)
        let mismatch = try fixture.bench("compare", b5Local, otherSet, "--json")
        let crossHost = try JSONDecoder().decode(Comparison.self, from: Data(mismatch.stdout.utf8))
        #expect(crossHost.changes.map(\.benchmark) == ["b5"])
        #expect(crossHost.changes.first?.warnings.first?.hasPrefix("host mismatch: A was measured on ") == true, "\(mismatch.stdout)")
        #expect(runSet.hasPrefix("bench_"))

        let missing = try fixture.bench("compare", "bench_00000000_20200101_000000", "HEAD")
        #expect(missing.status == 66)
        #expect(missing.stderr.hasPrefix("git-bench: error: run set bench_00000000_20200101_000000 has no rows"), "\(missing.stderr)")
        #expect(try fixture.bench("compare", "no-such-rev", "HEAD").status != 0)
    }

    /// The CSV of `compare` and `summary` holds the JSON's numbers exactly, read by Python's csv and json modules.
    @Test func compareAndSummaryCSVHoldTheJSONsNumbersInPython() throws {
        let fixture = try Self.tenWithOneRegression()
        for arguments in [["compare", "v1.0.0", "HEAD"], ["summary"]] {
            let csv = fixture.repo.root.appendingPathComponent("out.csv")
            let json = fixture.repo.root.appendingPathComponent("out.json")
            try Data(try fixture.bench(arguments + ["--format", "csv"]).stdout.utf8).write(to: csv)
            try Data(try fixture.bench(arguments + ["--format", "json"]).stdout.utf8).write(to: json)
            let python = try runProcess("/usr/bin/env", ["python3", "-c", """
                import csv, json, sys
                rows = list(csv.DictReader(open(sys.argv[1], newline="")))
                changes = json.load(open(sys.argv[2]))["changes"]
                assert len(rows) == len(changes) == 10, (len(rows), len(changes))
                for row, change in zip(rows, changes):
                    assert row["benchmark"] == change["benchmark"]
                    assert float(row["change"]) == change["verdict"]["change"]["estimate"]
                    assert float(row["p_value"]) == change["p_value"]
                    assert float(row["b_mean"]) == change["head"]["summary"]["mean"]
                    assert int(row["a_n"]) == change["base"]["summary"]["n"]
                    assert row["outcome"] == change["outcome"]
                print(rows[0]["benchmark"] if sys.argv[3] == "summary" else "ok")
                """, csv.path, json.path, arguments[0]])
            #expect(python.status == 0, "\(arguments): \(python.stderr)")
            #expect(python.stdout == (arguments[0] == "summary" ? "b3\n" : "ok\n"))
        }
    }

    @Test func historyIsRunSetsWithTheirVerdictsAndEventsInPlace() throws {
        let fixture = try Self.tenWithOneRegression()
        let json = try fixture.bench("history", "b3", "--json")
        #expect(json.status == 0, "\(json.stderr)")
        let timeline = try JSONDecoder().decode(BenchmarkTimeline.self, from: Data(json.stdout.utf8))
        #expect(timeline.runSets.map(\.role) == [.candidate, .baseline])
        #expect(timeline.baselineEvents.map(\.action) == [.establish])
        #expect(timeline.runSets[1].tags == ["v1.0.0"])
        let evaluate = try JSONDecoder().decode(EvaluateOutput.self, from: Data(try fixture.bench("evaluate", "b3", "--json").stdout.utf8)).verdicts
        #expect(timeline.runSets[0].verdict?.change == evaluate.first?.change)
        #expect(timeline.runSets[0].verdict?.kind == .reject)
        #expect(timeline.runSets[0].summary.n == 8)

        let table = try fixture.bench("history", "b3")
        let rows = table.stdout.split(separator: "\n").map(String.init)
        #expect(rows[0] == "Ten/b3 (minimize, unit s)")
        #expect(rows[2].contains(" candidate ") && rows[2].contains("REJECT (regressed)"), "\(table.stdout)")
        #expect(rows[3].contains(" baseline establish "), "the pointer moved after its runs: \(table.stdout)")
        #expect(rows[4].contains(" baseline ") && rows[4].contains("tags: v1.0.0"), "\(table.stdout)")
        #expect(try fixture.bench("history", "b3", "--limit", "2").stdout.split(separator: "\n").count == 4)

        // CSV through Python's csv module: the same numbers as the JSON, every row the same width.
        let csv = try fixture.bench("history", "b3", "--format", "csv")
        let file = fixture.repo.root.appendingPathComponent("history.csv")
        try Data(csv.stdout.utf8).write(to: file)
        let python = try runProcess("/usr/bin/env", ["python3", "-c", """
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline="")))
            assert all(None not in r for r in rows), "ragged row"
            for r in rows:
                print(r["kind"], r["role"], r["n"], r["mean"], r["change"], r["verdict"])
            """, file.path])
        #expect(python.status == 0, "\(python.stderr)")
        let candidate = timeline.runSets[0]
        #expect(python.stdout.split(separator: "\n").first == "run_set candidate 8 \(candidate.summary.mean!) \(candidate.verdict!.change!.estimate) REJECT")
        #expect(python.stdout.contains("baseline_establish"))

        // The JSON reads with Python's json.load too.
        let jsonFile = fixture.repo.root.appendingPathComponent("history.json")
        try Data(json.stdout.utf8).write(to: jsonFile)
        let loaded = try runProcess("/usr/bin/env", ["python3", "-c", "import json, sys; d = json.load(open(sys.argv[1])); print(len(d['run_sets']), d['run_sets'][0]['summary']['n'])", jsonFile.path])
        #expect(loaded.stdout == "2 8\n", "\(loaded.stderr)")
    }

    /// Verdicts judged once are cached in the harness home (0600 in 0700 directories); the cached and a fresh
    /// judgement print the same, and a damaged cache is judged again and rewritten.
    @Test func historyVerdictsAreCachedPrivatelyAndADamagedCacheIsRejudged() throws {
        let fixture = try Self.tenWithOneRegression()
        let cold = try fixture.bench("history", "b3", "--json")
        let cache = fixture.home.appendingPathComponent("cache/verdicts/Ten/b3.json")
        let attributes = try FileManager.default.attributesOfItem(atPath: cache.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        for directory in ["cache", "cache/verdicts", "cache/verdicts/Ten"] {
            let mode = try FileManager.default.attributesOfItem(atPath: fixture.home.appendingPathComponent(directory).path)[.posixPermissions] as? Int
            #expect(mode == 0o700, "\(directory)")
        }
        let warm = try fixture.bench("history", "b3", "--json")
        #expect(warm.stdout == cold.stdout)
        try Data("{not json".utf8).write(to: cache)
        let rejudged = try fixture.bench("history", "b3", "--json")
        #expect(rejudged.status == 0 && rejudged.stdout == cold.stdout)
        #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: cache))) != nil, "rewritten")
        // A promote appends a pointer event: old run sets keep the verdict they earned, judged against the old baseline.
        let promoted = try fixture.bench("promote", "b3", "--force")
        #expect(promoted.status == 0, "\(promoted.stderr)")
        let after = try JSONDecoder().decode(BenchmarkTimeline.self, from: Data(try fixture.bench("history", "b3", "--json").stdout.utf8))
        let before = try JSONDecoder().decode(BenchmarkTimeline.self, from: Data(cold.stdout.utf8))
        #expect(after.runSets.map(\.verdict) == before.runSets.map(\.verdict))
        #expect(after.baselineEvents.map(\.action) == [.promote, .establish])
    }

    @Test func historyMarksDirtyRunSetsAndRunsKeepsEveryRepetition() throws {
        let fixture = try BenchFixture()
        try #require(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.repo.write("scratch.txt", "uncommitted\n")
        try #require(try fixture.bench("run", "quality", "--allow-dirty").status == 0)
        let table = try fixture.bench("history", "quality")
        let candidate = try #require(table.stdout.split(separator: "\n").first { $0.contains(" candidate ") })
        #expect(candidate.contains("+ ") && candidate.contains("dirty"), "\(table.stdout)")
        let runs = try fixture.bench("history", "quality", "--runs")
        #expect(runs.stdout.split(separator: "\n").filter { $0.contains(" run ") }.count == 12)
        let refused = try fixture.bench("history", "quality", "--runs", "--format", "csv")
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("git bench export --format csv"))
    }

    @Test func badgeFollowsTheArchiveRulesLocally() throws {
        let fixture = try Self.tenWithOneRegression()
        let badge = try fixture.bench("badge", "b3")
        #expect(badge.status == 0, "\(badge.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(badge.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(object["color"] as? String == "yellow", "the latest verdict is a REJECT, yellow as in the archive: \(badge.stdout)")
        #expect((object["message"] as? String)?.hasSuffix(" s") == true, "\(badge.stdout)")
        #expect((object["label"] as? String)?.hasPrefix("b3 (n=8, ") == true, "\(badge.stdout)")

        let output = fixture.repo.root.appendingPathComponent("b3.json")
        #expect(try fixture.bench("badge", "b3", "--output", output.path).stdout.isEmpty)
        #expect(try Data(contentsOf: output) == Data(badge.stdout.utf8))

        let unknown = try fixture.bench("badge", "nope")
        #expect(unknown.status == 66)
        #expect(unknown.stderr.hasPrefix("git-bench: error: no bench named nope"), "\(unknown.stderr)")
    }
}

/// What `evaluate --json` prints, as far as these tests read it.
private struct EvaluateOutput: Decodable {
    var verdicts: [Verdict]
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
