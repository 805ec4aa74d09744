import Foundation

/// A benchmark's timeline: runs (newest first) and every pointer and reference event.
public struct History: Sendable, Equatable, Codable {
    public var project: String
    public var benchmark: String
    public var runs: [RunRecord]
    public var baselineEvents: [BaselinePointer]
    public var referenceEvents: [ReferenceEvent]

    enum CodingKeys: String, CodingKey {
        case project, benchmark, runs
        case baselineEvents = "baseline_events"
        case referenceEvents = "reference_events"
    }
}
