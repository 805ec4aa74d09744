import Foundation
import Testing

/// The help of the git-integration commands, pinned: it is their manual.
@Suite struct GitIntegrationHelpTests {
    @Test func checkHelpExplainsTheTwoSidedAnswerAndBisect() throws {
        let result = try runProcess(BenchFixture.binary, ["check", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Fail only on a significant regression or a correctness FAIL; the exit
            code is the answer.

            Two-sided, for hooks and CI gates: FAIL (exit 1) when a benchmark got
            significantly worse in its direction (the calibrated one-sided p of "got worse"
            <= alpha = 1 - Phi(threshold); z <= -threshold under gate_compat =
            "benchstone"; and, with min_effect, the whole 95% interval beyond min_effect on
            the worse side) or a correctness check fails; PASS (0) otherwise, also when a
            change merely failed to improve; NEEDS_MORE_DATA (2) without a baseline, a
            reference or enough runs. The verdict in REV's note is used when there is one
            (it may come from another machine); otherwise it is computed from this
            machine's runs at REV.
            With --bisect, NEEDS_MORE_DATA exits 125 (git bisect skips the commit) and
            errors exit 128 (git bisect stops).
            Example: git bisect run sh -c 'git bench run compress_speed || exit 125; git
            bench check --bisect compress_speed'

            USAGE: git-bench check [<rev-and-benchmarks> ...] [--rev <rev>] [--recompute] [--bisect] [--any-host] [--host <host>] [--include-dirty] [--project <project>] [--json]

            ARGUMENTS:
              <rev-and-benchmarks>    An optional revision (default: HEAD), then benchmarks
                                      (default: all). A first word naming a benchmark is a
                                      benchmark.

            OPTIONS:
              --rev <rev>             The revision to check, when its name could be taken
                                      for a benchmark.
              --recompute             Ignore stored verdict notes and compute every verdict
                                      from the runs.
              --bisect                Exit 125 instead of 2 when there is not enough data,
                                      and 128 on errors (for git bisect run).
              --any-host              When computing, compare runs from any host (default:
                                      this host only).
              --host <host>           When computing, compare against this host's baseline
                                      (e.g. one archive pull brought in).
              --include-dirty         When computing, let rows recorded with --allow-dirty
                                      count.
              --project <project>     Use this registered project instead of the one around
                                      the current directory.
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func configHelpListsTheKeysAndOrigins() throws {
        let result = try runProcess(BenchFixture.binary, ["config", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Show git-bench's git config keys: the effective value of each and
            where it came from.

            Keys: bench.home (GIT_BENCH_HOME wins), bench.notesRef, bench.prePush.missing
            (warn, run or block), bench.archive.url (file://DIR or s3://BUCKET),
            bench.archive.publicUrl, bench.archive.publicWebUrl, bench.archive.endpoint,
            bench.archive.region, bench.archive.stage, bench.allowDirty. Origins: system,
            xdg, global, local, worktree, command (git -c), environment, default. Exits 78
            when a value is invalid.
            Example: git config bench.prePush.missing block && git bench config

            USAGE: git-bench config [--json]

            OPTIONS:
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func notesHelpListsItsSubcommands() throws {
        let result = try runProcess(BenchFixture.binary, ["notes", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Read, list and sync the verdicts that evaluate writes to git notes.

            Verdicts live under refs/notes/bench (git config bench.notesRef to change it),
            one line per project/benchmark on the evaluated commit, so `git log
            --notes=bench` shows them.
            Example: git bench notes log main~20..main --benchmark compress_ratio

            USAGE: git-bench notes <subcommand>

            OPTIONS:
              -h, --help              Show help information.

            SUBCOMMANDS:
              show                    Show the verdicts in a commit's note, parsed back
                                      into records with --json.
              log                     List the verdicts along history, newest first: one
                                      line per commit and verdict.
              push                    Push the verdict notes to a remote with git (the
                                      pre-push hook is not run for it).
              pull                    Fetch a remote's verdict notes and merge them without
                                      losing a line.

              See 'git-bench help notes <subcommand>' for detailed help.

            """)
    }

    @Test func notesShowHelp() throws {
        let result = try runProcess(BenchFixture.binary, ["notes", "show", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Show the verdicts in a commit's note, parsed back into records with
            --json.

            Exits 66 when the commit has no note (with --json, the record still says
            "has_note": false).
            Example: git bench notes show HEAD~1 --json

            USAGE: git-bench notes show [<revision>] [--json]

            ARGUMENTS:
              <revision>              The commit. (default: HEAD)

            OPTIONS:
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func notesLogHelp() throws {
        let result = try runProcess(BenchFixture.binary, ["notes", "log", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: List the verdicts along history, newest first: one line per commit
            and verdict.

            Follows first parents by default, like a branch's own history; --all-parents
            also lists merged-in commits.
            Example: git bench notes log v1.0..main --benchmark compress_speed

            USAGE: git-bench notes log [<range>] [--all-parents] [--benchmark <benchmark>] [--json]

            ARGUMENTS:
              <range>                 A revision or range, such as main or A..B. (default:
                                      HEAD)

            OPTIONS:
              --all-parents           Follow every parent of merges, not just the first.
              --benchmark <benchmark> Only this benchmark (name or project/name).
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func notesPushHelp() throws {
        let result = try runProcess(BenchFixture.binary, ["notes", "push", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Push the verdict notes to a remote with git (the pre-push hook is not
            run for it).

            Same as `git push --no-verify REMOTE refs/notes/bench:refs/notes/bench`. When
            the remote has verdicts this repository lacks, the push is refused: run `git
            bench notes pull REMOTE` first.
            Example: git bench notes push origin

            USAGE: git-bench notes push [<remote>] [--json]

            ARGUMENTS:
              <remote>                The remote. (default: origin)

            OPTIONS:
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func notesPullHelpSaysHowDivergedNotesMerge() throws {
        let result = try runProcess(BenchFixture.binary, ["notes", "pull", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Fetch a remote's verdict notes and merge them without losing a line.

            Diverged notes are merged per commit: the union of both sides by
            project/benchmark, the newer evaluation (at=) winning, other text kept; the
            merge is a notes commit with both tips as parents.
            Example: git bench notes pull origin && git bench notes push origin

            USAGE: git-bench notes pull [<remote>] [--json]

            ARGUMENTS:
              <remote>                The remote. (default: origin)

            OPTIONS:
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }
}
