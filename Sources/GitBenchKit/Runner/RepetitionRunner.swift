import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one repetition of a benchmark in a fresh 0700 scratch directory and turns whatever happened
/// (a good result, a crash, a hang, garbage output) into one `Repetition`.
struct RepetitionRunner {
    let project: ProjectSpec
    let benchmark: Benchmark
    /// Where the runner runs (its cwd): the repository root, or a temporary worktree for `--at-sha`.
    let workingDirectory: URL
    let home: HarnessHome
    let runSetID: RunSetID

    /// The largest result.json we read; anything bigger is a runner bug, not a result.
    static let maximumResultBytes = 16 << 20

    func run(seed: Int64, index: Int, total: Int) throws -> Repetition {
        let scratch = try makeScratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let configURL = scratch.appendingPathComponent("config.json")
        let outputURL = scratch.appendingPathComponent("result.json")
        let artifactURL = benchmark.tier == .correctness ? scratch.appendingPathComponent("artifact.bin") : nil
        let corpusPath = CorpusFingerprint.path(of: benchmark, projectRoot: workingDirectory)?.path ?? ""
        let config = InvocationConfig(benchmark: benchmark.name, seed: seed, corpusPath: corpusPath, repetitionIndex: index,
                                      repetitionTotal: total, artifactPath: artifactURL?.path)
        do {
            try SecureFile.createNew(configURL, contents: config.fileContents, durable: false)
        } catch {
            throw RunnerError.scratch(reason: "\(error)")
        }

        let logDirectory = home.logsDirectory(project: project.name, benchmark: benchmark.name)
        try home.ensureDirectory(logDirectory)
        let stderrURL = logDirectory.appendingPathComponent("\(runSetID.value)-rep\(String(format: "%03d", index))-\(UInt32.random(in: .min ... .max)).stderr")
        try SecureFile.touch(stderrURL)

        let command = InvocationTemplate.render(project.invocation, entryPoint: benchmark.entryPoint,
                                                configPath: configURL.path, outputPath: outputURL.path)
        let exit = try ChildProcess.runShell(command, in: workingDirectory, stderrPath: stderrURL, timeout: benchmark.timeoutSeconds)

        var record = Repetition(seed: seed, repetitionIndex: index, status: .error, wallClockSeconds: exit.wallClockSeconds,
                                      stderrLogPath: stderrURL.path, usage: exit.usage)
        switch exit.reason {
        case .interrupted:
            record.status = .interrupted
            return record
        case .timedOut:
            record.message = "timed out after \(formatSeconds(benchmark.timeoutSeconds ?? 0)) s; process group killed"
            return record
        case .signalled(let signal):
            record.message = "runner killed by signal \(signal)"
            return record
        case .exited(let code) where code != 0:
            record.exitCode = Int(code)
            record.message = "runner exited with status \(code)" + stderrTail(stderrURL)
            return record
        case .exited:
            record.exitCode = 0
        }

        let result: ProjectResult
        do {
            result = try ProjectResult.decode(readResult(outputURL))
        } catch let error as ProtocolError {
            record.message = error.description
            return record
        } catch {
            record.message = "\(error)"
            return record
        }
        record.metric = result.metric
        record.metricComponents = result.metricComponents
        record.metadata = result.metadata
        record.message = result.message
        if let reported = result.wallClockSeconds { record.wallClockSeconds = reported }
        guard result.status == .ok else { return record }

        if let artifactURL {
            guard let bytes = try? Data(contentsOf: artifactURL) else {
                record.message = "correctness runner reported ok but wrote no artifact at artifact_path"
                return record
            }
            do {
                record.artifactHash = try home.storeArtifact(bytes, project: project.name, benchmark: benchmark.name).digest.tagged
            } catch {
                throw RunnerError.scratch(reason: "could not store artifact: \(error)")
            }
            record.artifactSize = Int64(bytes.count)
        }
        record.status = .ok
        return record
    }

    /// Reads result.json without following a symlink or blocking on a FIFO the runner left there, and only when it is
    /// a regular file of at most `maximumResultBytes`.
    private func readResult(_ url: URL) throws -> Data {
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw ProtocolErrorWrapper(message: "result.json is a symbolic link; write the result itself") }
            throw ProtocolErrorWrapper(message: "runner exited 0 but wrote no result.json")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw ProtocolErrorWrapper(message: "result.json is not a regular file (a FIFO, device or directory)")
        }
        if info.st_size > Self.maximumResultBytes {
            throw ProtocolErrorWrapper(message: "result.json is larger than \(Self.maximumResultBytes) bytes")
        }
        let data = (try? handle.read(upToCount: Self.maximumResultBytes + 1)) ?? Data()
        if data.count > Self.maximumResultBytes {
            throw ProtocolErrorWrapper(message: "result.json is larger than \(Self.maximumResultBytes) bytes")
        }
        return data
    }

    private func makeScratchDirectory() throws -> URL {
        var template = Array((NSTemporaryDirectory() + "/git-bench-rep-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw RunnerError.scratch(reason: String(cString: strerror(errno)))
        }
        return URL(fileURLWithPath: String(cString: made))
    }

    /// The last stderr line, so an error row says why without opening the log.
    private func stderrTail(_ url: URL) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 512 ? size - 512 : 0)
        let text = String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        guard let last = text.split(whereSeparator: \.isNewline).last.map(String.init)?.trimmingCharacters(in: .whitespaces), !last.isEmpty else { return "" }
        return ": " + String(last.prefix(200))
    }
}

private struct ProtocolErrorWrapper: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

private func formatSeconds(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
