import Foundation
import Testing
@testable import GitBenchKit

/// `mark-shipped` / `unmark-shipped` on run sets and canonical directories, and `archive refresh-labels` carrying them.
@Suite struct ShipLabelTests {
    private func manifestEntries(_ fixture: BenchFixture) throws -> [ManifestEntry] {
        let runs = fixture.home.appendingPathComponent("archive/private/runs")
        var entries: [ManifestEntry] = []
        for day in try FileManager.default.contentsOfDirectory(atPath: runs.path) {
            let file = runs.appendingPathComponent(day).appendingPathComponent("manifest.json")
            if let data = try? Data(contentsOf: file) { entries += try DayManifest.decode(data, key: file.path).runs }
        }
        return entries
    }

    @Test func aRunSetIsLabelledOnceArchivedAndRefreshLabelsCarriesTheLabelAndItsRemoval() throws {
        let fixture = try BenchFixture()
        try #require(try fixture.bench("baseline", "establish", "quality").status == 0)
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let unarchived = try fixture.bench("mark-shipped", id, "--label", "m19")
        #expect(unarchived.status == 77, "\(unarchived.stderr)")
        #expect(unarchived.stderr.contains("not archived yet") && unarchived.stderr.filter { $0 == "\n" }.count == 1, "\(unarchived.stderr)")
        #expect(try fixture.sql("SELECT COUNT(*) FROM ship_label_events").stdout == "0\n")

        #expect(try fixture.bench("archive").status == 0)
        let marked = try fixture.bench("mark-shipped", id, "--label", "m19", "--rationale", "B1 ships")
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdout.contains("marked \(id) as m19"))
        let relabel = try fixture.bench("mark-shipped", id, "--label", "m20")
        #expect(relabel.status == 77 && relabel.stderr.contains("already labelled m19"), "\(relabel.stderr)")
        #expect(try fixture.bench("mark-shipped", id, "--label", "m20", "--force").status == 0)

        let refreshed = try fixture.bench("archive", "refresh-labels")
        #expect(refreshed.status == 0, "\(refreshed.stderr)")
        let entry = try #require(try manifestEntries(fixture).first { $0.runSetID == id })
        #expect(entry.shipLabel == "m20" && entry.shipMarkedAt != nil)

        #expect(try fixture.bench("unmark-shipped", id).stdout.contains("unmarked \(id)"))
        #expect(try fixture.bench("archive", "refresh-labels").status == 0)
        #expect(try manifestEntries(fixture).first { $0.runSetID == id }?.shipLabel == nil)
        // The label history is append-only and chained: three events, verify OK, an UPDATE refused.
        #expect(try fixture.sql("SELECT action || ':' || COALESCE(label, '-') FROM ship_label_events ORDER BY id").stdout == "mark:m19\nmark:m20\nunmark:-\n")
        #expect(try fixture.bench("verify").status == 0)
        let update = try fixture.sql("UPDATE ship_label_events SET label = 'm99' WHERE id = 1")
        #expect(update.status != 0 && update.stderr.contains("append-only"), "\(update.stderr)")
    }

    @Test func aProjectNameMarksTheConditionAcrossBenchesWithTheSeedsLabelFile() throws {
        let fixture = try BenchFixture()
        try fixture.repo.copyHarnessResult("locomo_results_20260508_100312.json", to: "benchmark-results/mem0_harness/locomo/astrocyte-m19-b1-run-1/locomo_results_20260508_100312.json")
        try fixture.repo.copyHarnessResult("results-20260509T081500Z.json", to: "benchmark-results/pageindex/lme/astrocyte-m19-b1-run-1/results-20260509T081500Z.json")
        let directories = ["benchmark-results/mem0_harness/locomo/astrocyte-m19-b1-run-1", "benchmark-results/pageindex/lme/astrocyte-m19-b1-run-1"]

        // Bad input: one line, the right code, nothing written.
        let spaces = try fixture.bench("mark-shipped", "m19-b1-run-1", "--label", "M 19")
        #expect(spaces.status == 64 && spaces.stderr.contains("invalid ship label"), "\(spaces.stderr)")
        let unknown = try fixture.bench("mark-shipped", "no-such-run", "--label", "m19")
        #expect(unknown.status == 66 && unknown.stderr.contains("no run set or project directory named \"no-such-run\""), "\(unknown.stderr)")
        let unarchived = try fixture.bench("mark-shipped", "m19-b1-run-1", "--label", "m19")
        #expect(unarchived.status == 77, "\(unarchived.stderr)")
        for directory in directories {
            #expect(!FileManager.default.fileExists(atPath: fixture.repo.url.appendingPathComponent("\(directory)/_SHIP_LABEL.json").path))
        }

        #expect(try fixture.bench("archive", "rescan").status == 0)
        let marked = try fixture.bench("mark-shipped", "m19-b1-run-1", "--label", "m19", "--rationale", "B1-dp+RRF ships")
        #expect(marked.status == 0, "\(marked.stderr)")
        for directory in directories {
            let text = try String(contentsOf: fixture.repo.url.appendingPathComponent("\(directory)/_SHIP_LABEL.json"), encoding: .utf8)
            let label = try ShipLabel.decode(Data(text.utf8), path: directory)
            #expect(label.label == "m19" && label.rationale == "B1-dp+RRF ships")
            #expect(text.hasPrefix("{\n  \"label\": \"m19\",\n  \"marked_at\": \""), "\(text)")
        }
        // The full prefix names the same directories.
        #expect(try fixture.bench("mark-shipped", "astrocyte-m19-b1-run-1", "--label", "m19", "--rationale", "B1-dp+RRF ships").status == 0)
        #expect(try fixture.bench("archive", "refresh-labels").stdout.contains("2 entries relabelled"))
        #expect(try manifestEntries(fixture).allSatisfy { $0.shipLabel == "m19" && $0.shipRationale == "B1-dp+RRF ships" })
        #expect(try fixture.bench("unmark-shipped", "m19-b1-run-1").stdout.split(separator: "\n").count == 2)
    }
}
