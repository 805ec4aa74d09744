import Foundation
import Testing
@testable import GitBenchKit

/// `notes push` and `notes pull` between two clones of a bare remote on disk, each with its own harness home.
@Suite struct NotesSyncTests {
    /// A second clone of the fixture's remote with its own harness home, registered there.
    struct Clone {
        let url: URL
        let environment: [String: String]

        @discardableResult
        func bench(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
            try runProcess(BenchFixture.binary, arguments, environment: environment, currentDirectory: url)
        }

        func git(_ arguments: String...) throws -> String {
            let result = try runProcess(TestRepo.gitExecutable, ["-C", url.path] + arguments, environment: environment)
            guard result.status == 0 else { throw TestRepoError.git(arguments: arguments, status: result.status, stderr: result.stderr) }
            return result.stdout.trimmingCharacters(in: .newlines)
        }
    }

    /// The fixture pushed to `<root>/remote.git` as `origin`, and a second clone `<root>/clone-b` of it.
    static func twoClones() throws -> (BenchFixture, Clone) {
        let fixture = try BenchFixture()
        let remote = fixture.repo.root.appendingPathComponent("remote.git")
        try fixture.repo.git("init", "-q", "--bare", remote.path)
        try fixture.repo.git("remote", "add", "origin", remote.path)
        try fixture.repo.git("push", "-q", "origin", "main")
        let cloneURL = fixture.repo.root.appendingPathComponent("clone-b")
        try fixture.repo.git("clone", "-q", remote.path, cloneURL.path)
        var environment = fixture.repo.environment
        environment["GIT_BENCH_HOME"] = fixture.repo.root.appendingPathComponent("home-b").path
        let clone = Clone(url: cloneURL, environment: environment)
        guard try clone.bench("register").status == 0 else { throw TestRepoError.setup("register in clone-b failed") }
        return (fixture, clone)
    }

    static func lines(_ note: String) -> [String] {
        note.split(separator: "\n").map(String.init)
    }

    @Test func divergedNotesMergeOnPullWithoutLosingALineAndTheNewerEvaluationWins() throws {
        let (a, b) = try Self.twoClones()
        let pullEmpty = try b.bench("notes", "pull")
        #expect(pullEmpty.status == 0)
        #expect(pullEmpty.stdout == "origin has no refs/notes/bench yet; nothing to pull\n")

        // A: quality REJECT and exact NO_REFERENCE, pushed first.
        #expect(try a.bench("baseline", "establish", "quality").status == 0)
        #expect(try a.bench("run", "quality", "--meta-seed", "1234").status == 0)
        #expect(try a.bench("evaluate", "quality", "exact").status == 1)
        let pushed = try a.bench("notes", "push")
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(pushed.stdout == "pushed refs/notes/bench (\(try a.repo.git("rev-parse", "--short=10", "refs/notes/bench"))) to origin\n")

        // B, later and on its own: speed and quality, both NO_BASELINE (B has no baseline).
        #expect(try b.bench("evaluate", "speed", "quality").status == 2)
        let refused = try b.bench("notes", "push")
        #expect(refused.status == 69)
        #expect(refused.stderr.hasPrefix("git-bench: error: could not run git push --no-verify -- origin refs/notes/bench:refs/notes/bench (exit 1): "))
        #expect(refused.stderr.hasSuffix("; the remote has verdicts this repository lacks: run `git bench notes pull origin`, then push again\n"))

        let bLocal = try b.git("rev-parse", "refs/notes/bench")
        let merged = try b.bench("notes", "pull", "--json")
        #expect(merged.status == 0, "\(merged.stderr)")
        let view = try JSONSerialization.jsonObject(with: Data(merged.stdout.utf8)) as? [String: Any]
        #expect(view?["outcome"] as? String == "merged")
        #expect(view?["combined_notes"] as? Int == 1)
        let aTip = try a.repo.git("rev-parse", "refs/notes/bench")
        let parents = try b.git("rev-list", "--parents", "-1", "refs/notes/bench").split(separator: " ").dropFirst().map(String.init)
        #expect(parents == [bLocal, aTip])
        #expect(try b.git("for-each-ref", "--format=%(refname)", "refs/notes") == "refs/notes/bench")
        let afterMerge = Self.lines(try b.git("notes", "--ref=bench", "show", "HEAD"))
        #expect(afterMerge.count == 3)
        #expect(afterMerge[0].hasPrefix("Sample/exact: NO_REFERENCE"))
        #expect(afterMerge[1].hasPrefix("Sample/quality: NO_BASELINE"))
        #expect(afterMerge[2].hasPrefix("Sample/speed: NO_BASELINE"))
        #expect(try b.bench("notes", "push").status == 0)

        // A evaluates quality again (now the newest), so A's notes diverge from the remote's merge.
        #expect(try a.bench("evaluate", "quality").status == 1)
        let aLatestQuality = Self.lines(try a.repo.git("notes", "--ref=bench", "show", "HEAD")).first { $0.hasPrefix("Sample/quality:") }
        let mergedInA = try a.bench("notes", "pull")
        #expect(mergedInA.stdout.hasPrefix("refs/notes/bench merged with origin's verdicts in "))
        let inA = Self.lines(try a.repo.git("notes", "--ref=bench", "show", "HEAD"))
        #expect(inA.count == 3)
        #expect(inA[0] == afterMerge[0])
        #expect(inA[1] == aLatestQuality)
        #expect(inA[2] == afterMerge[2])
        #expect(try a.bench("notes", "pull").stdout == "refs/notes/bench already has every verdict from origin\n")

        // Pushing the merge lets B fast-forward to exactly the same note.
        #expect(try a.bench("notes", "push").status == 0)
        let fastForward = try b.bench("notes", "pull")
        #expect(fastForward.stdout == "refs/notes/bench fast-forwarded to origin's \(try a.repo.git("rev-parse", "--short=10", "refs/notes/bench"))\n")
        let noteInA = try a.repo.git("notes", "--ref=bench", "show", "HEAD")
        #expect(try b.git("notes", "--ref=bench", "show", "HEAD") == noteInA)
        let latest = try #require(aLatestQuality)
        #expect(try b.git("log", "--notes=bench", "-1", "--format=%N").contains(latest))
    }

    @Test func pushWithoutNotesHasNothingToPush() throws {
        let (a, _) = try Self.twoClones()

        let result = try a.bench("notes", "push", "--json")

        #expect(result.status == 0)
        let view = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(view?["outcome"] as? String == "nothing_to_push")
        #expect(view?["remote"] as? String == "origin")
    }
}
