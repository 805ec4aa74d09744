import Foundation
import GitBenchKit

/// One gate as a manifest would configure it.
struct StudiedGate: Sendable {
    var name: String
    var policy: GatePolicy
    var compat: GateCompat

    static let all = [
        StudiedGate(name: "sigma (default)", policy: .sigma, compat: .calibrated),
        StudiedGate(name: "mann_whitney", policy: .mannWhitney, compat: .calibrated),
        StudiedGate(name: "Welch t at α (gate_compat = \"welch\")", policy: .sigma, compat: .welch),
        StudiedGate(name: "benchstone sigma (z ≥ T)", policy: .sigma, compat: .benchstone),
        StudiedGate(name: "benchstone mann_whitney (z ≥ T)", policy: .mannWhitney, compat: .benchstone),
    ]

    func benchmark(baseline nb: Int, candidate nc: Int, threshold: Double) -> Benchmark {
        Benchmark(name: "studied", entryPoint: "bench/studied", tier: .performance, metricDirection: .minimize, repetitions: nc,
                  baselineSeeds: (0..<nb).map { Int64($0 + 1) }, promotionSigma: threshold, gatePolicy: policy, gateCompat: compat)
    }
}

/// Sample sizes, baseline v candidate.
struct Sizes: Sendable, CustomStringConvertible {
    var baseline: Int
    var candidate: Int
    var description: String { "\(baseline)v\(candidate)" }

    static let all = [Sizes(baseline: 3, candidate: 3), Sizes(baseline: 5, candidate: 5), Sizes(baseline: 8, candidate: 8),
                      Sizes(baseline: 10, candidate: 10), Sizes(baseline: 20, candidate: 20), Sizes(baseline: 3, candidate: 10),
                      Sizes(baseline: 5, candidate: 20)]
}

/// What one gate did over a batch of trials of one cell.
struct GateCounts: Sendable {
    var falsePromote = 0
    var falseFail = 0
    /// A/A trials whose interval contained the true change (0), and the smallest level any of them claimed.
    var covered = 0
    var claimedLevel = 1.0
    /// PROMOTEs per improvement of `Study.improvements`.
    var promotes = [0, 0, 0]

    mutating func add(_ other: GateCounts) {
        falsePromote += other.falsePromote
        falseFail += other.falseFail
        covered += other.covered
        claimedLevel = min(claimedLevel, other.claimedLevel)
        for index in promotes.indices { promotes[index] += other.promotes[index] }
    }
}

/// Results written by concurrent jobs, one slot each.
final class Slots<T>: @unchecked Sendable {
    var values: [T?]
    let lock = NSLock()
    init(_ count: Int) { values = Array(repeating: nil, count: count) }
}

/// The seeded calibration study: A/A and shifted trials through the library's public gate API.
struct Study: Sendable {
    var trials: Int
    var seed: UInt64
    var threshold = 2.0
    static let improvements = [0.02, 0.05, 0.10]
    static let chunk = 500

    var alpha: Double { Gate.alpha(threshold: threshold) }

    /// Runs `count` independent jobs on every core; job i gets its own generator, so results do not depend on the
    /// number of cores.
    static func parallel<T: Sendable>(_ count: Int, seed: UInt64, _ job: @Sendable (Int, inout Xoshiro256) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            var random = Xoshiro256(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let value = job(index, &random)
            slots.lock.lock()
            slots.values[index] = value
            slots.lock.unlock()
        }
        return slots.values.map { $0! }
    }

    // MARK: - Fixed-sample cells

    struct Cell: Sendable {
        var noise: NoiseModel
        var sizes: Sizes
        var gates: [GateCounts]
        var trials: Int
    }

    func fixedSampleCells() -> [Cell] {
        let layout = NoiseModel.allCases.flatMap { noise in Sizes.all.map { (noise, $0) } }
        let chunks = (trials + Self.chunk - 1) / Self.chunk
        let threshold = threshold
        let results = Self.parallel(layout.count * chunks, seed: seed) { job, random -> [GateCounts] in
            let (noise, sizes) = layout[job / chunks]
            let count = min(Self.chunk, trials - (job % chunks) * Self.chunk)
            return Self.runChunk(noise: noise, sizes: sizes, trials: count, threshold: threshold, random: &random)
        }
        return layout.enumerated().map { index, cell in
            var gates = Array(repeating: GateCounts(), count: StudiedGate.all.count)
            for chunk in results[(index * chunks)..<((index + 1) * chunks)] {
                for g in gates.indices { gates[g].add(chunk[g]) }
            }
            return Cell(noise: cell.0, sizes: cell.1, gates: gates, trials: trials)
        }
    }

