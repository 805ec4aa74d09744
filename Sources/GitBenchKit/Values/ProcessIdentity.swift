/// A process as the jobs table records it: pid, process group, and start time (which survives pid reuse).
public struct ProcessIdentity: Sendable, Equatable {
    public var pid: Int32
    /// The process group (for a background worker, also its session id).
    public var group: Int32
    /// Clock ticks since boot at which the process started; nil where `/proc` is unavailable.
    public var startTicks: Int64?

    /// Identifies a process; `startTicks` nil skips the pid-reuse check.
    public init(pid: Int32, group: Int32, startTicks: Int64?) {
        self.pid = pid
        self.group = group
        self.startTicks = startTicks
    }
}
