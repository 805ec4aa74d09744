import Foundation
import Testing
@testable import GitBenchKit

/// CPU time and peak RSS from `wait4`, for a real `/bin/sh -c` child and the processes it waits for.
@Suite struct ChildProcessUsageTests {
    private func run(_ command: String) throws -> ChildExit {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("usage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        return try ChildProcess.runShell(command, in: scratch, stderrPath: scratch.appendingPathComponent("stderr"), timeout: 60)
    }

    @Test func cpuTimeOfAGrandchildIsCountedInTheRunnersUsage() throws {
        // awk is a child of the shell, so only the shell's waited-for descendants carry this time.
        let exit = try run("awk 'BEGIN { for (i = 0; i < 4000000; i++) x += i * i; print x > \"/dev/null\" }'")
        #expect(exit.reason == .exited(0))
        let usage = try #require(exit.usage)
        #expect(usage.userCPUSeconds > 0.05, "\(usage)")
        #expect(usage.userCPUSeconds + usage.systemCPUSeconds <= exit.wallClockSeconds + 0.05)
    }

    @Test func peakRSSOfAGrandchildAboveTheSpawnerFloorIsMeasured() throws {
        // A 256 MiB string built (so resident) by a Python grandchild, well above git-bench's own peak, which is the
        // floor Linux charges at exec.
        let exit = try run("/usr/bin/python3 -c 'import sys; s = b\"x\" * (256 << 20); sys.exit(len(s) == 0)'; true")
        let usage = try #require(exit.usage)
        let floor = try #require(usage.spawnerPeakRSSBytes)
        #expect(floor < 256 << 20)
        #expect(usage.peakRSSBytes >= 256 << 20, "\(usage)")
    }
}
