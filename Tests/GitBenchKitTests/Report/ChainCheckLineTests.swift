import Testing
@testable import GitBenchKit

/// What `verify` prints.
@Suite struct ChainCheckLineTests {
    @Test func anIntactChainABrokenRowAndAFailedIntegrityCheckEachReadAsOneLine() {
        let lines = [
            ChainReport(checkedRows: 43, firstBadRowID: nil, problem: nil, integrity: "ok"),
            ChainReport(checkedRows: 12, firstBadRowID: 12, problem: "row_hash does not match the row"),
            ChainReport(checkedRows: 43, firstBadRowID: nil, problem: nil, integrity: "*** in database main ***"),
            ChainReport(checkedRows: 43, firstBadRowID: 2, problem: "baseline event 2 was changed after it was written",
                        integrity: "ok", table: "baseline_events"),
            ChainReport(checkedRows: 41, firstBadRowID: nil, problem: "the store is behind its last recorded tip: …", integrity: "ok"),
        ].map(ChainCheckLine.render).joined()
        #expect(lines == """
            OK: 43 run(s), hash chain intact
            BROKEN at row 12: row_hash does not match the row
            BROKEN: sqlite integrity_check says *** in database main ***
            BROKEN at baseline_events row 2: baseline event 2 was changed after it was written
            BROKEN: the store is behind its last recorded tip: …

            """)
    }
}
