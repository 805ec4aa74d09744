import Foundation
import GitBenchKit

/// `git-bench-calibration [--trials N] [--seed S]`: the calibration study of BENCHMARKS.md, printed as Markdown.
/// scripts/calibration-study builds it in release mode and writes its output into BENCHMARKS.md.
@main
struct CalibrationStudy {
    static func main() {
        var trials = 20_000
        var seed: UInt64 = 0x6769_742d_6265_6e63
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--trials": trials = arguments.popFirst().flatMap(Int.init) ?? -1
            case "--seed": seed = arguments.popFirst().flatMap { UInt64($0) } ?? 0
            default: trials = -1
            }
            guard trials > 0 else {
                FileHandle.standardError.write(Data("usage: git-bench-calibration [--trials N] [--seed S]\n".utf8))
                exit(64)
            }
        }
        let study = Study(trials: trials, seed: seed)
        let started = Date()
        let cells = study.fixedSampleCells()
        let suiteNoise: [NoiseModel] = [.normal2, .normal10, .lognormal, .bimodal]
        let suites = suiteNoise.map { study.suites(noise: $0, sizes: Sizes(baseline: 5, candidate: 5)) }
        let sequential = suiteNoise.map { study.sequential(noise: $0) }
        let interleaved = NoiseModel.allCases.flatMap { noise in Study.interleavedSizes.map { study.interleaved(noise: noise, perSide: $0) } }
        let report = Report(study: study, cells: cells, suites: suites, sequential: sequential, interleaved: interleaved,
                            seconds: Date().timeIntervalSince(started))
        print(report.markdown, terminator: "")
        if !report.goalsHold { exit(1) }
    }
}

/// The study's tables and its goals, as Markdown.
struct Report {
    let study: Study
    let cells: [Study.Cell]
    let suites: [Study.SuiteResult]
    let sequential: [Study.SequentialResult]
    let interleaved: [Study.InterleavedResult]
    let seconds: Double

    var alpha: Double { study.alpha }

    func cell(_ noise: NoiseModel, _ sizes: Sizes) -> Study.Cell {
        cells.first { $0.noise == noise && $0.sizes.description == sizes.description }!
    }

    func percent(_ count: Int, of total: Int) -> String { String(format: "%.2f%%", 100 * Double(count) / Double(total)) }

