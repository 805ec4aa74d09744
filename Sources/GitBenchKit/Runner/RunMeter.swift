import Foundation

/// Progress of one run set for a person watching: repetitions done of planned, elapsed time, the last metric and an
/// estimate of the time left. On a terminal each repetition's line stays and below it one status line is rewritten
/// after every repetition and once a second in between (so an hour-long repetition still shows time passing);
/// elsewhere (logs, pipes) each repetition is one line that carries the count and the estimate. Nothing is shown when
/// the console's progress is off (`--json`).
final class RunMeter: @unchecked Sendable {  // `lock` guards `completed`, `last` and `lastCompletion`; `console` locks itself.
    private let console: Console
    private let label: String
    private let total: Int
    private let start: Date
    private let lock = NSLock()
    private var completed = 0
    private var last = "-"
    /// When the latest repetition finished: the estimate counts down from there.
    private var lastCompletion: Date
    private var timer: DispatchSourceTimer?

    init(console: Console, label: String, total: Int, start: Date = Date()) {
        self.console = console
        self.start = start
        self.lastCompletion = start
        self.label = label
        self.total = total
        guard console.isTTY && console.showsProgress else { return }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now(), repeating: 1.0)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    deinit { timer?.cancel() }

    /// Counts a stored repetition that finished at `time` and shows it: `detail` (`rep=2 seed=… metric=… wall=…`) as a
    /// line of its own, then the redrawn status line on a terminal; elsewhere one line, `[3/8] detail  ETA 0:12`.
    func record(_ repetition: Repetition, detail: String, at time: Date = Date()) {
        lock.lock()
        completed += 1
        last = repetition.status == .ok ? repetition.metric.map(MetricText.string) ?? "-" : "error"
        lastCompletion = time
        let done = completed
        lock.unlock()
        if console.isTTY {
            console.progress("  " + detail)
            draw()
        } else {
            console.progress("  [\(done)/\(total)] " + detail + "  ETA " + eta(now: time))
        }
    }

    /// Stops the once-a-second redraw and erases the line; call on every exit path.
    func finish() {
        timer?.cancel()
        timer = nil
        console.clearTicker()
    }

    private func draw() {
        console.ticker(line())
    }

    /// "[2/6] Sample/slow  elapsed 0:04  last 1.00412  ETA 0:08"
    func line(now: Date = Date()) -> String {
        lock.lock()
        let (done, lastMetric) = (completed, last)
        lock.unlock()
        let elapsed = now.timeIntervalSince(start)
        return "[\(done)/\(total)] \(label)  elapsed \(ElapsedTime.clock(elapsed))  last \(lastMetric)  ETA \(eta(now: now))"
    }

    /// The time left: the mean repetition so far times the repetitions left, as it stood when the latest one finished,
    /// less the time since, so it counts down while a repetition runs ("-" before the first has finished).
    private func eta(now: Date) -> String {
        lock.lock()
        let (done, finished) = (completed, lastCompletion)
        lock.unlock()
        guard done > 0 else { return "-" }
        let perRepetition = finished.timeIntervalSince(start) / Double(done)
        return ElapsedTime.clock(perRepetition * Double(total - done) - now.timeIntervalSince(finished))
    }
}
