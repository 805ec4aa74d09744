import Foundation

/// `archive selftest`: round-trips a probe object through a store and checks that it honours conditional writes. Some
/// servers (older MinIO builds, some emulators) silently ignore `If-Match` and `If-None-Match`; on those, two archivers
/// updating one day's manifest can overwrite each other, so the archiver writes only entry objects there.
public enum ArchiveProbe {
    /// One check and what it found.
    public struct Check: Sendable, Equatable {
        public var name: String
        public var passed: Bool
        public var detail: String
    }

    /// What a probe of one store found.
    public struct Outcome: Sendable, Equatable {
        public var checks: [Check]
        /// Reads and writes work.
        public var reachable: Bool { checks.first { $0.name == "round trip" }?.passed == true }
        /// A stale `If-Match` and a second `If-None-Match: *` create were both refused.
        public var honoursConditionalWrites: Bool {
            checks.filter { $0.name == "stale If-Match refused" || $0.name == "second create refused" }.allSatisfy(\.passed)
                && checks.contains { $0.name == "second create refused" }
        }
    }

    /// Probes `store` under `selftest/`, removing what it wrote.
    public static func run(_ store: any ObjectStore) -> Outcome {
        let token = UUID().uuidString.lowercased()
        let key = "selftest/probe-\(token).json"
        let createKey = "selftest/probe-\(token)-create.json"
        var checks: [Check] = []
        defer {
            try? store.delete(key)
            try? store.delete(createKey)
        }
        let first = Data("{\"probe\": 1}".utf8)
        let second = Data("{\"probe\": 2}".utf8)
        do {
            let etag = try store.put(key, first, contentType: "application/json", condition: .none)
            guard let read = try store.get(key), read.bytes == first else {
                checks.append(Check(name: "round trip", passed: false, detail: "\(key) did not read back as written"))
                return Outcome(checks: checks)
            }
            let listed = try store.list(prefix: "selftest/").contains { $0.key == key }
            checks.append(Check(name: "round trip", passed: listed, detail: listed ? "put, get and list of \(key)" : "\(key) is missing from the listing"))
            guard listed else { return Outcome(checks: checks) }
            try store.put(key, second, contentType: "application/json", condition: .ifMatch(etag))
            checks.append(Check(name: "If-Match on the current ETag", passed: true, detail: "accepted"))
            checks.append(refusal("stale If-Match refused") { () throws(ObjectStoreError) in
                try store.put(key, first, contentType: "application/json", condition: .ifMatch(etag))
            })
            try store.put(createKey, first, contentType: "application/json", condition: .ifNoneMatch)
            checks.append(refusal("second create refused") { () throws(ObjectStoreError) in
                try store.put(createKey, second, contentType: "application/json", condition: .ifNoneMatch)
            })
        } catch {
            let name = checks.isEmpty ? "round trip" : "conditional writes"
            checks.append(Check(name: name, passed: false, detail: error.description))
        }
        return Outcome(checks: checks)
    }

    private static func refusal(_ name: String, _ write: () throws(ObjectStoreError) -> Void) -> Check {
        do {
            try write()
            return Check(name: name, passed: false, detail: "the server accepted it: it ignores conditional headers")
        } catch .preconditionFailed {
            return Check(name: name, passed: true, detail: "refused with 412")
        } catch {
            return Check(name: name, passed: false, detail: error.description)
        }
    }

    /// Whether the archiver may trust `location`'s conditional writes: always for `file://` (its writes are locked);
    /// for S3, the last probe's answer, remembered for a week under `$GIT_BENCH_HOME/archive/probes/` so an archive
    /// after every run does not probe every time.
    public static func trusts(_ location: ArchiveConfiguration.StoreLocation, store: any ObjectStore, home: HarnessHome,
                              now: Date = Date()) -> (trusted: Bool, probed: Outcome?) {
        guard case .s3 = location else { return (true, nil) }
        let name = ContentDigest(of: Data(ArchiveConfiguration.describe(location).utf8)).hex.prefix(32)
        let directory = home.root.appendingPathComponent("archive").appendingPathComponent("probes")
        let file = directory.appendingPathComponent("\(name).json")
        if let data = try? Data(contentsOf: file), case .object(let members)? = try? ArchiveJSON.parse(data),
           case .bool(let trusted)? = members["trusted"], case .float(let checked)? = members["checked_at"],
           now.timeIntervalSince1970 - checked < 7 * 86_400, now.timeIntervalSince1970 >= checked {
            return (trusted, nil)
        }
        let outcome = run(store)
        // An unreachable store says nothing about its conditional writes: ask again next time.
        guard outcome.reachable else { return (true, outcome) }
        let record = ArchiveJSON.object(["trusted": .bool(outcome.honoursConditionalWrites), "checked_at": .float(now.timeIntervalSince1970)])
        if let text = try? record.pythonText() {
            try? SecureFile.makeDirectory(directory)
            try? SecureFile.replace(file, contents: Data(text.utf8), durable: false)
        }
        return (outcome.honoursConditionalWrites, outcome)
    }
}
