import Foundation
import Testing
@testable import GitBenchKit

/// `tag-shipped` and `release-mark` end to end: real annotated tags written through libgit2, read back with the git CLI.
@Suite struct ReleaseRitualTests {
    /// A canonical-layout cycle: two replicate runs of one condition, each on two benches, archived and labelled m19.
    private func canonicalCycle(manifest: String = BenchFixture.manifest) throws -> BenchFixture {
        let fixture = try BenchFixture(manifest: manifest)
        try fixture.repo.write(".gitignore", "benchmark-results/\nbench-home/\n")
        try fixture.repo.commit("ignore results", time: 2)
        for run in ["run-1", "run-2"] {
            try fixture.repo.copyHarnessResult("locomo_results_20260508_100312.json", to: "benchmark-results/mem0_harness/locomo/astrocyte-m19-b1-\(run)/locomo_results_20260508_100312.json")
            try fixture.repo.copyHarnessResult("results-20260509T081500Z.json", to: "benchmark-results/pageindex/lme/astrocyte-m19-b1-\(run)/results-20260509T081500Z.json")
        }
        try #require(try fixture.bench("archive", "rescan").status == 0)
        for run in ["run-1", "run-2"] {
            try #require(try fixture.bench("mark-shipped", "m19-b1-\(run)", "--label", "m19", "--rationale", "B1-dp+RRF ships").status == 0)
        }
        return fixture
    }

    @Test func tagShippedWritesTheCycleTagOnceAndForceRefreshesItAfterARelease() throws {
        let fixture = try canonicalCycle()
        try fixture.repo.git("config", "bench.archive.publicWebUrl", "https://pub-1.r2.dev/")
        let head = try fixture.repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        let dry = try fixture.bench("tag-shipped", "m19", "--dry-run")
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("dry run: would tag bench/m19"))
        #expect(try fixture.repo.git("tag", "-l").isEmpty)