    var markdown: String {
        var out = ""
        let header = "| noise | gate | " + Sizes.all.map(\.description).joined(separator: " | ") + " |\n"
            + "|---|---|" + String(repeating: "---|", count: Sizes.all.count) + "\n"
        out += "Seed \(study.seed), \(study.trials) trials per cell, threshold \(study.threshold) (one-sided α = "
            + String(format: "%.3f%%", alpha * 100) + "); Monte Carlo standard error at α ≈ "
            + String(format: "%.2f", 100 * (alpha * (1 - alpha) / Double(study.trials)).squareRoot()) + " pp. "
            + String(format: "Computed in %.0f s.\n\n", seconds)

        out += "#### A/A false PROMOTE (`evaluate`)\n\n" + header
        for noise in NoiseModel.allCases {
            for (g, gate) in StudiedGate.all.enumerated() {
                out += "| \(noise.rawValue) | \(gate.name) | "
                    + Sizes.all.map { percent(cell(noise, $0).gates[g].falsePromote, of: study.trials) }.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n#### A/A false FAIL (`check`, two-sided)\n\n" + header
        for noise in NoiseModel.allCases {
            for (g, gate) in StudiedGate.all.enumerated() {
                out += "| \(noise.rawValue) | \(gate.name) | "
                    + Sizes.all.map { percent(cell(noise, $0).gates[g].falseFail, of: study.trials) }.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n#### Power: PROMOTE rate for a true improvement\n\n"
            + "| noise | gate | improvement | " + Sizes.all.map(\.description).joined(separator: " | ") + " |\n"
            + "|---|---|---|" + String(repeating: "---|", count: Sizes.all.count) + "\n"
        for noise in NoiseModel.allCases where noise != .drift {
            for (g, gate) in StudiedGate.all.enumerated() where g != 4 {
                for (s, improvement) in Study.improvements.enumerated() {
                    out += "| \(noise.rawValue) | \(gate.name) | \(Int(improvement * 100))% | "
                        + Sizes.all.map { percent(cell(noise, $0).gates[g].promotes[s], of: study.trials) }.joined(separator: " | ") + " |\n"
                }
            }
        }
        out += "\n#### Interval coverage in A/A trials (the level each interval claims in parentheses)\n\n" + header
        for noise in NoiseModel.allCases where noise != .drift {
            for (g, gate) in StudiedGate.all.enumerated() where g < 3 {
                out += "| \(noise.rawValue) | \(gate.name) | " + Sizes.all.map {
                    let counts = cell(noise, $0).gates[g]
                    return percent(counts.covered, of: study.trials) + String(format: " (%.0f)", counts.claimedLevel * 100)
                }.joined(separator: " | ") + " |\n"
            }
        }
        out += "\n#### `evaluate --adjust` over \(Study.suiteSize) unchanged benchmarks (Benjamini–Hochberg): suites with ≥ 1 false PROMOTE\n\n"
            + "| noise | sizes | suites | sigma (default) | Welch t | benchstone sigma (z ≥ T) |\n|---|---|---|---|---|---|\n"
        for suite in suites {
            out += "| \(suite.noise.rawValue) | \(suite.sizes) | \(suite.suites) | " + suite.withFalsePromote.map { percent($0, of: suite.suites) }
                .joined(separator: " | ") + " |\n"
        }
        let plan = Study.sequentialPlan
        out += "\n#### `run --until-decided` in A/A trials (baseline \(plan.baseline), planned \(plan.planned), budget \(plan.budget), sigma gate)\n\n"
            + "| noise | false PROMOTE (the run's verdict, which `evaluate` replays) | false PROMOTE had the final group been judged as fixed-n | mean candidate repetitions |\n|---|---|---|---|\n"
        for result in sequential {
            out += "| \(result.noise.rawValue) | \(percent(result.promotes, of: result.trials)) | \(percent(result.rejudgedPromotes, of: result.trials)) | "
                + String(format: "%.1f", result.meanRepetitions) + " |\n"
        }
        out += "\n#### `git bench ab` (A B B A …, same seed per pair; sign-flip test of the block contrasts, paired t below 6 blocks)\n\n"
            + "| noise | repetitions a side | A/A false PROMOTE | A/A false FAIL (`check`) | PROMOTE for a 5% improvement |\n|---|---|---|---|---|\n"
        for result in interleaved {
            out += "| \(result.noise.rawValue) | \(result.perSide) | \(percent(result.falsePromote, of: result.trials)) | "
                + "\(percent(result.falseFail, of: result.trials)) | \(percent(result.power, of: result.trials)) |\n"
        }
        out += "\n#### Goals\n\n" + goals.map { "- \($0.holds ? "✔" : "✘") \($0.text)" }.joined(separator: "\n") + "\n"
        return out
    }

    var goalsHold: Bool { goals.allSatisfy(\.holds) }

    var goals: [(holds: Bool, text: String)] {
        let tolerance = 0.005
        let stable = NoiseModel.allCases.filter { $0 != .drift }
        let large = Sizes.all.filter { min($0.baseline, $0.candidate) >= 5 }
        let small = Sizes.all.filter { min($0.baseline, $0.candidate) < 5 }
        func rate(_ count: Int) -> Double { Double(count) / Double(study.trials) }
        var list: [(Bool, String)] = []
        for (name, keyPath) in [("false PROMOTE", \GateCounts.falsePromote), ("false FAIL", \GateCounts.falseFail)] {
            let worstLarge = stable.flatMap { noise in large.map { abs(rate(cell(noise, $0).gates[0][keyPath: keyPath]) - alpha) } }.max() ?? 0
            list.append((worstLarge <= tolerance, String(format: "default gate, %@, every noise model but drift, min side ≥ 5: within ±0.5 pp of α (largest deviation %.2f pp)", name, worstLarge * 100)))
            let worstSmall = stable.flatMap { noise in small.map { rate(cell(noise, $0).gates[0][keyPath: keyPath]) } }.max() ?? 0
            list.append((worstSmall <= alpha, String(format: "default gate, %@, every noise model but drift, a side of 3: at most α (largest %.2f%%)", name, worstSmall * 100)))
        }
        let worstSuite = suites.map { Double($0.withFalsePromote[0]) / Double($0.suites) }.max() ?? 0
        list.append((worstSuite <= alpha, String(format: "Benjamini–Hochberg, 50 unchanged benchmarks: P(≥ 1 false PROMOTE) ≤ α (largest %.2f%%)", worstSuite * 100)))
        var coverageHolds = true
        var coverageRange = (low: 1.0, high: 0.0)
        for noise in stable {
            for sizes in Sizes.all {
                for g in 0..<2 {
                    let counts = cell(noise, sizes).gates[g]
                    let coverage = rate(counts.covered)
                    guard counts.claimedLevel >= 0.95 else {
                        // A level below the requested one is claimed only when it is the most the sizes allow; it must be met.
                        if coverage < counts.claimedLevel - tolerance { coverageHolds = false }
                        continue
                    }
                    coverageRange = (min(coverageRange.low, coverage), max(coverageRange.high, coverage))
                    if coverage < 0.93 || coverage > 0.97 { coverageHolds = false }
                }
            }
        }
        list.append((coverageHolds, String(format: "interval coverage 93–97%% wherever 95%% is claimed (range %.2f–%.2f%%), and at least the level claimed elsewhere", coverageRange.low * 100, coverageRange.high * 100)))
        let power = rate(cell(.normal2, Sizes(baseline: 10, candidate: 10)).gates[0].promotes[1])
        list.append((power >= 0.95, String(format: "power for a 5%% improvement at CV 2%%, 10v10, default gate ≥ 95%% (%.2f%%)", power * 100)))
        let drifting = interleaved.filter { $0.noise == .drift && ($0.perSide == 10 || $0.perSide == 20) }
        let worstDrift = drifting.flatMap { [rate($0.falsePromote), rate($0.falseFail)] }.map { abs($0 - alpha) }.max() ?? 1
        list.append((worstDrift <= tolerance, String(format: "`ab` under drift, 10 and 20 a side: false PROMOTE and false FAIL within ±0.5 pp of α (largest deviation %.2f pp)", worstDrift * 100)))
        let worstSequential = sequential.map { Double($0.promotes) / Double($0.trials) }.max() ?? 0
        list.append((worstSequential <= alpha, String(format: "`--until-decided` false PROMOTE ≤ α (largest %.2f%%)", worstSequential * 100)))
        return list
    }
}
