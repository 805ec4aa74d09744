import Foundation
import Yams

/// Writing `BENCH_PARITY.yaml`: new rows are checked, appended (or replace their own row when asked), sorted newest
/// first and written through Yams with a fixed key order, so the same rows always give the same bytes.
extension BenchParity {
    /// The comment a file gets when it is first written; an existing file keeps its own.
    public static let defaultHeader = """
    # BENCH_PARITY.yaml: which bench cycle each released package version embeds.
    # One row per package version, newest first, written by `git bench release-mark`; read by the badge writer
    # (`git bench archive`) and by `git bench releases`. Scores are the shipped cycle's runs: overall is their mean,
    # n_questions is null when the runs disagree on it.


    """

    /// `X.Y.Z[-pre][+build]` as semver 2.0 spells it: numeric parts without leading zeros, dot-separated identifiers of
    /// `[0-9A-Za-z-]`, numeric pre-release identifiers without leading zeros.
    public static func validateVersion(_ version: String) throws(BenchParityWriteError) {
        func refuse(_ reason: String) -> BenchParityWriteError { .invalidVersion(version: version, reason: reason) }
        func isNumeric(_ part: Substring) -> Bool { !part.isEmpty && part.utf8.allSatisfy { (48...57).contains($0) } }
        func isIdentifier(_ part: Substring) -> Bool {
            !part.isEmpty && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
        var rest = Substring(version)
        var build: Substring?
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...]
            rest = rest[..<plus]
        }
        var prerelease: Substring?
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...]
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3, core.allSatisfy(isNumeric) else { throw refuse("expected MAJOR.MINOR.PATCH, like 0.14.0") }
        if core.contains(where: { $0.count > 1 && $0.first == "0" }) { throw refuse("a numeric part has a leading zero") }
        if let prerelease {
            for identifier in prerelease.split(separator: ".", omittingEmptySubsequences: false) {
                guard isIdentifier(identifier) else { throw refuse("the pre-release part must be dot-separated [0-9A-Za-z-] identifiers") }
                if isNumeric(identifier), identifier.count > 1, identifier.first == "0" {
                    throw refuse("a numeric pre-release identifier has a leading zero")
                }
            }
        }
        if let build {
            for identifier in build.split(separator: ".", omittingEmptySubsequences: false) where !isIdentifier(identifier) {
                throw refuse("the build part must be dot-separated [0-9A-Za-z-] identifiers")
            }
        }
    }

    /// A package name fits on one line of the file and of the table: not empty, no control character.
    public static func validatePackage(_ package: String) throws(BenchParityWriteError) {
        if package.isEmpty { throw .invalidPackage(package: package, reason: "it is empty") }
        if package.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw .invalidPackage(package: package, reason: "it holds a control character or a line break")
        }
    }

    /// The rows a file would hold with `rows` added, sorted newest first. A row whose (package, version) is already
    /// there is refused, unless `replacing`, when it takes that row's place. Each new row is checked: package name,
    /// semver version, `YYYY-MM-DD` date, a full hex commit id, one-line cycle and tag, finite scores.
    public func appending(_ rows: [Release], replacing: Bool) throws(BenchParityWriteError) -> BenchParity {
        var seen = Set<ReleaseKey>()
        for row in rows {
            try Self.validate(row)
            guard seen.insert(ReleaseKey(row)).inserted else { throw .duplicateInInput(package: row.package, version: row.version) }
        }
        var kept: [Release] = []
        for existing in releases {
            if seen.contains(ReleaseKey(existing)) {
                guard replacing else { throw .duplicate(package: existing.package, version: existing.version) }
                continue
            }
            kept.append(existing)
        }
        return BenchParity(schemaVersion: schemaVersion, releases: Self.sorted(kept + rows.map(\.rounded)))
    }

    /// Newest first: `released_at` descending, then package descending, then version descending (semver precedence
    /// where both parse, else text); equal keys keep their order.
    public static func sorted(_ releases: [Release]) -> [Release] {
        releases.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.releasedAt != b.releasedAt { return a.releasedAt > b.releasedAt }
            if a.package != b.package { return a.package > b.package }
            if a.version != b.version { return SemanticVersion.precedes(b.version, a.version) }
            return left.offset < right.offset
        }.map(\.element)
    }

    /// The file's text: `header` (kept as given; a non-empty one ends in a newline), then `schema_version` and
    /// `releases` as Yams emits them.
    public func yaml(header: String) throws(BenchParityWriteError) -> String {
        // `%.4f` of a NaN is `nan`, which YAML reads back as text: refuse rather than write a row that no longer parses.
        for release in releases {
            for (bench, score) in release.scores where !score.overall.isFinite {
                throw .unencodable(reason: "\(release.package) \(release.version): scores.\(bench).overall is not a finite number")
            }
        }
        let release = releases.map { release -> Node in
            var pairs: [(Node, Node)] = [
                (Node("package"), Self.text(release.package)),
                (Node("version"), Node(release.version, .implicit, .doubleQuoted)),
                (Node("bench_cycle"), Self.text(release.benchCycle)),
            ]
            if let tag = release.benchTag { pairs.append((Node("bench_tag"), Self.text(tag))) }
            // Always quoted: a commit id of digits (and an `e`) would otherwise read as a number.
            if let commit = release.benchCommit { pairs.append((Node("bench_commit"), Node(commit, .implicit, .doubleQuoted))) }
            pairs.append((Node("released_at"), Node(release.releasedAt, .implicit, .doubleQuoted)))
            let scores = release.scores.keys.sorted().map { bench -> (Node, Node) in
                let score = release.scores[bench]!
                let n = score.nQuestions.map { Node(String($0)) } ?? Node("null")
                let runs = score.runs.map { Node(String($0)) } ?? Node("null")
                return (Self.text(bench), Node([(Node("overall"), Node(Self.fourPlaces(score.overall))), (Node("n_questions"), n), (Node("runs"), runs)],
                                               .implicit, .flow))
            }
            pairs.append((Node("scores"), Node(scores, .implicit, .block)))
            return Node(pairs, .implicit, .block)
        }
        let document = Node([(Node("schema_version"), Node(String(schemaVersion))), (Node("releases"), Node(release, .implicit, .block))],
                            .implicit, .block)
        let body: String
        do {
            body = try Yams.serialize(node: document, width: -1, allowUnicode: true, sortKeys: false)
        } catch {
            throw .unencodable(reason: "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "Yams refused the rows")
        }
        return header + body
    }

    /// Writes the file atomically (a temporary file beside it, then a rename). `existing` is the file's current text,
    /// whose leading comment block is kept byte for byte; nil for a file not written yet, which gets `defaultHeader`.
    public func write(to url: URL, keepingHeaderOf existing: String?) throws(BenchParityWriteError) {
        let text = try yaml(header: existing.map(Self.header(of:)) ?? Self.defaultHeader)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString).tmp")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw BenchParityWriteError.write(path: url.path, reason: reason)
            }
        } catch let error as BenchParityWriteError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .write(path: url.path, reason: "cannot create \(temporary.lastPathComponent) in \(directory.path)")
        }
    }

    /// Reads the file at `url` (missing: no release yet), appends `rows` (`appending`) and writes it back keeping its
    /// header (`write`). A refused row leaves the file as it was. Throws `BenchParityError` for a file that cannot be
    /// read, `BenchParityWriteError` for a refused row or a failed write.
    @discardableResult
    public static func record(_ rows: [Release], at url: URL, replacing: Bool) throws -> BenchParity {
        let parity = try read(from: url).appending(rows, replacing: replacing)
        // `read` took a missing file for an empty one; only an existing file has a header to keep.
        let existing = FileManager.default.fileExists(atPath: url.path) ? try? String(contentsOf: url, encoding: .utf8) : nil
        try parity.write(to: url, keepingHeaderOf: existing)
        return parity
    }

    /// The leading lines of `text` that are comments (`#` first) or blank, up to the first other line.
    public static func header(of text: String) -> String {
        var end = text.startIndex
        while end < text.endIndex {
            let lineEnd = text[end...].firstIndex(of: "\n").map { text.index(after: $0) } ?? text.endIndex
            let line = text[end..<lineEnd]
            let content = line.drop { $0 == " " || $0 == "\t" }
            guard content.isEmpty || content.first == "#" || content.first?.isNewline == true else { break }
            end = lineEnd
        }
        let header = String(text[..<end])
        return header.isEmpty || header.hasSuffix("\n") ? header : header + "\n"
    }

    static func validate(_ row: Release) throws(BenchParityWriteError) {
        try validatePackage(row.package)
        try validateVersion(row.version)
        guard Self.isCalendarDay(row.releasedAt) else { throw .invalidRow(package: row.package, version: row.version, reason: "released_at '\(row.releasedAt)' is not a YYYY-MM-DD date") }
        for (field, value) in [("bench_cycle", row.benchCycle), ("bench_tag", row.benchTag ?? "-")] + row.scores.keys.sorted().map({ ("a bench name", $0) }) {
            if value.isEmpty || value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw .invalidRow(package: row.package, version: row.version, reason: "\(field) is empty or holds a control character")
            }
        }
        if let commit = row.benchCommit, !((commit.count == 40 || commit.count == 64) && commit.utf8.allSatisfy(Self.isLowerHex)) {
            throw .invalidRow(package: row.package, version: row.version, reason: "bench_commit '\(commit)' is not a full commit id")
        }
        for (bench, score) in row.scores where !score.overall.isFinite {
            throw .invalidRow(package: row.package, version: row.version, reason: "scores.\(bench).overall is not a finite number")
        }
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...102).contains(byte) }

    private static func isCalendarDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    /// A string scalar that YAML reads back as the same text: plain where the emitter may leave it so, and quoted when
    /// it would otherwise read as a number, a boolean, null or a date.
    /// Plain only for a letter followed by `[A-Za-z0-9_./-]` that is no YAML 1.1 keyword (PyYAML reads `yes` and `off`
    /// as booleans); anything else is double-quoted, so a digit-first commit id or cycle never reads as a number.
    private static func text(_ string: String) -> Node {
        let keywords: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null"]
        let safe = string.unicodeScalars.first.map { $0.isASCII && $0.properties.isAlphabetic } == true
            && string.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_./-".unicodeScalars.contains($0)) }
            && !keywords.contains(string.lowercased())
        return Node(string, .implicit, safe ? .plain : .doubleQuoted)
    }

    /// `overall` with four decimals (`0.8410`), as the seed writes it.
    static func fourPlaces(_ value: Double) -> String {
        String(format: "%.4f", value)
    }

    private struct ReleaseKey: Hashable {
        let package: String
        let version: String
        init(_ release: Release) { (package, version) = (release.package, release.version) }
    }
}

