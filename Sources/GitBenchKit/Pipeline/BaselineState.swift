import Foundation

/// Where a benchmark's baseline stands, as `baseline show` and `list` report it.
public struct BaselineState: Sendable, Equatable, Codable {
    public var project: String
    public var benchmark: String
    /// The current pointer event (this host's); nil when no baseline was established or promoted.
    public var pointer: BaselinePointer?
    /// The ok runs of the baseline that count for the gate.
    public var okRuns: Int
    /// Their mean metric; nil without ok runs.
    public var mean: Double?
    /// True when the pointer records the exact runs it stands for (see `BaselinePointer.runIDs`).
    public var isSnapshot: Bool
    /// The gate can use it: at least `Benchmark.baselineFloor` ok runs.
    public var isUsable: Bool

    enum CodingKeys: String, CodingKey {
        case project, benchmark, pointer
        case okRuns = "ok_runs"
        case mean
        case isSnapshot = "is_snapshot"
        case isUsable = "is_usable"
    }
}

extension Evaluation {
    /// The baseline of `benchmark` as the gate would see it with `options`.
    public func baselineState(of benchmark: Benchmark, in project: ProjectContext, options: EvaluateOptions = EvaluateOptions()) throws -> BaselineState {
        guard let pointer = try baselinePointer(of: benchmark, in: project, options: options) else {
            return BaselineState(project: project.name, benchmark: benchmark.name, pointer: nil, okRuns: 0, mean: nil, isSnapshot: false, isUsable: false)
        }
        let metrics = try baselineGroup(pointer, filter: filter(options)).metrics
        return BaselineState(project: project.name, benchmark: benchmark.name, pointer: pointer, okRuns: metrics.count,
                             mean: metrics.isEmpty ? nil : Statistics.mean(metrics), isSnapshot: pointer.runIDs != nil,
                             isUsable: metrics.count >= benchmark.baselineFloor)
    }
}
