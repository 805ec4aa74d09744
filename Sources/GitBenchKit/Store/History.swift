import Foundation

/// A benchmark's history: its runs, baseline pointer events and reference events, each list newest first, holding
/// exactly the entries of `timeline` (so `--limit N` bounds all three together).
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

    public init(project: String, benchmark: String, runs: [RunRecord], baselineEvents: [BaselinePointer], referenceEvents: [ReferenceEvent]) {
        self.project = project
        self.benchmark = benchmark
        self.runs = runs
        self.baselineEvents = baselineEvents
        self.referenceEvents = referenceEvents
    }

    /// One entry of the timeline.
    public enum Entry: Sendable, Equatable {
        case run(RunRecord)
        case baseline(BaselinePointer)
        case reference(ReferenceEvent)

        public var timestamp: String {
            switch self {
            case .run(let run): return run.timestamp
            case .baseline(let event): return event.createdAt
            case .reference(let event): return event.createdAt
            }
        }

        /// Among entries of the same millisecond, the later kind of step comes first: a pointer moves after the runs
        /// it points at, a reference is frozen from a run.
        fileprivate var order: (String, Int, Int64) {
            switch self {
            case .run(let run): return (run.timestamp, 0, run.id)
            case .reference(let event): return (event.createdAt, 1, event.id)
            case .baseline(let event): return (event.createdAt, 2, event.id)
            }
        }
    }

    /// Runs and events as one timeline, newest first.
    public var timeline: [Entry] {
        let entries = runs.map(Entry.run) + baselineEvents.map(Entry.baseline) + referenceEvents.map(Entry.reference)
        return entries.sorted { $0.order > $1.order }
    }

    /// This history cut to the newest `limit` timeline entries.
    func keepingNewest(_ limit: Int) -> History {
        var kept = History(project: project, benchmark: benchmark, runs: [], baselineEvents: [], referenceEvents: [])
        for entry in timeline.prefix(limit) {
            switch entry {
            case .run(let run): kept.runs.append(run)
            case .baseline(let event): kept.baselineEvents.append(event)
            case .reference(let event): kept.referenceEvents.append(event)
            }
        }
        return kept
    }
}
