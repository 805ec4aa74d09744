import Foundation

/// The text table of `git bench status`: one row per job, newest first as given.
public enum JobTable {
    /// Renders `jobs` with columns id, [project], status, kind, benchmarks, pid, started (UTC), elapsed and exit.
    /// Elapsed runs from start to finish, or to `now` while the job runs.
    public static func render(_ jobs: [Job], showsProject: Bool, now: Date) -> String {
        guard !jobs.isEmpty else { return "no jobs\n" }
        var header = ["id"]
        if showsProject { header.append("project") }
        header += ["status", "kind", "benchmarks", "pid", "started", "elapsed", "exit"]
        let rows = jobs.map { job -> [String] in
            var row = [String(job.id.value)]
            if showsProject { row.append(job.project) }
            row += [job.status.rawValue, job.kind.rawValue, job.benchmarks.joined(separator: ","), job.pid.map(String.init) ?? "-",
                    job.startedAt.map(shortTimestamp) ?? "-", elapsed(of: job, now: now), job.exitCode.map(String.init) ?? "-"]
            return row
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// "2026-05-01T10:00:00.123Z" → "2026-05-01 10:00:00".
    static func shortTimestamp(_ timestamp: String) -> String {
        String(timestamp.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    static func elapsed(of job: Job, now: Date) -> String {
        guard let started = job.startedAt.flatMap({ Timestamp.date(from: $0) }) else { return "-" }
        let end = job.finishedAt.flatMap({ Timestamp.date(from: $0) }) ?? (job.status.isActive ? now : started)
        return ElapsedTime.clock(end.timeIntervalSince(started))
    }
}
