import Foundation
import GitBenchKit
import Testing

/// Help text is the manual: pin it for the commands a script author reads first.
@Suite struct HelpTests {
    @Test func evaluateHelpListsVerdictKindsAndExitCodes() throws {
        let result = try runProcess(BenchFixture.binary, ["evaluate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Judge the latest candidate group at HEAD against the baseline; the
            exit code is the verdict.

            Exit codes: 0 PROMOTE/PASS, 1 REJECT/FAIL, 2
            NEEDS_MORE_DATA/NO_BASELINE/NO_REFERENCE, 5 STALE (the working tree no longer
            matches the runs; --allow-dirty judges anyway); with --expect, 0 on match and 4
            on mismatch.
            Each verdict is also written, one line per benchmark, to HEAD's note under
            refs/notes/bench (see `git bench notes`).
            Example: git bench evaluate compress_speed --expect PROMOTE

            USAGE: git-bench evaluate [<benchmarks> ...] [--adjust] [--expect <expect>] [--any-host] [--host <host>] [--include-dirty] [--run-set <run-set>] [--allow-dirty] [--no-note] [--project <project>] [--json]

            ARGUMENTS:
              <benchmarks>            Benchmarks to judge (default: all).

            OPTIONS:
              --adjust                Judge every benchmark and adjust across them with
                                      Benjamini–Hochberg.
              --expect <expect>       Exit 0 if every verdict is this kind, 4 otherwise.
                                      (values: PROMOTE, REJECT, NEEDS_MORE_DATA,
                                      NO_BASELINE, PASS, FAIL, NO_REFERENCE, STALE)
              --any-host              Compare runs from any host (default: this host only).
              --host <host>           Compare against this host's baseline (e.g. one
                                      archive pull brought in); the candidate is this
                                      machine's group, else that host's.
              --include-dirty         Let rows recorded with --allow-dirty count.
              --run-set <run-set>     Judge this run set as the candidate, even if it is
                                      incomplete (default: the newest complete group at
                                      HEAD).
              --allow-dirty           Judge even when the working tree no longer matches
                                      the runs (dirty tree, drifted corpus, changed
                                      tracked_paths) instead of saying STALE.
              --no-note               Do not write the verdicts to HEAD's note
                                      (refs/notes/bench, or git config bench.notesRef).
              --project <project>     Use this registered project instead of the one around
                                      the current directory.
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func versionIsATopLevelOptionThatAnswersAnywhere() throws {
        let root = try runProcess(BenchFixture.binary, ["--help"])
        #expect(root.stdout.contains("\n  --version               Show the version.\n"))
        for command in [["run"], ["register"], ["baseline", "establish"], ["notes", "show"], ["hooks", "install"]] {
            let help = try runProcess(BenchFixture.binary, command + ["--help"])
            #expect(help.status == 0)
            #expect(!help.stdout.contains("--version"), "\(command)")
        }
        for arguments in [["--version"], ["run", "--version"]] {
            let version = try runProcess(BenchFixture.binary, arguments)
            #expect(version.status == 0)
            #expect(version.stdout == GitBench.version + "\n", "\(arguments)")
        }
    }

    @Test func registerSaysItsDefaultPathOnce() throws {
        let help = try runProcess(BenchFixture.binary, ["register", "--help"])
        #expect(help.stdout.contains("""
              <path>                  A path inside the project's repository (default: the
                                      current directory).

            """))
        #expect(!help.stdout.contains("(default: .)"))
    }

    @Test func everySubcommandHasHelp() throws {
        for command in ["register", "unregister", "list", "run", "baseline", "evaluate", "promote", "freeze-reference",
                        "replace-reference", "history", "verify", "check", "config", "notes", "hooks", "hook", "validate",
                        "resume", "status", "logs", "cancel", "import"] {
            let result = try runProcess(BenchFixture.binary, [command, "--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(command)")
        }
        // Nested commands too: `--help` must never run them (a hook that ran on `--help` would queue work).
        for command in [["hook", "post-commit"], ["hook", "pre-push"], ["hooks", "install"], ["hooks", "uninstall"], ["hooks", "status"],
                        ["notes", "show"], ["notes", "log"], ["notes", "push"], ["notes", "pull"], ["baseline", "establish"],
                        ["import", "benchstone"]] {
            let result = try runProcess(BenchFixture.binary, command + ["--help"])
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(command)")
        }
        let usage = try runProcess(BenchFixture.binary, ["run", "-n", "0"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("'-n' must be between 1 and 100000 (got 0)"))
    }
}
