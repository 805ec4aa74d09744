/// Where a job is in its life. `pending` and `running` hold capacity; the other four are final.
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    /// Admitted and recorded; its worker has not started the run yet.
    case pending
    /// Its process is running the benchmarks.
    case running
    /// Finished and the process exited 0.
    case done
    /// Finished with a non-zero exit: a repetition failed, or the run could not start or complete.
    case failed
    /// Stopped by `git bench cancel`, Ctrl-C or SIGTERM; finished repetitions are stored.
    case cancelled
    /// Its process died without recording an end (kill -9, crash, reboot).
    case lost

    /// True for `pending` and `running`: the job holds threads and GPUs.
    public var isActive: Bool { self == .pending || self == .running }
}

/// How a job runs: as a detached worker, or inside the `run` the user is watching.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    /// A detached `git-bench job-worker` runs it; its output goes to `logs/jobs/<id>.log`.
    case background
    /// A `run` in the user's terminal, holding capacity for its duration.
    case foreground
}
