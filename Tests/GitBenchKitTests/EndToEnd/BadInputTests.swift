import Foundation
import Testing
@testable import GitBenchKit

/// Each bad input gets one clear stderr line, the right exit code, and leaves the store as it was.
@Suite struct BadInputTests {
    /// A project whose manifest is `text`; registering it must fail with `code` and write nothing.
    private func expectManifestRefused(_ text: String, code: Int32, message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fixture = try BenchFixture(manifest: text, register: false)
        let result = try fixture.bench("register")
        #expect(result.status == code, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("git-bench: error:") }.count == 1, sourceLocation: sourceLocation)
        #expect(try fixture.runCount() == 0, sourceLocation: sourceLocation)
    }

    private static let header = """
    [project]
    name = "Bad"
    language = "shell"
    invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

    """

    @Test func malformedTOMLIsBadData() throws {
        try expectManifestRefused(Self.header + "[[benchmarks]\nname = \"x\"\n", code: 65, message: "bench/manifest.toml:")
    }

    /// Each of these made the old parser (toml++, assertions compiled in) abort with exit 134 and a backtrace.
    @Test(arguments: ["[\n", "[.]\nk = 1\n", "[..]\nk = 1\n", "[!]\nk = 123\n"])
    func documentsThatAbortedTheOldParserAreBadData(manifest: String) throws {
        try expectManifestRefused(manifest, code: 65, message: "bench/manifest.toml:1:2: invalid TOML: expected a key")
    }

