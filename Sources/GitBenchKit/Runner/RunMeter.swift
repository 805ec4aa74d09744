import Foundation

/// Progress of one run set for a person watching: repetitions done of planned, elapsed time, the last metric and an
/// estimate of the time left. On a terminal it is one line rewritten after every repetition and once a second in
/// between (so an hour-long repetition still shows time passing); elsewhere (logs, pipes) it is one plain line per
/// repetition. Nothing is shown when the console's progress is off (`--json`).
final class RunMeter: @unchecked Sendable {  // `lock` guards `completed` and `last`; `console` locks itself.
    private let console: Console
    private let label: String
    private let total: Int
    private let start: Date
    private let lock = NSLock()
    private var completed = 0
    private var last = "-"
    private var timer: DispatchSourceTimer?

    init(console: Console, label: String, total: Int, start: Date = Date()) {
        self.console = console
        self.start = start
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

    /// Counts a stored repetition and shows the new state.
    func record(_ repetition: Repetition) {
        lock.lock()
        completed += 1
        last = repetition.status == .ok ? repetition.metric.map { String(format: "%.6g", $0) } ?? "-" : "error"
        lock.unlock()
        if console.isTTY { draw() } else { console.ticker("  " + line()) }
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
        let eta = done == 0 ? "-" : ElapsedTime.clock(elapsed / Double(done) * Double(total - done))
        return "[\(done)/\(total)] \(label)  elapsed \(ElapsedTime.clock(elapsed))  last \(lastMetric)  ETA \(eta)"
    }
}
