import Foundation

/// What `BenchstoneImporter.importStore` did.
public struct BenchstoneImportReport: Sendable, Equatable, Codable {
    /// The source's stable name (`BenchstoneStore.sourceID()`), the prefix of every imported row's `run_set_id`.
    public var source: String
    /// The benchstone `store.db` read.
    public var store: String
    /// The references directory read, if any.
    public var references: String?
    /// Rows read, already imported, and written, per table.
    public var counts: ImportCounts
    /// Artifact files copied under the harness home by this import (identical bytes are kept once).
    public var artifactsCopied: Int
    /// Correctness runs whose artifact bytes benchstone no longer has: their hash is imported, their bytes are not.
    public var runArtifactsMissing: Int
    /// The projects the source holds rows for.
    public var projects: [String]

    enum CodingKeys: String, CodingKey {
        case source, store, references, counts
        case artifactsCopied = "artifacts_copied"
        case runArtifactsMissing = "run_artifacts_missing"
        case projects
    }
}

/// Brings a benchstone store into the run store of one harness home.
public struct BenchstoneImporter: Sendable {
    /// Where the imported rows are written.
    public let store: RunStore
    /// Where artifact bytes are copied.
    public let home: HarnessHome
    /// The host a pointer is given when none of its runs are in the source.
    public let host: String

    /// An importer into `store` and `home`, as seen from `host`.
    public init(store: RunStore, home: HarnessHome, host: String) {
        self.store = store
        self.home = home
        self.host = host
    }

