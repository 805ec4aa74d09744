import Foundation
import Testing
@testable import GitBenchKit

/// Golden files of `BENCH_PARITY.yaml` and of the `releases` view. `GIT_BENCH_UPDATE_GOLDEN=1` rewrites them (review
/// the diff, then rerun without it).
enum ReleaseGolden {
    static let files = GoldenFiles("release-golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try files.check(actual, name, sourceLocation: sourceLocation)
    }
}

/// Writing `BENCH_PARITY.yaml`: rows appended newest first, duplicates refused unless replacing, the file's comment kept
/// byte for byte, and bytes that Yams and PyYAML both read back as the same text and numbers.
@Suite struct BenchParityWriterTests {
    static let commit = "0123456789abcdef0123456789abcdef01234567"

    static func row(_ version: String, cycle: String, on date: String, locomo: Double = 0.841, n: Int? = 200, runs: Int = 2,
                    longmemeval: Double? = nil) -> BenchParity.Release {
        row("astrocyte", version, cycle: cycle, on: date, locomo: locomo, n: n, runs: runs, longmemeval: longmemeval)
    }

    static func row(_ package: String, _ version: String, cycle: String, on date: String,
                    locomo: Double = 0.841, n: Int? = 200, runs: Int = 2, longmemeval: Double? = nil) -> BenchParity.Release {
        var scores = ["locomo": BenchParity.Score(overall: locomo, nQuestions: n, runs: runs)]
        if let longmemeval { scores["longmemeval"] = BenchParity.Score(overall: longmemeval, nQuestions: nil, runs: runs) }
        return BenchParity.Release(package: package, version: version, benchCycle: cycle, benchTag: "bench/\(cycle)", benchCommit: commit,
                                   releasedAt: date, scores: scores)
    }

    /// The lockstep release: the three ship-surface packages at one version and cycle.
    static func lockstep(_ version: String, cycle: String, on date: String, locomo: Double, longmemeval: Double) -> [BenchParity.Release] {
        ["astrocyte", "astrocyte-postgres", "astrocyte-gateway-py"].map {
            row($0, version, cycle: cycle, on: date, locomo: locomo, longmemeval: longmemeval)
        }
    }

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-parity-writer-\(UUID().uuidString)")
    var url: URL { folder.appendingPathComponent(BenchParity.fileName) }

