import Foundation
import Testing
@testable import GitBenchKit

/// Input meant to break git-bench gets one clear line and a sysexits code, and nothing is written.
@Suite struct HostileInputTests {
    @Test func hugeRepetitionCountsAreUsageErrorsBeforeAnythingIsAllocated() throws {
        let fixture = try BenchFixture()
        for n in ["9223372036854775807", "1152921504606846976", "100001"] {
            let result = try fixture.bench("run", "quality", "-n", n)
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("'-n' must be between 1 and 100000 (got \(n))"), "\(result.stderr)")
        }
        let budget = try fixture.bench("run", "quality", "--until-decided", "--budget", "100001")
        #expect(budget.status == 64 && budget.stderr.contains("'--budget' must be at most 100000"), "\(budget.stderr)")
        let ab = try fixture.bench("ab", "HEAD", "quality", "-n", "9223372036854775807")
        #expect(ab.status == 64, "\(ab.stderr)")
        #expect(try fixture.runCount() == 0)
    }

    @Test func theLibraryRefusesThemToo() throws {
        let fixture = try BenchFixture()
        let harness = try Harness(home: HarnessHome(root: fixture.home), console: .quiet)
        let project = try harness.project(named: "Sample", from: fixture.repo.url)
        #expect(throws: HarnessError.self) { try harness.run(RunRequest(benchmarks: ["quality"], repetitions: .max), in: project) }
        #expect(throws: HarnessError.self) {
            try harness.run(RunRequest(benchmarks: ["quality"], untilDecided: true, budget: 1 << 60), in: project)
        }
        #expect(try fixture.runCount() == 0)
    }

    @Test func aManifestAskingForAHugeRepetitionCountIsRefusedAtLoad() throws {
        let manifest = BenchFixture.manifest.replacingOccurrences(of: "repetitions = 6\nbaseline_seeds = [1, 2, 3, 4, 5, 6]\npromotion_sigma = 2.0\n\n[[benchmarks]]\nname = \"speed\"",
                                                                  with: "repetitions = 1152921504606846976\nbaseline_seeds = [1, 2, 3, 4, 5, 6]\npromotion_sigma = 2.0\n\n[[benchmarks]]\nname = \"speed\"")
        #expect(manifest != BenchFixture.manifest)
        let fixture = try BenchFixture(manifest: manifest, register: false)
        let result = try fixture.bench("register")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("benchmarks[quality].repetitions: must be at most 100000 (got 1152921504606846976)"), "\(result.stderr)")
    }

    @Test func aHomeOthersCanReadIsTightenedOnFirstUse() throws {
        let fixture = try BenchFixture(register: false)
        try FileManager.default.createDirectory(at: fixture.home, withIntermediateDirectories: true)
        chmod(fixture.home.path, 0o777)
        chmod(fixture.repo.root.path, 0o755)
        #expect(try fixture.bench("register").status == 0)
        func mode(_ url: URL) throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) }
        #expect(try mode(fixture.home) == 0o700)
        // Its parent is not git-bench's and keeps its mode.
        #expect(try mode(fixture.repo.root) == 0o755)
    }

    @Test func aSinceDateThatDoesNotExistIsAUsageError() throws {
        let fixture = try BenchFixture()
        for bad in ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31"] {
            let result = try fixture.bench("history", "quality", "--since", bad)
            #expect(result.status == 64, "\(bad): \(result.stderr)")
            #expect(result.stderr.contains("'--since' must be a date that exists, like 2026-11-01 (got \(bad))"), "\(result.stderr)")
        }
        #expect(try fixture.bench("history", "quality", "--since", "2024-02-29").status == 0)
        #expect(Timestamp.startsWithCalendarDay("2026-11-01T10:00:00Z") && !Timestamp.startsWithCalendarDay("2026-1-01"))
    }

    @Test func notesLogOfARevisionThatDoesNotExistIsAUsageErrorEvenWithoutNotes() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("notes", "log", "nonexistent..HEAD")
        #expect(result.status == 64)
        #expect(result.stderr == "git-bench: error: could not resolve revision 'nonexistent..HEAD': unknown or ambiguous revision\n")
    }

    @Test func historyIsOneTimelineNewestFirstWithExactlyLimitEntries() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.bench("run", "quality", "-n", "3").status == 0)
        let full = try fixture.bench("history", "quality", "--runs").stdout.split(separator: "\n").dropFirst()
        let stamps = full.map { $0.split(separator: " ", omittingEmptySubsequences: true)[0] }
        #expect(stamps == stamps.sorted(by: >), "newest first: \(full)")
        #expect(full.contains { $0.contains(" baseline establish -> ") })
        #expect(full.first?.contains(" run ") == true)
        for limit in [1, 3, 4] {
            let limited = try fixture.bench("history", "quality", "--runs", "--limit", "\(limit)").stdout.split(separator: "\n")
            #expect(limited.count == limit + 1, "\(limited)")
            #expect(Array(limited.dropFirst()) == Array(full.prefix(limit)))
        }
        let json = try JSONDecoder().decode(History.self, from: Data(try fixture.bench("history", "quality", "--runs", "--limit", "2", "--json").stdout.utf8))
        #expect(json.runs.count + json.baselineEvents.count + json.referenceEvents.count == 2)
    }

    @Test func checkAndABSuggestTheBenchmarkAWordThatIsNoRevisionMeant() throws {
        let fixture = try BenchFixture()
        for command in ["check", "ab"] {
            let result = try fixture.bench(command, "qualty")
            #expect(result.status == 64, "\(command): \(result.stderr)")
            #expect(result.stderr == "git-bench: error: 'qualty' is neither a revision nor a benchmark; did you mean quality?\n")
        }
        // A word near no benchmark stays an unknown revision.
        let far = try fixture.bench("check", "zzzz")
        #expect(far.status == 64 && far.stderr == "git-bench: error: could not resolve revision 'zzzz': unknown or ambiguous revision\n")
    }

    @Test func aUsageErrorIsOneLine() throws {
        let fixture = try BenchFixture()
        let negative = try fixture.bench("run", "quality", "-n", "-1")
        #expect(negative.status == 64)
        #expect(negative.stderr == "git-bench: error: '-n' must be between 1 and 100000 (got -1) (see git bench --help)\n")
        let typo = try fixture.bench("evluate")
        #expect(typo.status == 64)
        #expect(typo.stderr == "git-bench: error: 'evluate' is not a git bench command; did you mean 'evaluate'?\n")
        // Help is still help.
        let help = try fixture.bench("run", "--help")
        #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: "))
    }

    static func manifest(adding entries: [String]) -> String {
        BenchFixture.manifest + entries.map { """

            [[benchmarks]]
            name = "\($0)"
            entry_point = "\($0)"
            tier = "quality"
            metric_direction = "minimize"
            repetitions = 2
            baseline_seeds = [1, 2]
            promotion_sigma = 2.0
            fail_fast = 0
            """ }.joined()
    }

    @Test func aResultThatIsAFIFOADeepNestOrASymlinkIsAnErrorRowNotAHangOrACrash() throws {
        let fixture = try BenchFixture(manifest: Self.manifest(adding: ["fifo", "deep", "symlink"]))
        for (name, reason) in [("fifo", "result.json is not a regular file (a FIFO, device or directory)"),
                               ("deep", "result.json nests arrays or objects more than 64 deep"),
                               ("symlink", "result.json is a symbolic link; write the result itself")] {
            let result = try fixture.bench("run", name)
            #expect(result.status == 65, "\(name): \(result.stderr)")
            let messages = try fixture.sql("SELECT DISTINCT message FROM runs WHERE benchmark = '\(name)'").stdout
            #expect(messages.contains(reason), "\(name): \(messages)")
        }
        #expect(try fixture.runCount() == 6)
    }
}

