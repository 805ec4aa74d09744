import Foundation
import Testing
@testable import GitBenchKit

/// The walk of `benchmark-results/<harness>/<bench>/<project>/`: which project directories become candidates (with
/// their stage, bench, newest result, markers and smoke flag) and every reason one is left out, on real trees in temp
/// directories, FIFOs and symbolic links included.
@Suite struct CanonicalLayoutTests {
    let repository: URL
    var root: URL { repository.appendingPathComponent("benchmark-results", isDirectory: true) }

    init() throws {
        repository = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-layout-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
    }

    static let mem0 = "locomo_results_20260508_100312.json"
    static let lme = "longmemeval_results_20260601_231500.json"
    static let pageIndex = "results-20260509T081500Z.json"

    /// Copies a fixture (or writes `text`) to `relative` under the root, with `modified` as its mtime when given.
    @discardableResult
    func add(_ relative: String, fixture: String? = nil, text: String? = nil, modified: TimeInterval? = nil) throws -> URL {
        let file = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let fixture {
            try Data(contentsOf: HarnessResultTests.fixtures.appendingPathComponent(fixture)).write(to: file)
        } else {
            try Data((text ?? "").utf8).write(to: file)
        }
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: modified)], ofItemAtPath: file.path)
        }
        return file
    }

    func directory(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func pageIndexJSON(questions: Int, overall: Double = 0.75) -> String {
        #"{"overall_accuracy": \#(overall), "category_accuracy": {"single-hop": 0.8}, "evaluated_questions": \#(questions), "model": "gpt-4o-mini"}"#
    }

    @Test func bothHarnessesProjectDirectoriesBecomeCandidatesInWalkOrder() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("mem0_harness/locomo/astrocyte-m18b-b1-dp-rrf-run-1/\(Self.mem0)", fixture: Self.mem0)
        // The harness's per-question folder is not a project directory and holds no result file: not a skip.
        try add("mem0_harness/locomo/astrocyte-m18b-b1-dp-rrf-run-1/predicted_astrocyte-m18b-b1-dp-rrf-run-1/conv0_q0.json", text: "{}")
        try add("pageindex/lme/local-ad-hoc/\(Self.pageIndex)", fixture: Self.pageIndex)
        try add("pageindex/long_memeval/astrocyte-m19-b1-run-2/\(Self.pageIndex)", fixture: Self.pageIndex)
        let scan = try CanonicalLayout.scan(repository: repository)
        #expect(scan.skips == [])
        #expect(scan.candidates.map(\.stage) == ["m18b-b1-dp-rrf-run-1", "local-ad-hoc", "m19-b1-run-2"])
        #expect(scan.candidates.map(\.bench) == ["locomo", "longmemeval", "longmemeval"])
        #expect(scan.candidates.map(\.harness) == ["mem0_harness", "pageindex", "pageindex"])
        let mem0 = scan.candidates[0]
        #expect(mem0.projectDirectory.path == directory("mem0_harness/locomo/astrocyte-m18b-b1-dp-rrf-run-1"))
        #expect(mem0.resultFile.path == directory("mem0_harness/locomo/astrocyte-m18b-b1-dp-rrf-run-1/\(Self.mem0)"))
        #expect(mem0.result.harness == .mem0)
        #expect(mem0.result.overall == 0.855)
        #expect(mem0.result.cutoff == "top_20")
        #expect(mem0.shipLabel == nil && mem0.archived == nil && !mem0.isSmoke)
        let page = scan.candidates[1]
        #expect(page.result.harness == .pageIndex)
        #expect(page.result.bench == "longmemeval")
        #expect(page.result.overall == 0.8375)
        #expect(page.result.nQuestions == 80)
        let entry = mem0.manifestEntry(date: "2026-05-08", sha: "1a2b3c4", uploadedAt: "2026-05-08T14:03:09Z", resultKey: "k")
        #expect(entry.stage == "m18b-b1-dp-rrf-run-1")
        #expect(entry.harness == "mem0_harness")
        #expect(entry.shipLabel == nil)
    }

    @Test func stageStripsTheAstrocytePrefixOnly() {
        #expect(CanonicalLayout.stage(projectDirectoryName: "astrocyte-m18b-b1-dp-rrf-run-1") == "m18b-b1-dp-rrf-run-1")
        #expect(CanonicalLayout.stage(projectDirectoryName: "local-ad-hoc") == "local-ad-hoc")
        #expect(CanonicalLayout.stage(projectDirectoryName: "my-astrocyte-run") == "my-astrocyte-run")
        #expect(CanonicalLayout.stage(projectDirectoryName: "astrocyte-") == "local-ad-hoc")
        #expect(HarnessResult.normalizedBench("lme") == "longmemeval")
        #expect(HarnessResult.normalizedBench("long_memeval") == "longmemeval")
        #expect(HarnessResult.normalizedBench("LoCoMo") == "locomo")
        #expect(HarnessResult.normalizedBench("financebench") == "financebench")
    }

    @Test func resultFilesAreTheTwoHarnessesNames() {
        for name in ["locomo_results_20260508_100312.json", "results-20260509T081500Z.json", "lme_results_.json"] {
            #expect(CanonicalLayout.isResultFileName(name), "\(name)")
        }
        for name in ["_ARCHIVED", "_SHIP_LABEL.json", "conv0_q1.json", "results.json", "locomo_results_1.json.gz", "x_results_json"] {
            #expect(!CanonicalLayout.isResultFileName(name), "\(name)")
        }
    }

    @Test func theNewestResultFileByModificationTimeIsTheOneChosen() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        // The later name was written first: the modification time decides, as in astrocyte's rescan.
        try add("pageindex/locomo/p/results-20260509T081500Z.json", text: pageIndexJSON(questions: 80, overall: 0.5), modified: 1_778_000_000)
        try add("pageindex/locomo/p/results-20260501T000000Z.json", text: pageIndexJSON(questions: 80, overall: 0.625), modified: 1_778_000_100)
        try add("pageindex/locomo/p/notes.json", text: "not a result", modified: 1_778_000_200)
        // Same modification time: the greater name.
        try add("pageindex/locomo/q/results-a.json", text: pageIndexJSON(questions: 80, overall: 0.5), modified: 1_778_000_000)
        try add("pageindex/locomo/q/results-b.json", text: pageIndexJSON(questions: 80, overall: 0.25), modified: 1_778_000_000)
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan.skips == [])
        #expect(scan.candidates.map(\.resultFile.lastPathComponent) == ["results-20260501T000000Z.json", "results-b.json"])
        #expect(scan.candidates.map(\.result.overall) == [0.625, 0.25])
        #expect(scan.candidates.map(\.resultModifiedAt) == [Date(timeIntervalSince1970: 1_778_000_100), Date(timeIntervalSince1970: 1_778_000_000)])
    }

    @Test func resultFilesOutsideThreeSegmentsAreSkippedAsNonCanonical() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("results-20260401T000000Z.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/results-20260401T000000Z.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/locomo/results-20260401T000000Z.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/locomo/p/sub/results-20260401T000000Z.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/locomo/p/results-20260401T000000Z.json", text: pageIndexJSON(questions: 80))
        let scan = try CanonicalLayout.scan(root: root)
        let reason = "non-canonical layout: result files belong in benchmark-results/<harness>/<bench>/<project>/"
        #expect(scan.skips == [
            CanonicalSkip(kind: .nonCanonical, path: root.path, reason: reason),
            CanonicalSkip(kind: .nonCanonical, path: directory("pageindex"), reason: reason),
            CanonicalSkip(kind: .nonCanonical, path: directory("pageindex/locomo"), reason: reason),
            CanonicalSkip(kind: .nonCanonical, path: directory("pageindex/locomo/p/sub"), reason: reason),
        ])
        #expect(scan.candidates.map(\.projectDirectory.path) == [directory("pageindex/locomo/p")])
    }

    @Test func fetchedResultsUnderR2AndDotNamesAreIgnoredSilently() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("_r2/2026-05-08/m18b/locomo/results-20260508T140309Z-1a2b3c4.json", text: pageIndexJSON(questions: 80))
        try add("_r2/locomo/x/results-1.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/locomo/p/.results-1.json.tmp", text: "partial")
        try add(".cache/results-1.json", text: "{}")
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan == CanonicalScan(candidates: [], skips: [CanonicalSkip(kind: .noResultFile, path: directory("pageindex/locomo/p"),
                                                                             reason: "no result file (<bench>_results_*.json or results-*.json)")]))
    }

    @Test func aFileOfNeitherSchemaIsSkippedWithHarnessResultsReason() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        let file = try add("pageindex/locomo/wrapped/results-wrapped.json", fixture: "results-wrapped.json")
        try add("pageindex/locomo/broken/results-1.json", text: "{\"overall_accuracy\": ")
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan.candidates == [])
        #expect(scan.skips.count == 2)
        #expect(scan.skips[0].kind == .invalidResult)
        #expect(scan.skips[0].path == directory("pageindex/locomo/broken/results-1.json"))
        #expect(scan.skips[0].reason.hasPrefix("not JSON ("))
        #expect(scan.skips[1] == CanonicalSkip(kind: .invalidResult, path: file.path, reason: HarnessResult.unrecognised))
        #expect(scan.skips[1].description == "\(file.path): neither a Mem0-harness result (metadata + metrics_by_cutoff) nor a PageIndex result (overall_accuracy + category_accuracy)")
    }

    @Test func invalidStageAndBenchNamesAreSkipped() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("pageindex/locomo/bad stage/results-1.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/locomo/entries/results-1.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/lo como/p/results-1.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/locomo/astrocyte-/results-1.json", text: pageIndexJSON(questions: 80))
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan.skips == [
            CanonicalSkip(kind: .invalidResult, path: directory("pageindex/lo como/p/results-1.json"),
                          reason: #"invalid bench "lo como": only letters, digits, '.', '_', '+' and '-' are allowed"#),
            CanonicalSkip(kind: .invalidName, path: directory("pageindex/locomo/bad stage"),
                          reason: #"invalid stage "bad stage": only letters, digits, '.', '_', '+' and '-' are allowed"#),
            CanonicalSkip(kind: .invalidName, path: directory("pageindex/locomo/entries"),
                          reason: #"invalid stage "entries": "entries" is the folder of the day's manifest entries"#),
        ])
        #expect(scan.candidates.map(\.stage) == ["local-ad-hoc"])
    }

    @Test func fifosAndSymlinksAreNeverReadOrFollowed() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        let fifo = root.appendingPathComponent("pageindex/locomo/fifo/results-1.json")
        try FileManager.default.createDirectory(at: fifo.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let zero = root.appendingPathComponent("pageindex/locomo/zero/results-1.json")
        try FileManager.default.createDirectory(at: zero.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
        // A FIFO next to a real result: the real one is archived, the FIFO reported.
        let mixed = root.appendingPathComponent("pageindex/locomo/mixed/results-2.json")
        try FileManager.default.createDirectory(at: mixed.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(mixed.path, 0o600) == 0)
        try add("pageindex/locomo/mixed/results-1.json", text: pageIndexJSON(questions: 80))
        // A project directory that is a link to a tree outside: not followed.
        let outside = repository.appendingPathComponent("outside", isDirectory: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(pageIndexJSON(questions: 80).utf8).write(to: outside.appendingPathComponent("results-1.json"))
        try FileManager.default.createSymbolicLink(atPath: directory("pageindex/locomo/linked"), withDestinationPath: outside.path)
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan.skips == [
            CanonicalSkip(kind: .notRegular, path: directory("pageindex/locomo/linked"), reason: "a symbolic link to a directory, not followed"),
            CanonicalSkip(kind: .notRegular, path: fifo.path, reason: "not a regular file (a FIFO)"),
            CanonicalSkip(kind: .notRegular, path: mixed.path, reason: "not a regular file (a FIFO)"),
            CanonicalSkip(kind: .notRegular, path: zero.path, reason: "a symbolic link, not followed"),
        ])
        #expect(scan.candidates.map(\.resultFile.path) == [directory("pageindex/locomo/mixed/results-1.json")])
    }

    @Test func aResultFileOverTheSizeLimitIsSkipped() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        let file = try add("pageindex/locomo/big/results-1.json", text: pageIndexJSON(questions: 80) + String(repeating: " ", count: 200))
        let scan = try CanonicalLayout.scan(root: root, options: .init(fileSizeLimit: 128))
        #expect(scan.skips == [CanonicalSkip(kind: .tooLarge, path: file.path, reason: "larger than 128 bytes, the size limit")])
        #expect(RegularFile.tooLarge(CanonicalLayout.defaultFileSizeLimit) == "larger than 64 MiB, the size limit")
        #expect(try CanonicalLayout.scan(root: root).candidates.count == 1)
    }

    @Test func smokeRunsAreSkippedUnlessIncluded() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("pageindex/locomo/astrocyte-m19-smoke/results-1.json", text: pageIndexJSON(questions: 200))
        try add("pageindex/locomo/micro/results-1.json", text: pageIndexJSON(questions: 29))
        try add("pageindex/locomo/thirty/results-1.json", text: pageIndexJSON(questions: 30))
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan.skips == [
            CanonicalSkip(kind: .smoke, path: directory("pageindex/locomo/astrocyte-m19-smoke"), reason: #"smoke stage "m19-smoke"; include smoke runs to archive it"#),
            CanonicalSkip(kind: .smoke, path: directory("pageindex/locomo/micro"), reason: "micro run (n=29 < 30); include smoke runs to archive it"),
        ])
        #expect(scan.candidates.map(\.stage) == ["thirty"])
        #expect(scan.candidates.map(\.isSmoke) == [false])
        let included = try CanonicalLayout.scan(root: root, options: .init(includeSmoke: true))
        #expect(included.skips == [])
        #expect(included.candidates.map(\.stage) == ["m19-smoke", "micro", "thirty"])
        #expect(included.candidates.map(\.isSmoke) == [true, true, false])
    }

    @Test func archivedDirectoriesAreSkippedUnlessForced() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("pageindex/locomo/done/results-1.json", text: pageIndexJSON(questions: 80))
        let marker = ArchivedMarker(archivedAt: "2026-05-08T14:03:10+00:00", resultKeys: ["runs/2026-05-08/done/locomo/results-20260508T140309Z-1a2b3c4.json.gz"])
        try marker.write(projectDirectory: root.appendingPathComponent("pageindex/locomo/done"))
        // `touch _ARCHIVED` marks a directory as archived too.
        try add("pageindex/locomo/touched/results-1.json", text: pageIndexJSON(questions: 80))
        try add("pageindex/locomo/touched/_ARCHIVED", text: "")
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan.candidates == [])
        #expect(scan.skips.map(\.kind) == [.archived, .archived])
        #expect(scan.skips[0] == CanonicalSkip(kind: .archived, path: directory("pageindex/locomo/done"), reason: "already archived (_ARCHIVED); force re-archives it"))
        #expect(scan.skips[1].reason.hasPrefix("already archived (its _ARCHIVED is unreadable: "))
        let forced = try CanonicalLayout.scan(root: root, options: .init(force: true))
        #expect(forced.skips == [])
        #expect(forced.candidates.map(\.stage) == ["done", "touched"])
        #expect(forced.candidates.map(\.archived) == [marker, nil])
    }

    @Test func aShipLabelIsReadIntoTheCandidateAndItsManifestEntry() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("mem0_harness/locomo/astrocyte-m18b-b1-dp-rrf-run-1/\(Self.mem0)", fixture: Self.mem0)
        try add("mem0_harness/locomo/astrocyte-m18b-b1-dp-rrf-run-1/_SHIP_LABEL.json",
                text: "{\n  \"label\": \"m18b\",\n  \"marked_at\": \"2026-05-09T10:00:00.000001+00:00\",\n  \"rationale\": \"B1-dp+RRF ships\"\n}\n")
        try add("mem0_harness/locomo/bad-label/\(Self.mem0)", fixture: Self.mem0)
        try add("mem0_harness/locomo/bad-label/_SHIP_LABEL.json", text: #"{"label": "M18B", "marked_at": "t"}"#)
        let scan = try CanonicalLayout.scan(root: root)
        #expect(scan.candidates.count == 1)
        let candidate = try #require(scan.candidates.first)
        #expect(candidate.shipLabel == ShipLabel(label: "m18b", markedAt: "2026-05-09T10:00:00.000001+00:00", rationale: "B1-dp+RRF ships"))
        let entry = candidate.manifestEntry(date: "2026-05-08", sha: "1a2b3c4", uploadedAt: "2026-05-08T14:03:09Z", resultKey: "k")
        #expect(entry.shipLabel == "m18b")
        #expect(entry.shipMarkedAt == "2026-05-09T10:00:00.000001+00:00")
        #expect(entry.shipRationale == "B1-dp+RRF ships")
        #expect(scan.skips.map(\.kind) == [.invalidMarker])
        #expect(scan.skips[0].path == directory("mem0_harness/locomo/bad-label/_SHIP_LABEL.json"))
        #expect(scan.skips[0].reason.hasSuffix(#"invalid ship label "M18B": use lowercase letters, digits, '.' and '-', starting with a letter or digit"#))
    }

    @Test func theCutoffOptionReachesEveryMem0Result() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        try add("mem0_harness/locomo/a/\(Self.mem0)", fixture: Self.mem0)
        try add("mem0_harness/lme/b/\(Self.lme)", fixture: Self.lme)
        let scan = try CanonicalLayout.scan(root: root, options: .init(cutoff: "top_50"))
        #expect(scan.candidates.map(\.result.overall) == [0.865])
        #expect(scan.skips == [CanonicalSkip(kind: .invalidResult, path: directory("mem0_harness/lme/b/\(Self.lme)"),
                                             reason: #"cutoff "top_50" is not in metrics_by_cutoff (it has: max_tokens_2048, max_tokens_4096, max_tokens_8192)"#)])
        let defaults = try CanonicalLayout.scan(root: root)
        // "lme" sorts before "locomo".
        #expect(defaults.candidates.map(\.result.cutoff) == ["max_tokens_8192", "top_20"])
        #expect(defaults.candidates.map(\.bench) == ["longmemeval", "locomo"])
    }

    @Test func aMissingRootIsAnEmptyScanAndAFileRootAnError() throws {
        defer { try? FileManager.default.removeItem(at: repository) }
        #expect(try CanonicalLayout.scan(repository: repository) == CanonicalScan(candidates: [], skips: []))
        try Data("x".utf8).write(to: root)
        #expect(throws: CanonicalLayoutError.notADirectory(path: root.path)) { try CanonicalLayout.scan(repository: repository) }
    }
}
