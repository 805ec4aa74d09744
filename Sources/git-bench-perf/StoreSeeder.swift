import Foundation
import GitBenchKit

/// `git-bench-perf seed HOME PROJECT BENCHMARK ROWS BASELINE_SHA HEAD_SHA`: appends ROWS synthetic rows to the store
/// under HOME (spread over many commits and benchmarks), plus a real baseline group at BASELINE_SHA, a baseline
/// pointer to it, and a candidate group at HEAD_SHA, so `evaluate` has real work to do against a large store.
enum StoreSeeder {
    static let usage = "git-bench-perf seed HOME PROJECT BENCHMARK ROWS BASELINE_SHA HEAD_SHA"

    static func main(_ arguments: [String]) throws {
        guard arguments.count == 8, let rows = Int(arguments[5]),
              let baseline = ObjectID(hex: arguments[6]), let head = ObjectID(hex: arguments[7]) else {
            throw PerfUsage()
        }
        let (home, project, benchmark) = (arguments[2], arguments[3], arguments[4])
        let store = try RunStore(home: HarnessHome(root: URL(fileURLWithPath: home)))
        let host = Harness.currentHost()
        var generator = SystemRandomNumberGenerator()

        func context(_ commit: ObjectID, benchmark: String, metaSeed: Int64?) -> RunSetContext {
            RunSetContext(project: project, benchmark: benchmark, commit: commit, isDirty: false, diffPath: nil, diffSHA256: nil, host: host,
                          metaSeed: metaSeed, runSetID: RunSetID.make(), role: metaSeed == nil ? .baseline : .candidate,
                          repetitionTotal: 10, manifestHash: "sha256:" + String(repeating: "0", count: 64))
        }
        func randomCommit() -> ObjectID {
            ObjectID(hex: (0..<5).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()) ?? head
        }

        // Filler: ten repetitions per commit, across the real benchmark and three others.
        var written = 0
        var batch: [(Repetition, RunSetContext)] = []
        let others = [benchmark, "\(benchmark)_b", "\(benchmark)_c", "\(benchmark)_d"]
        while written < rows {
            let group = context(randomCommit(), benchmark: others[written / 10 % others.count], metaSeed: Int64.random(in: 0 ... .max, using: &generator))
            for index in 0..<10 where written < rows {
                batch.append((Repetition(seed: Int64(index), repetitionIndex: index, status: .ok, metric: Double.random(in: 0.9...1.1, using: &generator),
                                               wallClockSeconds: 0.01), group))
                written += 1
            }
            if batch.count >= 20_000 {
                try store.append(contentsOf: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try store.append(contentsOf: batch)

        let baselineGroup = context(baseline, benchmark: benchmark, metaSeed: nil)
        let candidateGroup = context(head, benchmark: benchmark, metaSeed: 42)
        try store.append(contentsOf: (0..<6).map { (Repetition(seed: Int64($0 + 1), repetitionIndex: $0, status: .ok, metric: 1.0 + Double($0) * 0.01, wallClockSeconds: 0.01), baselineGroup) })
        try store.append(contentsOf: (0..<6).map { (Repetition(seed: Int64($0 + 100), repetitionIndex: $0, status: .ok, metric: 0.9 + Double($0) * 0.01, wallClockSeconds: 0.01), candidateGroup) })
        try store.appendBaselineEvent(project: project, benchmark: benchmark, host: host, commit: baseline, metaSeed: nil, action: .establish,
                                      runSetID: baselineGroup.runSetID.value,
                                      runIDs: try store.runs(inRunSet: baselineGroup.runSetID).map(\.id), notes: "seeded")
        print("seeded \(written + 12) rows into \(home)/store.sqlite3")
    }
}
