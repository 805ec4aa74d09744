import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
struct ChildExit: Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case interrupted
    }
    var reason: Reason
    var wallClockSeconds: Double
    /// CPU time and peak RSS of the child and every descendant it waited for, from `wait4`; nil if unavailable.
    var usage: ResourceUsage? = nil
}

/// A `/bin/sh -c` child in its own process group, so a timeout or an interrupt can kill everything it started.
enum ChildProcess {
    /// Spawns `command` with cwd `directory`, stdin and stdout on /dev/null and stderr appended to `stderrPath`.
    static func runShell(_ command: String, in directory: URL, stderrPath: URL, timeout: Double?) throws -> ChildExit {
        // Glibc's addchdir_np is not visible to Swift, so the shell changes directory itself.
        let script = "cd -- \(InvocationTemplate.quote(directory.path)) || exit 125\n" + command

        // The kernel will charge this address space's high-water RSS to the child at exec (see ResourceUsage); record it.
        let spawnerPeak = ownHighWaterRSS()
        let start = DispatchTime.now()
        let pid = try Spawn.start("/bin/sh", ["/bin/sh", "-c", script], environment: ProcessInfo.processInfo.environment,
                                  stdout: "/dev/null", stderr: stderrPath.path, grouping: .processGroup, description: command)
        var exit = wait(for: pid, timeout: timeout, start: start)
        exit.usage?.spawnerPeakRSSBytes = spawnerPeak
        return exit
    }

    private static func wait(for pid: pid_t, timeout: Double?, start: DispatchTime) -> ChildExit {
        let waiter = ExitWaiter(pid: pid)
        Interrupts.shared.track(pid)
        defer { Interrupts.shared.untrack(pid) }
        var timedOut = false
        if let timeout {
            if waiter.done.wait(timeout: .now() + timeout) == .timedOut {
                timedOut = true
                terminateGroup(pid)
                waiter.done.wait()
            }
        } else {
            waiter.done.wait()
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        // Anything the runner left behind in its group goes too, so no stray process outlives the repetition.
        kill(-pid, SIGKILL)
        let usage = waiter.usage
        if Interrupts.shared.wasInterrupted { return ChildExit(reason: .interrupted, wallClockSeconds: elapsed, usage: usage) }
        if timedOut { return ChildExit(reason: .timedOut, wallClockSeconds: elapsed, usage: usage) }
        let raw = waiter.status
        if raw & 0x7f == 0 { return ChildExit(reason: .exited((raw >> 8) & 0xff), wallClockSeconds: elapsed, usage: usage) }
        return ChildExit(reason: .signalled(raw & 0x7f), wallClockSeconds: elapsed, usage: usage)
    }

    /// `VmHWM` of /proc/self/status in bytes: this address space's peak RSS, exactly what exec charges to a vforked
    /// child. Not `getrusage(RUSAGE_SELF)`, whose maxrss also carries what our own parent passed on at our exec.
    static func ownHighWaterRSS() -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let fields = line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            return fields.first.flatMap { Int64($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// SIGTERM the group, then SIGKILL after a short grace period.
    static func terminateGroup(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            if kill(-pid, 0) != 0 { return }
            usleep(20_000)
        }
        kill(-pid, SIGKILL)
    }
}

/// Blocks a background thread in `wait4` and signals when the child has exited.
private final class ExitWaiter: @unchecked Sendable {  // `status` and `usage` are written once before `done` is signalled.
    let done = DispatchSemaphore(value: 0)
    private(set) var status: Int32 = 0
    private(set) var usage: ResourceUsage?

    init(pid: pid_t) {
        let thread = Thread { [self] in
            var raw: Int32 = 0
            var rusage = Glibc.rusage()
            var reaped: pid_t
            repeat { reaped = wait4(pid, &raw, 0, &rusage) } while reaped < 0 && errno == EINTR
            self.status = raw
            if reaped == pid {
                self.usage = ResourceUsage(
                    userCPUSeconds: Double(rusage.ru_utime.tv_sec) + Double(rusage.ru_utime.tv_usec) / 1e6,
                    systemCPUSeconds: Double(rusage.ru_stime.tv_sec) + Double(rusage.ru_stime.tv_usec) / 1e6,
                    peakRSSBytes: Int64(rusage.ru_maxrss) * 1024)
            }
            self.done.signal()
        }
        thread.start()
    }
}

/// The write end of the pipe the signal handler writes to; set once, before the handlers are installed.
private nonisolated(unsafe) var interruptPipeWriteEnd: Int32 = -1

/// Turns SIGINT/SIGTERM/SIGHUP into "kill the running child's group and stop after this repetition".
///
/// A real handler (it writes a byte to a pipe that a dispatch source reads) rather than an ignored signal plus a
/// dispatch signal source: the kernel may deliver a process-directed signal to any thread that does not block it,
/// and threads started before `install` (the dirty check's, say) would silently drop an ignored one.
public final class Interrupts: @unchecked Sendable {  // `lock` guards `children`, `interrupted` and `source`.
    public static let shared = Interrupts()
    private let lock = NSLock()
    private var children: Set<pid_t> = []
    private var interrupted = false
    private var source: DispatchSourceRead?

    /// Installs the handlers once; afterwards the signals no longer end the process directly.
    public func install() {
        lock.lock()
        defer { lock.unlock() }
        guard source == nil else { return }
        var ends: [Int32] = [-1, -1]
        // Without the pipe the signals keep their default action: the process still stops, just less tidily.
        guard pipe(&ends) == 0 else { return }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        let readEnd = ends[0]
        interruptPipeWriteEnd = ends[1]
        let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        source.setEventHandler { [weak self] in
            var drained = [UInt8](repeating: 0, count: 64)
            _ = read(readEnd, &drained, drained.count)
            self?.fire()
        }
        source.resume()
        self.source = source
        var handled = sigset_t()
        sigemptyset(&handled)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            // glibc's signal() has BSD semantics: the handler stays installed and interrupted calls restart.
            let previous = signal(signalNumber) { _ in
                let savedErrno = errno
                var byte: UInt8 = 1
                _ = write(interruptPipeWriteEnd, &byte, 1)
                errno = savedErrno
            }
            // A signal the parent chose to ignore stays ignored (`nohup git bench run`, `git bench run &` in a script).
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                _ = signal(signalNumber, SIG_IGN)
                continue
            }
            sigaddset(&handled, signalNumber)
        }
        // A parent may have started us with these signals blocked (Foundation's Process does); a blocked signal
        // would stay pending forever. Threads created from here on inherit the unblocked mask.
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }

    /// True once a signal arrived.
    public var wasInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interrupted
    }

    func track(_ pid: pid_t) {
        lock.lock()
        children.insert(pid)
        let alreadyInterrupted = interrupted
        lock.unlock()
        if alreadyInterrupted { kill(-pid, SIGKILL) }
    }

    func untrack(_ pid: pid_t) {
        lock.lock()
        children.remove(pid)
        lock.unlock()
    }

    private func fire() {
        lock.lock()
        interrupted = true
        let running = children
        lock.unlock()
        for pid in running { ChildProcess.terminateGroup(pid) }
    }
}
