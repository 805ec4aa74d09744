import Foundation

/// One verdict line of a note, parsed back into its fields (see Notes/Notes.swift for the grammar).
///
/// The numbers are what the line shows, so they carry its rounding: `z=-2.70` reads back as -2.7. `line` keeps the
/// exact text, so rewriting a note never changes a line it did not mean to change.
public struct NoteLine: Sendable, Equatable, Codable {
    /// The project and benchmark the line is about (`<project>/<benchmark>:`).
    public var project: String
    public var benchmark: String
    /// The verdict and the gate that produced it.
    public var kind: Verdict.Kind
    public var gate: Verdict.GateKind
    /// Direction-signed statistic (`z=`): positive means the candidate improved.
    public var statistic: Double?
    /// The promotion threshold (`thr=`) and the benchmark's metric direction.
    public var threshold: Double?
    public var direction: MetricDirection?
    /// The baseline commit's abbreviation as written (`baseline=`), 10 hex digits.
    public var baselineSHA: String?
    /// The ok runs on each side (`n=<baseline>/<candidate>`).
    public var baselineCount: Int?
    public var candidateCount: Int?
    /// What `baselineValue` and `candidateValue` are: the mean (sigma gate) or the median (Mann–Whitney).
    public var basis: RelativeChange.Basis?
    /// The baseline's and the candidate's mean or median (`<before>-><after>`).
    public var baselineValue: Double?
    public var candidateValue: Double?
    /// Relative change of the candidate against the baseline, as a fraction (+0.0541 for `(+5.41%)`).
    public var change: Double?
    /// The lower and upper bound of `change`'s interval (`ci95=[lower,upper]`), as fractions.
    public var changeLower: Double?
    public var changeUpper: Double?
    /// The interval's confidence level as a fraction (0.95 for `ci95=`).
    public var confidence: Double?
    /// The benchmark's `min_effect`, as a fraction.
    public var minEffect: Double?
    /// The one-sided p-values of "improved" (`p=`) and "got worse" (`p_reg=`), and the Welch degrees of freedom
    /// (`df=`), four significant digits. A line without `p_reg=` (older, or `gate_compat = "benchstone"`) is checked
    /// by its z.
    public var pValue: Double?
    public var regressionPValue: Double?
    public var degreesOfFreedom: Double?
    /// The meta seed of the candidate group judged (`meta_seed=`): with `candidateCount`, which group the line is
    /// about, so `check` can tell when newer runs at the commit have made it stale.
    public var candidateMetaSeed: Int64?
    /// The writing host's store tip when the line was written (`tip=<runs>:<hash12>`, with `host=`): an anchor for the
    /// store outside it, which `verify --against-notes` checks on that host.
    public var storeTipCount: Int64?
    public var storeTipHash: String?
    public var host: String?
    /// How many candidate repetitions failed when failures decided a REJECT (`failed=`).
    public var failedRuns: Int?
    /// The abbreviated artifact hash of a correctness verdict (`artifact=`, 12 hex digits).
    public var artifactHash: String?
    /// The abbreviated reference hash of a correctness verdict (`reference=`).
    public var referenceHash: String?
    /// The git-bench version that wrote the line (`git-bench/<version>`).
    public var version: String?
    /// When the verdict was computed (`at=`), exactly as written.
    public var evaluatedAt: String?
    /// The line exactly as it appears in the note.
    public var line: String

    enum CodingKeys: String, CodingKey {
        case project, benchmark, kind, gate, statistic, threshold, direction
        case baselineSHA = "baseline_sha"
        case baselineCount = "baseline_n"
        case candidateCount = "candidate_n"
        case basis
        case baselineValue = "baseline_value"
        case candidateValue = "candidate_value"
        case change
        case changeLower = "change_lower"
        case changeUpper = "change_upper"
        case confidence
        case minEffect = "min_effect"
        case pValue = "p_value"
        case regressionPValue = "p_value_regression"
        case degreesOfFreedom = "df"
        case candidateMetaSeed = "candidate_meta_seed"
        case storeTipCount = "store_tip_count"
        case storeTipHash = "store_tip_hash"
        case host
        case failedRuns = "failed_runs"
        case artifactHash = "artifact"
        case referenceHash = "reference"
        case version
        case evaluatedAt = "evaluated_at"
        case line
    }

