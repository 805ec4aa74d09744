import Foundation
@testable import GitBenchKit

/// A gate in front of a fixture's runner: repetitions from a chosen index on wait, before they run, until the test
/// opens the gate. A test can then interrupt a run at a known point and assert exact row counts, with no clock
/// involved: while a repetition is held, every earlier one is stored (the pipeline stores each repetition before
/// starting the next) and no later one can be. (A held runner gives up after 180 s: a liveness deadline only, so a
/// regression that waits for it fails its test instead of hanging it.)
final class RepetitionGate {
    /// Created by `open()`; a held runner polls for it.
    let gateFile: URL
    /// Each held runner appends its pid here when it starts waiting.
    let heldFile: URL

    init(directory: URL) {
        gateFile = directory.appendingPathComponent("repetition-gate")
        heldFile = directory.appendingPathComponent("repetition-gate.held")
    }

    /// The pids of the runners that reached the gate, in arrival order.
    func heldRunners() -> [Int32] {
        let text = (try? String(contentsOf: heldFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Int32($0) }
    }

    /// Lets every held and future repetition run.
    func open() {
        FileManager.default.createFile(atPath: gateFile.path, contents: Data())
    }

    /// Opens the gate and waits until every runner that was held, and everything in its process group (each runner
    /// gets its own), has ended; so a runner orphaned by a killed `git-bench` does not outlive the test.
    func openAndDrain(_ fixture: BenchFixture) throws {
        let groups = Set(heldRunners().compactMap { ProcessTable.entry($0)?.group })
        open()
        try fixture.waitUntil {
            let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { Int32($0) }
            return !pids.contains { pid in ProcessTable.entry(pid).map { groups.contains($0.group) && !$0.hasExited } ?? false }
        }
    }

    /// SIGKILLs a `git-bench` whose runner is held, opens the gate, and reaps it.
    ///
    /// The order matters: the held runner inherits the descriptor through which Foundation's `Process` learns that its
    /// child ended, so `waitUntilExit()` would block until the runner ends, which it cannot do before the gate opens.
    /// The exit is therefore read from /proc first; once `git-bench` is dead no further row can be stored.
    func kill(_ process: Process, fixture: BenchFixture) throws {
        let pid = process.processIdentifier
        Glibc.kill(pid, SIGKILL)
        try fixture.waitUntil { ProcessTable.entry(pid).map(\.hasExited) ?? true }
        try openAndDrain(fixture)
        process.waitUntilExit()
    }
}

extension BenchFixture {
    /// Puts a `RepetitionGate` in front of `bench/runner.sh`: a repetition whose index is `index` or more waits at the
    /// gate, then runs the fixture's own runner unchanged. Commits the wrapper, so HEAD moves once, before any run.
    func holdRepetitions(from index: Int) throws -> RepetitionGate {
        let gate = RepetitionGate(directory: repo.root)
        try repo.write("bench/fixture-runner.sh", Self.runner, executable: true)
        try repo.write("bench/runner.sh", #"""
            #!/bin/sh
            index=$(sed -n 's/.*"repetition_index": *\([0-9]*\).*/\1/p' "$2")
            if [ "$index" -ge \#(index) ]; then
              echo $$ >> '\#(gate.heldFile.path)'
              # A liveness deadline only: a regression that waits for this runner must fail its test, not hang it.
              deadline=$(( $(date +%s) + 180 ))
              while [ ! -e '\#(gate.gateFile.path)' ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.05; done
            fi
            exec sh bench/fixture-runner.sh "$@"
            """#, executable: true)
        try repo.commit("hold repetitions from index \(index)", time: 3)
        return gate
    }
}
