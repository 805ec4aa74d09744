import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The machine a run set was measured on: OS (uname), CPU model and count, memory.
public struct HostFacts: Sendable, Equatable, Codable {
    /// `uname -s`, `-r`, `-v`, `-m`.
    public var osName: String
    public var osRelease: String
    public var osVersion: String
    public var architecture: String
    /// The first `model name` of /proc/cpuinfo (nil where the kernel does not report one, e.g. some ARM boards).
    public var cpuModel: String?
    /// Logical CPUs online.
    public var cpuCount: Int
    /// `MemTotal` and `MemAvailable` of /proc/meminfo, in bytes.
    public var memoryTotalBytes: Int64?
    public var memoryAvailableBytes: Int64?

    public init(osName: String, osRelease: String, osVersion: String, architecture: String, cpuModel: String?, cpuCount: Int,
                memoryTotalBytes: Int64?, memoryAvailableBytes: Int64?) {
        self.osName = osName
        self.osRelease = osRelease
        self.osVersion = osVersion
        self.architecture = architecture
        self.cpuModel = cpuModel
        self.cpuCount = cpuCount
        self.memoryTotalBytes = memoryTotalBytes
        self.memoryAvailableBytes = memoryAvailableBytes
    }

    enum CodingKeys: String, CodingKey {
        case osName = "os_name"
        case osRelease = "os_release"
        case osVersion = "os_version"
        case architecture
        case cpuModel = "cpu_model"
        case cpuCount = "cpu_count"
        case memoryTotalBytes = "memory_total_bytes"
        case memoryAvailableBytes = "memory_available_bytes"
    }

    /// Reads this machine's facts. Never fails: anything unreadable is nil or "unknown".
    public static func current() -> HostFacts {
        var names = utsname()
        let hasNames = uname(&names) == 0
        func field<T>(_ value: T) -> String {
            guard hasNames else { return "unknown" }
            return withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        return HostFacts(osName: field(names.sysname), osRelease: field(names.release), osVersion: field(names.version),
                         architecture: field(names.machine), cpuModel: cpuModel(cpuinfo), cpuCount: ProcessInfo.processInfo.activeProcessorCount,
                         memoryTotalBytes: meminfoBytes(meminfo, key: "MemTotal"), memoryAvailableBytes: meminfoBytes(meminfo, key: "MemAvailable"))
    }

    /// The value of the first `model name` line (x86) or `Model`/`Hardware` line (ARM) of /proc/cpuinfo text.
    static func cpuModel(_ cpuinfo: String) -> String? {
        for key in ["model name", "Model", "Hardware"] {
            for line in cpuinfo.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    /// `KEY:   123 kB` of /proc/meminfo text, in bytes.
    static func meminfoBytes(_ meminfo: String, key: String) -> Int64? {
        for line in meminfo.split(separator: "\n") where line.hasPrefix(key + ":") {
            let fields = line.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let number = fields.first.flatMap({ Int64($0) }) else { return nil }
            let unit = fields.count > 1 ? fields[1].lowercased() : ""
            return unit == "kb" ? number * 1024 : number
        }
        return nil
    }
}