    static func runChunk(noise: NoiseModel, sizes: Sizes, trials: Int, threshold: Double, random: inout Xoshiro256) -> [GateCounts] {
        let benchmarks = StudiedGate.all.map { $0.benchmark(baseline: sizes.baseline, candidate: sizes.candidate, threshold: threshold) }
        var counts = Array(repeating: GateCounts(), count: benchmarks.count)
        for _ in 0..<trials {
            let same = noise.pair(&random, nb: sizes.baseline, nc: sizes.candidate, improvement: 0)
            for (g, benchmark) in benchmarks.enumerated() {
                let verdict = judge(benchmark, same)
                if verdict.kind == .promote { counts[g].falsePromote += 1 }
                if RegressionCheck.judge(verdict, commit: commit, source: .computed).outcome == .fail { counts[g].falseFail += 1 }
                if let change = verdict.change {
                    if change.lower <= 0, 0 <= change.upper { counts[g].covered += 1 }
                    counts[g].claimedLevel = min(counts[g].claimedLevel, change.confidence)
                }
            }
            for (s, improvement) in improvements.enumerated() {
                let shifted = noise.pair(&random, nb: sizes.baseline, nc: sizes.candidate, improvement: improvement)
                for (g, benchmark) in benchmarks.enumerated() where judge(benchmark, shifted).kind == .promote {
                    counts[g].promotes[s] += 1
                }
            }
        }
        return counts
    }

    static let commit = ObjectID(hex: String(repeating: "ab", count: 20))!

    static func judge(_ benchmark: Benchmark, _ pair: (baseline: [Double], candidate: [Double])) -> Verdict {
        Gate.judge(project: "study", benchmark: benchmark, baseline: MetricGroup(commit: commit, metaSeed: 1, metrics: pair.baseline),
                   candidate: MetricGroup(commit: commit, metaSeed: 2, metrics: pair.candidate), host: nil)
    }

    // MARK: - Suites (Benjamini–Hochberg)

    struct SuiteResult: Sendable {
        var noise: NoiseModel
        var sizes: Sizes
        var suites: Int
        /// Suites with at least one false PROMOTE, per gate of `suiteGates`.
        var withFalsePromote: [Int]
    }

    static let suiteGates = [0, 2, 3]
    static let suiteSize = 50

    func suites(noise: NoiseModel, sizes: Sizes) -> SuiteResult {
        let perChunk = 100
        let chunks = (trials + perChunk - 1) / perChunk
        let threshold = threshold
        let trials = trials
        let results = Self.parallel(chunks, seed: seed ^ 0x5B17_E5) { job, random -> [Int] in
            let benchmarks = Self.suiteGates.map { StudiedGate.all[$0].benchmark(baseline: sizes.baseline, candidate: sizes.candidate, threshold: threshold) }
            var hits = Array(repeating: 0, count: benchmarks.count)
            for _ in 0..<min(perChunk, trials - job * perChunk) {
                let pairs = (0..<Self.suiteSize).map { _ in noise.pair(&random, nb: sizes.baseline, nc: sizes.candidate, improvement: 0) }
                for (g, benchmark) in benchmarks.enumerated() {
                    let adjusted = Gate.adjustForMultipleTesting(pairs.map { Self.judge(benchmark, $0) })
                    if adjusted.contains(where: { $0.kind == .promote }) { hits[g] += 1 }
                }
            }
            return hits
        }
        let totals = Self.suiteGates.indices.map { g in results.reduce(0) { $0 + $1[g] } }
        return SuiteResult(noise: noise, sizes: sizes, suites: trials, withFalsePromote: totals)
    }

    // MARK: - git bench ab

    struct InterleavedResult: Sendable {
        var noise: NoiseModel
        var perSide: Int
        var trials: Int
        var falsePromote: Int
        var falseFail: Int
        /// PROMOTEs for a true 5% improvement.
        var power: Int
    }

    static let interleavedSizes = [6, 10, 12, 20]

