import Foundation

/// One attempt at a run set: the original `run`/`baseline establish`, then each `resume`.
public struct RunAttempt: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        /// Under way (or killed without a chance to say so: see `abandoned`).
        case running
        /// Ran every repetition it set out to run.
        case finished
        /// Stopped by Ctrl-C / SIGTERM after storing what finished.
        case interrupted
        /// Found `running` by a later `resume` while its process no longer existed (kill -9, power loss).
        case abandoned
    }

    /// 1 for the original run, 2 for the first resume, …
    public var number: Int
    public var startedAt: String
    public var endedAt: String?
    public var status: Status
    /// The command line of the attempt (`CommandLine.arguments`).
    public var argv: [String]
    public var host: String
    public var pid: Int32
    /// The clock tick at which `pid` started (`/proc/<pid>/stat`), so a later process reusing the pid is not taken for
    /// this attempt; nil in attempts recorded before it was kept.
    public var pidStartTicks: Int64? = nil
    /// The repetition indices this attempt measured (appended as they are stored).
    public var indices: [Int]

    public init(number: Int, startedAt: String, endedAt: String? = nil, status: Status = .running, argv: [String], host: String, pid: Int32,
                indices: [Int] = []) {
        self.number = number
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.argv = argv
        self.host = host
        self.pid = pid
        self.indices = indices
    }

    enum CodingKeys: String, CodingKey {
        case number
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case status, argv, host, pid
        case pidStartTicks = "pid_start_ticks"
        case indices
    }
}
