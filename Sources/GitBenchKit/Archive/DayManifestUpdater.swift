import Foundation

/// Records runs in a day's manifest without losing any when many archivers write the same day at once.
///
/// Each run's entry is first written as its own create-only object (`runs/<date>/entries/<hash>.json`,
/// `If-None-Match: *`); then the manifest is read, every entry object of the day is merged in, and it is written back
/// with `If-Match` on the ETag it was read with (`If-None-Match: *` when there was none). A write that loses the race
/// re-reads and retries after a jittered, growing pause. Because every attempt merges all the day's entry objects, a
/// run whose manifest update gave up, or a store whose conditional writes are not atomic under contention, is repaired
/// by the next update of that day (`merge(date:)`).
public struct DayManifestUpdater: Sendable {
    public let store: any ObjectStore
    /// Tries at the manifest before giving up with `ArchiveError.manifestContention`.
    public let maximumAttempts: Int
    /// The longest pause between two tries, in seconds; the n-th pause is uniform in [0, min(cap, base × 2^n)].
    public let maximumBackoff: Double
    private let now: @Sendable () -> Date

    public init(store: any ObjectStore, maximumAttempts: Int = 40, maximumBackoff: Double = 0.5, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.maximumAttempts = maximumAttempts
        self.maximumBackoff = maximumBackoff
        self.now = now
    }

    /// Writes `entry`'s own object (unless it exists: recording a run twice is harmless) and merges the day's entries
    /// into its manifest. Returns the manifest as written (or as found, when it already held everything).
    @discardableResult
    public func record(_ entry: ManifestEntry) throws(ArchiveError) -> DayManifest {
        try writeEntry(entry)
        return try merge(date: entry.date)
    }

    /// Writes only `entry`'s own create-only object, leaving the manifest to the next `merge(date:)`: what an archiver
    /// does on a store whose conditional writes cannot be trusted. An entry object that exists already is kept.
    public func writeEntry(_ entry: ManifestEntry) throws(ArchiveError) {
        try ArchiveKey.validate(date: entry.date)
        let key = try ArchiveKey.entry(date: entry.date, resultKey: entry.resultKey)
        let bytes = try entry.encoded()
        do throws(ObjectStoreError) {
            try store.put(key, bytes, contentType: "application/json", condition: .ifNoneMatch)
        } catch {
            // Recorded before (a re-archive or a retry): the first entry object stands.
            guard case .preconditionFailed = error else { throw .store(error) }
        }
    }

    /// Merges every entry object of `date` into the day's manifest, creating it if needed. Writes nothing when the
    /// manifest already holds them all.
    /// `known` are entries of the day the caller has just written (their objects need not be read back); an entry
    /// object whose run the manifest already holds is not read either, so merging a day costs reads of the missing
    /// entries only.
    @discardableResult
    public func merge(date: String, known: [ManifestEntry] = []) throws(ArchiveError) -> DayManifest {
        let manifestKey = try ArchiveKey.manifest(date: date)
        let prefix = try ArchiveKey.entriesPrefix(date: date)
        // Entry objects are create-only, so one read of each is enough across all attempts.
        var entries: [String: ManifestEntry] = [:]
        for entry in known where entry.date == date { entries[try ArchiveKey.entry(date: date, resultKey: entry.resultKey)] = entry }
        for attempt in 0..<maximumAttempts {
            if attempt > 0 { pause(after: attempt) }
            let current = try call { () throws(ObjectStoreError) in try store.get(manifestKey) }
            let stamp = Self.timestamp(now())
            var base = DayManifest(date: date, runs: [], updatedAt: stamp)
            if let current { base = try DayManifest.decode(current.bytes, key: manifestKey) }
            var held = Set<String>()
            for entry in base.runs { held.insert(try ArchiveKey.entry(date: date, resultKey: entry.resultKey)) }
            for info in try call({ () throws(ObjectStoreError) in try store.list(prefix: prefix) })
            where entries[info.key] == nil && !held.contains(info.key) && ArchiveKey.isEntry(info.key, date: date) {
                guard let object = try call({ () throws(ObjectStoreError) in try store.get(info.key) }) else { continue }
                entries[info.key] = try ManifestEntry.decode(object.bytes, key: info.key)
            }
            var merged = base.merged(with: Array(entries.values))
            if current != nil && merged.runs == base.runs { return base }
            merged.updatedAt = stamp
            let bytes = try merged.encoded()
            do throws(ObjectStoreError) {
                try store.put(manifestKey, bytes, contentType: "application/json", condition: current.map { .ifMatch($0.etag) } ?? .ifNoneMatch)
                return merged
            } catch {
                guard case .preconditionFailed = error else { throw .store(error) }
            }
        }
        throw .manifestContention(key: manifestKey, attempts: maximumAttempts)
    }

    /// `2026-05-10T14:00:00Z`, the seed's `updated_at`.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: date)
    }

    private func call<T>(_ body: () throws(ObjectStoreError) -> T) throws(ArchiveError) -> T {
        do { return try body() } catch { throw .store(error) }
    }

    /// Full jitter: a random pause up to min(cap, 5 ms × 2^attempt), so racing writers spread out instead of colliding again.
    private func pause(after attempt: Int) {
        let ceiling = min(maximumBackoff, 0.005 * Double(1 << min(attempt, 20)))
        Thread.sleep(forTimeInterval: Double.random(in: 0...ceiling))
    }
}