    /// A/A and 5%-improved pairs measured A B B A …: the noise model's repetition index is the time order, so drift
    /// hits both sides as it would on a real machine.
    func interleaved(noise: NoiseModel, perSide: Int) -> InterleavedResult {
        let chunks = (trials + Self.chunk - 1) / Self.chunk
        let threshold = threshold
        let trials = trials
        let results = Self.parallel(chunks, seed: seed ^ 0xAB0_0AB ^ UInt64(perSide)) { job, random -> (Int, Int, Int) in
            let benchmark = StudiedGate.all[0].benchmark(baseline: perSide, candidate: perSide, threshold: threshold)
            var counts = (0, 0, 0)
            for _ in 0..<min(Self.chunk, trials - job * Self.chunk) {
                for improvement in [0.0, 0.05] {
                    var a: [Double?] = []
                    var b: [Double?] = []
                    var time = 0
                    for index in 0..<perSide {
                        let first = Interleaved.measuresBaselineFirst(pair: index)
                        let x = noise.value(&random, index: time)
                        let y = noise.value(&random, index: time + 1)
                        time += 2
                        a.append(first ? x : y)
                        b.append((first ? y : x) * (1 - improvement))
                    }
                    let verdict = Gate.judgeInterleaved(project: "study", benchmark: benchmark,
                                                        baseline: InterleavedSide(commit: Self.commit, metaSeed: 1, values: a),
                                                        candidate: InterleavedSide(commit: Self.commit, metaSeed: 1, values: b), host: nil)
                    if improvement == 0 {
                        if verdict.kind == .promote { counts.0 += 1 }
                        if RegressionCheck.judge(verdict, commit: Self.commit, source: .computed).outcome == .fail { counts.1 += 1 }
                    } else if verdict.kind == .promote {
                        counts.2 += 1
                    }
                }
            }
            return counts
        }
        return InterleavedResult(noise: noise, perSide: perSide, trials: trials, falsePromote: results.reduce(0) { $0 + $1.0 },
                                 falseFail: results.reduce(0) { $0 + $1.1 }, power: results.reduce(0) { $0 + $1.2 })
    }

    // MARK: - run --until-decided

    struct SequentialResult: Sendable {
        var noise: NoiseModel
        var trials: Int
        /// PROMOTEs of the sequential procedure itself.
        var promotes: Int
        /// PROMOTEs when `evaluate` re-judged the final group at the fixed-sample threshold.
        var rejudgedPromotes: Int
        var meanRepetitions: Double
    }

    static let sequentialPlan = (baseline: 5, planned: 5, budget: 20)

    func sequential(noise: NoiseModel, improvement: Double = 0) -> SequentialResult {
        let chunks = (trials + Self.chunk - 1) / Self.chunk
        let threshold = threshold
        let trials = trials
        let plan = Self.sequentialPlan
        let results = Self.parallel(chunks, seed: seed ^ 0x5E0_0E57) { job, random -> (Int, Int, Int) in
            let benchmark = StudiedGate.all[0].benchmark(baseline: plan.baseline, candidate: plan.planned, threshold: threshold)
            let procedure = SequentialProcedure(planned: plan.planned, budget: plan.budget, baselineCount: plan.baseline, threshold: threshold)!
            var promotes = 0
            var rejudged = 0
            var repetitions = 0
            for _ in 0..<min(Self.chunk, trials - job * Self.chunk) {
                let baseline = (0..<plan.baseline).map { noise.value(&random, index: $0) }
                var candidate: [Double] = []
                let verdict = procedure.run(project: "study", benchmark: benchmark,
                                            baseline: MetricGroup(commit: Self.commit, metaSeed: 1, metrics: baseline), host: nil) { n in
                    while candidate.count < n { candidate.append(noise.value(&random, index: plan.baseline + candidate.count) * (1 - improvement)) }
                    return MetricGroup(commit: Self.commit, metaSeed: 2, metrics: candidate)
                }
                if verdict.kind == .promote { promotes += 1 }
                repetitions += candidate.count
                if Self.judge(benchmark, (baseline, candidate)).kind == .promote { rejudged += 1 }
            }
            return (promotes, rejudged, repetitions)
        }
        let promotes = results.reduce(0) { $0 + $1.0 }
        let rejudged = results.reduce(0) { $0 + $1.1 }
        let repetitions = results.reduce(0) { $0 + $1.2 }
        return SequentialResult(noise: noise, trials: trials, promotes: promotes, rejudgedPromotes: rejudged,
                                meanRepetitions: Double(repetitions) / Double(trials))
    }
}
