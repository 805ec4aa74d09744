import Foundation
import Testing
@testable import GitBenchKit

/// `_ARCHIVED` and `_SHIP_LABEL.json`: the bytes astrocyte's scripts write, owner-only files replaced atomically, and a
/// malformed or hostile marker read as a clear error.
@Suite struct ArchiveMarkersTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gitbench-markers-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(name).path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    @Test func anArchivedMarkerIsWrittenWithSortedKeysAndReadsBack() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = ArchivedMarker(archivedAt: "2026-05-08T14:03:10.123456+00:00",
                                    resultKeys: ["runs/2026-05-08/m18b/locomo/results-20260508T140309Z-1a2b3c4.json.gz",
                                                 "runs/2026-05-08/m18b/longmemeval/results-20260508T140309Z-1a2b3c4.json.gz",
                                                 "runs/2026-05-08/m18b/financebench/results-20260508T140309Z-1a2b3c4.json.gz"])
        try marker.write(projectDirectory: directory)
        let bytes = try Data(contentsOf: directory.appendingPathComponent("_ARCHIVED"))
        #expect(String(decoding: bytes, as: UTF8.self) == """
            {
              "archived_at": "2026-05-08T14:03:10.123456+00:00",
              "result_keys": [
                "runs/2026-05-08/m18b/financebench/results-20260508T140309Z-1a2b3c4.json.gz",
                "runs/2026-05-08/m18b/locomo/results-20260508T140309Z-1a2b3c4.json.gz",
                "runs/2026-05-08/m18b/longmemeval/results-20260508T140309Z-1a2b3c4.json.gz"
              ]
            }

            """)
        #expect(try mode("_ARCHIVED") == 0o600)
        let read = try #require(try ArchivedMarker.read(projectDirectory: directory))
        #expect(read.archivedAt == marker.archivedAt)
        #expect(read.resultKeys == marker.resultKeys.sorted())
        // No temp file left next to it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["_ARCHIVED"])
    }

    @Test func aShipLabelIsWrittenAsMarkShippedWritesItAndReadsBack() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let label = ShipLabel(label: "m18b", markedAt: "2026-05-09T10:00:00+00:00", rationale: "B1-dp+RRF: dateparser Pass B + RRF fact fusion — ships")
        try label.write(projectDirectory: directory)
        let bytes = try Data(contentsOf: directory.appendingPathComponent("_SHIP_LABEL.json"))
        #expect(String(decoding: bytes, as: UTF8.self) == """
            {
              "label": "m18b",
              "marked_at": "2026-05-09T10:00:00+00:00",
              "rationale": "B1-dp+RRF: dateparser Pass B + RRF fact fusion \\u2014 ships"
            }

            """)
        #expect(try mode("_SHIP_LABEL.json") == 0o600)
        #expect(try ShipLabel.read(projectDirectory: directory) == label)
    }

    @Test func rewritingAMarkerReplacesItAndTightensItsMode() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        try write("_SHIP_LABEL.json", "{}")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: directory.appendingPathComponent("_SHIP_LABEL.json").path)
        try ShipLabel(label: "m19", markedAt: "t", rationale: "").write(projectDirectory: directory)
        #expect(try ShipLabel.read(projectDirectory: directory) == ShipLabel(label: "m19", markedAt: "t", rationale: ""))
        #expect(try mode("_SHIP_LABEL.json") == 0o600)
    }

    @Test func absentMarkersReadAsNil() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try ArchivedMarker.read(projectDirectory: directory) == nil)
        #expect(try ShipLabel.read(projectDirectory: directory) == nil)
    }

    @Test func aLabelFollowsMarkShippedsRule() {
        for good in ["m18b", "0.14.0", "m19-b1", "a"] {
            #expect(throws: Never.self) { try ShipLabel.validate(label: good) }
        }
        for bad in ["", "M18b", "-m18", ".m18", "m18_b", "m18 b", "m18/b", "é"] {
            #expect(throws: ArchiveMarkerError.invalidLabel(bad)) { try ShipLabel.validate(label: bad) }
        }
        #expect(throws: ArchiveMarkerError.invalidLabel("M19")) { try ShipLabel(label: "M19", markedAt: "t", rationale: "").encoded() }
    }

    @Test func malformedMarkersAreClearErrors() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let archivedPath = directory.appendingPathComponent("_ARCHIVED").path
        let cases: [(String, String)] = [
            ("", "not JSON ("),
            ("[]", "not a JSON object"),
            (#"{"result_keys": []}"#, "archived_at is missing or not a string"),
            (#"{"archived_at": "t", "result_keys": "k"}"#, "result_keys is missing or not an array"),
            (#"{"archived_at": "t", "result_keys": [1]}"#, "result_keys[0] is not a string"),
        ]
        for (text, reason) in cases {
            try write("_ARCHIVED", text)
            #expect(throws: ArchiveMarkerError.self) { try ArchivedMarker.read(projectDirectory: directory) }
            do {
                _ = try ArchivedMarker.read(projectDirectory: directory)
            } catch {
                guard case .malformed(let path, let got) = error else { Issue.record("\(error)"); continue }
                #expect(path == archivedPath)
                #expect(got.hasPrefix(reason), "\(text) → \(got)")
            }
        }
        try write("_SHIP_LABEL.json", #"{"label": "Bad Label", "marked_at": "t"}"#)
        do {
            _ = try ShipLabel.read(projectDirectory: directory)
            Issue.record("a bad label was read")
        } catch {
            #expect(error.description.hasSuffix(#"_SHIP_LABEL.json: invalid ship label "Bad Label": use lowercase letters, digits, '.' and '-', starting with a letter or digit"#))
        }
        try write("_SHIP_LABEL.json", #"{"label": "m18b", "marked_at": "t", "rationale": 3}"#)
        #expect(throws: ArchiveMarkerError.malformed(path: directory.appendingPathComponent("_SHIP_LABEL.json").path, reason: "rationale is not a string")) {
            try ShipLabel.read(projectDirectory: directory)
        }
        try write("_SHIP_LABEL.json", #"{"label": "m18b", "marked_at": "t", "rationale": null}"#)
        #expect(try ShipLabel.read(projectDirectory: directory)?.rationale == "")
    }

    @Test func aMarkerThatIsAFIFOOrASymlinkIsRefusedWithoutBlocking() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(mkfifo(directory.appendingPathComponent("_ARCHIVED").path, 0o600) == 0)
        #expect(throws: ArchiveMarkerError.malformed(path: directory.appendingPathComponent("_ARCHIVED").path, reason: "not a regular file (a FIFO)")) {
            try ArchivedMarker.read(projectDirectory: directory)
        }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("_SHIP_LABEL.json").path, withDestinationPath: "/dev/zero")
        #expect(throws: ArchiveMarkerError.malformed(path: directory.appendingPathComponent("_SHIP_LABEL.json").path, reason: "a symbolic link, not followed")) {
            try ShipLabel.read(projectDirectory: directory)
        }
    }

    @Test func aShipLabelIsAppliedToAManifestEntry() {
        let entry = ManifestEntry(date: "2026-05-08", stage: "s", bench: "locomo", sha: "1a2b3c4", harness: "pageindex", uploadedAt: "u",
                                  resultKey: "k", overall: 0.8, categories: [:], nQuestions: 80, judge: "llm", model: nil)
        let labelled = ShipLabel(label: "m18b", markedAt: "2026-05-09T10:00:00+00:00", rationale: "why").applied(to: entry)
        #expect(labelled.shipLabel == "m18b")
        #expect(labelled.shipMarkedAt == "2026-05-09T10:00:00+00:00")
        #expect(labelled.shipRationale == "why")
        #expect(ShipLabel(label: "m18b", markedAt: "t", rationale: "").applied(to: entry).shipRationale == nil)
    }
}
