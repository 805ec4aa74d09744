import Foundation

/// What `git bench ab` did: the pairs it measured and what became of HEAD's note.
public struct ABOutcome: Sendable {
    public var pairs: [ABPair]
    public var note: EvaluationOutcome.NoteOutcome
    public var verdicts: [Verdict] { pairs.map(\.verdict) }
}

extension Harness {
    /// `git bench ab`: measures BASE and HEAD alternately (see `RunPipeline.ab`) and writes the verdicts to HEAD's note
    /// unless `recordsNote` is false. A note that cannot be written never changes the verdicts.
    public func ab(_ request: ABRequest, in project: ProjectContext, recordsNote: Bool = true) throws -> ABOutcome {
        let pairs = try pipeline.ab(request, in: project)
        guard recordsNote, let head = pairs.first?.head.commit else { return ABOutcome(pairs: pairs, note: .skipped) }
        do {
            let write = try pipeline.recordVerdicts(pairs.map(\.verdict), on: head, in: project)
            return ABOutcome(pairs: pairs, note: write.map { .written($0) } ?? .skipped)
        } catch {
            return ABOutcome(pairs: pairs, note: .failed("\(error)"))
        }
    }
}