    /// Appends `rows` to the file at `url` (missing or not) the way `release-mark` does: read, append, write.
    func mark(_ rows: [BenchParity.Release], replacing: Bool = false) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try BenchParity.record(rows, at: url, replacing: replacing)
    }

    func text() throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// The file as PyYAML's `safe_load` reads it, printed back as JSON.
    func pythonReading() throws -> Any {
        let result = try runProcess("/usr/bin/env", ["python3", "-c", "import yaml,json,sys; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", url.path])
        guard result.status == 0 else { throw TestRepoError.setup("python3 yaml: \(result.stderr) (scripts/setup-machine installs PyYAML)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test func aFreshFileGetsTheDefaultHeaderAndOneRow() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try mark([Self.row("0.14.0", cycle: "m19", on: "2026-05-30", longmemeval: 0.725)])
        let text = try text()
        #expect(text.hasPrefix(BenchParity.defaultHeader + "schema_version: 1\nreleases:\n"))
        #expect(text.contains("  version: \"0.14.0\"\n") && text.contains("  released_at: \"2026-05-30\"\n"), "\(text)")
        #expect(text.contains("    locomo: {overall: 0.8410, n_questions: 200, runs: 2}\n"), "\(text)")
        #expect(text.contains("    longmemeval: {overall: 0.7250, n_questions: null, runs: 2}\n"), "\(text)")
        #expect(try BenchParity.read(from: url).releases == [Self.row("0.14.0", cycle: "m19", on: "2026-05-30", longmemeval: 0.725)])
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [BenchParity.fileName])
    }

    @Test func aSecondReleaseIsAppendedNewestFirst() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try mark([Self.row("0.13.0", cycle: "m18b", on: "2026-04-02", locomo: 0.829)])
        try mark([Self.row("0.14.0", cycle: "m19", on: "2026-05-30")])
        let parity = try BenchParity.read(from: url)
        #expect(parity.releases.map(\.version) == ["0.14.0", "0.13.0"])
        #expect(parity.releases.map(\.releasedAt) == ["2026-05-30", "2026-04-02"])
    }

    @Test func theHeaderCommentIsKeptByteForByte() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let header = "# Release parity for astrocyte.\n#\n#   see RELEASING.md  \n\n# (edited by hand: keep me)\n\n"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((header + "releases:\n  - {package: astrocyte, version: \"0.13.0\", bench_cycle: m18b, released_at: \"2026-04-02\", scores: {}}\n").utf8).write(to: url)
        try mark([Self.row("0.14.0", cycle: "m19", on: "2026-05-30")])
        #expect(try text().hasPrefix(header + "schema_version: 1\nreleases:\n"))
        #expect(try BenchParity.read(from: url).releases.map(\.version) == ["0.14.0", "0.13.0"])
        // A file with no comment keeps having none.
        try Data("releases: []\n".utf8).write(to: url)
        try mark([Self.row("0.15.0", cycle: "m20", on: "2026-07-01")])
        #expect(try text().hasPrefix("schema_version: 1\nreleases:\n"))
    }

    @Test func theHeaderIsTheLeadingCommentAndBlankLines() {
        #expect(BenchParity.header(of: "# a\n\n  # b\nreleases: []\n# not header\n") == "# a\n\n  # b\n")
        #expect(BenchParity.header(of: "schema_version: 1\n") == "")
        #expect(BenchParity.header(of: "# only a comment") == "# only a comment\n")
        #expect(BenchParity.header(of: "") == "")
    }

    @Test func rowsAreOrderedByDateThenPackageThenVersionDescending() throws {
        let rows = [
            Self.row("astrocyte", "0.9.0", cycle: "m9", on: "2026-01-10"),
            Self.row("astrocyte", "0.10.0", cycle: "m10", on: "2026-01-10"),
            Self.row("astrocyte-postgres", "0.10.0", cycle: "m10", on: "2026-01-10"),
            Self.row("astrocyte", "0.11.0-rc.2", cycle: "m11", on: "2026-03-01"),
            Self.row("astrocyte", "0.11.0-rc.10", cycle: "m11", on: "2026-03-01"),
            Self.row("astrocyte", "0.11.0", cycle: "m11", on: "2026-03-01"),
        ]
        let sorted = try BenchParity(releases: []).appending(rows, replacing: false).releases
        #expect(sorted.map { "\($0.package) \($0.version)" } == [
            "astrocyte 0.11.0", "astrocyte 0.11.0-rc.10", "astrocyte 0.11.0-rc.2",
            "astrocyte-postgres 0.10.0", "astrocyte 0.10.0", "astrocyte 0.9.0",
        ])
        // The order does not depend on the order the rows were given in.
        #expect(try BenchParity(releases: []).appending(rows.reversed(), replacing: false).releases == sorted)
    }

    @Test func aLockstepReleaseWritesOneRowPerPackage() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try mark(Self.lockstep("0.14.0", cycle: "m19", on: "2026-05-30", locomo: 0.841, longmemeval: 0.725))
        let parity = try BenchParity.read(from: url)
        #expect(parity.releases.map(\.package) == ["astrocyte-postgres", "astrocyte-gateway-py", "astrocyte"])
        #expect(Set(parity.releases.map(\.version)) == ["0.14.0"] && Set(parity.releases.map(\.benchCycle)) == ["m19"])
    }

    @Test func aRecordedVersionIsRefusedAndTheFileIsUnchanged() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try mark(Self.lockstep("0.14.0", cycle: "m19", on: "2026-05-30", locomo: 0.841, longmemeval: 0.725))
        let before = try Data(contentsOf: url)
        #expect(throws: BenchParityWriteError.duplicate(package: "astrocyte-postgres", version: "0.14.0")) {
            try mark([Self.row("astrocyte-postgres", "0.14.0", cycle: "m20", on: "2026-06-01")])
        }
        #expect(try Data(contentsOf: url) == before)
        #expect(BenchParityWriteError.duplicate(package: "astrocyte-postgres", version: "0.14.0").description
            == "BENCH_PARITY.yaml already records astrocyte-postgres 0.14.0; replace it explicitly to overwrite that row")
        #expect(throws: BenchParityWriteError.duplicateInInput(package: "astrocyte", version: "0.15.0")) {
            try BenchParity(releases: []).appending([Self.row("0.15.0", cycle: "m20", on: "2026-06-01"), Self.row("0.15.0", cycle: "m21", on: "2026-06-02")],
                                                    replacing: true)
        }
    }

    @Test func replacingSwapsTheRecordedRowOnly() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try mark(Self.lockstep("0.14.0", cycle: "m19", on: "2026-05-30", locomo: 0.841, longmemeval: 0.725))
        let fixed = Self.row("astrocyte", "0.14.0", cycle: "m19b", on: "2026-05-31", locomo: 0.85)
        try mark([fixed], replacing: true)
        let releases = try BenchParity.read(from: url).releases
        #expect(releases.count == 3)
        #expect(releases.first == fixed)
        #expect(releases.dropFirst().map(\.benchCycle) == ["m19", "m19"])
    }

    @Test func overallIsRoundedToFourPlaces() throws {
        let parity = try BenchParity(releases: []).appending([Self.row("1.0.0", cycle: "m1", on: "2026-01-01", locomo: 0.837_49_9)], replacing: false)
        #expect(parity.releases[0].scores["locomo"]?.overall == 0.8375)
        #expect(try parity.yaml(header: "").contains("{overall: 0.8375, n_questions: 200, runs: 2}"))
    }

    @Test func aCycleScoreIsTheMeanOfItsRunsWithNullNWhenTheyDisagree() {
        #expect(BenchParity.Score.combining([(0.84, 200), (0.8351, 200)]) == BenchParity.Score(overall: 0.8376, nQuestions: 200, runs: 2))
        #expect(BenchParity.Score.combining([(0.70, 30), (0.75, 29)]) == BenchParity.Score(overall: 0.725, nQuestions: nil, runs: 2))
        #expect(BenchParity.Score.combining([]) == nil)
    }

    @Test func theWrittenFileMatchesTheGolden() throws {
        var rows = Self.lockstep("0.14.0", cycle: "m19", on: "2026-05-30", locomo: 0.841, longmemeval: 0.725)
        rows.append(Self.row("astrocyte", "0.13.0", cycle: "m18b", on: "2026-04-02", locomo: 0.829, longmemeval: 0.73))
        // Text that YAML would read as something else stays text.
        rows.append(BenchParity.Release(package: "yes", version: "1.0.0-rc.1+build.5", benchCycle: "19", benchTag: nil,
                                        benchCommit: "1234567890123456789012345678901234567890", releasedAt: "2026-01-02",
                                        scores: ["on": .init(overall: 1, nQuestions: nil, runs: nil)]))
        let text = try BenchParity(releases: []).appending(rows, replacing: false).yaml(header: BenchParity.defaultHeader)
        try ReleaseGolden.check(text, "BENCH_PARITY.yaml")
        // The same rows in another order give the same bytes.
        #expect(try BenchParity(releases: []).appending(rows.reversed(), replacing: false).yaml(header: BenchParity.defaultHeader) == text)
    }

    @Test func yamsAndPyYAMLReadTheWrittenFileAsTheSameValues() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try mark(Self.lockstep("0.14.0", cycle: "m19", on: "2026-05-30", locomo: 0.841, longmemeval: 0.725))
        try mark([BenchParity.Release(package: "no", version: "1.0.0", benchCycle: "2026-01-02", benchTag: "1.5",
                                      benchCommit: "1234567890123456789012345678901234567890", releasedAt: "2026-01-02",
                                      scores: ["null": .init(overall: 0.5, nQuestions: 10, runs: 1)])])
        let parity = try BenchParity.read(from: url)
        #expect(parity.releases.count == 4)
        #expect(parity.releases.last?.benchCommit == "1234567890123456789012345678901234567890")
        #expect(parity.releases.last?.benchTag == "1.5" && parity.releases.last?.benchCycle == "2026-01-02")

        let document = try #require(try pythonReading() as? [String: Any])
        #expect(document["schema_version"] as? Int == 1)
        let releases = try #require(document["releases"] as? [[String: Any]])
        #expect(releases.count == 4)
        let first = releases[0]
        #expect(first["package"] as? String == "astrocyte-postgres")
        #expect(first["version"] as? String == "0.14.0")
        #expect(first["released_at"] as? String == "2026-05-30")
        #expect(first["bench_cycle"] as? String == "m19" && first["bench_tag"] as? String == "bench/m19")
        #expect(first["bench_commit"] as? String == Self.commit)
        let scores = try #require(first["scores"] as? [String: [String: Any]])
        #expect(scores["locomo"]?["overall"] as? Double == 0.841)
        #expect(scores["locomo"]?["n_questions"] as? Int == 200 && scores["locomo"]?["runs"] as? Int == 2)
        #expect(scores["longmemeval"]?["n_questions"] is NSNull)
        let last = releases[3]
        #expect(last["package"] as? String == "no")
        #expect(last["bench_cycle"] as? String == "2026-01-02" && last["bench_tag"] as? String == "1.5")
        #expect(last["bench_commit"] as? String == "1234567890123456789012345678901234567890")
        #expect((last["scores"] as? [String: Any])?.keys.first == "null")
    }

    @Test(arguments: [
        "0.14.0", "1.0.0", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92", "1.0.0-rc.1+build.5",
        "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-x-y-z.--", "2.0.0+001",
    ])
    func aSemanticVersionIsAccepted(version: String) throws {
        try BenchParity.validateVersion(version)
    }

    @Test(arguments: [
        ("", "expected MAJOR.MINOR.PATCH, like 0.14.0"), ("1.0", "expected MAJOR.MINOR.PATCH, like 0.14.0"),
        ("v1.0.0", "expected MAJOR.MINOR.PATCH, like 0.14.0"), ("1.0.0.0", "expected MAJOR.MINOR.PATCH, like 0.14.0"),
        ("01.0.0", "a numeric part has a leading zero"), ("1.02.0", "a numeric part has a leading zero"),
        ("1.0.0-01", "a numeric pre-release identifier has a leading zero"),
        ("1.0.0-", "the pre-release part must be dot-separated [0-9A-Za-z-] identifiers"),
        ("1.0.0-alpha..1", "the pre-release part must be dot-separated [0-9A-Za-z-] identifiers"),
        ("1.0.0-é", "the pre-release part must be dot-separated [0-9A-Za-z-] identifiers"),
        ("1.0.0+", "the build part must be dot-separated [0-9A-Za-z-] identifiers"),
        ("1.0.0+a+b", "the build part must be dot-separated [0-9A-Za-z-] identifiers"),
        (" 1.0.0", "expected MAJOR.MINOR.PATCH, like 0.14.0"), ("1.0.0\n", "expected MAJOR.MINOR.PATCH, like 0.14.0"),
    ])
    func anythingElseIsRefusedInOneLine(version: String, reason: String) {
        #expect(throws: BenchParityWriteError.invalidVersion(version: version, reason: reason)) { try BenchParity.validateVersion(version) }
        let line = BenchParityWriteError.invalidVersion(version: version, reason: reason).description
        #expect(!line.contains("\n"))
    }

    @Test func aNewRowIsCheckedBeforeAnythingIsWritten() {
        let empty = BenchParity(releases: [])
        var row = Self.row("0.14.0", cycle: "m19", on: "2026-05-30")
        row.package = ""
        #expect(throws: BenchParityWriteError.invalidPackage(package: "", reason: "it is empty")) { try empty.appending([row], replacing: false) }
        row.package = "astro\ncyte"
        #expect(throws: BenchParityWriteError.invalidPackage(package: "astro\ncyte", reason: "it holds a control character or a line break")) {
            try empty.appending([row], replacing: false)
        }
        #expect(!BenchParityWriteError.invalidPackage(package: "astro\ncyte", reason: "x").description.contains("\n"))
        row = Self.row("0.14", cycle: "m19", on: "2026-05-30")
        #expect(throws: BenchParityWriteError.self) { try empty.appending([row], replacing: false) }
        row = Self.row("0.14.0", cycle: "m19", on: "2026-02-30")
        #expect(throws: BenchParityWriteError.invalidRow(package: "astrocyte", version: "0.14.0", reason: "released_at '2026-02-30' is not a YYYY-MM-DD date")) {
            try empty.appending([row], replacing: false)
        }
        row = Self.row("0.14.0", cycle: "m19", on: "2026-05-30")
        row.benchCommit = "0123456"
        #expect(throws: BenchParityWriteError.invalidRow(package: "astrocyte", version: "0.14.0", reason: "bench_commit '0123456' is not a full commit id")) {
            try empty.appending([row], replacing: false)
        }
        row = Self.row("0.14.0", cycle: "m19", on: "2026-05-30", locomo: .nan)
        #expect(throws: BenchParityWriteError.invalidRow(package: "astrocyte", version: "0.14.0", reason: "scores.locomo.overall is not a finite number")) {
            try empty.appending([row], replacing: false)
        }
    }

    @Test func anUnreadableFileIsRefusedAndLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("releases: nope\n".utf8).write(to: url)
        #expect(throws: BenchParityError(path: url.path, reason: "releases: expected a list")) {
            try mark([Self.row("0.14.0", cycle: "m19", on: "2026-05-30")])
        }
        #expect(try text() == "releases: nope\n")
    }

    @Test func aNonFiniteScoreAlreadyInTheFileIsNotRewrittenAsText() throws {
        var parity = BenchParity(releases: [Self.row("0.13.0", cycle: "m18", on: "2026-04-02")])
        parity.releases[0].scores["locomo"]?.overall = .infinity
        #expect(throws: BenchParityWriteError.unencodable(reason: "astrocyte 0.13.0: scores.locomo.overall is not a finite number")) {
            try parity.yaml(header: "")
        }
    }

    @Test func aFileThatCannotBeWrittenIsOneLineNamingIt() throws {
        let missing = folder.appendingPathComponent("no/such/dir/BENCH_PARITY.yaml")
        do {
            try BenchParity(releases: []).write(to: missing, keepingHeaderOf: nil)
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("cannot write \(missing.path): "))
            #expect(!error.description.contains("\n"))
        }
    }
}
