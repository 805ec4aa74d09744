import Foundation
import Testing

/// What a person reads: metrics without float noise, and verdict words in colour on a terminal (never in a pipe,
/// never with NO_COLOR, always with --color always).
@Suite struct ReadableOutputTests {
    static let (green, yellow, reset) = ("\u{1B}[1;32m", "\u{1B}[1;33m", "\u{1B}[0m")

    @Test func aNoisyMetricPrintsAsTheNumberItStandsForAndJSONKeepsItExactly() throws {
        let manifest = """
            [project]
            name = "zstd-lite"
            language = "c"
            invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

            [[benchmarks]]
            name = "compress_speed"
            entry_point = "compress"
            tier = "performance"
            metric_direction = "minimize"
            promotion_sigma = 2.0
            repetitions = 2
            baseline_seeds = [1, 2]

            """
        let fixture = try BenchFixture(manifest: manifest, register: false)
        // A runner that times itself as `t1 - t0` and prints every digit, as Python's print or C's %.17g does.
        try fixture.repo.write("bench/runner.sh", "#!/bin/sh\nprintf '{\"status\":\"ok\",\"metric\":0.11529300000000009}' > \"$3\"\n", executable: true)
        _ = try fixture.repo.commit("a runner that prints noise", time: 2)
        #expect(try fixture.bench("register").status == 0)
        let run = try fixture.bench("run", "compress_speed")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(" metric=0.115293 wall="), "\(run.stderr)")
        #expect(!run.stderr.contains("0.11529300000000009"), "\(run.stderr)")
        let history = try fixture.bench("history", "compress_speed", "--runs")
        #expect(history.stdout.contains(" metric=0.115293 wall="), "\(history.stdout)")
        #expect(!history.stdout.contains("0.11529300000000009"), "\(history.stdout)")
        let json = try fixture.bench("history", "compress_speed", "--runs", "--json")
        #expect(json.stdout.contains("0.11529300000000009"), "\(json.stdout)")
    }

    @Test func verdictWordsAreColouredWithColorAlwaysAndNeverInAPipeOrJSON() throws {
        let fixture = try BenchFixture()
        let plain = try fixture.bench("evaluate", "quality")
        #expect(plain.status == 2)
        #expect(plain.stdout.contains("NO_BASELINE") && !plain.stdout.contains("\u{1B}["), "\(plain.stdout)")
        for arguments in [["evaluate", "quality", "--color", "always"], ["--color", "always", "evaluate", "quality"]] {
            let coloured = try fixture.bench(arguments)
            #expect(coloured.status == 2)
            #expect(coloured.stdout == plain.stdout.replacingOccurrences(of: "NO_BASELINE", with: "\(Self.yellow)NO_BASELINE\(Self.reset)"),
                    "\(arguments): \(coloured.stdout)")
        }
        #expect(try fixture.bench("evaluate", "quality", "--color", "never").stdout == plain.stdout)
        let json = try fixture.bench("evaluate", "quality", "--json", "--color", "always")
        #expect(json.stdout.contains("\"NO_BASELINE\"") && !json.stdout.contains("\u{1B}["), "\(json.stdout)")
        let bad = try fixture.bench("evaluate", "quality", "--color", "sometimes")
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }

    @Test func aPromoteIsGreen() throws {
        let fixture = try BenchFixture()
        #expect(try fixture.bench("baseline", "establish", "quality").status == 0)
        try fixture.setLevel("0.8", time: 2)
        #expect(try fixture.bench("run", "quality").status == 0)
        let result = try fixture.bench("evaluate", "quality", "--color", "always")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.hasPrefix("Sample/quality: \(Self.green)PROMOTE\(Self.reset) sigma "), "\(result.stdout)")
    }

    /// Runs `git-bench ARGS` with its stdout on a terminal (`script` allocates a pseudo-terminal) of TERM=xterm.
    static func onATerminal(_ fixture: BenchFixture, _ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        let command = ([BenchFixture.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        // The caller's own NO_COLOR (set wherever colour is unwanted, this test runner's included) must not leak in.
        var environment = fixture.environment.filter { $0.key != "NO_COLOR" }
        environment["TERM"] = "xterm"
        let result = try runProcess("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"],
                                    environment: environment.merging(extra) { $1 }, currentDirectory: fixture.repo.url, stdin: "")
        return result.stdout
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script is not installed"))
    func onATerminalVerdictWordsAreColouredUnlessNoColorIsSet() throws {
        let fixture = try BenchFixture()
        let coloured = try Self.onATerminal(fixture, ["evaluate", "quality"])
        #expect(coloured.contains("\(Self.yellow)NO_BASELINE\(Self.reset)"), "\(coloured)")
        let noColor = try Self.onATerminal(fixture, ["evaluate", "quality"], environment: ["NO_COLOR": "1"])
        #expect(noColor.contains("NO_BASELINE") && !noColor.contains("\u{1B}["), "\(noColor)")
        #expect(!(try Self.onATerminal(fixture, ["evaluate", "quality", "--color", "never"])).contains("\u{1B}["))
        // An empty NO_COLOR does not count (no-color.org), and --color always beats NO_COLOR.
        #expect(try Self.onATerminal(fixture, ["evaluate", "quality"], environment: ["NO_COLOR": ""]).contains("\(Self.yellow)NO_BASELINE"))
        #expect(try Self.onATerminal(fixture, ["evaluate", "quality", "--color", "always"], environment: ["NO_COLOR": "1"])
                    .contains("\(Self.yellow)NO_BASELINE"))
    }
}
