import Foundation

/// A benchmark's run sets, baseline pointer moves and reference events, each newest first: what `history` prints and
/// the report's benchmark page draws.
public struct BenchmarkTimeline: Sendable, Equatable, Codable {
    public var project: String
    public var benchmark: String
    public var tier: Tier
    public var direction: MetricDirection
    /// The manifest's `unit`, if any.
    public var unit: String?
    public var runSets: [RunSetPoint]
    public var baselineEvents: [BaselinePointer]
    public var referenceEvents: [ReferenceEvent]

    public init(project: String, benchmark: String, tier: Tier, direction: MetricDirection, unit: String?, runSets: [RunSetPoint],
                baselineEvents: [BaselinePointer], referenceEvents: [ReferenceEvent]) {
        self.project = project
        self.benchmark = benchmark
        self.tier = tier
        self.direction = direction
        self.unit = unit
        self.runSets = runSets
        self.baselineEvents = baselineEvents
        self.referenceEvents = referenceEvents
    }

    enum CodingKeys: String, CodingKey {
        case project, benchmark, tier, direction, unit
        case runSets = "run_sets"
        case baselineEvents = "baseline_events"
        case referenceEvents = "reference_events"
    }

    /// One entry of the timeline.
    public enum Entry: Sendable, Equatable {
        case runSet(RunSetPoint)
        case baseline(BaselinePointer)
        case reference(ReferenceEvent)

        public var timestamp: String {
            switch self {
            case .runSet(let point): return point.startedAt
            case .baseline(let event): return event.createdAt
            case .reference(let event): return event.createdAt
            }
        }

        /// Among entries of the same millisecond a pointer moves after the runs it points at, and a reference is
        /// frozen from a run.
        fileprivate var order: (String, Int, String) {
            switch self {
            case .runSet(let point): return (point.startedAt, 0, point.runSetID)
            case .reference(let event): return (event.createdAt, 1, String(format: "%020lld", event.id))
            case .baseline(let event): return (event.createdAt, 2, String(format: "%020lld", event.id))
            }
        }
    }

    /// Run sets and events as one timeline, newest first.
    public var timeline: [Entry] {
        let entries = runSets.map(Entry.runSet) + baselineEvents.map(Entry.baseline) + referenceEvents.map(Entry.reference)
        return entries.sorted { $0.order > $1.order }
    }

    /// The newest candidate run set that has a verdict.
    public var latestVerdict: Verdict? { runSets.lazy.compactMap(\.verdict).first }
}

extension BenchmarkTimeline {
    /// This timeline cut to its newest `limit` entries, run sets and events together.
    func keepingNewest(_ limit: Int) -> BenchmarkTimeline {
        var kept = self
        kept.runSets = []
        kept.baselineEvents = []
        kept.referenceEvents = []
        for entry in timeline.prefix(limit) {
            switch entry {
            case .runSet(let point): kept.runSets.append(point)
            case .baseline(let event): kept.baselineEvents.append(event)
            case .reference(let event): kept.referenceEvents.append(event)
            }
        }
        return kept
    }
}
