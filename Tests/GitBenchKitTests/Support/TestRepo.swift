import Foundation

/// A git repository in a fresh temporary directory, built with the `git` CLI (never with the
/// wrapper under test), with everything that varies between machines pinned: HOME and the config
/// search paths point inside the temp dir, the identity is fixed, commit times are chosen by the
/// test, and `TZ=UTC`, `LC_ALL=C`. Deletes itself in `deinit`.
final class TestRepo {
    /// The repository root: `<temp>/repo`, with symlinks resolved so it compares equal to the
    /// paths git and libgit2 report.
    let url: URL
    /// A sibling directory used as HOME for the git CLI: `<temp>/home`.
    let home: URL
    /// The temp dir holding `url` and `home`; free for scratch use (worktrees, run dirs).
    let root: URL

    static let gitExecutable = "/usr/bin/git"
    static let authorName = "Test Author"
    static let authorEmail = "test@example.com"

    /// Runs `git init -q -b main` in a new temp dir with an isolated environment.
    init() throws {
        let template = FileManager.default.temporaryDirectory
            .appendingPathComponent("gitbench-test-XXXXXX").path
        var buffer = Array(template.utf8CString)
        guard let created = mkdtemp(&buffer) else {
            throw TestRepoError.setup("mkdtemp \(template) failed: errno \(errno)")
        }
        guard let resolved = realpath(created, nil) else {
            throw TestRepoError.setup("realpath \(String(cString: created)) failed: errno \(errno)")
        }
        root = URL(fileURLWithPath: String(cString: resolved), isDirectory: true)
        free(resolved)
        url = root.appendingPathComponent("repo", isDirectory: true)
        home = root.appendingPathComponent("home", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try """
        [user]
        \tname = \(Self.authorName)
        \temail = \(Self.authorEmail)
        [init]
        \tdefaultBranch = main
        [commit]
        \tgpgsign = false
        [advice]
        \tdetachedHead = false
        """.write(to: home.appendingPathComponent(".gitconfig"), atomically: true, encoding: .utf8)
        try git("init", "-q", "-b", "main")
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The environment for every git CLI call: the process's own, minus any inherited `GIT_*`
    /// variable (tests may run inside a git hook), plus the pinned values.
    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = home.appendingPathComponent(".gitconfig").path
        environment["TZ"] = "UTC"
        environment["LC_ALL"] = "C"
        environment["GIT_AUTHOR_NAME"] = Self.authorName
        environment["GIT_AUTHOR_EMAIL"] = Self.authorEmail
        environment["GIT_COMMITTER_NAME"] = Self.authorName
        environment["GIT_COMMITTER_EMAIL"] = Self.authorEmail
        environment["GIT_EDITOR"] = ":"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        return environment
    }

    /// Writes `contents` to `path` (relative to the repository root), creating parent directories.
    func write(_ path: String, _ contents: String, executable: Bool = false) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes(
            [.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: file.path)
    }

    /// Runs `git -C <url> <args>` with `environment`; returns stdout without its trailing newlines.
    /// Throws when git exits non-zero, with its stderr.
    @discardableResult
    func git(_ arguments: String...) throws -> String {
        try git(arguments)
    }

    /// `git(_:)` with an argument array and extra environment variables.
    @discardableResult
    func git(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> String {
        let result = try runProcess(
            Self.gitExecutable, ["-C", url.path] + arguments,
            environment: environment.merging(extraEnvironment) { $1 })
        guard result.status == 0 else {
            throw TestRepoError.git(arguments: arguments, status: result.status, stderr: result.stderr)
        }
        var output = result.stdout
        while output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    /// Stages everything (`git add -A`) and commits it with author and committer date
    /// `@<1700000000 + time> +0000`, so the SHA is the same on every machine; returns the full SHA.
    /// Empty commits are allowed.
    @discardableResult
    func commit(_ message: String = "change", time: Int) throws -> String {
        try git("add", "-A")
        let date = "@\(1_700_000_000 + time) +0000"
        try git(
            ["commit", "-q", "--allow-empty", "-m", message],
            extraEnvironment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
        return try git("rev-parse", "HEAD")
    }
}

/// A failure while building a test fixture.
enum TestRepoError: Error, CustomStringConvertible {
    case setup(String)
    case git(arguments: [String], status: Int32, stderr: String)

    var description: String {
        switch self {
        case .setup(let reason):
            return "could not set up test repository: \(reason)"
        case .git(let arguments, let status, let stderr):
            return "could not run git \(arguments.joined(separator: " ")): exit \(status): \(stderr)"
        }
    }
}

/// Runs `executable` (an absolute path) with `arguments`, optional environment (default: this
/// process's), working directory and stdin; returns its exit status, stdout and stderr.
///
/// Output goes through temporary files rather than pipes, so a child that writes a lot can never
/// block on a full pipe while we wait for it. With `timeout` (seconds), a child still running then is
/// SIGKILLed and the call throws: a liveness deadline, so a regression that hangs fails its test
/// instead of hanging the suite.
func runProcess(
    _ executable: String,
    _ arguments: [String],
    environment: [String: String]? = nil,
    currentDirectory: URL? = nil,
    stdin: String? = nil,
    timeout: TimeInterval? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
    let scratch = FileManager.default.temporaryDirectory
        .appendingPathComponent("gitbench-process-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let stdoutURL = scratch.appendingPathComponent("stdout")
    let stderrURL = scratch.appendingPathComponent("stderr")
    for url in [stdoutURL, stderrURL] where !FileManager.default.createFile(atPath: url.path, contents: nil) {
        throw TestRepoError.setup("could not create \(url.path)")
    }
    let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
    let stderrHandle = try FileHandle(forWritingTo: stderrURL)
    defer {
        try? stdoutHandle.close()
        try? stderrHandle.close()
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    // argument-parser wraps help at $COLUMNS: a terminal's width must not change what a test sees.
    process.environment = (environment ?? ProcessInfo.processInfo.environment).merging(["COLUMNS": "80"]) { $1 }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    process.standardOutput = stdoutHandle
    process.standardError = stderrHandle
    var stdinHandle: FileHandle?
    if let stdin {
        let stdinURL = scratch.appendingPathComponent("stdin")
        try stdin.write(to: stdinURL, atomically: true, encoding: .utf8)
        stdinHandle = try FileHandle(forReadingFrom: stdinURL)
        process.standardInput = stdinHandle
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    defer { try? stdinHandle?.close() }

    try process.run()
    if let timeout {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestRepoError.setup("\(executable) \(arguments.joined(separator: " ")) still ran after \(Int(timeout)) s; killed it")
        }
    }
    process.waitUntilExit()
    let stdout = String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self)
    let stderr = String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
    return (process.terminationStatus, stdout, stderr)
}
