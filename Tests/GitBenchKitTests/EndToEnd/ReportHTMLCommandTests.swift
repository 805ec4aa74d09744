import Foundation
import Testing
@testable import GitBenchKit

/// `git bench report --html` on a real store and archive: pages that parse, charts whose marks are the store's
/// numbers, no network reference, and a rendering that is not blank.
@Suite struct ReportHTMLCommandTests {
    /// The ten-benchmark project with one regression, plus a LoCoMo result archived at two stages.
    static func measuredAndArchived() throws -> BenchFixture {
        let fixture = try ReportCommandsTests.tenWithOneRegression()
        try fixture.repo.copyHarnessResult("locomo_results_20260508_100312.json", to: "loose/locomo_results_20260508_100312.json")
        for stage in ["pr1-baseline", "pr2-gate"] {
            let archived = try fixture.bench("archive", "--stage", stage, "--files", "loose/locomo_results_20260508_100312.json", "--force")
            try #require(archived.status == 0, "\(archived.stderr)")
        }
        return fixture
    }

    @Test func pagesParseAndTheirChartsHoldTheStoresNumbers() throws {
        let fixture = try Self.measuredAndArchived()
        let site = fixture.repo.root.appendingPathComponent("site")
        let result = try fixture.bench("report", "--html", site.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote 12 page(s): \(site.path)/index.html\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
        #expect(names == ["archive-locomo.html"] + (0..<10).map { "bench-Ten--b\($0).html" } + ["index.html"])

        for name in names {
            let parsed = try ReportSitePagesTests.parse(try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8))
            #expect(parsed.doctype && parsed.errors.isEmpty && parsed.external.isEmpty && parsed.scripts == 0, "\(name): \(parsed.errors)")
            #expect(parsed.svgs.count == (name == "index.html" ? 11 : 3), "\(name): \(parsed.svgs)")
        }

        // The trajectory's marks are the run-set means `history` reports, oldest first, and its table has a row each.
        let timeline = try JSONDecoder().decode(BenchmarkTimeline.self, from: Data(try fixture.bench("history", "b3", "--json").stdout.utf8))
        let b3 = try ReportSitePagesTests.parse(try String(contentsOf: site.appendingPathComponent("bench-Ten--b3.html"), encoding: .utf8))
        let trajectory = try #require(b3.svgs.first)
        #expect(b3.marks[trajectory] == timeline.runSets.reversed().map { "\($0.summary.mean!)" })
        #expect(b3.tableRows.first == timeline.runSets.count)
        // The distribution holds every repetition of the latest candidate and of its baseline.
        let distribution = b3.svgs[1]
        let repetitions = timeline.runSets[0].metrics + timeline.runSets[1].metrics
        #expect(b3.marks[distribution]?.compactMap(Double.init).sorted() == repetitions.sorted())
        // The change bar is the verdict's change, in percent.
        let change = try #require(timeline.runSets[0].verdict?.change?.estimate)
        #expect(b3.marks[b3.svgs[2]]?.compactMap(Double.init).map { ($0 - change * 100).magnitude < 1e-9 } == [true])

        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("REJECT"))
        let archive = try ReportSitePagesTests.parse(try String(contentsOf: site.appendingPathComponent("archive-locomo.html"), encoding: .utf8))
        #expect(archive.marks[archive.svgs[0]]?.count == 2, "one overall point per archived run: \(archive.marks)")

        // A file where the directory should be is one line and 73, and nothing is written.
        let blocked = fixture.repo.root.appendingPathComponent("blocked")
        try Data("x".utf8).write(to: blocked)
        let refused = try fixture.bench("report", "--html", blocked.path)
        #expect(refused.status == 73)
        #expect(refused.stderr.split(separator: "\n").count == 1 && refused.stderr.contains("is a file, not a directory"), "\(refused.stderr)")
    }

    @Test func theRenderedReportIsNotBlank() throws {
        let fixture = try Self.measuredAndArchived()
        let site = fixture.repo.root.appendingPathComponent("site")
        try #require(try fixture.bench("report", "--html", site.path).status == 0)
        let shots = fixture.repo.root.appendingPathComponent("shots")
        let pages = ["index.html", "bench-Ten--b3.html"].map { site.appendingPathComponent($0).path }
        let script = ReportSiteScreenshotTests.packageRoot.appendingPathComponent("scripts/report-screenshot").path
        let rendered = try runProcess("/bin/bash", [script, shots.path] + pages, timeout: 300)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        for name in ["index", "bench-Ten--b3"] {
            let stats = try ReportSiteScreenshotTests.stats(shots.appendingPathComponent("\(name).png"), region: (40, 120, 1200, 400))
            #expect(stats.width == 1280 && stats.height == 800)
            #expect(stats.colors > 16, "\(name): \(stats.colors) colours")
            #expect(stats.region_uniform == false, "\(name): the chart region is one colour")
        }
    }
}
