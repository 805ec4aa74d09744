import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `/proc/<pid>/stat` says about one process.
struct ProcessEntry: Sendable, Equatable {
    var pid: Int32
    /// R, S, D, T, Z (zombie), X (dead), …
    var state: Character
    var group: Int32
    var session: Int32
    var startTicks: Int64

    /// A zombie has exited; only its parent's `wait` is missing (orphans in containers whose pid 1 never reaps stay zombies).
    var hasExited: Bool { state == "Z" || state == "X" }
}

/// Reads the process table: liveness that survives pid reuse, and the members of a session.
enum ProcessTable {
    /// The entry for `pid`, or nil when no such process exists (or `/proc` is unavailable).
    static func entry(_ pid: Int32) -> ProcessEntry? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        return parse(text, pid: pid)
    }

    /// Parses a stat line. The command name (field 2) may hold spaces and parentheses, so fields are counted
    /// from the last ')'; after it come state (3), ppid (4), pgrp (5), session (6), … starttime (22).
    static func parse(_ text: String, pid: Int32) -> ProcessEntry? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count > 19, let state = fields[0].first, let group = Int32(fields[2]), let session = Int32(fields[3]),
              let start = Int64(fields[19]) else { return nil }
        return ProcessEntry(pid: pid, state: state, group: group, session: session, startTicks: start)
    }

    /// This process, as the jobs table records it.
    static func current() -> ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(pid: pid, group: getpgrp(), startTicks: entry(pid)?.startTicks)
    }

    /// The identity of a child just spawned (its start time is readable until it is reaped, even as a zombie).
    static func identity(of pid: Int32) -> ProcessIdentity {
        let entry = entry(pid)
        return ProcessIdentity(pid: pid, group: entry?.group ?? pid, startTicks: entry?.startTicks)
    }

    /// True while the process recorded as `identity` still runs: the pid exists, has not exited, and (when recorded)
    /// started at the same tick, so a recycled pid does not keep a dead job alive.
    static func isRunning(_ identity: ProcessIdentity) -> Bool {
        if let entry = entry(identity.pid) {
            if entry.hasExited { return false }
            if let ticks = identity.startTicks { return entry.startTicks == ticks }
            return true
        }
        // No /proc entry: the process is gone, or /proc is not mounted; kill(pid, 0) tells which.
        if FileManager.default.fileExists(atPath: "/proc/self/stat") { return false }
        return kill(identity.pid, 0) == 0 || errno == EPERM
    }

    /// Processes still running in `session` (zombies excluded).
    static func members(ofSession session: Int32) -> [ProcessEntry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { Int32($0) }.compactMap(entry).filter { $0.session == session && !$0.hasExited }
    }

    /// SIGKILLs what is left of a session whose leader is gone; returns how many processes it signalled.
    /// Linux does not reuse a pid while a session still carries it as its id, so the members found are the leader's.
    @discardableResult
    static func killOrphans(ofSession session: Int32) -> Int {
        if let leader = entry(session), !leader.hasExited { return 0 }
        return killMembers(of: session)
    }

    /// SIGKILLs every process in the session led by `leader` (the leader too), unless the pid now belongs to another
    /// process that started later; returns how many processes it signalled.
    @discardableResult
    static func killSession(ledBy leader: ProcessIdentity) -> Int {
        if let entry = entry(leader.pid), !entry.hasExited, let ticks = leader.startTicks, entry.startTicks != ticks { return 0 }
        return killMembers(of: leader.pid)
    }

    private static func killMembers(of session: Int32) -> Int {
        let members = members(ofSession: session)
        for member in members { kill(member.pid, SIGKILL) }
        return members.count
    }

    /// Stops a job's process: SIGTERM, then SIGKILL for whatever is left after `grace` seconds. A background worker
    /// leads its own session and group, so its whole group gets the signals and its session's leftovers are killed
    /// afterwards; a foreground run shares its shell's group, so only its own pid is signalled.
    static func stop(_ worker: ProcessIdentity, leadsSession: Bool, grace: TimeInterval) {
        if isRunning(worker) {
            kill(leadsSession ? -worker.pid : worker.pid, SIGTERM)
            let deadline = Date().addingTimeInterval(grace)
            while isRunning(worker) && Date() < deadline { usleep(50_000) }
            if isRunning(worker) {
                if leadsSession { killSession(ledBy: worker) } else { kill(worker.pid, SIGKILL) }
            }
        }
        if leadsSession { killOrphans(ofSession: worker.pid) }
    }

    /// Whether a process with this pid exists (EPERM: it exists but belongs to someone else).
    static func exists(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }
}
