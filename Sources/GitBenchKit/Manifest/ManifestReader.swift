import Foundation

/// A key path as it appears in messages (`display`) and as the parsed document knows it (`source`).
/// They differ for benchmarks: messages use the benchmark's name, the file only knows its position.
struct Location {
    var display: String
    var source: [TOMLTable.PathComponent]

    static let root = Location(display: "", source: [])

    func child(_ key: String) -> Location {
        Location(display: display.isEmpty ? key : "\(display).\(key)", source: source + [.key(key)])
    }

    func element(_ index: Int) -> Location {
        Location(display: "\(display)[\(index)]", source: source + [.index(index)])
    }
}

/// Reads a parsed TOML table into the manifest model, one table at a time, collecting warnings and throwing the
/// first `ManifestError.invalid`. Its typed value readers, checks and messages are in ManifestReader+Values.swift.
struct ManifestReader {
    let file: String
    /// The whole document, for the line of any key path.
    let document: TOMLTable
    var warnings: [String] = []

    static let topLevelKeys: Set<String> = ["project", "benchmarks", "release"]
    static let projectKeys: Set<String> = ["name", "language", "invocation", "tracked_paths", "gate_compat"]
    static let releaseKeys: Set<String> = ["packages"]
    static let benchmarkKeys: Set<String> = [
        "name", "entry_point", "tier", "deterministic", "metric_direction", "expected_runtime_seconds", "threads",
        "gpu", "background_required", "repetitions", "baseline_seeds", "promotion_sigma", "promotion_z",
        "gate_policy", "corpus_path", "corpus_hash", "corpus_type", "reference_policy",
        // git-bench extensions
        "timeout_seconds", "min_effect", "paths", "hooks", "fail_fast", "gate_compat", "unit",
    ]
    static let placeholders = ["entry_point", "config_path", "output_path"]

    init(file: String, document: TOMLTable) {
        self.file = file
        self.document = document
    }

    mutating func read() throws(ManifestError) -> (ProjectSpec, [Benchmark], ReleaseSpec?) {
        let root = document
        warnUnknownKeys(in: root, known: Self.topLevelKeys, at: .root, scope: "at top level")
        let project = try readProject(root)
        let benchmarks = try readBenchmarks(root, project: project)
        let release = try readRelease(root)
        return (project, benchmarks, release)
    }

    // MARK: Tables

