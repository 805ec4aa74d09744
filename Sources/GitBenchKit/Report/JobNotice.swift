/// What `run --background` and `cancel` print about one job.
public enum JobNotice {
    /// A queued background job: its benchmarks and worker, where its log is, and how to follow or stop it.
    ///
    ///     job 14 started in the background: Sample: slow (pid 5279)
    ///       log: /home/me/.local/share/git-bench/logs/jobs/14.log
    ///       follow: git bench logs 14 -f   stop: git bench cancel 14
    public static func started(_ job: Job) -> String {
        """
        job \(job.id) started in the background: \(job.project): \(job.benchmarks.joined(separator: ", ")) (pid \(job.pid.map(String.init) ?? "-"))
          log: \(job.logPath ?? "-")
          follow: git bench logs \(job.id) -f   stop: git bench cancel \(job.id)

        """
    }

    /// How a followed job ended when it did not end done, for `logs -f`'s stderr:
    /// `job 15 ended cancelled (exit 130): cancelled by git bench cancel`.
    public static func ended(_ job: Job) -> String {
        "job \(job.id) ended \(job.status.rawValue)\(job.exitCode.map { " (exit \($0))" } ?? ""): \(job.message ?? "no message recorded")"
    }

    /// A cancelled job: `job 15 cancelled: Sample: slow; finished repetitions are kept`.
    public static func cancelled(_ job: Job) -> String {
        "job \(job.id) cancelled: \(job.project): \(job.benchmarks.joined(separator: ", ")); finished repetitions are kept\n"
    }
}
