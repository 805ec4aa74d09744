import Foundation
@testable import GitBenchKit

/// Helpers for driving background jobs through the built binary.
extension BenchFixture {
    /// A project whose `staged` benchmark finishes repetition 0 at once and sleeps `STAGED_SECONDS` in every later
    /// one, so a test can stop a job after one finished repetition. `extra` is appended to the manifest.
    static func staged(extra: String = "") throws -> BenchFixture {
        let fixture = try BenchFixture(manifest: """
            [project]
            name = "Jobs"
            language = "shell"
            invocation = "sh bench/staged.sh {entry_point} {config_path} {output_path}"

            [[benchmarks]]
            name = "staged"
            entry_point = "staged"
            tier = "quality"
            metric_direction = "minimize"
            repetitions = 3
            baseline_seeds = [1, 2, 3]
            promotion_sigma = 2.0

            [[benchmarks]]
            name = "quick"
            entry_point = "quick"
            tier = "quality"
            metric_direction = "minimize"
            repetitions = 2
            baseline_seeds = [1, 2]
            promotion_sigma = 2.0
            """ + extra)
        try fixture.repo.write("bench/staged.sh", #"""
            #!/bin/sh
            index=$(sed -n 's/.*"repetition_index": *\([0-9]*\).*/\1/p' "$2")
            if [ "$1" = staged ] && [ "$index" -ge 1 ]; then sleep "${STAGED_SECONDS:-0}"; fi
            printf '{"status":"ok","metric":1.%s}' "$index" > "$3"
            """#, executable: true)
        try fixture.repo.commit("staged runner", time: 2)
        return fixture
    }

    /// Runs `git-bench ARGS` in the repository with `extra` added to the environment.
    @discardableResult
    func bench(_ arguments: [String], extra: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(Self.binary, arguments, environment: environment.merging(extra) { $1 }, currentDirectory: repo.url)
    }

    /// Every job of the store, newest first, through `status --all --json`.
    func jobs() throws -> [Job] {
        let result = try bench("status", "--all", "--limit", "0", "--json")
        guard result.status == 0 else { throw TestRepoError.setup("status failed: \(result.stderr)") }
        return try JSONDecoder().decode([String: [Job]].self, from: Data(result.stdout.utf8))["jobs"] ?? []
    }

    /// The job with this id, read through `status --json` (which also records a dead one as lost).
    func job(_ id: Int64) throws -> Job {
        guard let job = try jobs().first(where: { $0.id.value == id }) else { throw TestRepoError.setup("no job \(id)") }
        return job
    }

    /// Waits until job `id` has `status`.
    func waitForJob(_ id: Int64, _ status: JobStatus) throws {
        try self.waitUntil { try job(id).status == status }
    }

    /// Cancels whatever is still pending or running, so no worker outlives its test.
    func cancelActiveJobs() {
        guard let jobs = try? jobs() else { return }
        for job in jobs where job.status.isActive { _ = try? bench("cancel", String(job.id.value)) }
    }
}

/// A sleep duration like "42.318907": about `seconds`, and with a fraction no other test (or copy of the suite running
/// beside this one on a shared machine) picks, so `processExists("sleep \(it)")` finds only this test's runner.
func markedSleep(_ seconds: Int) -> String {
    "\(seconds)." + String(format: "%06d", Int.random(in: 0..<1_000_000))
}

/// True while some process's command line contains `pattern` (`pgrep -f`).
func processExists(_ pattern: String) throws -> Bool {
    try runProcess("/usr/bin/pgrep", ["-f", pattern]).status == 0
}