    @Test func aNULEscapeInANameIsRefusedNotTruncated() throws {
        try expectManifestRefused(
            Self.header.replacingOccurrences(of: #"name = "Bad""#, with: #"name = "a\u0000b""#) + "[[benchmarks]]\nname = \"x\"\n",
            code: 65, message: "project.name: contains U+0000")
    }

    @Test func dottedKeysThousandsOfLevelsDeepAreRefusedAtTheCap() throws {
        let key = (0..<8_000).map { "k\($0)" }.joined(separator: ".")
        try expectManifestRefused(Self.header + key + " = 1\n", code: 65, message: "keys are nested more than 64 levels deep")
    }

    /// A manifest that is a symlink to /dev/zero used to be read forever; a directory exited 70 with NSError text.
    @Test(arguments: ["/dev/zero", "directory", "fifo"])
    func aManifestThatIsNotARegularFileIsBadDataNotAHang(kind: String) throws {
        let fixture = try BenchFixture(register: false)
        let manifest = fixture.repo.url.appendingPathComponent("bench/manifest.toml")
        try FileManager.default.removeItem(at: manifest)
        switch kind {
        case "directory": try FileManager.default.createDirectory(at: manifest, withIntermediateDirectories: false)
        case "fifo": #expect(mkfifo(manifest.path, 0o600) == 0)
        default: try FileManager.default.createSymbolicLink(atPath: manifest.path, withDestinationPath: kind)
        }
        let result = try fixture.bench("register")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("git-bench: error: could not read manifest \(manifest.path): it is "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func wrongTypeIsBadDataNamingTheKey() throws {
        try expectManifestRefused(Self.header + """
            [[benchmarks]]
            name = "q"
            entry_point = "q"
            tier = "quality"
            metric_direction = "minimize"
            promotion_sigma = 2.0
            repetitions = "3"
            """, code: 65, message: "repetitions")
    }

    @Test func unknownTierIsBadData() throws {
        try expectManifestRefused(Self.header + """
            [[benchmarks]]
            name = "q"
            entry_point = "q"
            tier = "fast"
            """, code: 65, message: "tier")
    }

    @Test func duplicateNamesAreBadData() throws {
        let bench = """
            [[benchmarks]]
            name = "q"
            entry_point = "q"
            tier = "correctness"

            """
        try expectManifestRefused(Self.header + bench + bench, code: 65, message: "duplicate")
    }

    @Test func benchmarkNamesThatEscapeAPathAreBadData() throws {
        for name in ["../evil", "a/b", ".."] {
            try expectManifestRefused(Self.header + """
                [[benchmarks]]
                name = "\(name)"
                entry_point = "q"
                tier = "correctness"
                """, code: 65, message: "name")
        }
    }

    @Test func missingManifestIsMissingInput() throws {
        let repo = try TestRepo()
        try repo.write("README", "no benchmarks here\n")
        try repo.commit(time: 1)
        var environment = repo.environment
        environment["GIT_BENCH_HOME"] = repo.root.appendingPathComponent("home-bench").path
        let result = try runProcess(BenchFixture.binary, ["register"], environment: environment, currentDirectory: repo.url)
        #expect(result.status == 66)
        #expect(result.stderr.hasPrefix("git-bench: error: "))
    }

    /// Runner misbehaviour: every repetition is stored as an error row with its reason, no ok row appears,
    /// the command exits 65, and the store's chain still verifies.
    @Test(arguments: [
        ("notobject", "result.json must be a JSON object (got array)"),
        ("stringmetric", "result.json: \"metric\" must be a finite number (got string)"),
        ("nan", "result.json is not valid JSON at byte 24: unexpected character"),
        ("garbage", "result.json is not valid JSON at byte 0: unexpected character"),
        ("crash", "runner exited with status 3: runner blew up"),
        ("hang", "timed out after 1 s; process group killed"),
        ("errormsg", "corpus shard 3 unreadable"),
        ("noresult", "runner exited 0 but wrote no result.json"),
    ])
    func misbehavingRunnerGivesErrorRowsWithReasons(benchmark: String, reason: String) throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", benchmark, "--json")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(reason), "\(result.stderr)")
        let runSets = try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets
        let records = try #require(runSets.first?.records)
        #expect(records.count == 2)
        #expect(records.allSatisfy { $0.status == .error && $0.metric == nil && $0.message == reason })
        #expect(try fixture.sql("SELECT COUNT(*) FROM runs WHERE status = 'ok'").stdout == "0\n")
        #expect(try fixture.bench("verify").status == 0)
        // The gate sees no data, not an error.
        #expect(try fixture.bench("evaluate", benchmark).status == 2)
    }

    @Test func crashingRunnerKeepsItsExitCodeAndA0600StderrLog() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "crash", "--json")
        let record = try #require(try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.first?.records.first)
        #expect(record.exitCode == 3)
        let log = URL(fileURLWithPath: try #require(record.stderrLogPath))
        #expect(try String(contentsOf: log, encoding: .utf8) == "runner blew up\n")
        #expect(try permissions(of: log) == 0o600)
        #expect(try permissions(of: log.deletingLastPathComponent()) == 0o700)
    }

    @Test func stderrLogsOfOneSecondNeverClobberEachOther() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "crash", "-n", "2", "--json")
        let paths = try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.flatMap(\.records).compactMap(\.stderrLogPath)
        #expect(Set(paths).count == 2)
    }

    @Test func unknownBenchmarkIsAUsageError() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "nope")
        #expect(result.status == 64)
        #expect(result.stderr == "git-bench: error: project Sample has no benchmark named nope; `git bench list` shows its benchmarks\n")
        #expect(try fixture.runCount() == 0)
    }

    @Test func aMistypedBenchmarkNameSuggestsTheNearestOne() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "qualty")
        #expect(result.status == 64)
        #expect(result.stderr == "git-bench: error: project Sample has no benchmark named qualty; did you mean quality?\n")
        #expect(try fixture.runCount() == 0)
        // The same wherever a name is looked up: evaluate resolves it in the library too.
        let evaluate = try fixture.bench("evaluate", "sped")
        #expect(evaluate.status == 64)
        #expect(evaluate.stderr == "git-bench: error: project Sample has no benchmark named sped; did you mean speed?\n")
    }

    @Test func unregisteredRepositoryIsAConfigurationError() throws {
        let fixture = try BenchFixture(register: false)
        let result = try fixture.bench("evaluate")
        #expect(result.status == 78)
        #expect(result.stderr.contains("run `git bench register` there first"))
    }
}
