import Foundation

/// One file of the static report: its name inside the output directory and its HTML.
public struct ReportSitePage: Sendable, Equatable {
    public let path: String
    public let html: String

    public init(path: String, html: String) {
        self.path = path
        self.html = html
    }
}

/// `report --html`: the whole site as self-contained pages (inline style and SVG, no script, no network): `index.html`,
/// one page per benchmark and one per archived bench. Writing the files is the caller's job.
public enum ReportSitePages {
    /// The most run sets a benchmark page draws and lists (the newest ones), so a page stays a few hundred KB
    /// whatever the store holds.
    public static let runSetLimit = 150
    /// The most runs an archived bench's page draws and lists (the newest ones).
    public static let runLimit = 400

    /// Every page, `index.html` first, then the benchmarks' pages in the site's order, then the archived benches'.
    public static func render(_ site: ReportSite) -> [ReportSitePage] {
        let names = fileNames(site)
        var pages = [ReportSitePage(path: "index.html", html: ReportSiteIndexPage.html(site, names: names))]
        pages.reserveCapacity(1 + site.benchmarks.count + site.archived.count)
        for (entry, name) in zip(site.benchmarks, names.benchmarks) {
            pages.append(ReportSitePage(path: name, html: ReportSiteBenchmarkPage.html(entry, siteTitle: site.title, generatedAt: site.generatedAt)))
        }
        for (bench, name) in zip(site.archived, names.archived) {
            pages.append(ReportSitePage(path: name, html: ReportSiteArchivePage.html(bench, siteTitle: site.title, generatedAt: site.generatedAt)))
        }
        return pages
    }

    /// The file name of each benchmark's page (`bench-<project>--<benchmark>.html`) and each archived bench's
    /// (`archive-<bench>.html`), in the site's order: only `[A-Za-z0-9._-]`, at most 120 characters, and unique
    /// even on a case-insensitive file system (a clash gets `-2`, `-3`… before `.html`).
    public static func fileNames(_ site: ReportSite) -> (benchmarks: [String], archived: [String]) {
        var taken: Set<String> = ["index.html"]
        func claim(_ stem: String) -> String {
            var name = stem + ".html"
            var counter = 2
            while !taken.insert(name.lowercased()).inserted {
                name = "\(stem)-\(counter).html"
                counter += 1
            }
            return name
        }
        let benchmarks = site.benchmarks.map { entry in
            claim("bench-" + safe(entry.timeline.project) + "--" + safe(entry.timeline.benchmark))
        }
        let archived = site.archived.map { claim("archive-" + safe($0.bench)) }
        return (benchmarks, archived)
    }

    /// `text` cut to 50 characters with every character outside `[A-Za-z0-9._-]` replaced by `_`, and a dot
    /// that follows a dot too, so a name never holds `..`.
    static func safe(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(50) {
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
                || (scalar == "." && !out.hasSuffix("."))
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        return out.isEmpty ? "_" : out
    }
}
