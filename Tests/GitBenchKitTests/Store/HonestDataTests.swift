import Foundation
import Testing
@testable import GitBenchKit

/// `verify` never cries wolf on honest data: what is hashed is exactly what is stored, so values SQLite would store
/// differently (a negative zero, a NUL inside text) are normalised once, before both.
@Suite struct HonestDataTests {
    @Test func aNegativeZeroMetricOrWallClockKeepsTheChainIntact() throws {
        let scratch = try ScratchStore()
        let zero = Repetition(seed: 1, repetitionIndex: 0, status: .ok, metric: -0.0, wallClockSeconds: -0.0)
        let stored = try scratch.store.append(zero, in: ScratchStore.context(total: 1), at: ScratchStore.date)
        #expect(stored.metric == 0 && stored.metric?.sign == .plus && stored.wallClockSeconds.sign == .plus)
        #expect(try scratch.store.run(id: stored.id) == stored)
        #expect(try scratch.store.verifyChain().isIntact)
    }

    @Test func aNulInsideTextIsEscapedSoNothingIsCutAndTheChainHolds() throws {
        let scratch = try ScratchStore()
        let failed = Repetition(seed: 1, repetitionIndex: 0, status: .error, wallClockSeconds: 0.1, message: "x\u{0}y",
                                stderrLogPath: "/logs/a\u{0}b.stderr")
        let stored = try scratch.store.append(failed, in: ScratchStore.context(total: 1), at: ScratchStore.date)
        #expect(stored.message == "x\\u0000y")
        #expect(stored.stderrLogPath == "/logs/a\\u0000b.stderr")
        #expect(try scratch.store.run(id: stored.id) == stored)
        #expect(try scratch.store.verifyChain().isIntact)

        // A message that is nothing but a NUL is not an empty reason.
        let bare = try scratch.store.append(Repetition(seed: 2, repetitionIndex: 1, status: .error, wallClockSeconds: 0, message: "\u{0}"),
                                            in: ScratchStore.context(total: 2), at: ScratchStore.date)
        #expect(bare.message == "\\u0000")
        #expect(try scratch.store.verifyChain().isIntact)
    }

    /// Real runners: a NUL on stderr, a NUL as the error message, and a metric of -0.0.
    @Test func runnersThatWriteNulsOrNegativeZeroLeaveAnIntactChain() throws {
        let fixture = try BenchFixture(manifest: """
            [project]
            name = "Honest"
            language = "shell"
            invocation = "sh bench/odd.sh {entry_point} {config_path} {output_path}"

            [[benchmarks]]
            name = "nul_stderr"
            entry_point = "nul_stderr"
            tier = "quality"
            metric_direction = "minimize"
            promotion_sigma = 2.0

            [[benchmarks]]
            name = "nul_message"
            entry_point = "nul_message"
            tier = "quality"
            metric_direction = "minimize"
            promotion_sigma = 2.0

            [[benchmarks]]
            name = "negative_zero"
            entry_point = "negative_zero"
            tier = "quality"
            metric_direction = "minimize"
            promotion_sigma = 2.0
            """, register: false)
        try fixture.repo.write("bench/odd.sh", #"""
            #!/bin/sh
            case "$1" in
              nul_stderr) printf 'x\000y\n' >&2; exit 1 ;;
              nul_message) printf '{"status": "error", "message": "\\u0000"}' > "$3" ;;
              negative_zero) printf '{"status": "ok", "metric": -0.0, "wall_clock_seconds": -0.0}' > "$3" ;;
            esac
            """#, executable: true)
        try fixture.repo.commit("odd runners", time: 2)
        #expect(try fixture.bench("register").status == 0)
        #expect(try fixture.bench("run", "nul_stderr", "nul_message").status == 65)
        #expect(try fixture.bench("run", "negative_zero").status == 0)

        #expect(try fixture.sql("SELECT benchmark, message FROM runs ORDER BY id").stdout
                == "nul_stderr|runner exited with status 1: x\\u0000y\nnul_message|\\u0000\nnegative_zero|\n")
        let verified = try fixture.bench("verify")
        #expect(verified.status == 0, "\(verified.stdout)")
    }
}
