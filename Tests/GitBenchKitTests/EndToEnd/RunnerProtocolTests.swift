import Foundation
import Testing
@testable import GitBenchKit

/// What a real runner receives: the bytes of `config.json` at `{config_path}`, through the built binary.
@Suite struct RunnerProtocolTests {
    @Test func aRunnerReceivesCompactSortedConfigBytesWithTheMetaSeedsSeeds() throws {
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
            #"{"artifact_path":null,"benchmark":"solve_time","corpus_path":"","repetition_index":0,"repetition_total":2,"seed":478163327}"#,
            #"{"artifact_path":null,"benchmark":"solve_time","corpus_path":"","repetition_index":1,"repetition_total":2,"seed":107420369}"#,
        ])
    }
}
