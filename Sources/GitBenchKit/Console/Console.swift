// Console/ is the only way git-bench talks to a person on stderr: progress, warnings and errors (the CLI routes its own
// through it too). A live progress line is redrawn in place on a terminal, and durations are shown as people read
// them (`ElapsedTime`). Results are returned as values; the CLI renders them to stdout. It uses only Values/.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the library reports progress and warnings, and the CLI its errors. Tests use `Console.capturing()`.
public final class Console: @unchecked Sendable {  // `lock` guards `captured`, `written` and `hasLiveLine`.
    private let lock = NSLock()
    private var captured: [String] = []
    private var written = ""
    /// A ticker line is on screen without its newline; the next write must erase it first.
    private var hasLiveLine = false
    private let isCapturing: Bool
    /// When false (e.g. `--json`), progress lines are dropped; warnings still go to stderr.
    public let showsProgress: Bool
    /// True when stderr is a terminal: `ticker` then rewrites one line in place instead of printing lines.
    public let isTTY: Bool

    private init(isCapturing: Bool, showsProgress: Bool, isTTY: Bool) {
        self.isCapturing = isCapturing
        self.showsProgress = showsProgress
        self.isTTY = isTTY
    }

    /// Writes to the process's stderr; `isTTY` is detected (a terminal other than TERM=dumb).
    public static func standard(showsProgress: Bool = true) -> Console {
        Console(isCapturing: false, showsProgress: showsProgress, isTTY: stderrIsTerminal())
    }
    /// Keeps every line in memory; `isTTY` makes it behave as if stderr were a terminal.
    public static func capturing(isTTY: Bool = false) -> Console { Console(isCapturing: true, showsProgress: true, isTTY: isTTY) }
    /// Drops progress, keeps warnings on stderr.
    public static let quiet = Console(isCapturing: false, showsProgress: false, isTTY: false)

    /// A progress line (stderr).
    public func progress(_ line: String) {
        guard showsProgress else { return }
        emit(line)
    }

    /// A warning line (stderr), prefixed "warning: ".
    public func warning(_ line: String) {
        emit("warning: " + line)
    }

    /// An error line (stderr), prefixed "git-bench: error: ": what a failed command says before it exits.
    public func error(_ message: String) {
        emit("git-bench: error: " + message)
    }

    /// A line prefixed "git-bench: " (stderr), for output that lands among another program's, such as a git hook's.
    public func announce(_ line: String) {
        emit("git-bench: " + line)
    }

    /// A status line that replaces the previous one: on a terminal it is rewritten in place (the next ordinary line
    /// erases it first); elsewhere it is printed as a plain progress line. Dropped when progress is off.
    public func ticker(_ line: String) {
        guard showsProgress else { return }
        guard isTTY else { return emit(line) }
        lock.lock()
        defer { lock.unlock() }
        write("\r\u{1B}[2K" + line)
        hasLiveLine = true
    }

    /// Erases the ticker line, if one is on screen.
    public func clearTicker() {
        lock.lock()
        defer { lock.unlock() }
        guard hasLiveLine else { return }
        write("\r\u{1B}[2K")
        hasLiveLine = false
    }

    /// Lines captured so far (capturing consoles only); ticker lines on a terminal are not lines and are not included.
    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return captured
    }

    /// Everything written so far, byte for byte, escape sequences included (capturing consoles only).
    public var transcript: String {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    private func emit(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        if isCapturing { captured.append(line) }
        write((hasLiveLine ? "\r\u{1B}[2K" : "") + line + "\n")
        hasLiveLine = false
    }

    /// Called with `lock` held, so lines from several threads never interleave.
    private func write(_ text: String) {
        if isCapturing {
            written += text
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    private static func stderrIsTerminal() -> Bool {
        isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}
