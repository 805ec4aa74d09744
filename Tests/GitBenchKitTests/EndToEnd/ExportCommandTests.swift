import Foundation
import Testing
@testable import GitBenchKit

/// `git bench export`: every repetition with its provenance, in four formats that other tools read back exactly.
@Suite struct ExportCommandTests {
    /// A baseline of 6 and a candidate of 6 quality runs, and one crashed run set with its error messages.
    private func measured() throws -> BenchFixture {
        let fixture = try BenchFixture()
        try #require(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("1.2", time: 2)
        try #require(try fixture.bench("run", "quality").status == 0)
        _ = try fixture.bench("run", "crash")
        return fixture
    }

    @Test func csvRoundTripsThroughPythonsCsvModuleWithTheStoresValues() throws {
        let fixture = try measured()
        let csv = try fixture.bench("export")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.hasPrefix(RunExportRow.columns.joined(separator: ",") + "\r\n"))
        let file = fixture.repo.root.appendingPathComponent("runs.csv")
        try Data(csv.stdout.utf8).write(to: file)
        // Python's csv module reads every row back; the values are the store's, column for column.
        let python = try runProcess("/usr/bin/env", ["python3", "-c", """
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline="")))
            for r in rows:
                print("|".join([r["id"], r["commit"], r["host"], r["seed"], r["meta_seed"], r["status"], r["metric"], r["message"]]))
            """, file.path])
        #expect(python.status == 0, "\(python.stderr)")
        let store = try fixture.sql("SELECT id || '|' || git_sha || '|' || host || '|' || seed || '|' || COALESCE(meta_seed, '') || '|' || status || '|' || COALESCE(metric, '') || '|' || COALESCE(message, '') FROM runs ORDER BY id")
        let pythonRows = python.stdout.split(separator: "\n").map(String.init)
        let storeRows = store.stdout.split(separator: "\n").map(String.init)
        #expect(pythonRows.count == 14 && pythonRows.count == storeRows.count, "\(python.stdout)")
        for (exported, stored) in zip(pythonRows, storeRows) {
            let a = exported.split(separator: "|", omittingEmptySubsequences: false)
            let b = stored.split(separator: "|", omittingEmptySubsequences: false)
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) where x != y {
                // sqlite prints reals with 15 digits; the export writes the shortest digits that read back exactly.
                #expect(Double(x) != nil && Double(y) != nil && abs(Double(x)! - Double(y)!) < 1e-12, "\(exported) vs \(stored)")
            }
        }
        // The runner's CPU and peak RSS come from the run sets' series.
        let usage = try runProcess("/usr/bin/env", ["python3", "-c", """
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline="")))
            print(sum(1 for r in rows if r["user_cpu_seconds"] and int(r["peak_rss_bytes"]) > 0))
            """, file.path])
        #expect(usage.stdout == "14\n", "\(usage.stdout)\(usage.stderr)")
    }

    @Test func jsonAndJsonLinesParseAndFiltersSelect() throws {
        let fixture = try measured()
        let json = try fixture.bench("export", "--format", "json", "--benchmark", "quality")
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 12)
        #expect(Set(rows.compactMap { $0["role"] as? String }) == ["baseline", "candidate"])
        #expect(rows.allSatisfy { $0["dirty"] as? Bool == false && ($0["metric"] as? Double) != nil })
        let lines = try fixture.bench("export", "--format", "jsonl", "--benchmark", "crash").stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["status"] as? String == "error" && object["metric"] is NSNull && (object["message"] as? String)?.contains("exited") == true, "\(line)")
        }
        #expect(try fixture.bench("export", "--format", "json", "--since", "2999-01-01").stdout == "[]\n")
        #expect(try fixture.bench("export", "--format", "json", "--project", "Nobody").stdout == "[]\n")
        let markdown = try fixture.bench("export", "--format", "markdown", "--benchmark", "crash").stdout.split(separator: "\n")
        #expect(markdown.count == 4 && markdown[0].hasPrefix("| id | project | benchmark | commit |") && markdown[1].hasPrefix("|---|"))
        let bad = try fixture.bench("export", "--since", "2026-02-30")
        #expect(bad.status == 64, "\(bad.stderr)")
    }

    @Test func fieldsWithCommasQuotesAndNewlinesAreQuotedAsRFC4180Says() {
        #expect(RunExportWriter.csvField("plain") == "plain")
        #expect(RunExportWriter.csvField("a,b") == "\"a,b\"")
        #expect(RunExportWriter.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(RunExportWriter.csvField("two\nlines") == "\"two\nlines\"")
        #expect(RunExportWriter.markdownCell("a|b\nc") == "a\\|b c")
    }
}