/// The result decoder's own limits, before Foundation sees the bytes.
@Suite struct ResultLimitsTests {
    @Test func deepNestingIsRefusedWithoutTrapping() {
        for depth in [65, 512, 513, 514, 100_000] {
            let data = Data(String(repeating: "[", count: depth).utf8)
            #expect(throws: ProtocolError.tooDeep(limit: 64)) { try ProjectResult.decode(data) }
        }
    }

    @Test func bracketsInsideStringsAndModestNestingAreFine() throws {
        let nested = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        let text = #"{"status":"ok","metric":1.5,"metadata":{"note":"[[[[{{{{\"[[[","deep":"# + nested + "}}"
        let result = try ProjectResult.decode(Data(text.utf8))
        #expect(result.metric == 1.5)
    }

    @Test func aTrailingCommaOrARepeatedKeyIsRefused() {
        #expect(throws: ProtocolError.invalid(offset: 26, reason: "trailing comma before '}'")) {
            try ProjectResult.decode(Data(#"{"status":"ok","metric":1,}"#.utf8))
        }
        #expect(throws: ProtocolError.invalid(offset: 26, reason: "key \"metric\" appears twice in one object")) {
            try ProjectResult.decode(Data(#"{"status":"ok","metric":1,"metric":9}"#.utf8))
        }
        // The same key spelled with an escape is the same key.
        #expect(throws: ProtocolError.self) { try ProjectResult.decode(Data(#"{"status":"ok","metric":1,"\u006detric":9}"#.utf8)) }
        #expect(throws: ProtocolError.self) { try ProjectResult.decode(Data(#"{"status":"ok","metric":[1,2,]}"#.utf8)) }
        #expect(throws: ProtocolError.self) { try ProjectResult.decode(Data(#"{"status":"ok","metric":01}"#.utf8)) }
        #expect((try? ProjectResult.decode(Data(" {\"status\" : \"ok\", \"metric\": -1.5e-3, \"metadata\": {\"a\": [true, null, \"\\u00e9\"]}}\n".utf8)))?.metric == -0.0015)
    }

    @Test func redactionKeepsEverythingButTheUserInfo() {
        #expect(Redaction.urls(in: "could not run git push https://u:PASSWORD@host/x.git (exit 128): fatal")
                == "could not run git push https://***@host/x.git (exit 128): fatal")
        #expect(Redaction.urls(in: "s3://AKIA:SECRET@bucket and file:///tmp/a@b https://host/p@q")
                == "s3://***@bucket and file:///tmp/a@b https://host/p@q")
        #expect(Redaction.urls(in: "git@github.com:org/repo.git") == "git@github.com:org/repo.git")
    }
}