    /// `project/benchmark`: a note holds at most one line per key.
    public var key: String { "\(project)/\(benchmark)" }

    /// `evaluatedAt` as a date; `nil` when the line has no (readable) `at=`.
    public var evaluationDate: Date? { evaluatedAt.flatMap { Timestamp.date(from: $0) } }

    /// The line `evaluate` writes for `verdict`, built from the verdict's fields: each number is kept as the line
    /// shows it (`z=-2.70` is -2.7), so a line parsed back equals the one written.
    public init(verdict: Verdict, version: String, evaluatedAt: Date, storeTip: (count: Int64, hash: String)? = nil, host: String? = nil) {
        self.init(project: verdict.project, benchmark: verdict.benchmark, kind: verdict.kind, gate: verdict.gate, line: "")
        statistic = verdict.statistic.map { Self.written($0, digits: 2) }
        threshold = verdict.threshold.map { Self.written($0, digits: 2) }
        direction = verdict.direction
        baselineSHA = verdict.baseline?.commit?.short
        if verdict.gate != .correctness, let baseline = verdict.baseline, let candidate = verdict.candidate {
            baselineCount = baseline.n
            candidateCount = candidate.n
            let chosen = verdict.change?.basis ?? .mean
            if let before = chosen == .mean ? baseline.mean : baseline.median, let after = chosen == .mean ? candidate.mean : candidate.median {
                basis = chosen
                baselineValue = Self.written(before, digits: 4)
                candidateValue = Self.written(after, digits: 4)
                change = verdict.change.flatMap { Self.percent(Substring(Self.signedPercent($0.estimate))) }
            }
        }
        failedRuns = verdict.failedRuns
        if verdict.gate == .correctness, let candidateHash = verdict.candidateHash {
            artifactHash = Self.abbreviated(candidateHash)
            referenceHash = verdict.referenceHash.map(Self.abbreviated)
        }
        if let interval = verdict.change {
            confidence = Double(Self.level(interval.confidence)) / 100
            changeLower = Self.percent(Substring(Self.signedPercent(interval.lower)))
            changeUpper = Self.percent(Substring(Self.signedPercent(interval.upper)))
        }
        minEffect = verdict.minEffect.flatMap { Self.percent(Substring(Self.plainPercent($0))) }
        if verdict.gate != .correctness {
            pValue = verdict.pValue.map(Self.writtenProbability)
            regressionPValue = verdict.test == .benchstoneZ ? nil : verdict.regressionPValue.map(Self.writtenProbability)
            degreesOfFreedom = verdict.degreesOfFreedom.map(Self.writtenProbability)
        }
        candidateMetaSeed = verdict.gate == .correctness ? nil : verdict.candidate?.metaSeed
        storeTipCount = storeTip?.count
        storeTipHash = storeTip.map { String($0.hash.prefix(12)) }
        // A host name with a space would split the token; such a line simply carries no anchor.
        self.host = storeTip == nil ? nil : host.flatMap { $0.contains(" ") || $0.isEmpty ? nil : $0 }
        if self.host == nil { storeTipCount = nil; storeTipHash = nil }
        self.version = version
        self.evaluatedAt = Timestamp.string(evaluatedAt)
        line = summary + " " + noteTokens.joined(separator: " ")
    }

    /// The verdict part of the line, up to and including the correctness hashes: what `evaluate` prints.
    public var summary: String {
        var tokens = ["\(project)/\(benchmark):", kind.rawValue, gate.rawValue]
        if let statistic { tokens.append("z=" + Self.fixed(statistic, digits: 2)) }
        if let threshold { tokens.append("thr=" + Self.fixed(threshold, digits: 2)) }
        if let direction { tokens.append(direction.rawValue) }
        if let baselineSHA { tokens.append("baseline=\(baselineSHA)") }
        if let baselineCount, let candidateCount {
            tokens.append("n=\(baselineCount)/\(candidateCount)")
            if let basis, let baselineValue, let candidateValue {
                tokens.append("\(basis.rawValue) \(Self.fixed(baselineValue, digits: 4))->\(Self.fixed(candidateValue, digits: 4))")
                if let change { tokens.append("(\(Self.signedPercent(change)))") }
            }
        }
        if let failedRuns { tokens.append("failed=\(failedRuns)") }
        if let artifactHash { tokens.append("artifact=\(artifactHash)") }
        if let referenceHash { tokens.append("reference=\(referenceHash)") }
        return tokens.joined(separator: " ")
    }

