import Foundation

// Console/ is the only way library code talks to a person: progress and warnings go to stderr.
// Results are returned as values; the CLI renders them to stdout.

/// Where the library reports progress and warnings. Tests use `Console.capturing()`.
public final class Console: @unchecked Sendable {  // `lock` guards `captured`.
    private let lock = NSLock()
    private var captured: [String] = []
    private let isCapturing: Bool
    /// When false (e.g. `--json`), progress lines are dropped; warnings still go to stderr.
    public let showsProgress: Bool

    private init(isCapturing: Bool, showsProgress: Bool) {
        self.isCapturing = isCapturing
        self.showsProgress = showsProgress
    }

    /// Writes to the process's stderr.
    public static func standard(showsProgress: Bool = true) -> Console { Console(isCapturing: false, showsProgress: showsProgress) }
    /// Keeps every line in memory.
    public static func capturing() -> Console { Console(isCapturing: true, showsProgress: true) }
    /// Drops progress, keeps warnings on stderr.
    public static let quiet = Console(isCapturing: false, showsProgress: false)

    /// A progress line (stderr).
    public func progress(_ line: String) {
        guard showsProgress else { return }
        emit(line)
    }

    /// A warning line (stderr), prefixed "warning: ".
    public func warning(_ line: String) {
        emit("warning: " + line)
    }

    /// Lines captured so far (capturing consoles only).
    public var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return captured
    }

    private func emit(_ line: String) {
        if isCapturing {
            lock.lock()
            captured.append(line)
            lock.unlock()
        } else {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