/// Credentials given in a URL never reach the output.
@Suite struct SecretTests {
    @Test func aPasswordInANotesRemoteIsNotEchoed() throws {
        let fixture = try BenchFixture()
        // A note to push, so git has to reach the remote.
        #expect(try fixture.bench("run", "quality", "-n", "2").status == 0)
        _ = try fixture.bench("evaluate", "quality")
        let result = try fixture.bench("notes", "push", "https://u:PASSWORD123@127.0.0.1:9/x.git")
        #expect(result.status != 0)
        #expect(!result.stderr.contains("PASSWORD123") && !result.stdout.contains("PASSWORD123"), "\(result.stderr)")
        #expect(result.stderr.contains("https://***@127.0.0.1:9/x.git"), "\(result.stderr)")
    }

    @Test func aCredentialInTheArchiveURLIsNotPrinted() throws {
        let fixture = try BenchFixture()
        _ = try fixture.repo.git("config", "bench.archive.url", "s3://AKIAEXAMPLE:SECRET123@my-bucket")
        for arguments in [["config"], ["config", "--json"]] {
            let result = try fixture.bench(arguments)
            #expect(!result.stdout.contains("SECRET123") && !result.stderr.contains("SECRET123"), "\(result.stdout)")
            #expect(result.stdout.contains("s3://***@my-bucket"), "\(result.stdout)")
        }
    }
}
