import Foundation
import Testing
@testable import GitBenchKit

/// What a `run` leaves in `runs/<project>/<benchmark>/<run-set-id>/`, and `git bench validate` on it, through the binary.
@Suite struct RunSetDirectoryTests {
    /// Runs `quality` with 4 repetitions at meta seed 42 and returns its run set (decoded from `--json`).
    private func runQuality(_ fixture: BenchFixture, extra: [String] = []) throws -> RunSet {
        let result = try fixture.bench(["run", "quality", "-n", "4", "--meta-seed", "42", "--json"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.first)
    }

    private func directory(of runSet: RunSet) throws -> URL {
        URL(fileURLWithPath: try #require(runSet.runDirectory))
    }

    @Test func aRunWritesSeriesProvenanceSummaryReportAndManifestThatValidate() throws {
        let fixture = try BenchFixture()
        let runSet = try runQuality(fixture)
        let directory = try directory(of: runSet)
        #expect(directory.path == fixture.home.appendingPathComponent("runs/Sample/quality/\(runSet.id.value)").path)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["RUN_REPORT.md", "manifest.json", "provenance.json", "resume_state.json", "series.jsonl", "summary.json"])
        #expect(try permissions(of: directory) == 0o700)
        for name in names { #expect(try permissions(of: directory.appendingPathComponent(name)) == 0o600, "\(name)") }

        // series.jsonl: one line per repetition, in order, mirroring the store rows plus what only wait4 knows.
        let series = try RunSetDirectory(url: directory).readSeries()
        #expect(series.map(\.seed) == [478_163_327, 107_420_369, 1_181_241_943, 1_051_802_512])
        #expect(series.map(\.index) == [0, 1, 2, 3])
        #expect(series.map(\.runID) == runSet.records.map(\.id))
        #expect(series.map(\.metric) == runSet.records.map(\.metric))
        #expect(series.allSatisfy { ($0.userCPUSeconds ?? -1) >= 0 && ($0.systemCPUSeconds ?? -1) >= 0 })
        // Linux charges git-bench's own peak to the runner at exec, so the recorded peak is about that floor or more
        // (the kernel's batched RSS counters allow a percent or so below it).
        #expect(series.allSatisfy { entry in
            guard let peak = entry.peakRSSBytes, let floor = entry.spawnerPeakRSSBytes else { return false }
            return floor > 1 << 20 && Double(peak) >= 0.95 * Double(floor)
        })
        #expect(series.allSatisfy { $0.stderrLogPath?.hasPrefix(fixture.home.path + "/logs/Sample/quality/") == true })

        let provenance = try RunSetDirectory(url: directory).read(RunProvenance.self, from: RunDir.provenanceFile)
        #expect(provenance.schema == "git_bench_provenance" && provenance.schemaVersion == 1)
        #expect(provenance.git.sha == runSet.commit && !provenance.git.isDirty)
        #expect(provenance.versions.gitBench == GitBench.version)
        #expect(provenance.versions.libgit2.split(separator: ".").count == 3)
        #expect(provenance.versions.sqlite.hasPrefix("3."))
        #expect(provenance.machine.cpuCount >= 1 && (provenance.machine.memoryTotalBytes ?? 0) > 0)
        #expect(provenance.invocation.suffix(7) == ["run", "quality", "-n", "4", "--meta-seed", "42", "--json"])
        #expect(provenance.attempts.map(\.status) == [.finished])
        #expect(provenance.attempts.first?.indices == [0, 1, 2, 3])
        #expect(provenance.endedAt != nil)

        let summary = try RunSetDirectory(url: directory).read(RunSummary.self, from: RunDir.summaryFile)
        let metrics = runSet.records.compactMap(\.metric)
        #expect(summary.okCount == 4 && summary.errorCount == 0 && summary.planned == 4 && summary.missingIndices.isEmpty)
        #expect(summary.metric == Statistics.describe(metrics))
        #expect(summary.maxPeakRSSBytes == series.compactMap(\.peakRSSBytes).max())

        let report = try String(contentsOf: directory.appendingPathComponent("RUN_REPORT.md"), encoding: .utf8)
        #expect(report.hasPrefix("# Run report: Sample/quality\n\nRun set `\(runSet.id.value)` at commit `\(runSet.commit.hex)` (clean)"))
        #expect(report.contains("| repetitions | 4 ok, 0 error of 4 planned |"))

        let validate = try fixture.bench("validate", directory.path)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout == "OK: \(directory.path) (run set \(runSet.id.value), 5 files verified)\n")
    }

    @Test func flippingOneByteInAnyFileMakesValidateFailNamingThatFile() throws {
        let fixture = try BenchFixture()
        let original = try directory(of: try runQuality(fixture))
        let names = try FileManager.default.contentsOfDirectory(atPath: original.path).sorted()
        #expect(names.count == 6)
        for name in names {
            let copy = fixture.repo.root.appendingPathComponent("flip-\(name)")
            try FileManager.default.copyItem(at: original, to: copy)
            let file = copy.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: file))
            bytes[bytes.count / 2] ^= 0x01
            try Data(bytes).write(to: file)

