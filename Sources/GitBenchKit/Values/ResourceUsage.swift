/// What `wait4` reports about a reaped child: its own usage plus that of every descendant it waited for, so for a
/// `/bin/sh -c` runner it covers the whole process tree the runner waited on.
///
/// Linux quirk: at exec the kernel charges the spawning process's high-water RSS to the child (`exec_mmap` records the
/// old, here shared, address space's peak in the child's `maxrss`). So `peakRSSBytes` is never much below git-bench's
/// own peak at spawn time, recorded as `spawnerPeakRSSBytes` (the kernel's RSS counters are batched, so the two can
/// differ by a percent or so); a value about equal to it only says the runner stayed at or below it.
public struct ResourceUsage: Sendable, Equatable, Codable {
    public var userCPUSeconds: Double
    public var systemCPUSeconds: Double
    /// The largest resident set of any single process in the tree (Linux `ru_maxrss`, KiB, converted to bytes);
    /// the tree's processes are not summed.
    public var peakRSSBytes: Int64
    /// git-bench's own peak RSS (`VmHWM`) when it spawned the runner: about the floor of `peakRSSBytes` (see above).
    public var spawnerPeakRSSBytes: Int64?

    public init(userCPUSeconds: Double, systemCPUSeconds: Double, peakRSSBytes: Int64, spawnerPeakRSSBytes: Int64? = nil) {
        self.userCPUSeconds = userCPUSeconds
        self.systemCPUSeconds = systemCPUSeconds
        self.peakRSSBytes = peakRSSBytes
        self.spawnerPeakRSSBytes = spawnerPeakRSSBytes
    }

    enum CodingKeys: String, CodingKey {
        case userCPUSeconds = "user_cpu_seconds"
        case systemCPUSeconds = "system_cpu_seconds"
        case peakRSSBytes = "peak_rss_bytes"
        case spawnerPeakRSSBytes = "spawner_peak_rss_bytes"
    }
}
