import Foundation

/// One result to archive: its JSON document and where it goes. Run sets (`RunSetResult`) and external harness
/// results (`HarnessResult`) both become this.
public struct ArchivePayload: Sendable {
    /// The uncompressed JSON document; it is uploaded gzipped (mtime 0, so the same document is the same object).
    public var document: Data
    /// When the run started: dates the key (`runs/<date>/…/results-<ts>-…`).
    public var startedAt: Date
    public var stage: String
    public var bench: String
    /// First 7 hex digits of the commit, or `dirty`.
    public var sha7: String
    /// The manifest entry, without `result_key`, `uploaded_at`, `date` and `result_sha256`, which the archiver sets.
    public var entry: ManifestEntry
    /// Names the payload in progress and errors: a run-set id or a file path.
    public var label: String

    public init(document: Data, startedAt: Date, stage: String, bench: String, sha7: String, entry: ManifestEntry, label: String) {
        self.document = document
        self.startedAt = startedAt
        self.stage = stage
        self.bench = bench
        self.sha7 = sha7
        self.entry = entry
        self.label = label
    }
}

/// What one `Archiver.upload` did.
public struct ArchiveReport: Sendable, Encodable {
    /// A payload now in the archive, with its entry as recorded.
    public struct Archived: Sendable, Encodable {
        public var label: String
        public var entry: ManifestEntry
        /// The identical object was already there (archived before): nothing new was written for it.
        public var alreadyArchived: Bool

        enum CodingKeys: String, CodingKey { case label, entry, alreadyArchived = "already_archived" }
    }

    /// A payload that could not be archived, and why (one line).
    public struct Failure: Sendable, Encodable {
        public var label: String
        public var reason: String
    }

    public var archived: [Archived] = []
    public var failures: [Failure] = []
    /// Days whose manifest was brought up to date.
    public var mergedDays: [String] = []
    /// Things the user should know that did not fail the upload (an untrusted store, a manifest left to a later merge).
    public var warnings: [String] = []
    /// Objects written, all kinds.
    public var objectsWritten = 0
    /// Public objects (trajectories, badges) and `latest/` copies refreshed after the upload.
    public var published: [String] = []

    enum CodingKeys: String, CodingKey {
        case archived, failures, warnings, published
        case mergedDays = "merged_days"
        case objectsWritten = "objects_written"
    }
}

/// Uploads results into the seed's layout without losing any when many archivers write at once:
///
/// 1. every result object is created with `If-None-Match: *`, concurrently (an identical object already there means
///    it was archived before; a different one under the same key, two runs in the same second, moves ours a second on);
/// 2. every run's manifest entry is created as its own object (`runs/<date>/entries/…`), concurrently;
/// 3. each day's manifest merges the day's entries with `If-Match` retries (`DayManifestUpdater`); on a store whose
///    conditional writes cannot be trusted (`ArchiveProbe`) this step is left to `rebuild-trajectory` with a warning.
///
/// `latest/`, trajectories and badges are derived afterwards from all manifests (`ArchivePublisher`).
public struct Archiver: Sendable {
    public let privateStore: any ObjectStore
    /// False when `ArchiveProbe` found the store ignores conditional headers: only entry objects are written.
    public let trustsConditionalWrites: Bool
    /// Requests in flight at once.
    public let concurrency: Int
    private let now: @Sendable () -> Date

    /// Requests in flight by default: uploads wait on the server, not on this machine's cores.
    public static let defaultConcurrency = 16

    public init(privateStore: any ObjectStore, trustsConditionalWrites: Bool = true, concurrency: Int = Archiver.defaultConcurrency,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.privateStore = privateStore
        self.trustsConditionalWrites = trustsConditionalWrites
        self.concurrency = concurrency
        self.now = now
    }

    /// The most seconds a result key moves on when its second is taken by another run's object.
    static let maximumKeyShift = 60