        let tagged = try fixture.bench("tag-shipped", "m19")
        #expect(tagged.status == 0, "\(tagged.stderr)")
        #expect(tagged.stdout.contains("push it: git push origin bench/m19"))
        #expect(try fixture.repo.git("cat-file", "-t", "bench/m19") == "tag")
        #expect(try fixture.repo.git("rev-parse", "bench/m19^{commit}").trimmingCharacters(in: .whitespacesAndNewlines) == head)
        let object = try fixture.repo.git("cat-file", "-p", "bench/m19")
        #expect(object.contains("tagger \(TestRepo.authorName) <\(TestRepo.authorEmail)>"), "\(object)")
        let message = String(object[try #require(object.range(of: "\n\n")).upperBound...])
        let expected = """
            Cycle close: m19

            Rationale:
              B1-dp+RRF ships

            Bench scores (mean of shipped run set):
              LoCoMo (n=200, 2 runs):  \(try score("locomo", fixture))
              LongMemEval (n=\(try questions("longmemeval", fixture)), 2 runs):  \(try score("longmemeval", fixture))

            Shipped runs:
              m19-b1-run-1
              m19-b1-run-2

            Badges:
              https://pub-1.r2.dev/badges/locomo.json
              https://pub-1.r2.dev/badges/longmemeval.json

            """
        #expect(message + "\n" == expected, "\(message)")

        // A second tag-shipped is refused and leaves the tag as it was, byte for byte.
        let again = try fixture.bench("tag-shipped", "m19")
        #expect(again.status == 77 && again.stderr.contains("tag bench/m19 already exists"), "\(again.stderr)")
        #expect(try fixture.repo.git("cat-file", "-p", "bench/m19") == object)

        // release-mark records the release; tag-shipped --force then names it.
        let marked = try fixture.bench("release-mark", "--version", "0.14.0", "--cycle", "m19", "--package", "astrocyte")
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(marked.stdout.contains("badges follow this release"))
        let refreshed = try fixture.bench("tag-shipped", "m19", "--force", "--allow-dirty")
        #expect(refreshed.status == 0, "\(refreshed.stderr)")
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(try fixture.repo.git("cat-file", "-p", "bench/m19").contains("Released as:\n  astrocyte v0.14.0  (\(today))\n"))
    }

    /// The file's mean score of `bench` as the message prints it, from the manifest entries the archive wrote.
    private func score(_ bench: String, _ fixture: BenchFixture) throws -> String {
        let entries = try DayManifest.decode(Data(contentsOf: fixture.home.appendingPathComponent("archive/private/runs/2026-05-08/manifest.json")), key: "m").runs
        let overall = try #require(entries.first { $0.bench == bench }?.overall)
        return String(format: "%.2f%%", overall * 100)
    }

    private func questions(_ bench: String, _ fixture: BenchFixture) throws -> String {
        let entries = try DayManifest.decode(Data(contentsOf: fixture.home.appendingPathComponent("archive/private/runs/2026-05-08/manifest.json")), key: "m").runs
        return entries.first { $0.bench == bench }?.nQuestions.map(String.init) ?? "?"
    }

    @Test func aRunSetCycleIsTaggedAtTheCommitItWasMeasuredAt() throws {
        let fixture = try BenchFixture()
        try #require(try fixture.bench("baseline", "establish", "quality").status == 0)
        let measured = try fixture.repo.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try fixture.bench("archive").status == 0)
        let id = try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(try fixture.bench("mark-shipped", id, "--label", "m20").status == 0)
        try fixture.setLevel("1.1", time: 5)
        let tagged = try fixture.bench("tag-shipped", "m20")
        #expect(tagged.status == 0, "\(tagged.stderr)")
        #expect(try fixture.repo.git("rev-parse", "bench/m20^{commit}").trimmingCharacters(in: .whitespacesAndNewlines) == measured)
        let object = try fixture.repo.git("cat-file", "-p", "bench/m20")
        let mean = try fixture.sql("SELECT AVG(metric) FROM runs WHERE status = 'ok'").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let message = String(object[try #require(object.range(of: "\n\n")).upperBound...])
        let expected = """
            Cycle close: m20

            Rationale:
              (none given)

            Bench scores (mean of shipped run set):
              quality (n=6, 1 run):  \(Badge.measure(try #require(Double(mean)), unit: nil))

            Shipped runs:
              \(id)
            """
        #expect(message == expected, "\(message)")
    }

    @Test func releaseMarkAppendsParityRowsCommitsThemAloneAndTagsTheRelease() throws {
        let fixture = try canonicalCycle()
        let noTag = try fixture.bench("release-mark", "--version", "0.14.0", "--cycle", "m19", "--package", "astrocyte")
        #expect(noTag.status == 66 && noTag.stderr.contains("no annotated tag bench/m19"), "\(noTag.stderr)")
        let badVersion = try fixture.bench("release-mark", "--version", "1.2", "--cycle", "m19", "--package", "astrocyte")
        #expect(badVersion.status == 64, "\(badVersion.stderr)")
        #expect(try fixture.bench("tag-shipped", "m19").status == 0)
        let cycleCommit = try fixture.repo.git("rev-parse", "bench/m19^{commit}").trimmingCharacters(in: .whitespacesAndNewlines)
        let parity = fixture.repo.url.appendingPathComponent("BENCH_PARITY.yaml")

        let dry = try fixture.bench("release-mark", "--version", "0.14.0", "--cycle", "m19", "--package", "astrocyte", "--tag", "--dry-run")
        #expect(dry.status == 0 && dry.stdout.contains("Release v0.14.0"), "\(dry.stderr)")
        #expect(!FileManager.default.fileExists(atPath: parity.path))

        let released = try fixture.bench("release-mark", "--version", "0.14.0", "--cycle", "m19", "--package", "astrocyte", "--package", "astrocyte-postgres", "--tag")
        #expect(released.status == 0, "\(released.stderr)")
        // The parity commit touches only BENCH_PARITY.yaml, and the v tag's tree holds its rows.
        #expect(try fixture.repo.git("show", "--name-only", "--format=", "v0.14.0^{commit}") == "BENCH_PARITY.yaml")
        let shown = try fixture.repo.git("show", "v0.14.0:BENCH_PARITY.yaml")
        #expect(shown.contains("package: astrocyte-postgres") && shown.contains("bench_commit: \"\(cycleCommit)\""), "\(shown)")
        let tag = try fixture.repo.git("cat-file", "-p", "v0.14.0")
        #expect(tag.contains("""
            Release v0.14.0

            Bench parity: m19 (commit \(cycleCommit.prefix(12)))

            Packages released:
              astrocyte v0.14.0
              astrocyte-postgres v0.14.0

            Bench scores (frozen at release time):
              LoCoMo (n=200, 2 runs):
            """), "\(tag)")
        #expect(tag.hasSuffix("See BENCH_PARITY.yaml at the repo root, and the bench/m19 cycle tag."), "\(tag)")
        #expect(try fixture.repo.git("status", "--porcelain").isEmpty)
        // Python reads the rows back with the values written.
        let python = try runProcess("/usr/bin/env", ["python3", "-c", """
            import yaml, sys
            doc = yaml.safe_load(open(sys.argv[1]))
            for row in doc["releases"]:
                print(row["package"], repr(row["version"]), row["bench_cycle"], row["scores"]["locomo"]["runs"], row["scores"]["locomo"]["n_questions"])
            """, parity.path])
        #expect(python.stdout == "astrocyte-postgres '0.14.0' m19 2 200\nastrocyte '0.14.0' m19 2 200\n", "\(python.stdout)\(python.stderr)")

        // A duplicate row is refused and the file stays as it was; --force replaces it.
        let before = try Data(contentsOf: parity)
        let duplicate = try fixture.bench("release-mark", "--version", "0.14.0", "--cycle", "m19", "--package", "astrocyte")
        #expect(duplicate.status == 77 && duplicate.stderr.contains("already records astrocyte 0.14.0"), "\(duplicate.stderr)")
        #expect(try Data(contentsOf: parity) == before)
        // Another lockstep package at the same version refreshes the tag's message where it is.
        let tagged = try fixture.repo.git("rev-parse", "v0.14.0^{commit}")
        let gateway = try fixture.bench("release-mark", "--version", "0.14.0", "--cycle", "m19", "--package", "astrocyte-gateway-py", "--tag")
        #expect(gateway.status == 0, "\(gateway.stderr)")
        #expect(try fixture.repo.git("rev-parse", "v0.14.0^{commit}") == tagged)
        #expect(try fixture.repo.git("cat-file", "-p", "v0.14.0").contains("  astrocyte-gateway-py v0.14.0\n"))
    }

    @Test func aRegressionNoteOnAPrePushBenchmarkRefusesTheTagUnlessForcedAndTheOverrideIsInTheMessage() throws {
        let manifest = BenchFixture.manifest.replacingOccurrences(of: """
            name = "quality"
            entry_point = "quality"
            """, with: """
            name = "quality"
            entry_point = "quality"
            hooks = ["pre-push"]
            """)
        let fixture = try canonicalCycle(manifest: manifest)
        try #require(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("1.3", time: 5)
        try #require(try fixture.bench("run", "quality").status == 0)
        #expect(try fixture.bench("evaluate", "quality").status == 1)
        let refused = try fixture.bench("tag-shipped", "m19", "--commit", "HEAD")
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.contains("Sample/quality regressed") && refused.stderr.filter { $0 == "\n" }.count == 1, "\(refused.stderr)")
        #expect(try fixture.repo.git("tag", "-l").isEmpty)
        let forced = try fixture.bench("tag-shipped", "m19", "--commit", "HEAD", "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try fixture.repo.git("cat-file", "-p", "bench/m19").contains("\nOverride: Sample/quality regressed in its verdict note on "))

        // A commit without a verdict note: a warning by default, a refusal with bench.release.missing = block.
        let unjudged = try fixture.setLevel("1.0", time: 6)
        let warned = try fixture.bench("tag-shipped", "m19", "--commit", unjudged, "--force", "--dry-run")
        #expect(warned.status == 0 && warned.stderr.contains("no verdict note for quality"), "\(warned.stderr)")
        try fixture.repo.git("config", "bench.release.missing", "block")
        let blocked = try fixture.bench("tag-shipped", "m19", "--commit", unjudged, "--dry-run")
        #expect(blocked.status == 77 && blocked.stderr.contains("no verdict note for quality"), "\(blocked.stderr)")
        try fixture.repo.git("config", "bench.release.missing", "sometimes")
        let invalid = try fixture.bench("tag-shipped", "m19", "--commit", unjudged, "--dry-run")
        #expect(invalid.status == 78 && invalid.stderr.contains("bench.release.missing"), "\(invalid.stderr)")
    }

    @Test func badInputIsOneLineWithTheRightCodeAndWritesNothing() throws {
        let fixture = try BenchFixture()
        let noRuns = try fixture.bench("tag-shipped", "m42")
        #expect(noRuns.status == 66 && noRuns.stderr.contains("no run carries the ship label m42"), "\(noRuns.stderr)")
        let capitals = try fixture.bench("tag-shipped", "M42")
        #expect(capitals.status == 64 && capitals.stderr.contains("invalid ship label"), "\(capitals.stderr)")
        let spaces = try fixture.bench("release-mark", "--version", "1.0.0", "--cycle", "m 42", "--package", "p")
        #expect(spaces.status == 64, "\(spaces.stderr)")
        let noPackages = try fixture.bench("release-mark", "--version", "1.0.0", "--cycle", "m42")
        #expect(noPackages.status == 64 && noPackages.stderr.contains("no packages to release"), "\(noPackages.stderr)")
        for result in [noRuns, capitals, spaces, noPackages] { #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)") }
        #expect(try fixture.repo.git("tag", "-l").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.repo.url.appendingPathComponent("BENCH_PARITY.yaml").path))
    }
}