    /// Imports a benchstone store: every row of its `runs` table becomes a hash-chained run, every `baselines` pointer
    /// a baseline event, and every event of its references log a reference event, with the artifact bytes copied
    /// content-addressed under the harness home after their SHA-256 is checked. Rows imported from the same store
    /// before are skipped, so importing twice adds nothing; the store checks that every row read is accounted for
    /// before committing, and writes all or nothing.
    ///
    /// How benchstone's rows map (the README's "Migrating from benchstone" says the same for users):
    /// - `run_set_id` is `<source>-<8 hex>`, one per (project, benchmark, commit, meta seed, host) group, and
    ///   `repetition_total` is that group's size; `role` is `baseline` for rows without a meta seed.
    /// - `metadata` is `{"benchstone_run_id", "benchstone_source", "benchstone_harness_version", "project_metadata"}`;
    ///   the row keeps benchstone's host, dirty flag and diff path, seed (0 when NULL), repetition index (0 when
    ///   NULL), wall clock (0 when NULL) and timestamp; `manifest_hash` is "unknown" (benchstone does not record it).
    /// - An error row's message is benchstone's `project_metadata.error`, or "runner exited with code N".
    /// - A pointer becomes `establish` (no meta seed) or `promote` (a meta seed) at benchstone's `established_at`, on
    ///   the host that recorded most of the pointed-at runs (this host when there are none).
    ///
    /// `references` defaults to `references/` beside `storeFile` (benchstone's `$BENCHSTONE_HOME` layout), skipped
    /// when absent. Throws `StoreError.foreignStore` for a file that is not a benchstone store, `ImportError` for a
    /// row, reference or artifact that cannot be imported, and `StoreError` when the store cannot be written.
    ///
    /// Rows are read a chunk at a time and written in one transaction; `progress`, when given, is called with the
    /// runs handled so far and the source's total after every chunk of 512 runs and once at the end.
    public func importStore(_ storeFile: URL, references: URL? = nil,
                            progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> BenchstoneImportReport {
        let source = try BenchstoneStore(path: storeFile)
        let sourceID = try source.sourceID()
        let total = try source.runCount()
        let groups = try source.groups()
        let pointers = try source.baselines()
        let benchstoneHome = storeFile.deletingLastPathComponent()
        let referencesDirectory = references ?? benchstoneHome.appendingPathComponent("references", isDirectory: true)
        let readsReferences = references != nil || FileManager.default.fileExists(atPath: referencesDirectory.path)
        let referenceLog = readsReferences ? try BenchstoneReferenceLog.read(directory: referencesDirectory) : []

        let mapping = BenchstoneMapping(source: sourceID, storePath: storeFile.path, groups: groups, host: host)
        var copier = ArtifactCopier(home: home, benchstoneHome: references.map { $0.deletingLastPathComponent() } ?? benchstoneHome)
        let baselineEvents = try pointers.map { try mapping.baselineEvent($0) }
        let referenceEvents = try referenceLog.map { try mapping.referenceEvent($0, copier: &copier) }

        // The runs are read and mapped on a second thread while the store hashes and writes them on this one.
        // Rows imported before are counted, not mapped: importing a store again only reads it.
        let present = try store.importedKeys(source: sourceID, kind: "run")
        let state = ImportState(mapping: mapping, copier: copier)
        let batch = ImportBatch(source: sourceID, runs: { each in
            let handoff = Handoff<ImportedRun>(capacity: 8)
            let producerDone = DispatchSemaphore(value: 0)
            let producer = Thread {
                defer { producerDone.signal() }
                do {
                    var chunk: [ImportedRun] = []
                    chunk.reserveCapacity(512)
                    try source.forEachRun { run in
                        if present.contains(String(run.id)) {
                            state.skipped += 1
                            return
                        }
                        chunk.append(try state.mapping.run(run, copier: &state.copier))
                        if chunk.count == 512 {
                            guard handoff.put(chunk) else { throw CancellationError() }
                            chunk.removeAll(keepingCapacity: true)
                        }
                    }
                    if !chunk.isEmpty { _ = handoff.put(chunk) }
                    handoff.finish()
                } catch {
                    handoff.finish(throwing: error)
                }
            }
            // JSONDecoder recurses once per nesting level of hostile metadata: give it the main thread's room.
            producer.stackSize = 8 << 20
            producer.start()
            // The mapping and copier belong to the producer until it has finished.
            var joined = false
            func join() {
                if !joined { producerDone.wait() }
                joined = true
            }
            defer { join() }
            var done = 0
            do {
                while let chunk = try handoff.take() {
                    for run in chunk { try each(run) }
                    done += chunk.count
                    progress?(done + state.skipped, total)
                }
            } catch {
                handoff.stop()
                throw error
            }
            join()
            progress?(done + state.skipped, total)
            return state.skipped
        }, expectedRuns: total - present.count, baselineEvents: baselineEvents, referenceEvents: referenceEvents)
        let counts = try store.importBatch(batch)
        return BenchstoneImportReport(
            source: sourceID, store: storeFile.path, references: readsReferences ? referencesDirectory.path : nil, counts: counts,
            artifactsCopied: state.copier.copied, runArtifactsMissing: state.mapping.missingRunArtifacts,
            projects: Array(Set(groups.map(\.project) + pointers.map(\.project) + referenceLog.map(\.reference.project))).sorted())
    }
}

/// The mapping and copier while runs are read from the source: used by the reading thread until it has finished,
/// then by the caller.
private final class ImportState: @unchecked Sendable {
    var mapping: BenchstoneMapping
    var copier: ArtifactCopier
    /// Rows left unread because they were imported before; the progress line reads it while the producer counts.
    var skipped: Int {
        get { lock.withLock { skippedCount } }
        set { lock.withLock { skippedCount = newValue } }
    }
    private var skippedCount = 0
    private let lock = NSLock()

    init(mapping: BenchstoneMapping, copier: ArtifactCopier) {
        self.mapping = mapping
        self.copier = copier
    }
}

/// Turns benchstone rows into git-bench import rows (see `BenchstoneImporter.importStore` for the rules).
private struct BenchstoneMapping {
    let source: String
    let storePath: String
    let host: String
    /// Rows per group, for `repetition_total`.
    private var groupSizes: [GroupKey: Int] = [:]
    /// Hosts per group, for the host of a baseline pointer.
    private var groupHosts: [GroupKey: [String: Int]] = [:]
    private(set) var missingRunArtifacts = 0
    /// Per-group values every row of the group shares, computed once: a store has few groups and many rows.
    private var runSetIDs: [GroupKey: RunSetID] = [:]
    private var checkedNames: Set<[String]> = []

