import Foundation
import Testing

/// The manual of the run-set commands, pinned.
@Suite struct RunSetHelpTests {
    @Test func validateHelpSaysWhatIsCheckedAndTheExitCodes() throws {
        let result = try runProcess(BenchFixture.binary, ["validate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Check a run set's directory: schema markers and versions, required
            files, every recorded SHA-256 and size.

            Exit 0 when valid; 65 names the first problem; 66 when no run set has the id
            given. A directory without git-bench's marker, or with another schema version,
            fails at once instead of being read as something it is not.

            Example: git bench validate bench_1a2b3c4d_20260301_120000

            USAGE: git-bench validate <directory> [--json]

            ARGUMENTS:
              <directory>             The run set's directory, or its id as resume takes it
                                      (found under the harness home).

            OPTIONS:
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }

    @Test func resumeHelpSaysItRefusesAMovedHead() throws {
        let result = try runProcess(BenchFixture.binary, ["resume", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Finish an interrupted run set: run only its missing repetitions, with
            the same seeds.

            Runs at the run set's commit with its meta seed and run-set id; refuses (77)
            when HEAD moved or the tree changed. The attempt is added to the run set's
            history and its summary, report and manifest are rewritten.

            Example: git bench resume bench_1a2b3c4d_20260301_120000

            USAGE: git-bench resume <run-set-id> [--compress] [--json]

            ARGUMENTS:
              <run-set-id>            The run set's id (bench_<8 hex>_<YYYYmmdd_HHMMSS>).

            OPTIONS:
              --compress              Also write <run-set-id>.zip beside the run set's
                                      directory.
              --json                  Print machine-readable JSON on stdout.
              -h, --help              Show help information.


            """)
    }
}