extension BenchParity.Release {
    /// The row with each `overall` rounded to four places, as the file holds it.
    var rounded: BenchParity.Release {
        var copy = self
        copy.scores = scores.mapValues { BenchParity.Score(overall: ($0.overall * 10_000).rounded() / 10_000, nQuestions: $0.nQuestions, runs: $0.runs) }
        return copy
    }
}

extension BenchParity.Score {
    /// One bench's score over a cycle's runs: the mean `overall` rounded to four places, `n_questions` when every run
    /// answered the same number (else null), and the number of runs. Nil for no run.
    public static func combining(_ runs: [(overall: Double, nQuestions: Int?)]) -> BenchParity.Score? {
        guard !runs.isEmpty else { return nil }
        let mean = runs.map(\.overall).reduce(0, +) / Double(runs.count)
        let counts = Set(runs.map(\.nQuestions))
        return BenchParity.Score(overall: (mean * 10_000).rounded() / 10_000, nQuestions: counts.count == 1 ? counts.first! : nil, runs: runs.count)
    }
}

/// Semver 2.0 precedence, enough to order two versions of one package.
enum SemanticVersion {
    /// Whether `a` comes before `b`; versions that do not parse compare as text.
    static func precedes(_ a: String, _ b: String) -> Bool {
        guard let left = parts(a), let right = parts(b) else { return a < b }
        if left.core != right.core { return left.core.lexicographicallyPrecedes(right.core) }
        switch (left.prerelease, right.prerelease) {
        case (nil, nil): return a < b
        case (nil, _): return false
        case (_, nil): return true
        case let (l?, r?):
            for (x, y) in zip(l, r) where x != y {
                switch (Int(x), Int(y)) {
                case let (i?, j?): return i < j
                case (_?, nil): return true
                case (nil, _?): return false
                default: return x < y
                }
            }
            return l.count < r.count
        }
    }