    private struct GroupKey: Hashable {
        var project: String
        var benchmark: String
        var gitSHA: String
        var metaSeed: Int64?
        var host: String?
    }

    init(source: String, storePath: String, groups: [BenchstoneGroup], host: String) {
        self.source = source
        self.storePath = storePath
        self.host = host
        for group in groups {
            groupSizes[GroupKey(project: group.project, benchmark: group.benchmark, gitSHA: group.gitSHA, metaSeed: group.metaSeed, host: group.host), default: 0] += group.count
            groupHosts[GroupKey(project: group.project, benchmark: group.benchmark, gitSHA: group.gitSHA, metaSeed: group.metaSeed, host: nil), default: [:]][group.host, default: 0] += group.count
        }
    }

    mutating func run(_ run: BenchstoneRun, copier: inout ArtifactCopier) throws -> ImportedRun {
        let row = "runs row \(run.id)"
        let commit = try commitID(run.gitSHA, row: row)
        if !checkedNames.contains([run.project, run.benchmark]) {
            try checkNames(project: run.project, benchmark: run.benchmark, row: row)
            checkedNames.insert([run.project, run.benchmark])
        }
        guard let status = RepetitionStatus(stored: run.status, message: nil) else {
            throw ImportError.invalidRow(store: storePath, row: row, reason: "status \"\(run.status)\" is neither ok nor error")
        }
        let projectMetadata = try json(run.projectMetadataJSON, column: "project_metadata_json", row: row)
        var metadata: [String: JSONValue] = [
            "benchstone_run_id": .number(Double(run.id)),
            "benchstone_source": .string(source),
            "benchstone_harness_version": .string(run.harnessVersion),
        ]
        if let projectMetadata { metadata["project_metadata"] = projectMetadata }

        var exitCode: Int?
        var message: String?
        if status == .error {
            if case .object(let details)? = projectMetadata, case .number(let code)? = details["exit_code"] { exitCode = Int(exactly: code) }
            if case .object(let details)? = projectMetadata, case .string(let reason)? = details["error"] {
                message = reason
            } else if let exitCode {
                message = "runner exited with code \(exitCode)"
            } else {
                message = "benchstone recorded an error without details"
            }
        }

        var artifactSize: Int64?
        if let hash = run.artifactHash {
            artifactSize = try copier.copy(hash: hash, recordedPath: run.artifactPath, project: run.project, benchmark: run.benchmark)
            if artifactSize == nil { missingRunArtifacts += 1 }
        }

        let repetition = Repetition(
            seed: run.seed ?? 0, repetitionIndex: Int(run.repetitionIndex ?? 0), status: status, metric: run.metric,
            metricComponents: try json(run.metricComponentsJSON, column: "metric_components_json", row: row),
            metadata: .object(metadata), wallClockSeconds: run.wallClockSeconds ?? 0, message: message, exitCode: exitCode,
            stderrLogPath: run.stderrLogPath, artifactHash: run.artifactHash, artifactSize: artifactSize)
        let group = GroupKey(project: run.project, benchmark: run.benchmark, gitSHA: run.gitSHA, metaSeed: run.metaSeed, host: run.host)
        let runSetID = runSetIDs[group] ?? self.runSetID(group)
        runSetIDs[group] = runSetID
        let context = RunSetContext(
            project: run.project, benchmark: run.benchmark, commit: commit, isDirty: run.isDirty, diffPath: run.dirtyDiffPath,
            diffSHA256: nil, host: run.host, metaSeed: run.metaSeed, runSetID: runSetID,
            role: run.metaSeed == nil ? .baseline : .candidate, repetitionTotal: groupSizes[group] ?? 1, manifestHash: "unknown",
            workingTreeHash: run.workingTreeHash)
        return ImportedRun(sourceKey: String(run.id), repetition: repetition, context: context, date: try date(run.timestamp, row: row))
    }

