import Foundation
import Testing
@testable import GitBenchKit

/// `archive trajectory`: one Markdown table per bench, deterministic to the byte.
@Suite struct TrajectoryTableTests {
    static var trajectories: [Trajectory] {
        let parse = [
            ArchiveGolden.parse(date: "2026-05-09", uploadedAt: "2026-05-09T15:00:00Z", overall: 0.84, verdict: "PASS"),
            ArchiveGolden.parse(date: "2026-05-08", uploadedAt: "2026-05-08T15:00:00Z", overall: 1234.4, verdict: nil),
        ]
        return Trajectory.all(from: ArchiveGolden.locomoEntries + parse, updatedAt: "2026-05-10T14:00:00Z")
    }

    @Test func theTableIsTheGoldenBytes() throws {
        try ArchiveGolden.check(Data(TrajectoryTable.markdown(Self.trajectories).utf8), "trajectory.md")
    }

    @Test func categoryColumnsAreTheSortedUnionOfTheBenchsCategories() throws {
        let text = TrajectoryTable.markdown([Self.trajectories[0]])
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("| date") })
        #expect(header == "| date | stage | sha | overall | n | adversarial | multi-hop | open-domain | single-hop | temporal | ship label |")
        #expect(text.contains("| 2026-05-08 | pr2-d55-gate | 1a2b3c4 | 68.0% | 200 | 50.0% | 40.0% | — | 74.0% | 27.0% | — |"))
    }

    @Test func theSameRunsInAnotherOrderGiveTheSameBytes() {
        let reversed = Trajectory.all(from: (ArchiveGolden.locomoEntries).reversed(), updatedAt: "2026-05-10T14:00:00Z")
        var shuffled = reversed
        shuffled[0].runs.reverse()
        #expect(TrajectoryTable.markdown(shuffled) == TrajectoryTable.markdown([Self.trajectories[0]]))
    }

    @Test func aPipeInAShipLabelCannotBreakTheTable() {
        var entry = ArchiveGolden.locomoEntries[1]
        entry.shipLabel = "m18|b\nnext"
        let text = TrajectoryTable.markdown(Trajectory.all(from: [entry], updatedAt: "t"))
        #expect(text.contains("| m18\\|b next |"))
    }

    @Test func noRunsSaysSo() {
        #expect(TrajectoryTable.markdown([]) == "No archived runs.\n")
    }
}
