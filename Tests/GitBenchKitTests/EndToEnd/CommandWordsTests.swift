import Foundation
import Testing

/// What git-bench says when the command words name no command, or none at all: one line (or a short usage) and 64.
@Suite struct CommandWordsTests {
    private func bench(_ arguments: String...) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(BenchFixture.binary, arguments)
    }

    @Test func aMistypedCommandSuggestsTheNearestOne() throws {
        let result = try bench("evluate")
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "git-bench: error: 'evluate' is not a git bench command; did you mean 'evaluate'?\n")
        let nested = try bench("notes", "shw")
        #expect(nested.status == 64)
        #expect(nested.stderr == "git-bench: error: 'shw' is not a git bench notes command; did you mean 'show'?\n")
    }

    @Test func anUnrelatedWordIsRefusedWithoutASuggestion() throws {
        let result = try bench("nosuch", "--json")
        #expect(result.status == 64)
        #expect(result.stderr == "git-bench: error: 'nosuch' is not a git bench command (see git bench --help)\n")
    }

    @Test func helpOfAnUnknownCommandIsOneLineAndSixtyFour() throws {
        let result = try bench("help", "nosuch")
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "git-bench: error: 'nosuch' is not a git bench command (see git bench --help)\n")
        let typo = try bench("help", "evaluat")
        #expect(typo.status == 64)
        #expect(typo.stderr == "git-bench: error: 'evaluat' is not a git bench command; did you mean 'evaluate'?\n")
        // Help of a real command, nested or not, is still help.
        for words in [["help", "evaluate"], ["help", "notes", "show"], ["help"]] {
            let help = try runProcess(BenchFixture.binary, words)
            #expect(help.status == 0, "\(words)")
            #expect(help.stdout.hasPrefix("OVERVIEW: "), "\(words)")
        }
    }

    @Test func noCommandAtAllPrintsAShortUsageAndExitsSixtyFour() throws {
        let result = try bench()
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            usage: git bench <command> [<args>]

            the commands most runs need:
              register    register the project around the current directory (reads bench/manifest.toml)
              run         run benchmarks and store every repetition
              evaluate    judge the candidate at HEAD against the baseline; the exit code is the verdict
              promote     make a PROMOTEd candidate the new baseline
              check       fail only on a significant regression (for hooks and CI)
              status      show running and recent runs

            see git bench --help for every command, and git bench help <command> for one

            """)
    }

    @Test func hiddenCommandsAndOptionsStillParse() throws {
        // job-worker is hidden from help but must still be reached (the launcher calls it); --version is an option.
        let worker = try bench("job-worker", "--help")
        #expect(worker.status == 0)
        let version = try bench("--version")
        #expect(version.status == 0)
    }
}
