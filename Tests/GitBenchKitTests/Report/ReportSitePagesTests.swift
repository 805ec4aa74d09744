import Foundation
import Testing
@testable import GitBenchKit

/// `report --html`'s pages: well-formed HTML with no network reference, one SVG per chart, and marks that match the model.
@Suite struct ReportSitePagesTests {
    /// What Python's `html.parser` saw in a page.
    struct Parsed: Decodable {
        var doctype: Bool
        var errors: [String]
        var external: [String]
        var scripts: Int
        var svgs: [String]
        /// `data-y` values of the marks per SVG id.
        var marks: [String: [String]]
        /// Body rows (events excluded) per table, in order.
        var tableRows: [Int]
        var links: [String]
    }

    static let checker = #"""
    import json, sys
    from html.parser import HTMLParser
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    class Page(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.errors, self.external, self.svgs, self.links = [], [], [], [], []
            self.doctype, self.scripts, self.marks, self.rows, self.svg = False, 0, {}, [], None
        def handle_decl(self, decl):
            self.doctype = self.doctype or decl.lower() == "doctype html"
        def attrs(self, tag, attrs):
            a = dict(attrs)
            for key in ("src", "href", "xlink:href", "action"):
                value = (a.get(key) or "").strip().lower()
                if value.startswith(("http://", "https://", "//")):
                    self.external.append(value)
                if key == "href" and value:
                    self.links.append(a.get(key))
            if tag == "script":
                self.scripts += 1
            if tag == "svg":
                self.svg = a.get("id") or "spark%d" % len(self.svgs)
                self.svgs.append(self.svg)
            if "data-y" in a:
                self.marks.setdefault(self.svg, []).append(a["data-y"])
            if tag == "tbody":
                self.rows.append(0)
            if tag == "tr" and "tbody" in self.stack and a.get("class") != "event":
                self.rows[-1] += 1
        def handle_starttag(self, tag, attrs):
            self.attrs(tag, attrs)
            if tag not in VOID:
                self.stack.append(tag)
        def handle_startendtag(self, tag, attrs):
            self.attrs(tag, attrs)
        def handle_endtag(self, tag):
            if self.stack and self.stack[-1] == tag:
                self.stack.pop()
            else:
                self.errors.append("unexpected </%s> with %s open" % (tag, self.stack[-3:]))
    page = Page()
    page.feed(open(sys.argv[1], encoding="utf-8").read())
    page.close()
    if page.stack:
        page.errors.append("unclosed %s" % page.stack)
    print(json.dumps({"doctype": page.doctype, "errors": page.errors, "external": page.external, "scripts": page.scripts,
                      "svgs": page.svgs, "marks": page.marks, "tableRows": page.rows, "links": page.links}))
    """#

    /// Writes `html` to a temporary file and parses it with `python3`.
    static func parse(_ html: String) throws -> Parsed {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("page.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let result = try runProcess("/usr/bin/env", ["python3", "-c", checker, page.path], timeout: 60)
        guard result.status == 0 else { throw TestRepoError.setup("python3 html.parser: \(result.stderr)") }
        return try JSONDecoder().decode(Parsed.self, from: Data(result.stdout.utf8))
    }

    static func page(_ pages: [ReportSitePage], _ path: String) throws -> String {
        guard let page = pages.first(where: { $0.path == path }) else { throw TestRepoError.setup("no page \(path) in \(pages.map(\.path))") }
        return page.html
    }

    @Test func theSiteHasAnIndexAPagePerBenchmarkAndAPagePerArchivedBench() {
        let pages = ReportSitePages.render(ReportSiteFixture.site)
        #expect(pages.map(\.path) == ["index.html", "bench-Sample--latency.html", "bench-Sample--empty.html", "archive-locomo.html"])
    }

    @Test func everyPageParsesWithoutErrorsAndReferencesNothingOnTheNetwork() throws {
        for page in ReportSitePages.render(ReportSiteFixture.site) {
            let parsed = try Self.parse(page.html)
            #expect(parsed.doctype, "\(page.path)")
            #expect(parsed.errors == [], "\(page.path)")
            #expect(parsed.external == [], "\(page.path)")
            #expect(parsed.scripts == 0, "\(page.path)")
            #expect(page.html.contains("<html lang=\"en\">") && page.html.contains("<meta charset=\"utf-8\">"))
            #expect(page.html.contains("@media (prefers-color-scheme: dark)"))
            #expect(!page.html.contains("<script"), "\(page.path)")
            if page.path != "index.html" { #expect(parsed.links.contains("index.html"), "\(page.path)") }
        }
    }

    @Test func theIndexListsEveryBenchmarkWithASparklineAndLinksToItsPage() throws {
        let site = ReportSiteFixture.site
        let html = try Self.page(ReportSitePages.render(site), "index.html")
        let parsed = try Self.parse(html)
        // A sparkline per benchmark and per archived bench; badges are HTML pills, not SVG.
        #expect(parsed.svgs.count == site.benchmarks.count + site.archived.count)
        #expect(parsed.tableRows == [site.benchmarks.count, site.archived.count])
        #expect(Set(parsed.links) == ["bench-Sample--latency.html", "bench-Sample--empty.html", "archive-locomo.html"])
        let newest = try #require(ReportSiteFixture.latency.runSets.first?.summary.mean)
        #expect(parsed.marks["spark0"] == ["\(newest)"])
        #expect(html.contains("<span class=\"verdict tone-warn\">NEEDS_MORE_DATA</span>"))
        #expect(html.contains("<title>locomo: overall, oldest to newest: 10 values from 60% to 69%, latest 69%</title>"))
        #expect(html.contains("<title>Sample/empty: run-set means: no data</title>"))
        #expect(html.contains("style=\"background:#4c1\">PROMOTE</span>"))
        #expect(html.contains("style=\"background:#a4a61d\">67.0%</span>"))
        #expect(!html.contains("<script>alert"))
    }

    @Test func theBenchmarkPageDrawsTheRunSetMeansTheLatestPairAndEachCandidatesChange() throws {
        let timeline = ReportSiteFixture.latency
        let parsed = try Self.parse(try Self.page(ReportSitePages.render(ReportSiteFixture.site), "bench-Sample--latency.html"))
        #expect(parsed.svgs == ["trajectory", "distribution", "change"])
        let oldestFirst = Array(timeline.runSets.reversed())
        #expect(parsed.marks["trajectory"] == oldestFirst.compactMap { $0.summary.mean.map { "\($0)" } })
        // The newest candidate (run set 11, judged against run set 8) against the run set at its verdict's baseline commit.
        let candidate = try #require(timeline.runSets.first)
        let baseline = try #require(timeline.runSets.first { $0.runSetID == "rs8" })
        #expect(parsed.marks["distribution"] == (baseline.metrics + candidate.metrics).map { "\($0)" })
        let changes = oldestFirst.compactMap { $0.verdict?.change.map { "\($0.estimate * 100)" } }
        #expect(parsed.marks["change"] == changes)
        // Chart tables: trajectory, distribution, change; then the timeline.
        #expect(parsed.tableRows == [oldestFirst.count, baseline.metrics.count + candidate.metrics.count, changes.count, oldestFirst.count])
    }

    @Test func theBenchmarkPageMarksBaselineMovesTagsVerdictsAndDirtyRunSets() throws {
        let html = try Self.page(ReportSitePages.render(ReportSiteFixture.site), "bench-Sample--latency.html")
        #expect(html.contains("data-label=\"baseline promote \(ReportSiteFixture.commit(8).prefix(7))\""))
        #expect(html.contains("data-label=\"baseline establish \(ReportSiteFixture.commit(0).prefix(7))\""))
        #expect(html.contains("data-label=\"bench/m19, v0.14.0\"") || html.contains("data-label=\"v0.14.0, bench/m19\""))
        #expect(html.contains("point tone-muted"))
        #expect(html.contains("point tone-good"))
        #expect(html.contains("point tone-bad"))
        #expect(html.contains("point tone-good hollow"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("mean (s)"))
    }

    /// A REJECT that only failed to improve is not drawn as a regression: neutral, and named "unchanged" on the index.
    @Test func aRejectThatDidNotRegressIsNeutralAndSaysUnchanged() throws {
        var verdict = ReportSiteFixture.verdict(.reject, baseline: 0, estimate: 0.002)
        verdict.statistic = -0.3
        verdict.regressionPValue = 0.38
        #expect(ReportSiteHTML.tone(verdict) == .neutral)
        #expect(ReportSiteHTML.verdict(verdict) == "<span class=\"verdict tone-neutral\">REJECT · unchanged</span>")
        let regressed = ReportSiteFixture.verdict(.reject, baseline: 0, estimate: 0.04)
        #expect(ReportSiteHTML.verdict(regressed) == "<span class=\"verdict tone-bad\">REJECT · regressed</span>")
    }

    @Test func aBenchmarkWithoutRunSetsDrawsPlaceholders() throws {
        let parsed = try Self.parse(try Self.page(ReportSitePages.render(ReportSiteFixture.site), "bench-Sample--empty.html"))
        #expect(parsed.svgs == ["trajectory", "distribution", "change"])
        #expect(parsed.marks.isEmpty)
        #expect(parsed.errors == [])
    }

    @Test func theArchivePageDrawsOverallCategoriesStagesAndReleases() throws {
        let bench = ReportSiteFixture.locomo
        let html = try Self.page(ReportSitePages.render(ReportSiteFixture.site), "archive-locomo.html")
        let parsed = try Self.parse(html)
        #expect(parsed.svgs == ["overall", "categories", "stages"])
        #expect(parsed.marks["overall"] == bench.trajectory.runs.map { "\(($0.overall ?? 0) * 100)" })
        #expect(parsed.marks["categories"]?.count == bench.trajectory.runs.count * 4)
        // The latest run of each stage, stages in the order they first ran.
        let latest = ReportSiteFixture.stages.map { stage in bench.trajectory.runs.last { $0.stage == stage } }
        #expect(parsed.marks["stages"] == latest.map { "\(($0?.overall ?? 0) * 100)" })
        #expect(html.contains("data-label=\"mem0 v0.14.0\"") && html.contains("data-label=\"mem0 v0.15.0\""))
        #expect(html.contains("overall (%)"))
        #expect(parsed.tableRows == [bench.trajectory.runs.count, bench.trajectory.runs.count * 4, ReportSiteFixture.stages.count])
    }

    @Test func anEmptySiteIsAnIndexThatSaysSo() throws {
        let pages = ReportSitePages.render(ReportSite(title: "t", generatedAt: "now", benchmarks: [], archived: []))
        #expect(pages.map(\.path) == ["index.html"])
        let parsed = try Self.parse(pages[0].html)
        #expect(parsed.errors == [] && parsed.svgs == [])
        #expect(pages[0].html.contains("The store holds no benchmark."))
    }

    @Test func anArchivedBenchWithOneRunOrNoneStillDrawsEveryChart() throws {
        var one = ReportSiteFixture.locomo
        one.bench = "one"
        one.trajectory.runs = [ReportSiteFixture.run(0, stage: "full")]
        var none = ReportSiteFixture.locomo
        none.bench = "none"
        none.trajectory.runs = []
        none.releases = []
        let site = ReportSite(title: "t", generatedAt: "now", benchmarks: [], archived: [one, none])
        let pages = ReportSitePages.render(site)
        let oneParsed = try Self.parse(try Self.page(pages, "archive-one.html"))
        #expect(oneParsed.errors == [] && oneParsed.svgs == ["overall", "categories", "stages"])
        #expect(oneParsed.marks["overall"] == ["60.0"])
        let noneHTML = try Self.page(pages, "archive-none.html")
        let noneParsed = try Self.parse(noneHTML)
        #expect(noneParsed.errors == [] && noneParsed.svgs == ["overall", "categories", "stages"] && noneParsed.marks.isEmpty)
        #expect(noneHTML.components(separatedBy: ">no data</text>").count == 4)
    }

    @Test func aBadgeColourThatIsNotAColourCannotInjectStyle() throws {
        var site = ReportSiteFixture.site
        site.benchmarks[0].badge = Badge(label: "<b>x</b>", message: "\"m\"", color: "red;background:url(http://evil/x)", source: .latestRun)
        let html = try Self.page(ReportSitePages.render(site), "index.html")
        #expect(html.contains("<span class=\"badge-label\">&lt;b&gt;x&lt;/b&gt;</span><span class=\"badge-message\" style=\"background:#9f9f9f\">&quot;m&quot;</span>"))
        #expect(!html.contains("evil"))
        #expect(ReportSiteHTML.badgeColor("FE7D37") == "#fe7d37")
        #expect(ReportSiteHTML.badgeColor("blue") == "#007ec6")
    }

    @Test func nonFiniteMetricsNeverReachAnAttributeOrBreakAPage() throws {
        var timeline = ReportSiteFixture.latency
        var wild = ReportSiteFixture.runSet(13)
        wild.metrics = [.nan, .infinity, 1.0]
        wild.summary.mean = .nan
        wild.summary.meanInterval = MeanInterval(lower: -.infinity, upper: .nan, confidence: 0.95, method: "student-t")
        wild.verdict?.change = RelativeChange(basis: .mean, estimate: .nan, lower: .nan, upper: .infinity, method: "welch-t")
        timeline.runSets.insert(wild, at: 0)
        var site = ReportSiteFixture.site
        site.benchmarks[0].timeline = timeline
        for page in ReportSitePages.render(site) {
            let parsed = try Self.parse(page.html)
            #expect(parsed.errors == [], "\(page.path)")
            for bad in ["\"nan\"", "\"inf\"", "\"-inf\"", "=\"nan", "\"+inf"] { #expect(!page.html.contains(bad), "\(page.path): \(bad)") }
        }
        let parsed = try Self.parse(try Self.page(ReportSitePages.render(site), "bench-Sample--latency.html"))
        // The wild run set has no finite mean: the trajectory leaves it out, the distribution keeps its one finite repetition.
        #expect(parsed.marks["trajectory"]?.count == ReportSiteFixture.runSetCount)
        #expect(parsed.marks["distribution"]?.suffix(1) == ["1.0"])
    }

    @Test func fileNamesAreSafeAndUnique() {
        func entry(_ project: String, _ benchmark: String) -> ReportSite.BenchmarkEntry {
            var timeline = ReportSiteFixture.empty
            timeline.project = project
            timeline.benchmark = benchmark
            return ReportSite.BenchmarkEntry(timeline: timeline, badge: nil)
        }
        let site = ReportSite(title: "t", generatedAt: "now",
                              benchmarks: [entry("p", "../x"), entry("p", "a b"), entry("p", "a_b"), entry("P", "A B"), entry("p", "café ☕"),
                                           entry("..", "/etc/passwd")],
                              archived: [ReportSite.ArchivedBench(bench: "../../x", trajectory: Trajectory(bench: "x", updatedAt: "", runs: []), releases: [], badge: nil)])
        let names = ReportSitePages.fileNames(site)
        #expect(names.benchmarks == ["bench-p--.__x.html", "bench-p--a_b.html", "bench-p--a_b-2.html", "bench-P--A_B-3.html", "bench-p--caf___.html",
                                     "bench-._--_etc_passwd.html"])
        #expect(names.archived == ["archive-.__.__x.html"])
        for name in names.benchmarks + names.archived {
            #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }, "\(name)")
            #expect(!name.contains("..") && !name.hasPrefix("."))
        }
        #expect(ReportSitePages.render(site).count == 8)
    }

    @Test func theTimelineTableShowsEachRunSetsMinuteWithTheFullTimestampAsItsTitle() throws {
        let html = try Self.page(ReportSitePages.render(ReportSiteFixture.site), "bench-Sample--latency.html")
        #expect(html.contains("<td class=\"when\" title=\"2026-03-12T12:00:00.000Z\">2026-03-12 12:00</td>"))
    }

    @Test func aThousandRunSetsStayUnderThreeHundredKilobytesAndSayWhatIsShown() throws {
        var site = ReportSiteFixture.site
        site.benchmarks = [ReportSite.BenchmarkEntry(timeline: ReportSiteFixture.large(1000), badge: nil)]
        let html = try Self.page(ReportSitePages.render(site), "bench-Sample--large.html")
        #expect(html.utf8.count <= 300_000, "\(html.utf8.count) bytes")
        #expect(html.contains("Showing the newest \(ReportSitePages.runSetLimit) of 1000 run sets."))
        let parsed = try Self.parse(html)
        #expect(parsed.marks["trajectory"]?.count == ReportSitePages.runSetLimit)
        #expect(parsed.tableRows.first == ReportSitePages.runSetLimit)
        #expect(parsed.tableRows.last == ReportSitePages.runSetLimit)
        #expect(parsed.errors == [])
    }
}
