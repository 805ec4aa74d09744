import Foundation

extension BenchmarkTimeline {
    /// The run sets as the archive's trajectory would list them once archived (oldest first): the same fields a
    /// run set's manifest entry carries, so `Badge.select` decides a local badge exactly as `rebuild-trajectory` does.
    /// `labels` are the current ship labels by run-set id; `stage` is the archive's default stage.
    public func trajectoryPoints(stage: String, labels: [String: ShipLabelEvent] = [:]) -> [TrajectoryPoint] {
        runSets.reversed().map { point in
            var entry = TrajectoryPoint(date: String(point.startedAt.prefix(10)), stage: stage,
                                        sha: (try? ArchiveKey.sha7(commit: point.commit, dirty: point.isDirty)) ?? ArchiveKey.dirtySHA, overall: point.summary.mean,
                                        categories: [:], nQuestions: nil, judge: nil, resultKey: point.runSetID, uploadedAt: point.startedAt,
                                        harness: "git-bench")
            entry.project = project
            entry.benchmark = benchmark
            entry.runSetID = point.runSetID
            entry.host = point.host
            entry.n = point.summary.n
            entry.unit = unit
            entry.direction = direction.rawValue
            entry.verdict = point.verdict?.kind.rawValue
            if let label = labels[point.runSetID], label.action == .mark {
                entry.shipLabel = label.label
                entry.shipMarkedAt = label.createdAt
            }
            return entry
        }
    }

    /// The shields.io badge of this benchmark by the archive's rules (`Badge.select`), releases first.
    public func badge(stage: String, labels: [String: ShipLabelEvent] = [:], releases: [ReleaseRow] = []) -> Badge? {
        Badge.select(bench: benchmark, runs: trajectoryPoints(stage: stage, labels: labels), releases: releases)
    }
}