            let result = try fixture.bench("validate", copy.path)
            #expect(result.status == 65, "\(name): \(result.stdout)")
            #expect(result.stderr.hasPrefix("git-bench: error: "), "\(name)")
            #expect(result.stderr.contains(name), "\(name): \(result.stderr)")
        }
        #expect(try fixture.bench("validate", original.path).status == 0)
    }

    @Test func aFlippedSeriesByteIsReportedWithBothHashes() throws {
        let fixture = try BenchFixture()
        let directory = try directory(of: try runQuality(fixture))
        let manifest = try RunSetDirectory(url: directory).read(RunSetManifest.self, from: RunDir.manifestFile)
        let series = directory.appendingPathComponent("series.jsonl")
        var bytes = [UInt8](try Data(contentsOf: series))
        bytes[10] ^= 0x01
        try Data(bytes).write(to: series)
        let result = try fixture.bench("validate", directory.path)
        #expect(result.status == 65)
        let recorded = try #require(manifest.artifacts["series.jsonl"]).sha256
        #expect(result.stderr == "git-bench: error: invalid run set \(directory.path): series.jsonl: sha256 mismatch "
                + "(manifest says \(recorded), file has \(ContentDigest(of: Data(bytes)).hex))\n")
    }

    @Test func aMissingOrUnlistedFileFailsValidation() throws {
        let fixture = try BenchFixture()
        let directory = try directory(of: try runQuality(fixture))
        try "stray\n".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let unlisted = try fixture.bench("validate", directory.path)
        #expect(unlisted.status == 65)
        #expect(unlisted.stderr.hasSuffix(": notes.txt: not listed in manifest.json\n"))

        try FileManager.default.removeItem(at: directory.appendingPathComponent("notes.txt"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("summary.json"))
        let missing = try fixture.bench("validate", directory.path)
        #expect(missing.status == 65)
        #expect(missing.stderr.hasSuffix(": summary.json: missing (listed in manifest.json)\n"))
    }

    @Test func aForeignOrOtherVersionDirectoryFailsFast() throws {
        let fixture = try BenchFixture()
        let foreign = fixture.repo.root.appendingPathComponent("zeroproof-run")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try #"{"schema": "zeroproofml_benchmark_manifest", "schema_version": 4, "artifacts": {}}"#
            .write(to: foreign.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        let result = try fixture.bench("validate", foreign.path)
        #expect(result.status == 65)
        #expect(result.stderr == "git-bench: error: not a git-bench run set: \(foreign.path): manifest.json: schema is "
                + "\"zeroproofml_benchmark_manifest\", expected \"git_bench_run_manifest\"\n")

        try #"{"schema": "git_bench_run_manifest", "schema_version": 2}"#
            .write(to: foreign.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        let newer = try fixture.bench("validate", foreign.path)
        #expect(newer.status == 65)
        #expect(newer.stderr.hasSuffix("manifest.json: schema version 2; this git-bench reads version 1\n"))

        let empty = fixture.repo.root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try fixture.bench("validate", empty.path, "--json")
        #expect(none.status == 65)
        let report = try JSONDecoder().decode(RunSetValidation.self, from: Data(none.stdout.utf8))
        #expect(!report.isValid && report.isForeign)
        #expect(report.problem == "no manifest.json with schema git_bench_run_manifest")
    }

    @Test func compressWritesAZipThatUnpacksToTheSameBytes() throws {
        let fixture = try BenchFixture()
        let runSet = try runQuality(fixture, extra: ["--compress"])
        let directory = try directory(of: runSet)
        let zip = try #require(runSet.zipPath)
        #expect(zip == directory.path + ".zip")
        #expect(try permissions(of: URL(fileURLWithPath: zip)) == 0o600)

        // Two independent readers: Python's zipfile and Info-ZIP's unzip (which also checks every CRC with -t).
        let python = fixture.repo.root.appendingPathComponent("unpacked-python")
        let extracted = try runProcess("/usr/bin/python3", ["-m", "zipfile", "-e", zip, python.path])
        #expect(extracted.status == 0, "\(extracted.stderr)")
        let tested = try runProcess("/usr/bin/unzip", ["-t", zip])
        #expect(tested.status == 0, "\(tested.stdout)")
        #expect(tested.stdout.contains("No errors detected"))

        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let unpacked = python.appendingPathComponent(runSet.id.value)
        #expect(try FileManager.default.contentsOfDirectory(atPath: unpacked.path).sorted() == names)
        for name in names {
            #expect(try Data(contentsOf: unpacked.appendingPathComponent(name)) == Data(contentsOf: directory.appendingPathComponent(name)), "\(name)")
        }
        #expect(try fixture.bench("validate", unpacked.path).status == 0)
    }

    @Test func baselineEstablishWritesARunSetDirectoryToo() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("baseline", "establish", "quality", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let runSet = try #require(try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.first)
        let directory = try directory(of: runSet)
        let state = try RunSetDirectory(url: directory).readResumeState()
        #expect(state.role == .baseline && state.metaSeed == nil && state.establishesBaseline)
        #expect(state.plannedSeeds == [1, 2, 3, 4, 5, 6])
        #expect(try fixture.bench("validate", directory.path).status == 0)
    }

    @Test func errorRowsAreSummarizedWithTheirReasons() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "crash", "--json")
        #expect(result.status == 65)
        let runSet = try #require(try JSONDecoder().decode(RunOutcome.self, from: Data(result.stdout.utf8)).runSets.first)
        let summary = try RunSetDirectory(url: try directory(of: runSet)).read(RunSummary.self, from: RunDir.summaryFile)
        #expect(summary.okCount == 0 && summary.errorCount == 2)
        #expect(summary.failureReasons == [.init(message: "runner exited with status 3: runner blew up", count: 2)])
        #expect(summary.metric.n == 0 && summary.metric.mean == nil)
    }
}
