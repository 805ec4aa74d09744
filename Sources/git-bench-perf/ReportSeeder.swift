import Foundation
import GitBenchKit

/// `git-bench-perf report-seed HOME PROJECT BENCHMARKS RUN_SETS REPETITIONS`: for each of BENCHMARKS benchmarks
/// (`b000`, `b001`, …) RUN_SETS run sets of REPETITIONS rows a minute apart, every 25th a baseline with its pointer
/// event, the rest candidates drifting slowly, so `history` and `report --html` judge every run set for real.
enum ReportSeeder {
    static let usage = "git-bench-perf report-seed HOME PROJECT BENCHMARKS RUN_SETS REPETITIONS"

    static func main(_ arguments: [String]) throws {
        guard arguments.count == 7, let benchmarks = Int(arguments[4]), let runSets = Int(arguments[5]), let repetitions = Int(arguments[6]) else {
            throw PerfUsage()
        }
        let (home, project) = (arguments[2], arguments[3])
        let store = try RunStore(home: HarnessHome(root: URL(fileURLWithPath: home)))
        let host = Harness.currentHost()
        var generator = SystemRandomNumberGenerator()
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var written = 0
        for index in 0..<benchmarks {
            let benchmark = String(format: "b%03d", index)
            for set in 0..<runSets {
                let isBaseline = set % 25 == 0
                let commit = ObjectID(hex: (0..<5).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined())!
                let context = RunSetContext(project: project, benchmark: benchmark, commit: commit, isDirty: false, diffPath: nil, diffSHA256: nil,
                                            host: host, metaSeed: isBaseline ? nil : Int64.random(in: 0 ... .max, using: &generator),
                                            runSetID: RunSetID.make(), role: isBaseline ? .baseline : .candidate, repetitionTotal: repetitions,
                                            manifestHash: "sha256:" + String(repeating: "0", count: 64))
                let level = 1.0 + 0.002 * Double(set % 25)
                let rows = (0..<repetitions).map { repetition in
                    (Repetition(seed: Int64(repetition + 1), repetitionIndex: repetition, status: .ok,
                                metric: level * (1 + 0.02 * Double.random(in: -1...1, using: &generator)), wallClockSeconds: 0.01), context)
                }
                let date = start.addingTimeInterval(Double(set) * 60)
                try store.append(contentsOf: rows, at: date)
                written += repetitions
                if isBaseline {
                    try store.appendBaselineEvent(project: project, benchmark: benchmark, host: host, commit: commit, metaSeed: nil, action: .establish,
                                                  runSetID: context.runSetID.value, runIDs: try store.runs(inRunSet: context.runSetID).map(\.id),
                                                  notes: "seeded", at: date.addingTimeInterval(30))
                }
            }
        }
        print("seeded \(written) rows in \(benchmarks * runSets) run sets into \(home)/store.sqlite3")
    }
}
