import Foundation

/// Verdicts the timelines already judged, in `$GIT_BENCH_HOME/cache/verdicts/<project>/<benchmark>.json` (0600), so a
/// report over thousands of run sets runs each permutation test once. A run set's verdict is a function of its rows,
/// the baseline event (or reference) in force when it started, and the benchmark's gate settings; the store is
/// append-only, so the key below names all of them and a changed input is a new key, never a stale answer. The file
/// is only a cache: an unreadable one is ignored and rewritten, and one that cannot be written costs the next run time.
struct VerdictCache {
    private let file: URL?
    private var entries: [String: Verdict]
    private var isChanged = false

    init(home: HarnessHome?, project: String, benchmark: String) {
        // Project and benchmark names are validated path segments; the cache lives beside the logs of the same pair.
        file = home.map { $0.root.appendingPathComponent("cache/verdicts/\(project)/\(benchmark).json") }
        entries = file.flatMap { try? Data(contentsOf: $0) }.flatMap { try? JSONDecoder().decode(Entries.self, from: $0) }
            .flatMap { $0.version == GitBench.version ? $0.verdicts : nil } ?? [:]
    }

    /// Everything a run set's verdict depends on.
    static func key(rows: [RunRecord], pointer: BaselinePointer?, reference: ReferenceEvent?, benchmark: Benchmark) -> String {
        let gate = [benchmark.tier.rawValue, benchmark.gatePolicy.rawValue, benchmark.gateCompat.rawValue,
                    benchmark.metricDirection?.rawValue ?? "-", benchmark.promotionThreshold.map { "\($0)" } ?? "-",
                    benchmark.minEffect.map { "\($0)" } ?? "-", "\(benchmark.baselineFloor)", "\(benchmark.candidateFloor)"]
        return [rows.first?.runSetID ?? "", "\(rows.count)", rows.last?.rowHash ?? "", "p\(pointer?.id ?? 0):\(pointer?.rowHash ?? "")",
                "r\(reference?.id ?? 0):\(reference?.rowHash ?? "")"].joined(separator: "|") + "|" + gate.joined(separator: ",")
    }

    /// The cached verdict for `key`, else `judge()`'s, remembered.
    mutating func verdict(_ key: String, judge: () throws -> Verdict) rethrows -> Verdict {
        if let known = entries[key] { return known }
        let verdict = try judge()
        entries[key] = verdict
        isChanged = true
        return verdict
    }

    /// Writes the cache back when it learned something; a failure is ignored (the next run judges again).
    func save() {
        guard isChanged, let file, let data = try? JSONEncoder().encode(Entries(version: GitBench.version, verdicts: entries)) else { return }
        do {
            try SecureFile.makeDirectory(file.deletingLastPathComponent())
            try SecureFile.replace(file, contents: data, durable: false)
        } catch {
            return
        }
    }

    private struct Entries: Codable {
        var version: String
        var verdicts: [String: Verdict]
    }
}
