import Testing
@testable import GitBenchKit

/// What `verify` prints.
@Suite struct ChainCheckLineTests {
    @Test func anIntactChainABrokenRowAndAFailedIntegrityCheckEachReadAsOneLine() {
        let lines = [
            ChainReport(checkedRows: 43, firstBadRowID: nil, problem: nil, integrity: "ok"),
            ChainReport(checkedRows: 12, firstBadRowID: 12, problem: "row_hash does not match the row"),
            ChainReport(checkedRows: 43, firstBadRowID: nil, problem: nil, integrity: "*** in database main ***"),
        ].map(ChainCheckLine.render).joined()
        #expect(lines == """
            OK: 43 run(s), hash chain intact
            BROKEN at row 12: row_hash does not match the row
            BROKEN: sqlite integrity_check says *** in database main ***

            """)
    }
}
