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
        guard let started = job.startedAt.flatMap(date) else { return "-" }
        let end = job.finishedAt.flatMap(date) ?? (job.status.isActive ? now : started)
        return clock(end.timeIntervalSince(started))
    }

    /// m:ss below an hour, h:mm:ss above.
    static func clock(_ seconds: Double) -> String {
        let whole = max(Int(seconds.rounded()), 0)
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }

    /// Parses a stored timestamp, "2026-05-01T10:00:00.123Z" (`Timestamp.string`), by hand: a formatter or format
    /// style costs more to create (time zone files, ICU) than `status` spends on everything else it renders.
    static func date(_ timestamp: String) -> Date? {
        let bytes = Array(timestamp.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."), bytes[23] == UInt8(ascii: "Z") else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millisecond = number(20..<23),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + Double(millisecond) / 1_000
        return Date(timeIntervalSince1970: seconds)
    }
}