    private mutating func readProject(_ root: TOMLTable) throws(ManifestError) -> ProjectSpec {
        let at = Location.root.child("project")
        guard let value = root["project"] else {
            throw invalid(at, "missing required table [project]")
        }
        guard let table = value.table else {
            throw invalid(at, "expected a table (got \(typed(value)))")
        }
        let name = try require(string(table, "name", at), "name", at)
        if let problem = Name.problem(with: name) {
            throw invalid(at.child("name"), "\(problem) (got \(quoted(name)))")
        }
        let language = try require(string(table, "language", at), "language", at)
        let invocation = try require(string(table, "invocation", at), "invocation", at)
        if invocation.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw invalid(at.child("invocation"), "must not be empty")
        }
        if let quoted = Self.quotedPlaceholder(in: invocation) {
            throw invalid(
                at.child("invocation"),
                "placeholder {\(quoted)} is inside quotes; leave it bare (git-bench shell-quotes every value it substitutes)")
        }
        if let unknown = Self.unknownPlaceholder(in: invocation) {
            let expected = Self.placeholders.map { "{\($0)}" }
            throw invalid(
                at.child("invocation"),
                "unknown placeholder {\(unknown)} (expected \(expected[0]), \(expected[1]) or \(expected[2]))")
        }
        let trackedPaths = try strings(table, "tracked_paths", at) ?? ProjectSpec.defaultTrackedPaths
        if trackedPaths.isEmpty {
            throw invalid(at.child("tracked_paths"), "must list at least one path (default: [\"bench/\"])")
        }
        for (index, path) in trackedPaths.enumerated() {
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                throw invalid(at.child("tracked_paths").element(index), "must be a path inside the project, relative to its root (got \(quoted(path)))")
            }
        }
        let gateCompat = try choice(table, "gate_compat", at, as: GateCompat.self) ?? .calibrated
        warnUnknownKeys(in: table, known: Self.projectKeys, at: at, scope: "in [project]")
        return ProjectSpec(name: name, language: language, invocation: invocation, trackedPaths: trackedPaths, gateCompat: gateCompat)
    }

    private mutating func readBenchmarks(_ root: TOMLTable, project: ProjectSpec) throws(ManifestError) -> [Benchmark] {
        let at = Location.root.child("benchmarks")
        guard let value = root["benchmarks"] else {
            throw invalid(at, "missing required array of tables [[benchmarks]]")
        }
        guard let array = value.array else {
            throw invalid(at, "expected an array of tables [[benchmarks]] (got \(typed(value)))")
        }
        if array.isEmpty {
            throw invalid(at, "at least one benchmark is required")
        }
        var benchmarks: [Benchmark] = []
        var firstIndex: [String: Int] = [:]
        for index in 0..<array.count {
            let element = array[index]
            let byIndex = at.element(index)
            guard let table = element.table else {
                throw invalid(byIndex, "expected a table (got \(typed(element)))")
            }
            let benchmark = try readBenchmark(table, at: byIndex, firstIndex: firstIndex, project: project)
            firstIndex[benchmark.name] = index
            benchmarks.append(benchmark)
        }
        return benchmarks
    }

    private mutating func readBenchmark(
        _ table: TOMLTable, at byIndex: Location, firstIndex: [String: Int], project: ProjectSpec
    ) throws(ManifestError) -> Benchmark {
        // The name is read against the index; once it is known to be valid and unique, messages use it instead.
        let name = try require(string(table, "name", byIndex), "name", byIndex)
        if let problem = Name.problem(with: name) {
            throw invalid(byIndex.child("name"), "\(problem) (got \(quoted(name)))")
        }
        if let first = firstIndex[name] {
            let firstAt = Location.root.child("benchmarks").element(first)
            let firstLine = document.line(at: firstAt.child("name").source).map { ", line \($0)" } ?? ""
            throw invalid(
                byIndex.child("name"),
                "duplicate benchmark name \(quoted(name)) (first used by \(firstAt.display)\(firstLine))")
        }
        let at = Location(display: "benchmarks[\(name)]", source: byIndex.source)

        let entryPoint = try require(string(table, "entry_point", at), "entry_point", at)
        if entryPoint.isEmpty {
            throw invalid(at.child("entry_point"), "must not be empty")
        }
        let tier = try require(choice(table, "tier", at, as: Tier.self), "tier", at)
        let deterministic = try bool(table, "deterministic", at)
        let metricDirection = try choice(table, "metric_direction", at, as: MetricDirection.self)
        let expectedRuntime = try integer(table, "expected_runtime_seconds", at, atLeast: 0)
        let threads = try integer(table, "threads", at, atLeast: 1) ?? 1
        let gpu = try choice(table, "gpu", at, as: GPUMode.self) ?? .none
        let backgroundRequired = try bool(table, "background_required", at) ?? false
        let repetitions = try integer(table, "repetitions", at, atLeast: 1, atMost: Benchmark.maximumRepetitions) ?? 1
        let baselineSeeds = try seeds(table, "baseline_seeds", at) ?? []
        let promotionSigma = try number(table, "promotion_sigma", at)
        let promotionZ = try number(table, "promotion_z", at)
        let gatePolicy = try choice(table, "gate_policy", at, as: GatePolicy.self) ?? .sigma
        let corpusPath = try string(table, "corpus_path", at)
        let corpusHash = try string(table, "corpus_hash", at)
        if let corpusHash, !Self.isSHA256Digest(corpusHash) {
            throw invalid(
                at.child("corpus_hash"),
                "expected \"sha256:\" followed by 64 lowercase hex digits (got \(quoted(corpusHash)))")
        }
        var corpusType = try choice(table, "corpus_type", at, as: CorpusType.self)
        let referencePolicy = try string(table, "reference_policy", at)
        let timeoutSeconds = try number(table, "timeout_seconds", at)
        if let timeoutSeconds, timeoutSeconds <= 0 {
            throw invalid(at.child("timeout_seconds"), "must be greater than 0 (got \(timeoutSeconds))")
        }
        let minEffect = try number(table, "min_effect", at)
        if let minEffect, !(0..<1).contains(minEffect) {
            throw invalid(at.child("min_effect"), "must be at least 0 and less than 1 (got \(minEffect))")
        }
        let paths = try strings(table, "paths", at) ?? []
        let hooks = try hookNames(table, "hooks", at) ?? []
        let failFast = try integer(table, "fail_fast", at, atLeast: 0) ?? Benchmark.defaultFailFast
        let gateCompat = try choice(table, "gate_compat", at, as: GateCompat.self) ?? project.gateCompat
        let unit = try string(table, "unit", at)
        if let unit, unit.isEmpty || unit.count > 16 || unit.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw invalid(at.child("unit"), "expected a short label such as \"s\" or \"MB/s\" (1 to 16 printable characters, got \(quoted(unit)))")
        }

        if tier != .correctness {
            if metricDirection == nil {
                throw invalid(
                    at.child("metric_direction"),
                    "missing; required for \(tier.rawValue) benchmarks (one of \(Self.choices(MetricDirection.self)))")
            }
            if promotionSigma == nil {
                throw invalid(at.child("promotion_sigma"), "missing; required for \(tier.rawValue) benchmarks")
            }
        }

        warnUnknownKeys(in: table, known: Self.benchmarkKeys, at: at, scope: "in \(at.display)")
        if corpusHash != nil, corpusType == nil {
            // benchstone's default: a bare corpus_hash fingerprints one file's bytes.
            corpusType = .bytes
            warn(at.child("corpus_hash"), "no corpus_type given; assuming \"bytes\"")
        }
        if tier != .correctness {
            if repetitions < 2 {
                warn(
                    at.child("repetitions"),
                    "\(repetitions) is below the gate's floor of 2; "
                        + "the gate returns NEEDS_MORE_DATA with fewer than 2 candidate runs")
            }
            if baselineSeeds.count < 2 {
                let seeds = baselineSeeds.count == 1 ? "1 seed" : "\(baselineSeeds.count) seeds"
                warn(
                    at.child("baseline_seeds"),
                    "\(seeds) is below the gate's floor of 2; "
                        + "the gate returns NEEDS_MORE_DATA with fewer than 2 baseline runs")
            }
            if gatePolicy == .mannWhitney, promotionZ == nil {
                warn(
                    at.child("gate_policy"),
                    "mann_whitney without promotion_z; promotion_sigma is used as the z threshold")
            }
        }

        return Benchmark(
            name: name, entryPoint: entryPoint, tier: tier, deterministic: deterministic,
            metricDirection: metricDirection, expectedRuntimeSeconds: expectedRuntime, threads: threads, gpu: gpu,
            backgroundRequired: backgroundRequired, repetitions: repetitions, baselineSeeds: baselineSeeds,
            promotionSigma: promotionSigma, promotionZ: promotionZ, gatePolicy: gatePolicy,
            corpusPath: corpusPath, corpusHash: corpusHash, corpusType: corpusType, referencePolicy: referencePolicy,
            timeoutSeconds: timeoutSeconds, minEffect: minEffect, paths: paths, hooks: hooks, failFast: failFast, gateCompat: gateCompat, unit: unit)
    }

    private mutating func readRelease(_ root: TOMLTable) throws(ManifestError) -> ReleaseSpec? {
        let at = Location.root.child("release")
        guard let value = root["release"] else { return nil }
        guard let table = value.table else {
            throw invalid(at, "expected a table (got \(typed(value)))")
        }
        let packages = try require(strings(table, "packages", at), "packages", at)
        warnUnknownKeys(in: table, known: Self.releaseKeys, at: at, scope: "in [release]")
        return ReleaseSpec(packages: packages)
    }
}
