import Foundation
import Testing

@testable import GitBenchKit

/// benchstone's `tests/fixtures/fake_project/bench/manifest.toml`, byte for byte (with its trailing newline).
private let benchstoneFixture = """
    [project]
    name = "FakeProject"
    language = "python"
    invocation = "python3 bench/benchmarks.py --entry={entry_point} --config={config_path} --output={output_path}"

    [[benchmarks]]
    name = "fake_quality"
    entry_point = "fake_quality"
    tier = "quality"
    deterministic = false
    metric_direction = "minimize"
    expected_runtime_seconds = 2
    threads = 1
    gpu = "none"
    background_required = false
    repetitions = 3
    baseline_seeds = [1, 2, 3]
    promotion_sigma = 2.0
    corpus_path = "bench/corpus/fake"
    corpus_hash = "sha256:0000000000000000000000000000000000000000000000000000000000000000"

    [[benchmarks]]
    name = "fake_correctness"
    entry_point = "fake_correctness"
    tier = "correctness"
    deterministic = true
    threads = 1
    gpu = "none"
    background_required = false
    reference_policy = "byte_equivalence"

    """

/// `sha256sum` of `benchstoneFixture` written to a file.
private let benchstoneFixtureHash = "sha256:138902e32e3cd485fdf93c1a3ae7e059244fd7aa177f0815be8888596f3e8b6f"

/// A valid `[project]` table (lines 1-4, ending in a newline) that tests put in front of their benchmarks,
/// so the first `[[benchmarks]]` after a blank line is on line 6.
private let project = """
    [project]
    name = "demo"
    language = "swift"
    invocation = "swift run bench {entry_point} {config_path} {output_path}"

    """

private func parse(_ toml: String) throws(ManifestError) -> Manifest {
    try ManifestLoader.parse(Data(toml.utf8), file: "bench/manifest.toml")
}

/// The full message of the error `toml` is rejected with, or a note that it was accepted.
private func failure(_ toml: String) -> String {
    do {
        let manifest = try parse(toml)
        return "accepted with \(manifest.benchmarks.count) benchmark(s)"
    } catch {
        return error.description
    }
}

@Suite struct ManifestLoaderTests {
    // MARK: Accepted manifests

    @Test func benchstoneFixtureLoadsUnchangedWithItsDefaults() throws {
        let manifest = try parse(benchstoneFixture)
        let expected = Manifest(
            project: ProjectSpec(
                name: "FakeProject", language: "python",
                invocation:
                    "python3 bench/benchmarks.py --entry={entry_point} --config={config_path} --output={output_path}"),
            benchmarks: [
                Benchmark(
                    name: "fake_quality", entryPoint: "fake_quality", tier: .quality, deterministic: false,
                    metricDirection: .minimize, expectedRuntimeSeconds: 2, threads: 1, gpu: .none,
                    backgroundRequired: false, repetitions: 3, baselineSeeds: [1, 2, 3], promotionSigma: 2.0,
                    promotionZ: nil, gatePolicy: .sigma, corpusPath: "bench/corpus/fake",
                    corpusHash: "sha256:0000000000000000000000000000000000000000000000000000000000000000",
                    corpusType: .bytes, referencePolicy: nil),
                Benchmark(
                    name: "fake_correctness", entryPoint: "fake_correctness", tier: .correctness,
                    deterministic: true, metricDirection: nil, expectedRuntimeSeconds: nil, threads: 1, gpu: .none,
                    backgroundRequired: false, repetitions: 1, baselineSeeds: [], promotionSigma: nil,
                    gatePolicy: .sigma, referencePolicy: "byte_equivalence"),
            ],
            release: nil,
            contentHash: benchstoneFixtureHash,
            warnings: [
                #"bench/manifest.toml:20: benchmarks[fake_quality].corpus_hash: no corpus_type given; assuming "bytes""#
            ])
        #expect(manifest == expected)
        #expect(manifest.benchmark(named: "fake_correctness")?.deterministic == true)
        #expect(manifest.benchmark(named: "fake_correctness")?.repetitions == 1)
    }

