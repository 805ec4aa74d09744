import Foundation
import Testing
@testable import GitBenchKit

/// What `import benchstone` prints.
@Suite struct ImportSummaryTests {
    @Test func theSummaryListsEachTableTheArtifactsAndTheProjects() {
        let report = BenchstoneImportReport(
            source: "benchstone-0123456789ab", store: "/backup/store.db", references: nil,
            counts: ImportCounts(runs: ImportTally(read: 14, alreadyImported: 2, written: 12),
                                 baselineEvents: ImportTally(read: 1, alreadyImported: 0, written: 1),
                                 referenceEvents: ImportTally(read: 0, alreadyImported: 0, written: 0)),
            artifactsCopied: 3, runArtifactsMissing: 1, projects: ["Arborist", "Sample"])
        #expect(ImportSummary.render(report) == """
            imported /backup/store.db as benchstone-0123456789ab
              runs: 14 read, 12 written, 2 already imported
              baseline_events: 1 read, 1 written, 0 already imported
              reference_events: 0 read, 0 written, 0 already imported
              artifacts: 3 copied, 1 run artifact(s) missing in benchstone (hashes kept)
              projects: Arborist, Sample

            """)
    }

    @Test func anEmptyStoreSaysNoProjects() {
        let none = ImportTally(read: 0, alreadyImported: 0, written: 0)
        let report = BenchstoneImportReport(source: "benchstone-000000000000", store: "s.db", references: nil,
                                            counts: ImportCounts(runs: none, baselineEvents: none, referenceEvents: none),
                                            artifactsCopied: 0, runArtifactsMissing: 0, projects: [])
        #expect(ImportSummary.render(report).hasSuffix("  artifacts: 0 copied\n  projects: none\n"))
    }

    @Test func theProgressLineCountsRunsRateAndTimeLeftThenSaysItIsFinishing() {
        #expect(ImportProgressLine.render(done: 340_000, total: 1_000_000, elapsedSeconds: 16) ==
                "importing runs: 340,000 of 1,000,000 (34%), 21,250 runs/s, about 0:31 left")
        #expect(ImportProgressLine.render(done: 1_000_000, total: 1_000_000, elapsedSeconds: 40) ==
                "importing runs: 1,000,000 of 1,000,000 (100%), 25,000 runs/s, finishing")
        #expect(ImportProgressLine.render(done: 0, total: 12, elapsedSeconds: 0) == "importing runs: 0 of 12 (0%)")
        #expect(ImportProgressLine.grouped(999) == "999" && ImportProgressLine.grouped(1_000) == "1,000" && ImportProgressLine.grouped(-12_345) == "-12,345")
    }
}
