import Foundation

/// Every archived run of the private store, read from the day manifests: what the trajectory, the badges and the
/// Markdown view are made of.
public struct ArchivedRuns: Sendable, Equatable {
    /// Every day's runs, day after day, each day in its manifest's order (`Trajectory` sorts them anyway).
    public var entries: [ManifestEntry]
    /// Days whose manifest (or, for a corrupt manifest, whose entry objects) were read.
    public var daysRead: Int
    /// Days whose manifest lacked some of the day's entry objects and was rewritten with them (`repair: true`).
    public var daysRepaired: [String]
    /// One line per thing skipped: a corrupt manifest or entry object, a folder under `runs/` that is no day.
    public var warnings: [String]

    public init(entries: [ManifestEntry], daysRead: Int, daysRepaired: [String], warnings: [String]) {
        self.entries = entries
        self.daysRead = daysRead
        self.daysRepaired = daysRepaired
        self.warnings = warnings
    }
}

/// What `TrajectoryRebuild.run()` did.
public struct TrajectoryRebuildSummary: Sendable, Equatable {
    public var daysRead: Int
    public var daysRepaired: [String]
    public var entries: Int
    /// Benches with a trajectory written, sorted.
    public var benches: [String]
    /// Every public key written (trajectories and badges), sorted.
    public var keysWritten: [String]
    /// Benches that got a trajectory but no badge: no release row, no ship label and only smoke runs (or no scores).
    public var benchesWithoutBadge: [String]
    public var warnings: [String]
    /// The result key of each bench's most recent run (the latest start: the key's date and timestamp), which
    /// `latest/<bench>.json.gz` copies.
    public var newest: [String: String] = [:]

    /// The run of `entries` each bench's `latest/` copy should hold: the latest start, then the latest upload.
    public static func newest(of entries: [ManifestEntry]) -> [String: String] {
        var best: [String: ManifestEntry] = [:]
        for entry in entries {
            guard let current = best[entry.bench] else { best[entry.bench] = entry; continue }
            let a = (startStamp(entry.resultKey), entry.uploadedAt, entry.resultKey)
            let b = (startStamp(current.resultKey), current.uploadedAt, current.resultKey)
            if a > b { best[entry.bench] = entry }
        }
        return best.mapValues(\.resultKey)
    }

    /// `results-<YYYYMMDDTHHMMSSZ>-…` of a result key (the seed's layout), else the key itself.
    private static func startStamp(_ key: String) -> String {
        guard let name = key.split(separator: "/").last, name.hasPrefix("results-") else { return key }
        return String(name.dropFirst("results-".count).prefix(16))
    }
}

/// `archive rebuild-trajectory`: regenerates every `trajectory/<bench>.json` and `badges/<bench>.json` in the public
/// store from the private store's day manifests, from scratch (idempotent, so any state is recoverable).
///
/// The day folders come from one listing of `runs/`: every day with a `manifest.json` or with `entries/` objects.
/// A day whose entry objects are not all in its manifest (an archiver whose manifest update was lost, or a manifest
/// that was never written) is first repaired with `DayManifestUpdater.merge(date:)`. Days are read on a bounded pool
/// of threads, since each read waits on the store.
///
/// A corrupt manifest does not stop the rebuild: the public files exist for everyone else's benches and days, so
/// failing would freeze every badge on one bad object. It is left untouched (never overwritten), reported in
/// `warnings`, and that day's runs come from its entry objects, which git-bench writes for every run it archives. Store
/// failures (unreachable, refused) do stop it: then nothing can be trusted to be complete.
public struct TrajectoryRebuild: Sendable {
    public let privateStore: any ObjectStore
    public let publicStore: any ObjectStore
    public let releases: [ReleaseRow]
    /// Store calls in flight at once.
    public let concurrency: Int
    /// The clock of `updated_at`, in the trajectories and in the manifests a repair rewrites.
    private let now: @Sendable () -> Date

    public init(privateStore: any ObjectStore, publicStore: any ObjectStore, releases: [ReleaseRow] = [], concurrency: Int = 8,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.privateStore = privateStore
        self.publicStore = publicStore
        self.releases = releases
        self.concurrency = concurrency
        self.now = now
    }

    /// Rebuilds and writes every trajectory and badge.
    public func run() throws(ArchiveError) -> TrajectoryRebuildSummary {
        let archived = try collect(repair: true)
        let updatedAt = DayManifestUpdater.timestamp(now())
        var warnings = archived.warnings
        let trajectories = Trajectory.all(from: archived.entries, updatedAt: updatedAt)
        // A release may score a bench that has no archived run yet: it still gets its badge.
        let released = Set(releases.flatMap(\.scores.keys)).subtracting(trajectories.map(\.bench))
        let badgeOnly = released.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { Trajectory(bench: $0, updatedAt: updatedAt, runs: []) }

        var pending: [PendingObject] = []
        var benches: [String] = []
        var withoutBadge: [String] = []
        for trajectory in trajectories + badgeOnly {
            let bench = trajectory.bench
            // A bench name no key can hold (written by another tool, or in BENCH_PARITY.yaml) must not stop the others.
            do throws(ArchiveError) {
                try ArchiveKey.validate(bench: bench)
            } catch {
                warnings.append("skipped bench \(ObjectKey.quoted(bench)) (\(trajectory.runs.count) run(s)): \(error)")
                continue
            }
            if !trajectory.runs.isEmpty {
                pending.append(PendingObject(key: try ArchiveKey.trajectory(bench: bench), bytes: try trajectory.encoded(), contentType: "application/json"))
                benches.append(bench)
            }
            if let badge = Badge.select(bench: bench, runs: trajectory.runs, releases: releases) {
                pending.append(PendingObject(key: try ArchiveKey.badge(bench: bench), bytes: try badge.encoded(), contentType: "application/json"))
            } else {
                withoutBadge.append(bench)
            }
        }
        let outcomes = ObjectBatch.put(pending, to: publicStore, concurrency: concurrency)
        for outcome in outcomes {
            if case .failure(let error) = outcome { throw .store(error) }
        }
        return TrajectoryRebuildSummary(daysRead: archived.daysRead, daysRepaired: archived.daysRepaired, entries: archived.entries.count,
                                        benches: benches, keysWritten: pending.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
                                        benchesWithoutBadge: withoutBadge, warnings: warnings,
                                        newest: TrajectoryRebuildSummary.newest(of: archived.entries))
    }