    /// The tokens only a note carries: the interval, `min_effect`, the writer's version and the evaluation time.
    private var noteTokens: [String] {
        var tokens: [String] = []
        if let confidence, let changeLower, let changeUpper {
            tokens.append("ci\(Self.level(confidence))=[\(Self.signedPercent(changeLower)),\(Self.signedPercent(changeUpper))]")
        }
        if let minEffect { tokens.append("min_effect=" + Self.plainPercent(minEffect)) }
        if let pValue { tokens.append("p=" + Self.significant(pValue)) }
        if let regressionPValue { tokens.append("p_reg=" + Self.significant(regressionPValue)) }
        if let degreesOfFreedom { tokens.append("df=" + Self.significant(degreesOfFreedom)) }
        if let candidateMetaSeed { tokens.append("meta_seed=\(candidateMetaSeed)") }
        if let storeTipCount, let storeTipHash, let host { tokens.append("tip=\(storeTipCount):\(storeTipHash)"); tokens.append("host=\(host)") }
        if let version { tokens.append("git-bench/\(version)") }
        if let evaluatedAt { tokens.append("at=\(evaluatedAt)") }
        return tokens
    }

    /// True when this line would replace `noted` (a line for the same benchmark) with less: it says NEEDS_MORE_DATA
    /// where `noted` decided (PROMOTE, REJECT, PASS or FAIL), about no candidate group or about the same group. Right
    /// after a promote, say, the candidate group has become the baseline and `evaluate` finds no candidate: the
    /// decided line stays. A NEEDS_MORE_DATA about another group with runs (a newer one whose repetitions failed)
    /// still replaces it.
    public func isLessInformed(than noted: NoteLine) -> Bool {
        guard kind == .needsMoreData, [.promote, .reject, .pass, .fail].contains(noted.kind) else { return false }
        let judgedAGroup = (candidateCount ?? 0) > 0 && candidateMetaSeed != nil
        return !judgedAGroup || candidateMetaSeed == noted.candidateMetaSeed
    }

    /// The summary line of `verdict`, as a note would show it (`evaluate` prints this).
    public static func summary(of verdict: Verdict) -> String {
        NoteLine(verdict: verdict, version: "", evaluatedAt: Date(timeIntervalSince1970: 0)).summary
    }

    /// Parses one line of a note; `nil` when it is not a verdict line (it must start with
    /// `<project>/<benchmark>: <KIND> <gate>`, with a known verdict kind and gate).
    public init?(line: String) {
        let tokens = Self.tokens(of: line)
        guard tokens.count >= 3, tokens[0].utf8.last == UInt8(ascii: ":"),
              let slash = tokens[0].utf8.firstIndex(of: UInt8(ascii: "/"))
        else { return nil }
        let project = String(tokens[0][..<slash])
        let benchmark = String(tokens[0][tokens[0].index(after: slash)...].dropLast())
        guard !project.isEmpty, !benchmark.isEmpty, !benchmark.utf8.contains(UInt8(ascii: "/")),
              let kind = Verdict.Kind(rawValue: String(tokens[1])), let gate = Verdict.GateKind(rawValue: String(tokens[2]))
        else { return nil }
        self.init(project: project, benchmark: benchmark, kind: kind, gate: gate, line: line)
        readTokens(tokens.dropFirst(3))
    }

    private init(project: String, benchmark: String, kind: Verdict.Kind, gate: Verdict.GateKind, line: String) {
        self.project = project
        self.benchmark = benchmark
        self.kind = kind
        self.gate = gate
        self.line = line
    }