    func baselineEvent(_ pointer: BenchstoneBaseline) throws -> ImportedBaselineEvent {
        let row = "baselines row \(pointer.project)/\(pointer.benchmark)"
        let commit = try commitID(pointer.gitSHA, row: row)
        let hosts = groupHosts[GroupKey(project: pointer.project, benchmark: pointer.benchmark, gitSHA: pointer.gitSHA, metaSeed: pointer.metaSeed, host: nil)] ?? [:]
        // The host that ran most of the pointed-at rows; ties go to the first name, so the choice is deterministic.
        let pointerHost = hosts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key ?? host
        let group = GroupKey(project: pointer.project, benchmark: pointer.benchmark, gitSHA: pointer.gitSHA, metaSeed: pointer.metaSeed, host: pointerHost)
        return ImportedBaselineEvent(
            sourceKey: "\(pointer.project)/\(pointer.benchmark)@\(commit.hex)@\(pointer.establishedAt)@\(pointer.metaSeed.map(String.init) ?? "none")",
            project: pointer.project, benchmark: pointer.benchmark, host: pointerHost, commit: commit, metaSeed: pointer.metaSeed,
            action: pointer.metaSeed == nil ? .establish : .promote, runSetID: groupSizes[group] == nil ? nil : runSetID(group).value,
            runSourceKeys: try pointer.runIDsJSON.map { try runIDs($0, row: row).map(String.init) },
            notes: pointer.notes, date: try date(pointer.establishedAt, row: row))
    }

    /// benchstone 0.3's `run_ids`: a JSON array of integers.
    private func runIDs(_ text: String, row: String) throws -> [Int64] {
        guard let ids = try? JSONDecoder().decode([Int64].self, from: Data(text.utf8)) else {
            throw ImportError.invalidRow(store: storePath, row: row, reason: "run_ids \"\(text.prefix(80))\" is not a JSON array of run ids")
        }
        return ids
    }

    func referenceEvent(_ event: BenchstoneReferenceLog.Event, copier: inout ArtifactCopier) throws -> ImportedReferenceEvent {
        let reference = event.reference
        let row = "reference \(reference.project)/\(reference.benchmark) at \(event.at)"
        try checkNames(project: reference.project, benchmark: reference.benchmark, row: row)
        guard let fromRun = reference.fromRunID else {
            throw ImportError.invalidRow(store: storePath, row: row, reason: "it names no from_run_id, so it cannot be tied to a run")
        }
        guard let size = try copier.copy(hash: reference.contentHash, recordedPath: reference.contentPath,
                                         project: reference.project, benchmark: reference.benchmark) else {
            throw ImportError.artifactMissing(project: reference.project, benchmark: reference.benchmark, contentHash: reference.contentHash,
                                              looked: copier.candidates(hash: reference.contentHash, recordedPath: reference.contentPath,
                                                                        project: reference.project, benchmark: reference.benchmark).map(\.path))
        }
        return ImportedReferenceEvent(
            sourceKey: "\(reference.project)/\(reference.benchmark)@\(event.at)@\(reference.contentHash)",
            project: reference.project, benchmark: reference.benchmark, contentHash: reference.contentHash, size: size, action: event.action,
            fromRunSourceKey: String(fromRun), reason: event.reason, notes: reference.notes, date: try date(event.at, row: row))
    }

    /// `<source>-<8 hex of the group>`: stable across imports, so rows added to a group later join its run set.
    private func runSetID(_ group: GroupKey) -> RunSetID {
        let key = [group.project, group.benchmark, group.gitSHA, group.metaSeed.map(String.init) ?? "none", group.host ?? ""].joined(separator: "\u{1f}")
        let digest = String(ContentDigest(of: Data(key.utf8)).hex.prefix(8))
        return RunSetID(value: "\(source)-\(digest)")
    }

    private func commitID(_ sha: String, row: String) throws -> ObjectID {
        guard let commit = ObjectID(hex: sha) else {
            throw ImportError.invalidRow(store: storePath, row: row, reason: "git_sha \"\(sha)\" is not a full 40-hex commit SHA")
        }
        return commit
    }

