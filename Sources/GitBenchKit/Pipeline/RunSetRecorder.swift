import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a run set's directory in step with the store while the run set is measured: the seed contract and provenance
/// before the first repetition, a series line after each stored repetition, and summary, report and manifest (then the
/// zip) at the end.
///
/// The store is the record; the directory is a view of it. So a failure to write the directory is a warning on the
/// console, never an error: it must not stop a run or lose a stored row. Each distinct failure is warned about once.
final class RunSetRecorder {
    let directory: RunSetDirectory
    private(set) var state: ResumeState
    private(set) var provenance: RunProvenance
    /// The run set's stored rows, in id order, and the series line written for each.
    private(set) var runs: [RunRecord]
    private(set) var series: [SeriesEntry]
    private let console: Console
    private var warned: Set<String> = []
    /// How many planned seeds resume_state.json holds (see `extendPlan`).
    private var writtenPlan = 0

    /// The attempt being recorded (1-based).
    var attemptNumber: Int { state.attempts.count }

    private init(directory: RunSetDirectory, state: ResumeState, provenance: RunProvenance, runs: [RunRecord], series: [SeriesEntry],
                 console: Console) {
        self.directory = directory
        self.state = state
        self.provenance = provenance
        self.runs = runs
        self.series = series
        self.console = console
    }

    /// Starts a new run set's directory: creates it and writes resume_state.json and provenance.json before any
    /// repetition runs, so even a killed run can be resumed.
    static func begin(in directory: RunSetDirectory, state: ResumeState, provenance: RunProvenance, console: Console) -> RunSetRecorder {
        let recorder = RunSetRecorder(directory: directory, state: state, provenance: provenance, runs: [], series: [], console: console)
        recorder.attempt("create the run set directory") { try directory.create() }
        recorder.saveState()
        return recorder
    }

    /// Continues an existing run set with a new attempt. The series is rewritten from the store's rows (`runs`),
    /// keeping what only the old lines knew (`earlier`, by run id: CPU, RSS, attempt), since an attempt that died between
    /// storing a row and writing its line left the file behind the store. Earlier attempts still marked running are
    /// marked abandoned, with their indices recovered from the series.
    static func resume(in directory: RunSetDirectory, state: ResumeState, provenance: RunProvenance, earlier: [Int64: SeriesEntry],
                       attempt: RunAttempt, runs: [RunRecord], console: Console) -> RunSetRecorder {
        let series = runs.map { earlier[$0.id] ?? SeriesEntry(record: $0, usage: nil, attempt: nil) }
        var state = state
        for index in state.attempts.indices where state.attempts[index].status == .running {
            state.attempts[index].status = .abandoned
            let number = state.attempts[index].number
            state.attempts[index].indices = series.filter { $0.attempt == number }.map(\.index)
        }
        state.attempts.append(attempt)
        var provenance = provenance
        provenance.attempts = state.attempts
        provenance.endedAt = nil
        let recorder = RunSetRecorder(directory: directory, state: state, provenance: provenance, runs: runs, series: series, console: console)
        // A manifest from an earlier finish no longer describes the directory while this attempt runs.
        recorder.attempt("remove the stale manifest") {
            let manifest = directory.url.appendingPathComponent(RunDir.manifestFile)
            if FileManager.default.fileExists(atPath: manifest.path) { try FileManager.default.removeItem(at: manifest) }
        }
        recorder.attempt("write \(RunDir.seriesFile)") { try directory.writeSeries(series) }
        recorder.saveState()
        return recorder
    }

    /// Appends the series line of a stored row.
    func record(_ record: RunRecord, usage: ResourceUsage?) {
        let entry = SeriesEntry(record: record, usage: usage, attempt: attemptNumber)
        runs.append(record)
        series.append(entry)
        if let last = state.attempts.indices.last { state.attempts[last].indices.append(record.repetitionIndex) }
        attempt("write \(RunDir.seriesFile)") { try directory.appendSeries(entry) }
    }