    /// The verdict as far as the line tells it, for deciding on it again (`RegressionCheck`). Group summaries
    /// carry the abbreviated SHA and counts; the interval's method is "note"; the reason quotes the line.
    public var verdict: Verdict {
        var baseline: GroupSummary?
        var candidate: GroupSummary?
        if let baselineSHA {
            let isMean = basis != .median
            baseline = GroupSummary(commit: nil, metaSeed: nil, n: baselineCount ?? 0, mean: isMean ? baselineValue : nil,
                                    median: isMean ? nil : baselineValue, stddev: nil)
            candidate = candidateCount.map {
                GroupSummary(commit: nil, metaSeed: nil, n: $0, mean: isMean ? candidateValue : nil, median: isMean ? nil : candidateValue,
                             stddev: nil)
            }
        }
        var relative: RelativeChange?
        if let change, let changeLower, let changeUpper {
            relative = RelativeChange(basis: basis ?? .mean, estimate: change, lower: changeLower, upper: changeUpper,
                                      confidence: confidence ?? Gate.intervalConfidence, method: "note")
        }
        var verdict = Verdict(project: project, benchmark: benchmark, kind: kind, gate: gate, statistic: statistic, threshold: threshold,
                              direction: direction, baseline: baseline, candidate: candidate, change: relative, minEffect: minEffect,
                              referenceHash: referenceHash, candidateHash: artifactHash, reason: "from the verdict note: \(line)")
        verdict.failedRuns = failedRuns
        verdict.pValue = pValue
        verdict.regressionPValue = regressionPValue
        verdict.degreesOfFreedom = degreesOfFreedom
        return verdict
    }

    // MARK: - Parsing
    //
    // Lines are split and searched byte by byte (`utf8`): the grammar is ASCII, and `notes log` parses a line per
    // commit over long histories, where Character-based splitting (grapheme breaking) dominated the run time.

