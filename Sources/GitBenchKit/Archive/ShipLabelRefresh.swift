import Foundation

/// `archive refresh-labels`: patches ship labels into the manifest entries of runs already archived, without uploading
/// their results again (the seed's `bench-refresh-labels`). Each day's entry objects are merged into its manifest first,
/// so a label is never written into a manifest that is about to be rebuilt without it; each manifest write is
/// conditional on the ETag it was read with, and retried.
public struct ShipLabelRefresh: Sendable {
    public let store: any ObjectStore
    public let maximumAttempts: Int

    public init(store: any ObjectStore, maximumAttempts: Int = 40) {
        self.store = store
        self.maximumAttempts = maximumAttempts
    }

    /// Sets (or, for nil, removes) the ship label of each result key's entry. Returns the result keys whose entries
    /// changed, sorted; keys no manifest lists are left alone.
    public func apply(_ labels: [String: ShipLabel?]) throws(ArchiveError) -> [String] {
        var byDay: [String: [String: ShipLabel?]] = [:]
        for (key, label) in labels {
            let parts = key.split(separator: "/")
            guard parts.count >= 2, parts[0] == "runs", (try? ArchiveKey.validate(date: String(parts[1]))) != nil else { continue }
            byDay[String(parts[1]), default: [:]][key] = label
        }
        var changed: [String] = []
        for (date, dayLabels) in byDay.sorted(by: { $0.key < $1.key }) {
            changed += try apply(dayLabels, date: date)
        }
        return changed.sorted()
    }

    private func apply(_ labels: [String: ShipLabel?], date: String) throws(ArchiveError) -> [String] {
        let updater = DayManifestUpdater(store: store)
        try updater.merge(date: date)
        let key = try ArchiveKey.manifest(date: date)
        for _ in 0..<maximumAttempts {
            let object: StoredObject?
            do { object = try store.get(key) } catch { throw .store(error) }
            guard let object else { return [] }
            var manifest = try DayManifest.decode(object.bytes, key: key)
            var changed: [String] = []
            for index in manifest.runs.indices {
                guard let label = labels[manifest.runs[index].resultKey] else { continue }
                var entry = manifest.runs[index]
                entry.shipLabel = label?.label
                entry.shipMarkedAt = label?.markedAt
                entry.shipRationale = label.flatMap { $0.rationale.isEmpty ? nil : $0.rationale }
                if entry != manifest.runs[index] {
                    manifest.runs[index] = entry
                    changed.append(entry.resultKey)
                }
            }
            guard !changed.isEmpty else { return [] }
            manifest.updatedAt = DayManifestUpdater.timestamp(Date())
            let bytes = try manifest.encoded()
            do throws(ObjectStoreError) {
                try store.put(key, bytes, contentType: "application/json", condition: .ifMatch(object.etag))
                return changed
            } catch .preconditionFailed {
                Thread.sleep(forTimeInterval: Double.random(in: 0...0.05))
            } catch {
                throw .store(error)
            }
        }
        throw .manifestContention(key: key, attempts: maximumAttempts)
    }
}
