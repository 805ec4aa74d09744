import Foundation
import Testing
@testable import GitBenchKit

/// The report as a reader sees it: headless chromium screenshots of the rendered pages (scripts/report-screenshot),
/// measured with scripts/png-stats.
@Suite struct ReportSiteScreenshotTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    struct Stats: Decodable {
        var width: Int
        var height: Int
        var colors: Int
        var region_uniform: Bool?
    }

    static func stats(_ png: URL, region: (Int, Int, Int, Int)) throws -> Stats {
        let result = try runProcess("/usr/bin/env", ["python3", packageRoot.appendingPathComponent("scripts/png-stats").path, png.path,
                                                     String(region.0), String(region.1), String(region.2), String(region.3)], timeout: 120)
        guard result.status == 0 else { throw TestRepoError.setup("png-stats: \(result.stderr)") }
        return try JSONDecoder().decode(Stats.self, from: Data(result.stdout.utf8))
    }

    @Test(arguments: [false, true])
    func theIndexAndABenchmarkPageRenderAt1280x800WithVisibleCharts(dark: Bool) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-shots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for page in ReportSitePages.render(ReportSiteFixture.site) {
            try page.html.write(to: directory.appendingPathComponent(page.path), atomically: true, encoding: .utf8)
        }
        let shots = directory.appendingPathComponent("shots")
        let pages = ["index.html", "bench-Sample--latency.html", "archive-locomo.html"].map { directory.appendingPathComponent($0).path }
        let result = try runProcess("/bin/bash", [Self.packageRoot.appendingPathComponent("scripts/report-screenshot").path] + (dark ? ["--dark"] : [])
                                    + [shots.path] + pages, timeout: 300)
        #expect(result.status == 0, "\(result.stderr)")
        let suffix = dark ? "-dark" : ""
        // The index's benchmark table, and the first chart's plot area on the other two pages.
        let regions: [(String, (Int, Int, Int, Int))] = [("index", (24, 80, 900, 160)), ("bench-Sample--latency", (120, 160, 700, 200)),
                                                          ("archive-locomo", (120, 160, 700, 200))]
        for (name, region) in regions {
            let stats = try Self.stats(shots.appendingPathComponent("\(name)\(suffix).png"), region: region)
            #expect(stats.width == 1280 && stats.height == 800, "\(name)")
            #expect(stats.colors > 16, "\(name): \(stats.colors) colours")
            #expect(stats.region_uniform == false, "\(name)")
        }
        // Dark mode really is dark: the top-left corner is the page background.
        let corner = try runProcess("/usr/bin/env", ["python3", "-c", Self.cornerScript, shots.appendingPathComponent("index\(suffix).png").path], timeout: 120)
        #expect(corner.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == (dark ? "dark" : "light"), "\(corner.stderr)")
    }

    /// Prints "dark" or "light" for the brightness of a PNG's top-left pixel, decoding with png-stats's reader.
    static var cornerScript: String {
        """
        import importlib.machinery, importlib.util, sys
        loader = importlib.machinery.SourceFileLoader("png_stats", "\(packageRoot.appendingPathComponent("scripts/png-stats").path)")
        spec = importlib.util.spec_from_loader("png_stats", loader)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        width, height, channels, rows = module.decode(sys.argv[1])
        r, g, b = rows[2][6], rows[2][7], rows[2][8]
        print("dark" if r + g + b < 3 * 96 else "light")
        """
    }

    @Test func theScreenshotScriptNeedsAnOutputDirectoryAndAPage() throws {
        let result = try runProcess("/bin/bash", [Self.packageRoot.appendingPathComponent("scripts/report-screenshot").path, "/tmp"], timeout: 60)
        #expect(result.status == 64)
        #expect(result.stderr == "usage: scripts/report-screenshot [--dark] OUT_DIR PAGE.html [PAGE.html…]\n")
    }

    @Test func theScreenshotScriptFailsWithOneLineForAMissingPage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-shots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try runProcess("/bin/bash", [Self.packageRoot.appendingPathComponent("scripts/report-screenshot").path, directory.path,
                                                  directory.appendingPathComponent("nowhere.html").path], timeout: 300)
        #expect(result.status == 66)
        #expect(result.stderr == "report-screenshot: no such page: \(directory.appendingPathComponent("nowhere.html").path)\n")
    }

    @Test func pngStatsRejectsAFileThatIsNotAPNG() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-png-\(UUID().uuidString).png")
        try "hello".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runProcess("/usr/bin/env", ["python3", Self.packageRoot.appendingPathComponent("scripts/png-stats").path, file.path], timeout: 60)
        #expect(result.status == 65)
        #expect(result.stderr == "png-stats: \(file.path) is not a PNG\n")
    }
}