    /// Reads every day's runs. With `repair`, a day whose manifest misses some of its entry objects gets them merged
    /// into it (a write to the private store); without, they are read and added in memory only (the read-only
    /// `archive trajectory` view).
    public func collect(repair: Bool) throws(ArchiveError) -> ArchivedRuns {
        let listing: [ObjectInfo]
        do { listing = try privateStore.list(prefix: "runs/") } catch { throw .store(error) }
        var days: [String: Day] = [:]
        var warnings: [String] = []
        var strays = Set<String>()
        for info in listing {
            let parts = info.key.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let date = String(parts[1])
            guard (try? ArchiveKey.validate(date: date)) != nil else {
                if strays.insert(date).inserted { warnings.append("ignored runs/\(date)/: not a YYYY-MM-DD day folder") }
                continue
            }
            if parts[2] == "manifest.json" {
                days[date, default: Day(date: date)].hasManifest = true
            } else if ArchiveKey.isEntry(info.key, date: date) {
                days[date, default: Day(date: date)].entryKeys.insert(info.key)
            }
        }
        let ordered = days.values.filter { $0.hasManifest || !$0.entryKeys.isEmpty }.sorted { $0.date < $1.date }
        let results = WorkerPool.map(ordered, concurrency: concurrency) { day in
            Result { () throws(ArchiveError) -> DayRuns in try read(day, repair: repair) }
        }
        var entries: [ManifestEntry] = []
        var repaired: [String] = []
        for result in results {
            let runs = try result.get()
            entries += runs.entries
            warnings += runs.warnings
            if runs.repaired { repaired.append(runs.date) }
        }
        return ArchivedRuns(entries: entries, daysRead: ordered.count, daysRepaired: repaired, warnings: warnings)
    }

    /// What the listing says about one day.
    struct Day: Sendable {
        let date: String
        var hasManifest = false
        var entryKeys = Set<String>()
    }

    /// One day's runs, as read.
    struct DayRuns: Sendable {
        let date: String
        var entries: [ManifestEntry]
        var repaired: Bool
        var warnings: [String]
    }

    private func read(_ day: Day, repair: Bool) throws(ArchiveError) -> DayRuns {
        let manifestKey = try ArchiveKey.manifest(date: day.date)
        var manifest: DayManifest?
        if day.hasManifest {
            let object: StoredObject?
            do { object = try privateStore.get(manifestKey) } catch { throw .store(error) }
            if let object {
                do throws(ArchiveError) {
                    manifest = try DayManifest.decode(object.bytes, key: manifestKey)
                } catch {
                    return try fromEntryObjects(day, known: [], base: [], warnings: [
                        "corrupt manifest skipped (\(error)); the day's runs were read from its \(day.entryKeys.count) entry object(s)",
                    ])
                }
            }
        }
        let runs = manifest?.runs ?? []
        var covered = Set<String>()
        for run in runs { covered.insert(try ArchiveKey.entry(date: day.date, resultKey: run.resultKey)) }
        guard !day.entryKeys.isSubset(of: covered) else { return DayRuns(date: day.date, entries: runs, repaired: false, warnings: []) }
        guard repair else { return try fromEntryObjects(day, known: covered, base: runs, warnings: []) }
        do throws(ArchiveError) {
            let merged = try DayManifestUpdater(store: privateStore, now: now).merge(date: day.date)
            return DayRuns(date: day.date, entries: merged.runs, repaired: true, warnings: [])
        } catch {
            // A corrupt entry object (or a manifest spoilt in between) stops the merge; keep what can be read.
            if case .store = error { throw error }
            return try fromEntryObjects(day, known: covered, base: runs, warnings: ["could not repair \(manifestKey): \(error)"])
        }
    }

    /// `base` plus every entry object of the day not in `known`, each unreadable one a warning.
    private func fromEntryObjects(_ day: Day, known: Set<String>, base: [ManifestEntry], warnings: [String]) throws(ArchiveError) -> DayRuns {
        var found: [ManifestEntry] = []
        var warnings = warnings
        for key in day.entryKeys.subtracting(known).sorted() {
            let object: StoredObject?
            do { object = try privateStore.get(key) } catch { throw .store(error) }
            guard let object else { continue }
            do throws(ArchiveError) {
                found.append(try ManifestEntry.decode(object.bytes, key: key))
            } catch {
                warnings.append("corrupt entry object skipped (\(error))")
            }
        }
        let merged = DayManifest(date: day.date, runs: base, updatedAt: "").merged(with: found)
        return DayRuns(date: day.date, entries: merged.runs, repaired: false, warnings: warnings)
    }
}
