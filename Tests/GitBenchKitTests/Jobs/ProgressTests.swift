import Foundation
import Testing
@testable import GitBenchKit

/// Progress for people: one rewritten line on a terminal, plain lines elsewhere, nothing with --json.
@Suite struct ProgressTests {
    @Test func aTickerOnATerminalRewritesOneLineAndOrdinaryLinesEraseItFirst() {
        let console = Console.capturing(isTTY: true)
        console.ticker("[1/3] a")
        console.ticker("[2/3] a")
        console.progress("rep=2 done")
        console.ticker("[3/3] a")
        console.clearTicker()
        console.clearTicker()
        let erase = "\r\u{1B}[2K"
        #expect(console.transcript == "\(erase)[1/3] a\(erase)[2/3] a\(erase)rep=2 done\n\(erase)[3/3] a\(erase)")
        #expect(console.lines == ["rep=2 done"])
    }

    @Test func aTickerElsewhereIsAPlainLine() {
        let console = Console.capturing(isTTY: false)
        console.ticker("[1/3] a")
        console.clearTicker()
        #expect(console.transcript == "[1/3] a\n")
        #expect(console.lines == ["[1/3] a"])
    }

    @Test func theMeterShowsRepetitionsElapsedLastMetricAndETA() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let meter = RunMeter(console: .capturing(), label: "Sample/slow", total: 6, start: start)
        #expect(meter.line(now: start.addingTimeInterval(1)) == "[0/6] Sample/slow  elapsed 0:01  last -  ETA -")
        meter.record(record(status: .ok, metric: 1.25), detail: "rep=0", at: start.addingTimeInterval(2))
        meter.record(record(status: .ok, metric: 1.009261), detail: "rep=1", at: start.addingTimeInterval(4))
        #expect(meter.line(now: start.addingTimeInterval(4)) == "[2/6] Sample/slow  elapsed 0:04  last 1.009261  ETA 0:08")
        meter.record(record(status: .error, metric: nil), detail: "rep=2", at: start.addingTimeInterval(3_723))
        #expect(meter.line(now: start.addingTimeInterval(3_723)) == "[3/6] Sample/slow  elapsed 1:02:03  last error  ETA 1:02:03")
    }

    @Test func theETACountsDownWhileARepetitionRuns() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let meter = RunMeter(console: .capturing(), label: "Sample/slow", total: 4, start: start)
        meter.record(record(status: .ok, metric: 1), detail: "rep=0", at: start.addingTimeInterval(10))
        // 10 s a repetition and 3 to go: 0:30 when the first ends, then less as the second runs, never below 0:00.
        let etas = [10, 15, 25, 39, 45].map { meter.line(now: start.addingTimeInterval(Double($0))).components(separatedBy: "ETA ").last }
        #expect(etas == ["0:30", "0:25", "0:15", "0:01", "0:00"])
    }

    @Test func aRunOnATerminalKeepsItsProgressOnOneLineAndErasesItAtTheEnd() throws {
        let fixture = try BenchFixture()
        let console = Console.capturing(isTTY: true)
        let harness = try Harness(home: HarnessHome(root: fixture.home), console: console)
        let project = try harness.project(named: "Sample", from: fixture.repo.url)
        _ = try harness.run(RunRequest(benchmarks: ["quality"], repetitions: 3), in: project)
        #expect(console.transcript.contains("\r\u{1B}[2K[3/3] Sample/quality  elapsed 0:0"))
        // The meter erases its line before the run set's closing line.
        #expect(console.transcript.contains("  ETA 0:00\r\u{1B}[2Kbench_"))
        #expect(!console.lines.contains { $0.contains("[3/3]") })
    }

    @Test func aRunInALogPrintsEachRepetitionOnce() throws {
        let fixture = try BenchFixture()
        let console = Console.capturing(isTTY: false)
        let harness = try Harness(home: HarnessHome(root: fixture.home), console: console)
        let project = try harness.project(named: "Sample", from: fixture.repo.url)
        _ = try harness.run(RunRequest(benchmarks: ["quality"], repetitions: 2), in: project)
        let repetitionLines = console.lines.filter { $0.hasPrefix("  ") }
        #expect(repetitionLines.count == 2, "\(console.lines)")
        #expect(repetitionLines.first?.hasPrefix("  [1/2] rep=0 seed=") == true, "\(repetitionLines)")
        #expect(repetitionLines.last?.hasPrefix("  [2/2] rep=1 seed=") == true, "\(repetitionLines)")
        #expect(repetitionLines.allSatisfy { $0.contains(" metric=") && $0.contains(" wall=") && $0.contains("  ETA ") })
        #expect(repetitionLines.last?.hasSuffix("  ETA 0:00") == true)
    }

    @Test func jsonOutputCarriesNoProgress() throws {
        let fixture = try BenchFixture()
        let result = try fixture.bench("run", "quality", "-n", "2", "--json")
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    private func record(status: RepetitionStatus, metric: Double?) -> Repetition {
        Repetition(seed: 1, repetitionIndex: 0, status: status, metric: metric, wallClockSeconds: 1)
    }
}

