import Foundation
import Testing
@testable import GitBenchKit

/// `git bench releases`' view: the parity rows newest first, each bench's change from the same package's previous
/// release, the text table and the JSON.
@Suite struct ReleaseHistoryTests {
    typealias Row = BenchParityWriterTests

    static let parity: BenchParity = {
        var rows = Row.lockstep("0.14.0", cycle: "m19", on: "2026-05-30", locomo: 0.841, longmemeval: 0.725)
        rows += Row.lockstep("0.13.0", cycle: "m18b", on: "2026-04-02", locomo: 0.829, longmemeval: 0.73)
        rows.append(Row.row("astrocyte", "0.12.0", cycle: "m17", on: "2026-02-14", locomo: 0.8, n: nil, runs: 3))
        return BenchParity(releases: rows)
    }()

    @Test func releasesAreListedNewestFirstWithTheirScores() {
        let history = ReleaseHistory(Self.parity)
        #expect(history.benches == ["locomo", "longmemeval"])
        #expect(history.releases.map { "\($0.package) \($0.version)" } == [
            "astrocyte-postgres 0.14.0", "astrocyte-gateway-py 0.14.0", "astrocyte 0.14.0",
            "astrocyte-postgres 0.13.0", "astrocyte-gateway-py 0.13.0", "astrocyte 0.13.0", "astrocyte 0.12.0",
        ])
        #expect(history.releases[2].benchCycle == "m19" && history.releases[2].releasedAt == "2026-05-30")
    }

    @Test func eachBenchChangesFromThePackagesPreviousReleaseInPercentagePoints() throws {
        let history = ReleaseHistory(Self.parity)
        let astrocyte = history.releases.filter { $0.package == "astrocyte" }
        let locomo = try #require(astrocyte[0].scores["locomo"]?.change)
        #expect(locomo == ReleaseHistory.Change(fromVersion: "0.13.0", fromOverall: 0.829, fromNQuestions: 200, fromRuns: 2, delta: 1.2, unit: .percentagePoints))
        #expect(astrocyte[0].scores["longmemeval"]?.change?.delta == -0.5)
        // 0.13.0's LoCoMo moved from 0.12.0's; 0.12.0 scored no LongMemEval, so 0.13.0's has nothing to change from.
        #expect(astrocyte[1].scores["locomo"]?.change?.fromVersion == "0.12.0" && astrocyte[1].scores["locomo"]?.change?.delta == 2.9)
        #expect(astrocyte[1].scores["longmemeval"]?.change == nil)
        #expect(astrocyte[2].scores["locomo"]?.change == nil)
        // Another package's previous release is its own.
        #expect(history.releases[0].scores["locomo"]?.change?.fromVersion == "0.13.0")
        #expect(history.releases[3].scores["locomo"]?.change == nil)
    }

    @Test func aScoreThatIsNotAFractionChangesInItsOwnUnits() {
        let parity = BenchParity(releases: [
            Row.row("tool", "2.0.0", cycle: "b", on: "2026-02-01", locomo: 12.5),
            Row.row("tool", "1.0.0", cycle: "a", on: "2026-01-01", locomo: 0.5),
        ])
        let change = ReleaseHistory(parity).releases[0].scores["locomo"]?.change
        #expect(change?.unit == .points && change?.delta == 12)
    }

    @Test func theTableMatchesTheGolden() throws {
        try ReleaseGolden.check(ReleasesTable.render(ReleaseHistory(Self.parity), fileExists: true), "releases.txt")
    }

    @Test func theJSONMatchesTheGolden() throws {
        try ReleaseGolden.check(try JSONDocument.render(ReleaseHistory(Self.parity)), "releases.json")
    }

    @Test func noReleaseIsOneLineSayingSo() throws {
        let empty = ReleaseHistory(BenchParity(releases: []))
        #expect(ReleasesTable.render(empty, fileExists: true) == "no releases recorded in BENCH_PARITY.yaml\n")
        #expect(ReleasesTable.render(empty, fileExists: false) == "no BENCH_PARITY.yaml in this repository: no releases recorded\n")
        #expect(try JSONDocument.render(empty) == "{\n  \"benches\" : [\n\n  ],\n  \"releases\" : [\n\n  ]\n}\n")
    }
}