    /// Archives `payloads`; `progress(done, total)` is called as result objects finish.
    public func upload(_ payloads: [ArchivePayload], progress: (@Sendable (Int, Int) -> Void)? = nil) -> ArchiveReport {
        var report = ArchiveReport()
        let uploadedAt = DayManifestUpdater.timestamp(now())

        // Prepare: gzip and name every result; a payload that cannot be named fails alone.
        var prepared: [(payload: ArchivePayload, bytes: Data, digest: String, key: String)] = []
        for payload in payloads {
            do {
                let bytes = try Compression.gzip(payload.document)
                let key = try ArchiveKey.result(startedAt: payload.startedAt, stage: payload.stage, bench: payload.bench, sha7: payload.sha7)
                prepared.append((payload, bytes, ContentDigest(of: bytes).hex, key))
            } catch {
                report.failures.append(.init(label: payload.label, reason: "\(error)"))
            }
        }

        // 1. Result objects, create-only.
        let counter = ProgressCounter(total: prepared.count, report: progress)
        let outcomes = ObjectBatch.put(prepared.map { PendingObject(key: $0.key, bytes: $0.bytes, contentType: "application/gzip", condition: .ifNoneMatch) },
                                       to: privateStore, concurrency: concurrency, finished: counter.tick)
        var placed: [(payload: ArchivePayload, digest: String, key: String, existed: Bool)] = []
        for (item, outcome) in zip(prepared, outcomes) {
            switch outcome {
            case .success:
                report.objectsWritten += 1
                placed.append((item.payload, item.digest, item.key, false))
            case .failure(.preconditionFailed):
                switch placeAfterCollision(item.payload, bytes: item.bytes, key: item.key) {
                case .success(let (key, existed)):
                    if !existed { report.objectsWritten += 1 }
                    placed.append((item.payload, item.digest, key, existed))
                case .failure(let error):
                    report.failures.append(.init(label: item.payload.label, reason: error.description))
                }
            case .failure(let error):
                report.failures.append(.init(label: item.payload.label, reason: error.description))
            }
        }

        // 2. Entry objects, create-only: from here on the run cannot be lost.
        var entries: [(label: String, entry: ManifestEntry, existed: Bool)] = []
        var pendingEntries: [PendingObject] = []
        for item in placed {
            var entry = item.payload.entry
            entry.date = ArchiveKey.day(of: item.payload.startedAt)
            entry.resultKey = item.key
            entry.uploadedAt = uploadedAt
            entry.resultSHA256 = item.digest
            do {
                pendingEntries.append(PendingObject(key: try ArchiveKey.entry(date: entry.date, resultKey: entry.resultKey), bytes: try entry.encoded(),
                                                    contentType: "application/json", condition: .ifNoneMatch))
                entries.append((item.payload.label, entry, item.existed))
            } catch {
                report.failures.append(.init(label: item.payload.label, reason: "\(error)"))
            }
        }
        var recorded: [(label: String, entry: ManifestEntry, existed: Bool)] = []
        for (item, outcome) in zip(entries, ObjectBatch.put(pendingEntries, to: privateStore, concurrency: concurrency)) {
            switch outcome {
            case .success:
                report.objectsWritten += 1
                recorded.append(item)
            case .failure(.preconditionFailed):
                // Recorded by an earlier archive of the same object: that entry stands.
                recorded.append(item)
            case .failure(let error):
                report.failures.append(.init(label: item.label, reason: error.description))
            }
        }

        // 3. Day manifests.
        let days = Dictionary(grouping: recorded.map(\.entry), by: \.date)
        if trustsConditionalWrites {
            let updater = DayManifestUpdater(store: privateStore, now: now)
            for (date, known) in days.sorted(by: { $0.key < $1.key }) {
                do {
                    let before = try updater.merge(date: date, known: known)
                    report.mergedDays.append(before.date)
                } catch {
                    report.warnings.append("\(error); the runs are safe in runs/\(date)/entries/ and the next archive or rebuild-trajectory merges them")
                }
            }
        } else if !days.isEmpty {
            report.warnings.append("the object store ignores conditional writes, so day manifests were not updated (only each run's entry object); "
                                   + "run `git bench archive rebuild-trajectory` from one machine at a time to merge them")
        }
        report.archived = recorded.map { ArchiveReport.Archived(label: $0.label, entry: $0.entry, alreadyArchived: $0.existed) }
        return report
    }

    /// A result whose key was taken: the same bytes mean it was archived before; other bytes are another run that
    /// started in the same second, so ours moves on a second at a time (the document keeps its real start time).
    private func placeAfterCollision(_ payload: ArchivePayload, bytes: Data, key: String) -> Result<(String, Bool), ObjectStoreError> {
        var candidate = key
        for shift in 0...Self.maximumKeyShift {
            if shift > 0 {
                do {
                    candidate = try ArchiveKey.result(startedAt: payload.startedAt.addingTimeInterval(Double(shift)), stage: payload.stage,
                                                      bench: payload.bench, sha7: payload.sha7)
                    try privateStore.put(candidate, bytes, contentType: "application/gzip", condition: .ifNoneMatch)
                    return .success((candidate, false))
                } catch let error as ObjectStoreError {
                    guard case .preconditionFailed = error else { return .failure(error) }
                } catch {
                    return .failure(.invalidKey(key: candidate, reason: "\(error)"))
                }
            }
            do {
                if let existing = try privateStore.get(candidate), existing.bytes == bytes { return .success((candidate, true)) }
            } catch {
                return .failure(error)
            }
        }
        return .failure(.refused(key: key, reason: "\(Self.maximumKeyShift) seconds of result keys after it are taken by other runs"))
    }
}

/// Counts finished uploads for a progress callback, from several threads.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func tick() {
        guard let report else { return }
        let value = lock.withLock { done += 1; return done }
        report(value, total)
    }
}
