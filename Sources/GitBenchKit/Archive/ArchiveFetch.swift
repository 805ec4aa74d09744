import Foundation

/// `archive fetch --json`: the files written under `benchmark-results/_r2/`.
public struct ArchiveFetchOutcome: Sendable, Encodable {
    public var files: [String]
}

/// What `archive fetch` takes.
public enum ArchiveFetchSelection: Sendable, Equatable {
    /// The newest result of a bench (`latest/<bench>.json.gz`).
    case latest(bench: String)
    /// Every result archived on a day.
    case date(String)
    /// Every result of a stage, across all days.
    case stage(String)
}

/// `archive fetch` (the seed's `fetch_bench_results.py`): archived results back on disk for inspection.
public struct ArchiveFetch: Sendable {
    public let privateStore: any ObjectStore
    public let publicStore: any ObjectStore

    public init(privateStore: any ObjectStore, publicStore: any ObjectStore) {
        self.privateStore = privateStore
        self.publicStore = publicStore
    }

    /// Downloads the results `selection` names into `<repository>/benchmark-results/_r2/<date>/<stage>/<bench>/`,
    /// gunzipped (`results-<ts>-<sha7>.json`), so they sit beside local runs without colliding; files already there are
    /// kept. Each object must hash to its manifest entry's `result_sha256`.
    public func fetch(_ selection: ArchiveFetchSelection, into repository: URL) throws -> ArchiveFetchOutcome {
        let archive = TrajectoryRebuild(privateStore: privateStore, publicStore: publicStore)
        let entries: [ManifestEntry]
        switch selection {
        case .latest(let bench):
            let name = HarnessResult.normalizedBench(bench)
            let all = try archive.collect(repair: false).entries
            guard let resultKey = TrajectoryRebuildSummary.newest(of: all)[name], let entry = all.first(where: { $0.resultKey == resultKey }) else {
                throw ArchiveError.store(.refused(key: try ArchiveKey.latest(bench: name), reason: "no archived run of \(bench)"))
            }
            entries = [entry]
        case .date(let date):
            try ArchiveKey.validate(date: date)
            entries = try archive.collect(repair: false).entries.filter { $0.date == date }
        case .stage(let stage):
            try ArchiveKey.validate(stage: stage)
            entries = try archive.collect(repair: false).entries.filter { $0.stage == stage }
        }
        let target = repository.appendingPathComponent(CanonicalLayout.directoryName).appendingPathComponent("_r2")
        var written: [String] = []
        for entry in entries {
            let key = entry.resultKey
            // runs/<date>/<stage>/<bench>/results-….json.gz → _r2/<date>/<stage>/<bench>/results-….json
            let relative = key.hasPrefix("runs/") ? String(key.dropFirst("runs/".count)) : key
            let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
            guard segments.count == 4, (try? ArchiveKey.validate(date: String(segments[0]))) != nil else {
                throw ArchiveError.invalidObject(key: key, at: "result_key", reason: "not a key of the runs/<date>/<stage>/<bench>/ layout")
            }
            try ObjectKey.validate(key)
            let file = target.appendingPathComponent(relative.hasSuffix(".gz") ? String(relative.dropLast(3)) : relative)
            if FileManager.default.fileExists(atPath: file.path) { written.append(file.path); continue }
            guard let object = try privateStore.get(key) else {
                throw ArchiveError.store(.refused(key: key, reason: "the manifest lists it but the object is missing"))
            }
            if let expected = entry.resultSHA256, ContentDigest(of: object.bytes).hex != expected {
                throw ArchiveError.invalidObject(key: key, at: "$", reason: "its SHA-256 does not match its manifest entry: the object was changed after it was archived")
            }
            let bytes = key.hasSuffix(".gz") ? try Compression.gunzip(object.bytes) : object.bytes
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try bytes.write(to: file, options: .atomic)
            written.append(file.path)
        }
        return ArchiveFetchOutcome(files: written)
    }
}
