import ArgumentParser
import Foundation
import GitBenchKit

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained static HTML report: an index and a page per benchmark and archived bench, with charts.",
        discussion: """
            No script, font or network reference: inline SVG drawn by git-bench, light and dark by the browser's setting, \
            every chart followed by a table of its numbers. Covers every benchmark of every registered project and the \
            benches the archive holds. Pages already in DIR are replaced; other files are left alone.
            Example: git bench report --html site/ --open
            """)

    @Option(name: .long, help: "The directory to write the pages into (created when missing).")
    var html: String

    @Flag(name: .long, help: "Open index.html in the default browser afterwards (xdg-open or open).")
    var open = false

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try CLI.perform {
            let harness = try CLI.harness(for: options.output)
            let project = try CLI.project(options, harness: harness)
            let configuration = try harness.archiveConfiguration(from: project.root)
            let site = try harness.reportSite(for: project, configuration: configuration, title: project.name,
                                              runSetLimit: ReportSitePages.runSetLimit)
            let directory = URL(fileURLWithPath: html, isDirectory: true)
            let pages = ReportSitePages.render(site)
            try write(pages, into: directory)
            let index = directory.appendingPathComponent("index.html")
            try options.output.print(ReportOutcome(directory: directory.path, pages: pages.map(\.path))) {
                "wrote \(pages.count) page(s): \(index.path)\n"
            }
            if open { openInBrowser(index) }
        }
    }

    /// Each page replaced atomically, so a browser never reads half a page; a path that is a file is one line and 73.
    private func write(_ pages: [ReportSitePage], into directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CLI.failure("\(directory.path) is a file, not a directory; name a directory for --html", exitCode: 73)
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for page in pages { try Data(page.html.utf8).write(to: directory.appendingPathComponent(page.path), options: .atomic) }
        } catch {
            throw CLI.failure("cannot write the report into \(directory.path): \(error.localizedDescription)", exitCode: 73)
        }
    }

    private func openInBrowser(_ index: URL) {
        for opener in ["/usr/bin/xdg-open", "/usr/bin/open"] where FileManager.default.isExecutableFile(atPath: opener) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opener)
            process.arguments = [index.path]
            if (try? process.run()) != nil { return }
        }
        CLI.console.warning("no browser opener (xdg-open or open) found; open \(index.path) yourself")
    }
}

/// What `report --json` prints.
struct ReportOutcome: Encodable {
    var directory: String
    var pages: [String]
}