    /// Names become path components under the harness home (`artifacts/<project>/<benchmark>/`).
    private func checkNames(project: String, benchmark: String, row: String) throws {
        for (label, name) in [("project", project), ("benchmark", benchmark)] {
            if let problem = Name.problem(with: name) {
                throw ImportError.invalidRow(store: storePath, row: row, reason: "\(label) name \"\(name)\" \(problem)")
            }
        }
    }

    private func json(_ text: String?, column: String, row: String) throws -> JSONValue? {
        guard let text else { return nil }
        do {
            return try JSONValue.parse(text)
        } catch {
            throw ImportError.invalidRow(store: storePath, row: row, reason: "\(column) is not valid JSON")
        }
    }

    /// benchstone writes `%Y-%m-%dT%H:%M:%SZ`; fractional seconds and offsets are accepted too.
    private func date(_ text: String, row: String) throws -> Date {
        if let date = Timestamp.date(from: text, allowsOffset: true) { return date }
        throw ImportError.invalidRow(store: storePath, row: row, reason: "timestamp \"\(text)\" is not ISO 8601 UTC")
    }
}

/// Copies artifact bytes from benchstone's home into ours, content-addressed, after checking their SHA-256.
private struct ArtifactCopier {
    let home: HarnessHome
    /// `$BENCHSTONE_HOME`: where to look when the recorded path no longer exists (the home was moved).
    let benchstoneHome: URL
    private(set) var copied = 0

    init(home: HarnessHome, benchstoneHome: URL) {
        self.home = home
        self.benchstoneHome = benchstoneHome
    }

    /// Where the bytes may be: the path benchstone recorded, then `artifacts/<project>/<benchmark>/<hex>.bin` under its home.
    func candidates(hash: String, recordedPath: String?, project: String, benchmark: String) -> [URL] {
        let hex = ContentDigest(tagged: hash)?.hex ?? String(hash.dropFirst(ContentDigest.prefix.count))
        let conventional = benchstoneHome.appendingPathComponent("artifacts").appendingPathComponent(project)
            .appendingPathComponent(benchmark).appendingPathComponent(hex + ".bin")
        let recorded = recordedPath.map { URL(fileURLWithPath: $0) }
        return ([recorded, conventional] as [URL?]).compactMap { $0 }.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Copies the bytes of `hash` and returns their size, or nil when no candidate file exists.
    ///
    /// Throws `ImportError.invalidRow` for a hash that is not `sha256:<64 hex>`, `ImportError.artifactMismatch` when
    /// the bytes found do not hash to it, and `ImportError.copyArtifact` when they cannot be written.
    mutating func copy(hash: String, recordedPath: String?, project: String, benchmark: String) throws -> Int64? {
        guard let digest = ContentDigest(tagged: hash) else {
            throw ImportError.invalidRow(store: benchstoneHome.path, row: "artifact of \(project)/\(benchmark)",
                                         reason: "content hash \"\(hash)\" is not sha256:<64 hex>")
        }
        guard let file = candidates(hash: hash, recordedPath: recordedPath, project: project, benchmark: benchmark)
            .first(where: { FileManager.default.isReadableFile(atPath: $0.path) }) else { return nil }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: file)
        } catch {
            throw ImportError.copyArtifact(path: file.path, reason: "could not read it: \(error.localizedDescription)")
        }
        let actual = ContentDigest(of: bytes)
        guard actual == digest else { throw ImportError.artifactMismatch(path: file.path, expected: hash, actual: actual.tagged) }

        // Copied before the store's transaction: if that fails, the bytes stay, content-addressed and harmless.
        do {
            if try home.storeArtifact(bytes, project: project, benchmark: benchmark).isNew { copied += 1 }
        } catch {
            throw ImportError.copyArtifact(path: home.artifactFile(digest, project: project, benchmark: benchmark).path, reason: "\(error)")
        }
        return Int64(bytes.count)
    }
}