    private static func tokens(of line: String) -> [Substring] {
        var tokens: [Substring] = []
        let bytes = line.utf8
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: " ") {
                if start < index { tokens.append(line[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start < bytes.endIndex { tokens.append(line[start...]) }
        return tokens
    }

    private mutating func readTokens(_ tokens: ArraySlice<Substring>) {
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            index += 1
            if let equals = token.utf8.firstIndex(of: UInt8(ascii: "=")) {
                readKeyValue(token[..<equals], token[token.index(after: equals)...])
            } else if Self.matches(token, "minimize") || Self.matches(token, "maximize") {
                direction = MetricDirection(rawValue: String(token))
            } else if Self.matches(token, "mean") || Self.matches(token, "median") {
                // `mean 1.0005->1.0547 (+5.41%)`: the values and the change follow as their own tokens.
                basis = RelativeChange.Basis(rawValue: String(token))
                if index < tokens.endIndex, let values = Self.arrowPair(tokens[index]) {
                    (baselineValue, candidateValue) = values
                    index += 1
                    if index < tokens.endIndex, tokens[index].utf8.first == UInt8(ascii: "("), tokens[index].utf8.last == UInt8(ascii: ")") {
                        change = Self.percent(tokens[index].dropFirst().dropLast())
                        index += 1
                    }
                }
            } else if token.utf8.starts(with: "git-bench/".utf8) {
                version = String(token.dropFirst("git-bench/".count))
            }
        }
    }

    private mutating func readKeyValue(_ key: Substring, _ value: Substring) {
        if Self.matches(key, "z") {
            statistic = Double(value)
        } else if Self.matches(key, "thr") {
            threshold = Double(value)
        } else if Self.matches(key, "baseline") {
            baselineSHA = String(value)
        } else if Self.matches(key, "n") {
            guard let slash = value.utf8.firstIndex(of: UInt8(ascii: "/")) else { return }
            baselineCount = Int(value[..<slash])
            candidateCount = Int(value[value.index(after: slash)...])
        } else if Self.matches(key, "artifact") {
            artifactHash = String(value)
        } else if Self.matches(key, "reference") {
            referenceHash = String(value)
        } else if Self.matches(key, "min_effect") {
            minEffect = Self.percent(value)
        } else if Self.matches(key, "tip") {
            guard let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")) else { return }
            storeTipCount = Int64(value[..<colon])
            storeTipHash = String(value[value.index(after: colon)...])
        } else if Self.matches(key, "host") {
            host = String(value)
        } else if Self.matches(key, "p") {
            pValue = Double(value)
        } else if Self.matches(key, "p_reg") {
            regressionPValue = Double(value)
        } else if Self.matches(key, "df") {
            degreesOfFreedom = Double(value)
        } else if Self.matches(key, "failed") {
            failedRuns = Int(value)
        } else if Self.matches(key, "meta_seed") {
            candidateMetaSeed = Int64(value)
        } else if Self.matches(key, "at") {
            evaluatedAt = String(value)
        } else {
            // `ci95=[+3.20%,+7.60%]`: the confidence level is part of the key.
            guard key.utf8.starts(with: "ci".utf8), let level = Double(key.dropFirst(2)),
                  value.utf8.first == UInt8(ascii: "["), value.utf8.last == UInt8(ascii: "]")
            else { return }
            let bounds = value.dropFirst().dropLast()
            guard let comma = bounds.utf8.firstIndex(of: UInt8(ascii: ",")),
                  let lower = Self.percent(bounds[..<comma]), let upper = Self.percent(bounds[bounds.index(after: comma)...])
            else { return }
            confidence = level / 100
            changeLower = lower
            changeUpper = upper
        }
    }

    /// Byte equality with an ASCII literal (String `==` would normalize Unicode first).
    private static func matches(_ token: Substring, _ literal: StaticString) -> Bool {
        literal.withUTF8Buffer { token.utf8.elementsEqual($0) }
    }

    /// `1.0005->1.0547`; numbers as `fixed` writes them, including `inf` and `-inf`.
    private static func arrowPair(_ token: Substring) -> (Double, Double)? {
        let bytes = token.utf8
        guard let arrow = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: "-") && $0 > bytes.startIndex
                  && bytes.index(after: $0) < bytes.endIndex && bytes[bytes.index(after: $0)] == UInt8(ascii: ">") }),
              let before = Double(token[..<arrow]), let after = Double(token[bytes.index(arrow, offsetBy: 2)...])
        else { return nil }
        return (before, after)
    }

    /// `+5.41%` as 0.0541; `+inf%` as infinity.
    private static func percent(_ text: Substring) -> Double? {
        guard text.utf8.last == UInt8(ascii: "%"), let value = Double(text.dropLast()) else { return nil }
        // Round away the binary noise of dividing by 100 (17.01 / 100 = 0.17010000000000003): the line has at most
        // a few decimals, far fewer than ten.
        return (value / 100 * 1e10).rounded() / 1e10
    }

    /// `min_effect`'s percentage with up to six significant digits and no sign: 0.02 → `2%`, 0.005 → `0.5%`.
    private static func plainPercent(_ fraction: Double) -> String {
        String(format: "%.6g%%", fraction * 100)
    }

    // MARK: - Writing
    //
    // The grammar's number formats. Infinite values (a z between two constant samples) are written `inf`/`-inf`.

    /// `value` with `digits` decimals: `-2.70`.
    private static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.\(digits)f", value)
    }

    /// A fraction as a signed percentage with two decimals: 0.0541 → `+5.41%`.
    private static func signedPercent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return fraction > 0 ? "+inf%" : "-inf%" }
        return String(format: "%+.2f%%", fraction * 100)
    }

    /// A p-value or degrees of freedom with four significant digits: `0.01532`, `1.2e-07`, `7.61`.
    private static func significant(_ value: Double) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.4g", value)
    }

    /// `value` as `significant` shows it.
    private static func writtenProbability(_ value: Double) -> Double {
        Double(significant(value)) ?? value
    }

    /// `value` as `fixed(value, digits:)` shows it.
    private static func written(_ value: Double, digits: Int) -> Double {
        Double(fixed(value, digits: digits)) ?? value
    }

    /// A confidence level in whole percent: 0.95 → 95.
    private static func level(_ confidence: Double) -> Int {
        Int((confidence * 100).rounded())
    }

    /// The first 12 hex digits of a `sha256:<hex>` hash.
    private static func abbreviated(_ hash: String) -> String {
        String(hash.dropFirst(hash.hasPrefix(ContentDigest.prefix) ? ContentDigest.prefix.count : 0).prefix(12))
    }
}
