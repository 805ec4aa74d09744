import Foundation

/// A network operation on a remote, the only thing GitBenchKit runs the `git` command for: libgit2 1.5 would need
/// its own credential, SSH-agent and proxy handling to talk to remotes, while `git` already has the user's.
///
/// Each case is a fixed argument list, so every `git` invocation git-bench can make is listed here.
public enum NetworkOperation: Sendable, Equatable {
    /// `git ls-remote --exit-code <remote> <ref>`: exits 2 when the remote has no such ref.
    case listRemoteRef(remote: String, ref: String)
    /// `git fetch --no-tags --no-write-fetch-head <remote> +<source>:<destination>` (forced into a local ref).
    case fetch(remote: String, source: String, destination: String)
    /// `git push --no-verify <remote> <ref>:<ref>`. `--no-verify`: pushing verdict notes must not run the
    /// pre-push hook, which would gate the push of the notes on the notes themselves.
    case push(remote: String, ref: String)

    /// The arguments after `git -C <dir>`; `--` keeps a remote named like an option from being read as one.
    var arguments: [String] {
        switch self {
        case .listRemoteRef(let remote, let ref):
            return ["ls-remote", "--exit-code", "--", remote, ref]
        case .fetch(let remote, let source, let destination):
            return ["fetch", "--no-tags", "--no-write-fetch-head", "--", remote, "+\(source):\(destination)"]
        case .push(let remote, let ref):
            return ["push", "--no-verify", "--", remote, "\(ref):\(ref)"]
        }
    }
}

/// How a `git` command ended.
public struct GitCommandResult: Sendable, Equatable {
    /// git's exit status, and what it wrote to stdout and stderr.
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

extension Repository {
    /// Runs one network operation with the `git` found on `PATH` (else `/usr/bin/git`) in this repository, with
    /// this process's environment, and returns its exit status and output; a non-zero status is returned, not
    /// thrown, because some operations use it as an answer (`ls-remote --exit-code` exits 2 for "no such ref").
    ///
    /// This is the one audited place where GitBenchKit runs `git` (STYLE.md rule 15). Throws `GitError.runGit`
    /// when `git` cannot be started.
    public func run(_ operation: NetworkOperation) throws -> GitCommandResult {
        let directory = workdir ?? gitDirectory
        let arguments = ["-C", directory.path] + operation.arguments
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.gitExecutable())
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        do {
            try process.run()
        } catch {
            throw GitError.runGit(arguments: operation.arguments, status: -1, cause: "\(error)")
        }
        // Drain stdout on another thread while this one drains stderr, so neither pipe can fill up and block git.
        let stdoutData = StdoutBuffer()
        let reader = Thread { stdoutData.set(stdoutPipe.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let stderrData = stderrPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stdout = stdoutData.waitForData()
        return GitCommandResult(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    private static func gitExecutable() -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/git"
    }
}

/// The stdout bytes handed from the reader thread to the waiting one.
private final class StdoutBuffer: @unchecked Sendable {  // `condition` guards `data`.
    private let condition = NSCondition()
    private var data: Data?

    func set(_ value: Data) {
        condition.lock()
        data = value
        condition.signal()
        condition.unlock()
    }

    func waitForData() -> Data {
        condition.lock()
        defer { condition.unlock() }
        while data == nil { condition.wait() }
        return data ?? Data()
    }
}