    /// Records that the plan grew (`--until-decided` adds a batch) before the batch runs; resume_state.json gets it
    /// once the plan has doubled since the file last held one, and in full when the run set finishes or is interrupted.
    ///
    /// Rewriting the whole plan (and every index so far) at each look made a thousand looks cost two thousand fsyncs
    /// and a quadratic amount of JSON. A plan that lags on disk loses nothing: `resume` takes the looks again, and each
    /// look runs every index below its size that has no row, whatever the recorded plan says.
    func extendPlan(to seeds: [Int64]) {
        guard seeds.count > state.plannedSeeds.count else { return }
        state.plannedSeeds = seeds
        guard seeds.count >= 2 * writtenPlan else { return }
        if attempt("write \(RunDir.resumeStateFile)", { try directory.write(state, to: RunDir.resumeStateFile) }) {
            writtenPlan = seeds.count
        }
    }

    /// Marks the attempt interrupted (Ctrl-C / SIGTERM); the run set stays unfinished for `resume`.
    func markInterrupted() {
        closeAttempt(.interrupted)
        saveState()
    }

    /// Finishes the run set: summary.json, RUN_REPORT.md, provenance.json and resume_state.json, then manifest.json last,
    /// then the zip when the run set asks for one. Returns the directory and the zip path (nil for whatever failed).
    func finish(verdict: Verdict?) -> (directory: String?, zip: String?) {
        closeAttempt(.finished)
        saveState()
        attempt("write \(RunDir.seriesFile)") { try directory.writeSeries(series) }
        let usage = Dictionary(series.compactMap { entry in entry.usage.map { (entry.runID, $0) } }, uniquingKeysWith: { $1 })
        let summary = RunSummary(state: state, runs: runs, usage: usage, verdict: verdict)
        attempt("write \(RunDir.summaryFile)") { try directory.write(summary, to: RunDir.summaryFile) }
        attempt("write \(RunDir.reportFile)") {
            try directory.writeText(RunSetReport.markdown(summary: summary, provenance: provenance), to: RunDir.reportFile)
        }
        let manifestWritten = attempt("write \(RunDir.manifestFile)") {
            try directory.writeManifest(runSetID: state.runSetID, project: state.project, benchmark: state.benchmark)
        }
        guard manifestWritten else { return (nil, nil) }
        var zip: String?
        if state.compress {
            let zipURL = RunDir.zipFile(for: directory.url)
            if attempt("write \(zipURL.lastPathComponent)", { try RunSetZip.write(directory: directory.url, to: zipURL) }) { zip = zipURL.path }
        }
        return (directory.url.path, zip)
    }

    private func closeAttempt(_ status: RunAttempt.Status) {
        guard let last = state.attempts.indices.last else { return }
        let now = Timestamp.string(Date())
        state.attempts[last].status = status
        state.attempts[last].endedAt = now
        provenance.endedAt = now
    }

    private func saveState() {
        provenance.attempts = state.attempts
        if attempt("write \(RunDir.resumeStateFile)", { try directory.write(state, to: RunDir.resumeStateFile) }) {
            writtenPlan = state.plannedSeeds.count
        }
        attempt("write \(RunDir.provenanceFile)") { try directory.write(provenance, to: RunDir.provenanceFile) }
    }

    /// Runs `body`; a failure becomes one warning per distinct message. Returns whether it succeeded.
    @discardableResult
    private func attempt(_ what: String, _ body: () throws -> Void) -> Bool {
        do {
            try body()
            return true
        } catch {
            let message = "run set \(state.runSetID): could not \(what): \(error); the stored rows are unaffected"
            if warned.insert(message).inserted { console.warning(message) }
            return false
        }
    }
}

extension RunAttempt {
    /// The attempt this process is making now.
    static func current(number: Int, host: String) -> RunAttempt {
        var attempt = RunAttempt(number: number, startedAt: Timestamp.string(Date()), argv: CommandLine.arguments, host: host, pid: getpid())
        attempt.pidStartTicks = ProcessTable.current().startTicks
        return attempt
    }

    /// True while the process that made this attempt still runs. The start tick tells a recycled pid from the
    /// original; attempts recorded before it was kept fall back to "a process with this pid exists".
    var isStillRunning: Bool {
        guard status == .running, pid != getpid() else { return false }
        guard let ticks = pidStartTicks else { return ProcessTable.exists(pid) }
        return ProcessTable.isRunning(ProcessIdentity(pid: pid, group: pid, startTicks: ticks))
    }
}