/// How `git bench status` lays out its table.
@Suite struct JobTableTests {
    @Test func statusTableListsEveryColumnWithElapsedToNowForRunningJobs() {
        let now = Date(timeIntervalSince1970: 1_800_000_100)  // 2027-01-15T08:01:40Z
        let running = Job(id: JobID(12), project: "Sample", benchmarks: ["quality", "speed"], spec: "{}", kind: .background, status: .running,
                          host: "h", pid: 4242, pgid: 4242, pidStartTicks: 1, threads: 3, gpus: 0, createdAt: "2027-01-15T08:00:00.000Z",
                          startedAt: "2027-01-15T08:00:00.500Z", finishedAt: nil, exitCode: nil, logPath: "/l/12.log", message: nil)
        let done = Job(id: JobID(9), project: "Other", benchmarks: ["slow"], spec: "{}", kind: .foreground, status: .done, host: "h", pid: 77,
                       pgid: 70, pidStartTicks: 1, threads: 1, gpus: 0, createdAt: "2027-01-15T06:00:00.000Z", startedAt: "2027-01-15T06:00:00.000Z",
                       finishedAt: "2027-01-15T07:02:03.000Z", exitCode: 0, logPath: nil, message: "6 ok, 0 error in 1 run set(s)")
        let pending = Job(id: JobID(13), project: "Sample", benchmarks: ["exact"], spec: "{}", kind: .background, status: .pending, host: "h",
                          pid: nil, pgid: nil, pidStartTicks: nil, threads: 1, gpus: 0, createdAt: "2027-01-15T08:01:39.000Z", startedAt: nil,
                          finishedAt: nil, exitCode: nil, logPath: nil, message: nil)
        #expect(JobTable.render([pending, running, done], showsProject: true, now: now) == """
            id  project  status   kind        benchmarks     pid   started              elapsed  exit
            13  Sample   pending  background  exact          -     -                    -        -
            12  Sample   running  background  quality,speed  4242  2027-01-15 08:00:00  1:40     -
            9   Other    done     foreground  slow           77    2027-01-15 06:00:00  1:02:03  0

            """)
        #expect(JobTable.render([], showsProject: false, now: now) == "no jobs\n")
    }

    @Test func storedTimestampsParseBackToTheMillisecond() {
        #expect(Timestamp.date(from: "2027-01-15T08:01:40.000Z") == Date(timeIntervalSince1970: 1_800_000_100))
        for seconds in [0.0, 951_782_400.25, 1_709_164_799.999, 4_107_542_400.5] {  // 1970, 2000-02-29, 2024-02-28, 2100-03-01
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.date(from: Timestamp.string(date)) == date, "\(Timestamp.string(date))")
        }
        #expect(Timestamp.date(from: "2027-01-15 08:01:40") == nil)
        #expect(Timestamp.date(from: "2027-13-15T08:01:40.000Z") == nil)
    }
}