    @Test func loadReadsBenchManifestUnderTheProjectRoot() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("git-bench-manifest-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let bench = root.appendingPathComponent("bench", isDirectory: true)
        try FileManager.default.createDirectory(at: bench, withIntermediateDirectories: true)
        try Data(benchstoneFixture.utf8).write(to: bench.appendingPathComponent("manifest.toml"))

        let manifest = try ManifestLoader.load(projectRoot: root)

        #expect(manifest.contentHash == benchstoneFixtureHash)
        #expect(manifest.benchmarks.map(\.name) == ["fake_quality", "fake_correctness"])
    }

    @Test func loadWithoutAManifestThrowsMissingWithTheFullPath() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("git-bench-manifest-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("bench/manifest.toml").path

        let error = #expect(throws: ManifestError.self) { try ManifestLoader.load(projectRoot: root) }

        #expect(error == .missing(path: path))
        #expect(error?.description == "could not read manifest \(path): no such file")
    }

    @Test func extensionsAndTheReleaseTableParse() throws {
        let manifest = try parse(
            project + """

                [[benchmarks]]
                name = "parse_speed"
                entry_point = "parse"
                tier = "performance"
                metric_direction = "minimize"
                repetitions = 5
                baseline_seeds = [11, 12, 13]
                promotion_sigma = 2
                promotion_z = 1.96
                gate_policy = "mann_whitney"
                corpus_hash = "sha256:\(String(repeating: "ab", count: 32))"
                corpus_type = "dir"
                timeout_seconds = 30
                min_effect = 0.02
                paths = ["Sources/Parser/**", "bench/corpus/*.json"]
                hooks = ["post-commit", "pre-push"]

                [release]
                packages = ["demo-cli", "demo-core"]
                """)

        #expect(
            manifest.benchmarks == [
                Benchmark(
                    name: "parse_speed", entryPoint: "parse", tier: .performance, deterministic: false,
                    metricDirection: .minimize, repetitions: 5, baselineSeeds: [11, 12, 13], promotionSigma: 2.0,
                    promotionZ: 1.96, gatePolicy: .mannWhitney,
                    corpusHash: "sha256:" + String(repeating: "ab", count: 32), corpusType: .dir,
                    timeoutSeconds: 30.0, minEffect: 0.02, paths: ["Sources/Parser/**", "bench/corpus/*.json"],
                    hooks: [.postCommit, .prePush])
            ])
        #expect(manifest.release == ReleaseSpec(packages: ["demo-cli", "demo-core"]))
        #expect(manifest.warnings == [])
        #expect(manifest.benchmarks.first?.promotionThreshold == 1.96)
    }

    @Test func shellBracesInTheInvocationAreNotPlaceholders() throws {
        let manifest = try parse(
            #"""
            [project]
            name = "demo"
            language = "sh"
            invocation = "cd ${HOME}/demo && ./run {entry_point} {config_path} {output_path} | awk '{print $1}' | grep -E 'x{2}'"

            [[benchmarks]]
            name = "smoke"
            entry_point = "smoke"
            tier = "correctness"
            """#)
        #expect(
            manifest.project.invocation
                == "cd ${HOME}/demo && ./run {entry_point} {config_path} {output_path} | awk '{print $1}' | grep -E 'x{2}'"
        )
    }

    // MARK: Warnings

    @Test func unknownKeysAreWarningsWithTheirLineInFileOrder() throws {
        let manifest = try parse(
            """
            owner = "me"

            [project]
            name = "demo"
            language = "swift"
            invocation = "run {entry_point}"
            color = "blue"

            [[benchmarks]]
            name = "smoke"
            entry_point = "smoke"
            zeta = 1
            tier = "correctness"
            alpha = true

            [release]
            packages = []
            channel = "beta"

            [extra]
            x = 1
            """)
        #expect(
            manifest.warnings == [
                "bench/manifest.toml:1: unknown key 'owner' at top level (ignored)",
                "bench/manifest.toml:20: unknown key 'extra' at top level (ignored)",
                "bench/manifest.toml:7: unknown key 'color' in [project] (ignored)",
                "bench/manifest.toml:12: unknown key 'zeta' in benchmarks[smoke] (ignored)",
                "bench/manifest.toml:14: unknown key 'alpha' in benchmarks[smoke] (ignored)",
                "bench/manifest.toml:18: unknown key 'channel' in [release] (ignored)",
            ])
    }

    @Test func aMisspelledKeySuggestsTheKeyItWasMeantToBe() throws {
        let manifest = try parse(
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                repititions = 3
                timout_seconds = 5
                """)
        #expect(manifest.warnings == [
            "bench/manifest.toml:10: unknown key 'repititions' in benchmarks[smoke] (ignored); did you mean 'repetitions'?",
            "bench/manifest.toml:11: unknown key 'timout_seconds' in benchmarks[smoke] (ignored); did you mean 'timeout_seconds'?",
        ])
    }

    @Test func statisticalBenchmarksBelowTheGateFloorsWarn() throws {
        let manifest = try parse(
            project + """

                [[benchmarks]]
                name = "recall"
                entry_point = "recall"
                tier = "quality"
                metric_direction = "maximize"
                promotion_sigma = 2.5
                baseline_seeds = [7]
                gate_policy = "mann_whitney"
                """)
        #expect(
            manifest.warnings == [
                "bench/manifest.toml:6: benchmarks[recall].repetitions: 1 is below the gate's floor of 2; "
                    + "the gate returns NEEDS_MORE_DATA with fewer than 2 candidate runs",
                "bench/manifest.toml:12: benchmarks[recall].baseline_seeds: 1 seed is below the gate's floor of 2; "
                    + "the gate returns NEEDS_MORE_DATA with fewer than 2 baseline runs",
                "bench/manifest.toml:13: benchmarks[recall].gate_policy: "
                    + "mann_whitney without promotion_z; promotion_sigma is used as the z threshold",
            ])
        #expect(manifest.benchmarks.first?.promotionThreshold == 2.5)
        #expect(manifest.benchmarks.first?.deterministic == false)
    }

    @Test func gateCompatIsSetForTheProjectAndOverriddenPerBenchmark() throws {
        let manifest = try parse(
            project.replacingOccurrences(of: "[project]\n", with: "[project]\ngate_compat = \"benchstone\"\n") + """

                [[benchmarks]]
                name = "latency"
                entry_point = "latency"
                tier = "performance"
                metric_direction = "minimize"
                promotion_sigma = 2.0
                repetitions = 5
                baseline_seeds = [1, 2, 3, 4, 5]

                [[benchmarks]]
                name = "recall"
                entry_point = "recall"
                tier = "quality"
                metric_direction = "maximize"
                promotion_sigma = 2.0
                repetitions = 5
                baseline_seeds = [1, 2, 3, 4, 5]
                gate_compat = "calibrated"
                """)
        #expect(manifest.project.gateCompat == .benchstone)
        #expect(manifest.benchmarks.map(\.gateCompat) == [.benchstone, .calibrated])
        #expect(manifest.warnings.isEmpty)
        #expect(throws: ManifestError.self) { try parse(project + "\n[[benchmarks]]\nname = \"x\"\nentry_point = \"x\"\ntier = \"correctness\"\ngate_compat = \"scipy\"\n") }
    }

    @Test func aMannWhitneyGateItsSizesCannotDecideIsFoundWhenTheProjectLoads() throws {
        let manifest = try parse(
            project + """

                [[benchmarks]]
                name = "recall"
                entry_point = "recall"
                tier = "quality"
                metric_direction = "maximize"
                promotion_z = 2.0
                promotion_sigma = 2.0
                repetitions = 3
                baseline_seeds = [1, 2, 3]
                gate_policy = "mann_whitney"
                """)
        #expect(Gate.warnings(for: manifest.benchmarks) == [
            "bench/manifest.toml: benchmarks[recall]: mann_whitney at n=3/3 cannot reach alpha 0.02275 (threshold 2.000): its smallest "
                + "one-sided p-value is 0.05; it needs at least 4/4 runs (or 3/5 with 3 baseline run(s)), or gate_policy = \"sigma\"; "
                + "every verdict at these sizes is NEEDS_MORE_DATA",
        ])
        var compat = manifest.benchmarks
        compat[0].gateCompat = .benchstone
        #expect(Gate.warnings(for: compat).isEmpty)
        compat[0].gateCompat = .calibrated
        compat[0].repetitions = 5
        #expect(Gate.warnings(for: compat).isEmpty)
    }

    // MARK: Errors

    @Test func malformedTOMLIsASyntaxErrorWithLineAndColumn() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke
                tier = "correctness"
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:7:14: invalid TOML: unterminated string (a basic string ends on the line it starts)")
    }

    @Test func anUnquotedStringValueIsASyntaxError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = correctness
                """
        #expect(
            failure(toml)
                == #"bench/manifest.toml:9:8: invalid TOML: expected a value, found the bare word 'correctness' (strings need quotes: "correctness")"#)
    }

    @Test func aKeyDefinedTwiceIsASyntaxError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                threads = 1
                threads = 2
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:11:1: invalid TOML: duplicate key 'threads'")
    }

    @Test func bytesThatAreNotUTF8AreASyntaxError() {
        var data = Data("[project]\nname = \"".utf8)
        data.append(contentsOf: [0xFF, 0xFE])
        data.append(contentsOf: Array("\"\n".utf8))
        #expect(
            throws: ManifestError.syntax(
                file: "bench/manifest.toml", line: 2, column: 9, reason: "the file is not valid UTF-8")
        ) { try ManifestLoader.parse(data, file: "bench/manifest.toml") }
    }

    @Test func aStringWhereAnIntegerBelongsIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "fake_quality"
                entry_point = "fake_quality"
                tier = "quality"
                repetitions = "3"
                """
        #expect(
            failure(toml)
                == #"bench/manifest.toml:10: benchmarks[fake_quality].repetitions: expected an integer (got string "3")"#
        )
    }

    @Test func aFloatWhereAnIntegerBelongsIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "fake_quality"
                entry_point = "fake_quality"
                tier = "quality"
                threads = 1.5
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:10: benchmarks[fake_quality].threads: expected an integer (got float 1.5)")
    }

    @Test func anIntegerWhereABooleanBelongsIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                deterministic = 1
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:10: benchmarks[smoke].deterministic: expected a boolean (got integer 1)")
    }

    @Test func anUnknownTierIsAnErrorListingTheTiers() throws {
        let toml =
            project + """

                [[benchmarks]]
                name = "fake_quality"
                entry_point = "fake_quality"
                # the tier decides which gate runs
                tier = "fast"
                """
        #expect(
            throws: ManifestError.invalid(
                file: "bench/manifest.toml", at: "benchmarks[fake_quality].tier", line: 10,
                reason: #"expected one of correctness, performance, quality (got "fast")"#)
        ) { try parse(toml) }
        #expect(
            failure(toml)
                == #"bench/manifest.toml:10: benchmarks[fake_quality].tier: expected one of correctness, performance, quality (got "fast")"#
        )
    }

    @Test func aQualityBenchmarkWithoutMetricDirectionIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "fake_quality"
                entry_point = "fake_quality"
                tier = "quality"
                promotion_sigma = 2.0
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:6: benchmarks[fake_quality].metric_direction: "
                + "missing; required for quality benchmarks (one of minimize, maximize)")
    }

    @Test func aPerformanceBenchmarkWithoutPromotionSigmaIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "speed"
                entry_point = "speed"
                tier = "performance"
                metric_direction = "minimize"
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:6: benchmarks[speed].promotion_sigma: missing; required for performance benchmarks"
        )
    }

    @Test func duplicateBenchmarkNamesAreAnErrorAtTheSecondName() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke2"
                tier = "correctness"
                """
        #expect(
            failure(toml)
                == #"bench/manifest.toml:12: benchmarks[1].name: duplicate benchmark name "smoke" (first used by benchmarks[0], line 7)"#
        )
    }

    @Test func aBenchmarkNameWithASlashIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"

                [[benchmarks]]
                entry_point = "escape"
                name = "nested/escape"
                tier = "correctness"
                """
        #expect(failure(toml) == #"bench/manifest.toml:13: benchmarks[1].name: contains '/' (got "nested/escape")"#)
    }

    @Test func aBenchmarkNameWithDotDotIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "a..b"
                entry_point = "smoke"
                tier = "correctness"
                """
        #expect(failure(toml) == #"bench/manifest.toml:7: benchmarks[0].name: contains '..' (got "a..b")"#)
    }

    @Test func aBenchmarkWithoutANameIsAnErrorAtItsHeader() {
        let toml =
            project + """

                [[benchmarks]]
                entry_point = "smoke"
                tier = "correctness"
                """
        #expect(failure(toml) == "bench/manifest.toml:6: benchmarks[0].name: missing required key")
    }

    @Test func aProjectNameThatIsNotOnePathComponentIsAnError() {
        let toml = """
            [project]
            language = "swift"
            name = "my project"
            invocation = "run {entry_point}"

            [[benchmarks]]
            name = "smoke"
            entry_point = "smoke"
            tier = "correctness"
            """
        #expect(failure(toml) == #"bench/manifest.toml:3: project.name: contains ' ' (got "my project")"#)
    }

    @Test func aZeroTimeoutIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                timeout_seconds = 0
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:10: benchmarks[smoke].timeout_seconds: must be greater than 0 (got 0.0)")
    }

    @Test func anInfinitePromotionSigmaIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "speed"
                entry_point = "speed"
                tier = "performance"
                metric_direction = "minimize"
                promotion_sigma = inf
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:11: benchmarks[speed].promotion_sigma: must be a finite number (got inf)")
    }

    @Test func aPlaceholderInsideQuotesIsAnError() {
        for invocation in [#"sh run.sh '{entry_point}' {output_path}"#, #"sh -c \"bench {config_path}\""#] {
            let toml = """
                [project]
                name = "demo"
                language = "sh"
                invocation = "\(invocation)"

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                """
            let message = failure(toml)
            #expect(message.hasPrefix("bench/manifest.toml:4: project.invocation: placeholder {"), "\(message)")
            #expect(message.hasSuffix("is inside quotes; leave it bare (git-bench shell-quotes every value it substitutes)"), "\(message)")
        }
        // Escaped quotes and shell expansions are not quotes around a placeholder.
        #expect(ManifestReader.quotedPlaceholder(in: #"sh r.sh \'{entry_point} ${config_path} {output_path}"#) == nil)
    }

    @Test func anUnknownPlaceholderInTheInvocationIsAnErrorNamingIt() {
        let toml = """
            [project]
            name = "demo"
            language = "swift"
            invocation = "swift run bench {entry_point} --seed {seed} {output_path}"

            [[benchmarks]]
            name = "smoke"
            entry_point = "smoke"
            tier = "correctness"
            """
        #expect(
            failure(toml)
                == "bench/manifest.toml:4: project.invocation: unknown placeholder {seed} "
                + "(expected {entry_point}, {config_path} or {output_path})")
    }

    @Test func aCorpusHashNotInSHA256FormIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                corpus_path = "bench/corpus"
                corpus_hash = "sha256:ABCDEF"
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:11: benchmarks[smoke].corpus_hash: "
                + #"expected "sha256:" followed by 64 lowercase hex digits (got "sha256:ABCDEF")"#)
    }

    @Test func anUnknownHookNameIsAnErrorAtItsIndexAndLine() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                hooks = [
                    "post-commit",
                    "post-merge",
                ]
                """
        #expect(
            failure(toml)
                == #"bench/manifest.toml:12: benchmarks[smoke].hooks[1]: expected one of post-commit, pre-push (got "post-merge")"#
        )
    }

    @Test func minEffectOfOneOrMoreIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                min_effect = 1.0
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:10: benchmarks[smoke].min_effect: must be at least 0 and less than 1 (got 1.0)")
    }

    @Test func unitIsAnOptionalShortLabel() throws {
        let benchmark = { (unit: String) in
            project + """

                [[benchmarks]]
                name = "latency"
                entry_point = "latency"
                tier = "performance"
                metric_direction = "minimize"
                promotion_sigma = 2.0
                repetitions = 2
                baseline_seeds = [1, 2]
                \(unit)
                """
        }
        #expect(try parse(benchmark(#"unit = "MB/s""#)).benchmarks[0].unit == "MB/s")
        #expect(try parse(benchmark("")).benchmarks[0].unit == nil)
        #expect(failure(benchmark(#"unit = """#)).contains("benchmarks[latency].unit: expected a short label"))
        #expect(failure(benchmark(#"unit = "seconds-per-operation""#)).contains("benchmarks[latency].unit: expected a short label"))
        #expect(failure(benchmark("unit = 1")).contains("benchmarks[latency].unit"))
    }

    @Test func zeroThreadsIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                threads = 0
                """
        #expect(failure(toml) == "bench/manifest.toml:10: benchmarks[smoke].threads: must be at least 1 (got 0)")
    }

    @Test func aNegativeBaselineSeedIsAnError() {
        let toml =
            project + """

                [[benchmarks]]
                name = "smoke"
                entry_point = "smoke"
                tier = "correctness"
                baseline_seeds = [1, -2]
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:10: benchmarks[smoke].baseline_seeds[1]: "
                + "must be between 0 and 9223372036854775807 (got -2)")
    }

    @Test func benchmarksAsASingleTableIsAnError() {
        let toml =
            project + """

                [benchmarks]
                name = "smoke"
                """
        #expect(
            failure(toml)
                == "bench/manifest.toml:6: benchmarks: expected an array of tables [[benchmarks]] (got table)")
    }

    @Test func aManifestWithoutBenchmarksIsAnError() {
        #expect(
            failure(project)
                == "bench/manifest.toml: benchmarks: missing required array of tables [[benchmarks]]")
    }

    @Test func linesAreFoundPastMultiLineStringsArraysAndComments() {
        let toml = #"""
            [project]
            name = "demo"   # [[benchmarks]] in a comment is not a header
            language = "swift"
            invocation = """
            run {entry_point} \
              {config_path} {output_path}
            tier = "not a key"
            """

            [[benchmarks]]
            name = "smoke"
            entry_point = "smoke"
            paths = [
              "a", # tier = 1
              "[[benchmarks]]",
            ]
            tier = "correctness"

            [[benchmarks]]
            name = 'second'
            "entry_point" = "second"
            tier = "correctness"
            threads = "many"
            """#
        #expect(
            failure(toml)
                == #"bench/manifest.toml:23: benchmarks[second].threads: expected an integer (got string "many")"#)
    }

    // MARK: Names

    @Test(
        arguments: [
            ("fake_quality", nil),
            ("v1.2-rc_3", nil),
            ("", "must not be empty"),
            ("a/b", "contains '/'"),
            ("a..b", "contains '..'"),
            ("..", "contains '..'"),
            (".hidden", "starts with '.'"),
            ("-rf", "starts with '-'"),
            ("two words", "contains ' '"),
            ("tab\there", "contains U+0009"),
            ("naïve", "contains U+00EF"),
            (String(repeating: "x", count: 128), nil),
            (String(repeating: "x", count: 129), "is longer than 128 characters (129)"),
        ] as [(String, String?)])
    func namesAreSafePathComponents(name: String, problem: String?) {
        #expect(Name.problem(with: name) == problem)
    }
}