    private static func parts(_ version: String) -> (core: [Int], prerelease: [String]?)? {
        guard (try? BenchParity.validateVersion(version)) != nil else { return nil }
        let withoutBuild = version.split(separator: "+", maxSplits: 1)[0]
        let pieces = withoutBuild.split(separator: "-", maxSplits: 1)
        let core = pieces[0].split(separator: ".").compactMap { Int($0) }
        guard core.count == 3 else { return nil }
        return (core, pieces.count > 1 ? pieces[1].split(separator: ".").map(String.init) : nil)
    }
}

/// Rows refused by the writer, or a file it could not write: one line each.
public enum BenchParityWriteError: Error, Equatable, CustomStringConvertible {
    /// `version` is not `X.Y.Z[-pre][+build]`.
    case invalidVersion(version: String, reason: String)
    case invalidPackage(package: String, reason: String)
    /// Another field of a new row (date, commit, cycle, tag, a score).
    case invalidRow(package: String, version: String, reason: String)
    /// The file already holds this (package, version) and replacing was not asked for.
    case duplicate(package: String, version: String)
    /// The same (package, version) twice among the new rows.
    case duplicateInInput(package: String, version: String)
    case unencodable(reason: String)
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidVersion(let version, let reason): return "'\(Self.shown(version))' is not a semantic version X.Y.Z[-pre][+build]: \(reason)"
        case .invalidPackage(let package, let reason): return "'\(Self.shown(package))' is not a package name: \(reason)"
        case .invalidRow(let package, let version, let reason): return "\(Self.shown(package)) \(Self.shown(version)): \(reason)"
        case .duplicate(let package, let version):
            return "\(BenchParity.fileName) already records \(Self.shown(package)) \(Self.shown(version)); replace it explicitly to overwrite that row"
        case .duplicateInInput(let package, let version): return "\(Self.shown(package)) \(Self.shown(version)) is given twice"
        case .unencodable(let reason): return "cannot encode \(BenchParity.fileName): \(reason)"
        case .write(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }

    /// Control characters escaped, so the message stays one line.
    private static func shown(_ text: String) -> String {
        text.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? $0.escaped(asASCII: true) : String($0) }.joined()
    }
}
