import Foundation
import Testing
@testable import GitBenchKit

/// What a real runner receives: the bytes of `config.json` at `{config_path}`, through the built binary.
@Suite struct RunnerProtocolTests {
    @Test func aRunnerReceivesPythonsConfigBytesWithTheMetaSeedsSeeds() throws {
        let fixture = try BenchFixture(manifest: """
            [project]
            name = "Protocol"
            language = "shell"
            invocation = "sh bench/copy-config.sh {entry_point} {config_path} {output_path}"

            [[benchmarks]]
            name = "solve_time"
            entry_point = "solve"
            tier = "quality"
            metric_direction = "minimize"
            repetitions = 2
            baseline_seeds = [1, 2]
            promotion_sigma = 2.0
            """, register: false)
        let copies = fixture.repo.root.appendingPathComponent("configs")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        try fixture.repo.write("bench/copy-config.sh", #"""
            #!/bin/sh
            n=$(ls "$CONFIG_COPIES" | wc -l | tr -d " ")
            cp "$2" "$CONFIG_COPIES/$n.json"
            printf '{"status":"ok","metric":1}' > "$3"
            """#, executable: true)
        try fixture.repo.commit("copying runner", time: 2)
        #expect(try fixture.bench("register").status == 0)

        let run = try fixture.bench(["run", "solve_time", "--meta-seed", "42"], extra: ["CONFIG_COPIES": copies.path])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try (0..<2).map { try Data(contentsOf: copies.appendingPathComponent("\($0).json")) }
        #expect(written.map { String(decoding: $0, as: UTF8.self) } == [
            #"{"artifact_path": null, "benchmark": "solve_time", "corpus_path": "", "repetition_index": 0, "repetition_total": 2, "seed": 478163327}"#,
            #"{"artifact_path": null, "benchmark": "solve_time", "corpus_path": "", "repetition_index": 1, "repetition_total": 2, "seed": 107420369}"#,
        ])
    }

    /// benchstone's own shell fixture reads the seed the way a bash runner would: the first `"seed": <digits>` match,
    /// then awk's second field, which needs the space Python puts after the colon. Each seed must reach the metric.
    @Test func aShellRunnerThatGrepsTheSeedLikeBenchstonesFixtureGetsEverySeed() throws {
        let fixture = try BenchFixture(manifest: """
            [project]
            name = "ShellProject"
            language = "bash"
            invocation = "bash bench/benchmarks.sh --entry={entry_point} --config={config_path} --output={output_path}"

            [[benchmarks]]
            name = "shell_quality"
            entry_point = "shell_quality"
            tier = "quality"
            deterministic = false
            metric_direction = "minimize"
            repetitions = 3
            baseline_seeds = [10, 20, 30]
            promotion_sigma = 2.0
            """, register: false)
        try fixture.repo.write("bench/benchmarks.sh", #"""
            #!/usr/bin/env bash
            set -euo pipefail
            for arg in "$@"; do
                case "$arg" in
                    --config=*) config="${arg#*=}" ;;
                    --output=*) output="${arg#*=}" ;;
                esac
            done
            seed=$(grep -o '"seed": *[0-9]*' "$config" | head -n1 | awk '{print $2}')
            metric=$(awk -v s="$seed" 'BEGIN { printf "%.6f", 2.0 + s / 10000.0 }')
            printf '{"status": "ok", "metric": %s, "wall_clock_seconds": 0.001}\n' "$metric" > "$output"
            """#, executable: true)
        try fixture.repo.commit("shell project", time: 2)
        #expect(try fixture.bench("register").status == 0)

        let established = try fixture.bench("baseline", "establish", "shell_quality")
        #expect(established.status == 0, "\(established.stderr)")
        #expect(try fixture.sql("SELECT seed, metric FROM runs ORDER BY id").stdout == "10|2.001\n20|2.002\n30|2.003\n")
    }
}
