import Crypto
import Foundation

/// A run row with everything but its place in the chain worked out: every column in its stored form, and the
/// canonical JSON around `id` and `prev_hash`. Preparing is most of the cost of appending a row and needs no store,
/// so an import prepares rows on one thread while the store chains and writes them on another.
public struct PreparedRun: Sendable, Equatable {
    /// The row with `id` 0 and blank hashes.
    let record: RunRecord
    /// Its canonical bytes with `id` 0 and `prev_hash` blank; nil when a number has no JSON form, so chaining
    /// throws as `JSONEncoder` does.
    let layout: HashChain.Layout?

    public init(_ repetition: Repetition, in context: RunSetContext, at date: Date) {
        // Every value in its stored form (`StoredForm`) before it is hashed: the chain covers what SQLite returns.
        self.init(record: RunRecord(
            id: 0, project: StoredForm.text(context.project), benchmark: StoredForm.text(context.benchmark), gitSHA: context.commit.hex,
            isDirty: context.isDirty, diffPath: StoredForm.text(context.diffPath), diffSHA256: StoredForm.text(context.diffSHA256),
            timestamp: Timestamp.string(date), harnessVersion: GitBench.version, host: StoredForm.text(context.host),
            seed: repetition.seed, metaSeed: context.metaSeed, runSetID: StoredForm.text(context.runSetID.value), role: context.role,
            repetitionIndex: repetition.repetitionIndex, repetitionTotal: context.repetitionTotal,
            status: repetition.status, metric: StoredForm.number(repetition.metric),
            metricComponents: repetition.metricComponents.map(JSONText.init), metadata: repetition.metadata.map(JSONText.init),
            wallClockSeconds: StoredForm.number(repetition.wallClockSeconds),
            // The stored form of an interrupted repetition (see `RepetitionStatus`).
            message: repetition.status == .interrupted ? RepetitionStatus.interruptedMessage : StoredForm.text(repetition.message),
            exitCode: repetition.exitCode, stderrLogPath: StoredForm.text(repetition.stderrLogPath),
            artifactHash: StoredForm.text(repetition.artifactHash), artifactSize: repetition.artifactSize,
            manifestHash: StoredForm.text(context.manifestHash), workingTreeHash: StoredForm.text(context.workingTreeHash),
            prevHash: "", rowHash: ""))
    }

    /// `record` (its `id` and hashes are ignored) prepared for chaining.
    init(record: RunRecord) {
        var blank = record
        blank.id = 0
        blank.prevHash = ""
        blank.rowHash = ""
        self.record = blank
        layout = HashChain.canonicalLayout(of: blank)
    }

    /// The row placed at `id`, after the row whose hash is `prevHash`, with its own hash: what `HashChain.hash(of:)`
    /// gives for it, computed from the prepared bytes.
    func chained(id: Int64, after prevHash: String) throws -> RunRecord {
        var row = record
        row.id = id
        row.prevHash = prevHash
        guard let layout else {
            row.rowHash = try HashChain.hash(of: row)
            return row
        }
        var quoted = CanonicalJSONWriter(capacity: prevHash.utf8.count + 2)
        quoted.write(prevHash)
        var hasher = SHA256()
        hasher.update(data: Data(prevHash.utf8))
        layout.bytes.withUnsafeBytes { bytes in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[..<layout.idValue.lowerBound]))
            hasher.update(data: Data(String(id).utf8))
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[layout.idValue.upperBound..<layout.prevHashContents.lowerBound]))
            quoted.bytes.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0.dropFirst().dropLast())) }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: bytes[layout.prevHashContents.upperBound...]))
        }
        row.rowHash = ContentDigest(hasher.finalize()).hex
        return row
    }
}
