import Foundation
import Testing
@testable import GitBenchKit

/// `evaluate` writes its verdicts to git notes; `notes show` and `notes log` read them back.
@Suite struct VerdictNoteEndToEndTests {
    static func note(_ fixture: BenchFixture, ref: String = "bench", _ revision: String = "HEAD") throws -> String {
        try fixture.repo.git("notes", "--ref=\(ref)", "show", revision)
    }

    static func round(_ x: Double, _ digits: Double) -> Double { (x * pow(10, digits)).rounded() / pow(10, digits) }

    @Test func reEvaluatingReplacesTheLineAndTheNotesRefKeepsBothVersions() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.bench("evaluate", "quality").status == 2)
        let first = try Self.note(fixture)
        #expect(first.hasPrefix("Sample/quality: NEEDS_MORE_DATA sigma thr=2.00 minimize baseline="))
        #expect(!first.contains("\n"))

        #expect(try fixture.bench("run", "quality", "--meta-seed", "1234").status == 0)
        let evaluated = try fixture.bench("evaluate", "quality", "--json")
        #expect(evaluated.status == 1)
        let verdict = try #require(try JSONDecoder().decode([String: [Verdict]].self, from: Data(evaluated.stdout.utf8))["verdicts"]?.first)

        let second = try Self.note(fixture)
        #expect(second.hasPrefix("Sample/quality: REJECT sigma z="))
        #expect(second.hasSuffix(" git-bench/\(GitBench.version) at=\(try #require(second.split(separator: "=").last))"))
        #expect(!second.contains("\n"))
        #expect(try fixture.repo.git("rev-list", "--count", "refs/notes/bench") == "2")
        #expect(try fixture.repo.git("show", "refs/notes/bench~1:\(try fixture.repo.git("rev-parse", "HEAD"))") == first)
        #expect(try fixture.repo.git("log", "--notes=bench", "-1", "--format=%N") == second)

        let shown = try fixture.bench("notes", "show", "--json")
        #expect(shown.status == 0, "\(shown.stderr)")
        let decoded = try JSONDecoder().decode(NoteShow.self, from: Data(shown.stdout.utf8))
        let line = try #require(decoded.verdicts.first)
        #expect(decoded.verdicts.count == 1 && decoded.hasNote && decoded.otherLines.isEmpty && decoded.ref == "refs/notes/bench")
        #expect(decoded.commit.hex == (try fixture.repo.git("rev-parse", "HEAD")))
        #expect(line.line == second)
        #expect(line.project == "Sample" && line.benchmark == "quality" && line.kind == verdict.kind && line.gate == verdict.gate)
        #expect(line.statistic == Self.round(try #require(verdict.statistic), 2))
        #expect(line.threshold == verdict.threshold && line.direction == verdict.direction)
        #expect(line.baselineSHA == verdict.baseline?.commit?.short)
        #expect(line.baselineCount == 6 && line.candidateCount == 6 && line.basis == .mean)
        #expect(line.baselineValue == Self.round(try #require(verdict.baseline?.mean), 4))
        #expect(line.candidateValue == Self.round(try #require(verdict.candidate?.mean), 4))
        let change = try #require(verdict.change)
        #expect(line.change == Self.round(change.estimate, 4))
        #expect(line.changeLower == Self.round(change.lower, 4) && line.changeUpper == Self.round(change.upper, 4) && line.confidence == 0.95)
        #expect(line.version == GitBench.version)
    }

    @Test func evaluatingTwoBenchmarksWritesTwoSortedLines() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("evaluate", "speed", "quality").status == 2)

        let lines = try Self.note(fixture).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("Sample/quality: NO_BASELINE sigma thr=2.00 minimize git-bench/"))
        #expect(lines[1].hasPrefix("Sample/speed: NO_BASELINE mann_whitney thr=2.00 minimize git-bench/"))
        let shown = try fixture.bench("notes", "show")
        #expect(shown.stdout == lines.joined(separator: "\n") + "\n")
    }

    @Test func aForeignLineAppendedWithGitNotesSurvivesReEvaluation() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("evaluate", "quality").status == 2)
        try fixture.repo.git("notes", "--ref=bench", "append", "-m", "reviewed by alice")
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        #expect(try fixture.bench("evaluate", "quality", "exact").status == 2)

        let lines = try Self.note(fixture).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("Sample/exact: NO_REFERENCE correctness tip="))
        #expect(lines[1].hasPrefix("Sample/quality: NEEDS_MORE_DATA sigma"))
        #expect(lines[2...] == ["", "reviewed by alice"])
        let shown = try JSONDecoder().decode(NoteShow.self, from: Data(try fixture.bench("notes", "show", "--json").stdout.utf8))
        #expect(shown.otherLines == ["reviewed by alice"])
    }

    @Test func noNoteFlagWritesNothing() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("evaluate", "quality", "--no-note").status == 2)

        #expect(try fixture.repo.git("for-each-ref", "refs/notes") == "")
        let shown = try fixture.bench("notes", "show")
        #expect(shown.status == 66)
        #expect(shown.stderr == "git-bench: error: no verdict note on \(try fixture.repo.git("rev-parse", "--short=10", "HEAD")) in refs/notes/bench\n")
    }

    @Test func benchNotesRefInGitConfigIsHonoured() throws {
        let fixture = try BenchFixture()
        try fixture.repo.git("config", "bench.notesRef", "refs/notes/perf")
        #expect(try fixture.bench("evaluate", "quality").status == 2)

        #expect(try Self.note(fixture, ref: "perf").hasPrefix("Sample/quality: NO_BASELINE"))
        #expect(try fixture.repo.git("for-each-ref", "--format=%(refname)", "refs/notes") == "refs/notes/perf")
        #expect(try fixture.bench("notes", "show").stdout.hasPrefix("Sample/quality: NO_BASELINE"))
    }

    @Test func aNoteThatCannotBeWrittenIsAWarningAndTheExitCodeStaysTheVerdicts() throws {
        let fixture = try BenchFixture()
        try fixture.repo.git("config", "bench.notesRef", "refs/heads/main")

        let result = try fixture.bench("evaluate", "quality")

        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("Sample/quality: NO_BASELINE"))
        #expect(result.stderr == """
            warning: could not use bench.notesRef = 'refs/heads/main' from local config \(fixture.repo.url.path)/.git/config: \
            expected a ref under refs/notes/, such as refs/notes/bench; fix it with `git config bench.notesRef <value>`; \
            the verdict above is unaffected

            """)
        #expect(try fixture.repo.git("for-each-ref", "refs/notes") == "")
    }

    @Test func withoutAnIdentityTheNoteIsCommittedAsGitBench() throws {
        let fixture = try BenchFixture()
        var environment = fixture.environment
        // libgit2 finds user.name/user.email through HOME; an empty HOME has none.
        let emptyHome = fixture.repo.root.appendingPathComponent("empty-home")
        try FileManager.default.createDirectory(at: emptyHome, withIntermediateDirectories: true)
        environment["HOME"] = emptyHome.path
        environment["XDG_CONFIG_HOME"] = emptyHome.path

        let result = try runProcess(BenchFixture.binary, ["evaluate", "quality"], environment: environment, currentDirectory: fixture.repo.url)

        #expect(result.status == 2)
        #expect(result.stderr.contains("warning: user.name/user.email are not set; the verdict note was committed as git-bench <git-bench@localhost>"))
        #expect(try fixture.repo.git("log", "-1", "--format=%an <%ae>|%cn <%ce>|%s", "refs/notes/bench")
                == "git-bench <git-bench@localhost>|git-bench <git-bench@localhost>|git-bench \(GitBench.version): verdicts on \(try fixture.repo.git("rev-parse", "--short=10", "HEAD"))")
    }

    @Test func notesShowInALinkedWorktreeReadsTheMainRepositorysNotes() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("evaluate", "quality").status == 2)
        let linked = fixture.repo.root.appendingPathComponent("linked")
        try fixture.repo.git("worktree", "add", "-q", "--detach", linked.path)

        let shown = try fixture.bench(["notes", "show"], in: linked)

        #expect(shown.status == 0)
        #expect(shown.stdout == (try Self.note(fixture)) + "\n")
    }

    @Test func notesLogListsVerdictsAlongFirstParentHistoryUnlessAllParentsIsGiven() throws {
        let fixture = try BenchFixture()
        let first = try fixture.repo.git("rev-parse", "HEAD")
        #expect(try fixture.bench("evaluate", "quality", "speed").status == 2)
        try fixture.repo.git("checkout", "-q", "-b", "side")
        let side = try fixture.setLevel("0.9", time: 2)
        #expect(try fixture.bench("evaluate", "quality").status == 2)
        try fixture.repo.git("checkout", "-q", "main")
        let date = "@1700000003 +0000"
        try fixture.repo.git(["merge", "-q", "--no-ff", "-m", "merge side", "side"], extraEnvironment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        let merge = try fixture.repo.git("rev-parse", "HEAD")
        #expect(try fixture.bench("evaluate", "exact").status == 2)
        let noteLines = { (commit: String) in try Self.note(fixture, commit).split(separator: "\n").map(String.init) }

        let log = try fixture.bench("notes", "log")
        #expect(log.status == 0)
        let expected = try [(merge, noteLines(merge)), (first, noteLines(first))].flatMap { commit, lines in
            lines.map { "\(commit.prefix(10)) \($0)" }
        }
        #expect(log.stdout == expected.joined(separator: "\n") + "\n")

        let all = try fixture.bench("notes", "log", "--all-parents", "--json")
        let entries = try JSONDecoder().decode([String: [NoteLogEntry]].self, from: Data(all.stdout.utf8))["entries"] ?? []
        #expect(entries.map(\.commit.hex) == [merge, side, first, first])
        #expect(entries.map(\.verdict.benchmark) == ["exact", "quality", "quality", "speed"])
        #expect(entries[1].summary == "level 0.9" && entries[1].committedAt == "2023-11-14T22:13:22.000Z")

        let range = try fixture.bench("notes", "log", "\(first)..HEAD", "--all-parents", "--benchmark", "Sample/quality")
        #expect(range.stdout == "\(side.prefix(10)) \(try noteLines(side)[0])\n")
    }
}
