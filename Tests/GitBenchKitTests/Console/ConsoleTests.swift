import Testing
@testable import GitBenchKit

/// What reaches stderr, line by line: the CLI's errors and the hooks' messages go through the same Console as progress.
@Suite struct ConsoleTests {
    @Test func errorsWarningsAndHookLinesCarryTheirPrefixesAndEraseALiveTickerFirst() {
        let console = Console.capturing(isTTY: true)
        console.ticker("[1/2] Sample/quality")
        console.error("could not find job 999; `git bench status --all` lists jobs")
        console.warning("core.hooksPath is global: every repository using /srv/hooks gets these hooks")
        console.announce("push blocked: no verdict for Sample/quality@a1b2c3d4e5 (bench.prePush.missing = block)")
        let erase = "\r\u{1B}[2K"
        #expect(console.transcript == erase + "[1/2] Sample/quality" + erase + """
            git-bench: error: could not find job 999; `git bench status --all` lists jobs
            warning: core.hooksPath is global: every repository using /srv/hooks gets these hooks
            git-bench: push blocked: no verdict for Sample/quality@a1b2c3d4e5 (bench.prePush.missing = block)

            """)
        #expect(console.lines == [
            "git-bench: error: could not find job 999; `git bench status --all` lists jobs",
            "warning: core.hooksPath is global: every repository using /srv/hooks gets these hooks",
            "git-bench: push blocked: no verdict for Sample/quality@a1b2c3d4e5 (bench.prePush.missing = block)",
        ])
    }
}
