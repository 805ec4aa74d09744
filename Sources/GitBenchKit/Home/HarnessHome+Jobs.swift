import Foundation

extension HarnessHome {
    /// `jobs/`: one 0600 spec file per background job.
    public var jobsDirectory: URL { root.appendingPathComponent("jobs") }

    /// `jobs/<id>.json`: what the job runs, as recorded when it was queued.
    public func jobSpecFile(_ id: JobID) -> URL { jobsDirectory.appendingPathComponent("\(id).json") }

    /// `logs/jobs/`: the output of background workers.
    public var jobLogsDirectory: URL { root.appendingPathComponent("logs").appendingPathComponent("jobs") }

    /// `logs/jobs/<id>.log`: the worker's stdout and stderr.
    public func jobLog(_ id: JobID) -> URL { jobLogsDirectory.appendingPathComponent("\(id).log") }

    /// `logs/hooks.log`: what the post-commit hook's background half did with each commit, a line each.
    public var hookLog: URL { root.appendingPathComponent("logs").appendingPathComponent("hooks.log") }
}
