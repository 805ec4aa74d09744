import Foundation
import Testing
@testable import GitBenchKit

/// A deterministic metric (a count, a size) that moved: no spread on either side, so z is infinite. Every `--json`
/// still prints (the statistic as the string "inf", as the text says `z=inf`) instead of exiting 70.
@Suite struct DeterministicMetricTests {
    static let manifest = """
        [project]
        name = "Counts"
        language = "shell"
        invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

        [[benchmarks]]
        name = "bytes"
        entry_point = "bytes"
        tier = "quality"
        metric_direction = "minimize"
        repetitions = 3
        baseline_seeds = [1, 2, 3]
        promotion_sigma = 2.0
        """

    @Test func aMovedCountPrintsAnInfiniteStatisticInEveryJSON() throws {
        let fixture = try BenchFixture(manifest: Self.manifest, register: false)
        try fixture.repo.write("bench/runner.sh", #"printf '{"status":"ok","metric":%s}' "$(cat bench/level)" > "$3""# + "\n", executable: true)
        try fixture.repo.write("bench/level", "2048\n")
        try fixture.repo.commit("count bytes", time: 2)
        try #require(try fixture.bench("register").status == 0)
        try #require(try fixture.bench("baseline", "establish", "bytes").status == 0)
        try fixture.setLevel("1024", time: 3)
        try #require(try fixture.bench("run", "bytes").status == 0)

        let evaluate = try fixture.bench("evaluate", "bytes", "--json")
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("\"statistic\" : \"inf\""), "\(evaluate.stdout)")
        let verdicts = try JSONDocument.decoder().decode([String: [Verdict]].self, from: Data(evaluate.stdout.utf8))["verdicts"]
        #expect(verdicts?.first?.statistic == .infinity && verdicts?.first?.kind == .promote)

        for arguments in [["history", "bytes", "--json"], ["summary", "--json"], ["compare", "baseline", "HEAD", "--json"], ["notes", "show", "--json"]] {
            let result = try fixture.bench(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let file = fixture.repo.root.appendingPathComponent("out.json")
            try Data(result.stdout.utf8).write(to: file)
            let python = try runProcess("/usr/bin/env", ["python3", "-c", "import json, sys; json.load(open(sys.argv[1])); print('ok')", file.path])
            #expect(python.stdout == "ok\n", "\(arguments): \(python.stderr)")
        }
        #expect(try fixture.bench("summary").stdout.hasPrefix("git-bench: 0 regressed, 1 improved, 0 unchanged, 0 not enough data\n"))
    }
}
