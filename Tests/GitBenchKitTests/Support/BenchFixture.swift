import Foundation
@testable import GitBenchKit

/// A registered sample project in a `TestRepo`, a private harness home, and a way to run the built `git-bench`.
/// The runner's metric is a pure function of the seed and of `bench/level`, so verdicts are reproducible.
final class BenchFixture {
    let repo: TestRepo
    let home: URL

    init(manifest: String = BenchFixture.manifest, register: Bool = true) throws {
        repo = try TestRepo()
        home = repo.root.appendingPathComponent("bench-home")
        try repo.write("bench/manifest.toml", manifest)
        try repo.write("bench/runner.sh", Self.runner, executable: true)
        try repo.write("bench/level", "1.0\n")
        try repo.commit("add benchmarks", time: 1)
        if register {
            let result = try bench("register")
            guard result.status == 0 else { throw TestRepoError.setup("register failed: \(result.stderr)") }
        }
    }

    /// The built executable: `$GIT_BENCH_TEST_BINARY`, else `.build/debug/git-bench` beside this package.
    static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["GIT_BENCH_TEST_BINARY"], !explicit.isEmpty { return explicit }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/git-bench").path
    }

    var environment: [String: String] {
        var environment = repo.environment
        environment["GIT_BENCH_HOME"] = home.path
        // Admission defaults to the core count; tests that run several benchmarks at once must not depend on the machine.
        environment["GIT_BENCH_MAX_THREADS"] = "64"
        return environment
    }

    var storePath: String { home.appendingPathComponent("store.sqlite3").path }

    /// Runs `git-bench ARGS` in the repository.
    @discardableResult
    func bench(_ arguments: String..., in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try bench(arguments, in: directory)
    }

    @discardableResult
    func bench(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(Self.binary, arguments, environment: environment, currentDirectory: directory ?? repo.url)
    }

    /// Runs `git-bench ARGS` in the repository, SIGKILLing it and throwing when it still runs after `timeout` seconds
    /// (a liveness deadline for input that used to hang, not a speed assertion).
    @discardableResult
    func bench(_ arguments: String..., timeout: TimeInterval, extraEnvironment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess(Self.binary, arguments, environment: environment.merging(extraEnvironment) { $1 }, currentDirectory: repo.url, timeout: timeout)
    }

    /// Starts `git-bench ARGS` without waiting, with `extraEnvironment` on top of the fixture's.
    func start(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        process.currentDirectoryURL = repo.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Sets the runner's metric level and commits it, so HEAD moves.
    @discardableResult
    func setLevel(_ level: String, time: Int) throws -> String {
        try repo.write("bench/level", level + "\n")
        return try repo.commit("level \(level)", time: time)
    }

    /// `sqlite3 store.sqlite3 SQL` through the real CLI.
    /// Runs `statement` with the sqlite3 CLI, waiting out a background worker's write lock rather than failing.
    func sql(_ statement: String) throws -> (status: Int32, stdout: String, stderr: String) {
        try runProcess("/usr/bin/sqlite3", ["-cmd", ".timeout 10000", storePath, statement])
    }

    /// Number of rows in `runs` (0 when the store does not exist yet).
    func runCount() throws -> Int {
        guard FileManager.default.fileExists(atPath: storePath) else { return 0 }
        return Int(try sql("SELECT COUNT(*) FROM runs").stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// What a stuck test needs to see: the jobs table, every job and hook log, and the related processes.
    func diagnostics() -> String {
        var lines = ["-- jobs:", (try? sql("SELECT * FROM jobs").stdout) ?? "(unreadable)"]
        let logs = home.appendingPathComponent("logs")
        for file in (FileManager.default.enumerator(atPath: logs.path)?.allObjects as? [String] ?? []).sorted() where file.hasSuffix(".log") {
            lines += ["-- logs/\(file):", (try? String(contentsOf: logs.appendingPathComponent(file), encoding: .utf8)) ?? "(unreadable)"]
        }
        let table = (try? runProcess("/bin/ps", ["-eo", "pid,ppid,sid,pgid,stat,etimes,args"]).stdout) ?? ""
        lines.append("-- processes:")
        lines += table.split(separator: "\n").filter { $0.contains("PID") || $0.contains("git-bench") || $0.contains("sleep") || $0.contains("bench/") }.map(String.init)
        return lines.joined(separator: "\n")
    }

    /// Polls `condition` like `waitUntil`; a timeout reports `diagnostics()`.
    func waitUntil(_ condition: () throws -> Bool) throws {
        try GitBenchKitTests.waitUntil(context: diagnostics, condition)
    }

    /// A shell runner: `bench/runner.sh ENTRY CONFIG OUTPUT`. The entry point picks a behaviour.
    static let runner = #"""
    #!/bin/sh
    entry=$1; config=$2; output=$3
    seed=$(sed -n 's/.*"seed": *\([0-9]*\).*/\1/p' "$config")
    level=$(cat bench/level)
    case "$entry" in
      exact)
        artifact=$(sed -n 's/.*"artifact_path": *"\([^"]*\)".*/\1/p' "$config")
        printf 'level=%s\n' "$level" > "$artifact"
        printf '{"status":"ok","metric":1}' > "$output" ;;
      crash) echo "runner blew up" >&2; exit 3 ;;
      hang) sleep 30 ;;
      slow) sleep "${SLOW_SECONDS:-0.4}"; printf '{"status":"ok","metric":1.0}' > "$output" ;;
      notobject) printf '[1, 2, 3]' > "$output" ;;
      stringmetric) printf '{"status":"ok","metric":"1.5"}' > "$output" ;;
      nan) printf '{"status":"ok","metric":NaN}' > "$output" ;;
      garbage) printf 'this is not json' > "$output" ;;
      errormsg) printf '{"status":"error","message":"corpus shard 3 unreadable"}' > "$output" ;;
      noresult) echo "forgot to write" >&2 ;;
      fifo) mkfifo "$output" ;;
      deep) printf '%0513d' 0 | tr 0 '[' > "$output" ;;
      symlink) printf '{"status":"ok","metric":1}' > "$output.real"; ln -s "$output.real" "$output" ;;
      drift)
        # A machine that slows by 1% per repetition, whichever worktree runs it: a counter beside the harness home.
        counter="$GIT_BENCH_HOME/../drift-counter"
        n=$(cat "$counter" 2>/dev/null || echo 0); echo $((n + 1)) > "$counter"
        awk -v s="$seed" -v l="$level" -v n="$n" 'BEGIN { srand(s % 2147483647); u1 = rand(); u2 = rand(); if (u1 < 1e-9) u1 = 1e-9;
          z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2); printf "{\"status\":\"ok\",\"metric\":%.9f}", l * (1 + 0.01 * n) * (1 + 0.005 * z) }' > "$output" ;;
      *)
        # metric = level * (1 + 0.03 * N(0,1)) with the normal drawn from the seed: a pure function of the seed.
        awk -v s="$seed" -v l="$level" 'BEGIN { srand(s % 2147483647); u1 = rand(); u2 = rand(); if (u1 < 1e-9) u1 = 1e-9;
          z = sqrt(-2 * log(u1)) * cos(6.283185307179586 * u2); printf "{\"status\":\"ok\",\"metric\":%.9f}", l * (1 + 0.03 * z) }' > "$output" ;;
    esac
    """#

    static let manifest = """
    [project]
    name = "Sample"
    language = "shell"
    invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

    [[benchmarks]]
    name = "quality"
    entry_point = "quality"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 6
    baseline_seeds = [1, 2, 3, 4, 5, 6]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "speed"
    entry_point = "speed"
    tier = "performance"
    metric_direction = "minimize"
    gate_policy = "mann_whitney"
    promotion_sigma = 2.0
    promotion_z = 2.0
    repetitions = 6
    baseline_seeds = [11, 12, 13, 14, 15, 16]

    [[benchmarks]]
    name = "exact"
    entry_point = "exact"
    tier = "correctness"

    [[benchmarks]]
    name = "slow"
    entry_point = "slow"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 6
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "crash"
    entry_point = "crash"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "hang"
    entry_point = "hang"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0
    timeout_seconds = 1

    [[benchmarks]]
    name = "notobject"
    entry_point = "notobject"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "stringmetric"
    entry_point = "stringmetric"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "nan"
    entry_point = "nan"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "garbage"
    entry_point = "garbage"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "errormsg"
    entry_point = "errormsg"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0

    [[benchmarks]]
    name = "noresult"
    entry_point = "noresult"
    tier = "quality"
    metric_direction = "minimize"
    repetitions = 2
    baseline_seeds = [1, 2]
    promotion_sigma = 2.0
    """
}
