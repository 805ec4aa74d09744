import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run set's directory: reads and writes its files (each through temp file + rename, mode 0600) and its manifest.
public struct RunSetDirectory: Sendable, Equatable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// True for a string shaped like a run-set id: `bench_<8 hex>_<YYYYmmdd_HHMMSS>`.
    public static func isRunSetID(_ value: String) -> Bool {
        value.range(of: #"^bench_[0-9a-f]{8}_[0-9]{8}_[0-9]{6}$"#, options: .regularExpression) != nil
    }

    /// The run set `reference` names, as `validate` takes it: a directory (relative to `currentDirectory`), or a
    /// run-set id, found under `home` as `resume` finds it. Anything else is returned as a path for the validator to
    /// report. Throws `RunDirError.notFound` for an id with no directory.
    public static func resolve(_ reference: String, home: HarnessHome, currentDirectory: URL) throws -> URL {
        let path = reference.hasPrefix("/") ? URL(fileURLWithPath: reference) : currentDirectory.appendingPathComponent(reference)
        if FileManager.default.fileExists(atPath: path.path) || !isRunSetID(reference) { return path.standardizedFileURL }
        return try locate(RunSetID(value: reference), home: home).url
    }

    /// Finds `runs/<project>/<benchmark>/<runSetID>/` under `home`.
    /// Throws `RunDirError.notFound` when no such directory exists (or the id is not shaped like one).
    public static func locate(_ runSetID: RunSetID, home: HarnessHome) throws -> RunSetDirectory {
        let runs = RunDir.runsDirectory(home: home)
        guard isRunSetID(runSetID.value) else {
            throw RunDirError.notFound(runSetID: runSetID.value, searched: runs.path)
        }
        let manager = FileManager.default
        for project in (try? manager.contentsOfDirectory(atPath: runs.path)) ?? [] {
            let projectURL = runs.appendingPathComponent(project)
            for benchmark in (try? manager.contentsOfDirectory(atPath: projectURL.path)) ?? [] {
                let candidate = projectURL.appendingPathComponent(benchmark).appendingPathComponent(runSetID.value)
                var isDirectory: ObjCBool = false
                if manager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    return RunSetDirectory(url: candidate)
                }
            }
        }
        throw RunDirError.notFound(runSetID: runSetID.value, searched: runs.path)
    }

    /// Creates the directory and its parents (0700).
    public func create() throws {
        do {
            try SecureFile.makeDirectory(url)
        } catch {
            throw RunDirError.write(path: url.path, underlying: "\(error)")
        }
    }

    /// Writes `value` as pretty JSON to `name`, replacing it atomically.
    public func write<T: Encodable>(_ value: T, to name: String) throws {
        let file = url.appendingPathComponent(name)
        let data: Data
        do {
            data = try RunDir.encodePretty(value)
        } catch {
            throw RunDirError.write(path: file.path, underlying: "\(error)")
        }
        try replace(file, data)
    }

    /// Writes `text` (UTF-8) to `name`, replacing it atomically.
    public func writeText(_ text: String, to name: String) throws {
        try replace(url.appendingPathComponent(name), Data(text.utf8))
    }

    /// Rewrites series.jsonl with one compact line per entry, atomically (temp + rename), so it never holds a torn line.
    public func writeSeries(_ entries: [SeriesEntry]) throws {
        let file = url.appendingPathComponent(RunDir.seriesFile)
        var data = Data()
        do {
            for entry in entries { data.append(try RunDir.encodeLine(entry)) }
        } catch {
            throw RunDirError.write(path: file.path, underlying: "\(error)")
        }
        try replace(file, data)
    }

    /// Appends one line to series.jsonl (created 0600 if needed), without fsync: the store holds the durable copy of
    /// the row, a kill can at worst tear this last line (which `readSeries(toleratingTornTail:)` drops and `resume`
    /// rebuilds from the store), and `writeSeries(_:)` rewrites the whole file atomically when the run set finishes.
    public func appendSeries(_ entry: SeriesEntry) throws {
        let file = url.appendingPathComponent(RunDir.seriesFile)
        let line: Data
        do {
            line = try RunDir.encodeLine(entry)
        } catch {
            throw RunDirError.write(path: file.path, underlying: "\(error)")
        }
        do {
            try SecureFile.append(file, contents: line)
        } catch {
            throw RunDirError.write(path: file.path, underlying: "\(error)")
        }
    }

    /// Decodes the JSON file `name`. Throws `RunDirError.read` when it is missing or does not decode.
    public func read<T: Decodable>(_ type: T.Type, from name: String) throws -> T {
        let file = url.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw RunDirError.read(path: file.path, underlying: "no such file or unreadable")
        }
        do {
            return try RunDir.decoder().decode(T.self, from: data)
        } catch {
            throw RunDirError.read(path: file.path, underlying: RunDirValidator.describe(error))
        }
    }

    /// The lines of series.jsonl (none when the file does not exist yet). With `toleratingTornTail`, an unterminated
    /// last line (a kill in mid-append) is dropped instead of failing.
    public func readSeries(toleratingTornTail: Bool = false) throws -> [SeriesEntry] {
        let file = url.appendingPathComponent(RunDir.seriesFile)
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw RunDirError.read(path: file.path, underlying: "unreadable")
        }
        if toleratingTornTail, data.last != 0x0A {
            let complete = data.lastIndex(of: 0x0A).map { data.prefix(through: $0) } ?? Data()
            return try RunDirValidator.decodeSeries(Data(complete), path: file.path)
        }
        return try RunDirValidator.decodeSeries(data, path: file.path)
    }

    /// Why this directory is a run set that was killed before it wrote resume_state.json (the first thing a run set
    /// writes, through a temp file and a rename), with the command that removes it; nil unless the directory is named
    /// like a run set and holds nothing but git-bench's half-written temp files (or nothing at all).
    public func unrecordedStateProblem() -> String? {
        guard Self.isRunSetID(url.lastPathComponent),
              let names = try? FileManager.default.contentsOfDirectory(atPath: url.path),
              names.allSatisfy({ SecureFile.isTemporaryName($0) }) else { return nil }
        return "the run was interrupted before it recorded its state (\(RunDir.resumeStateFile) was never written), so it cannot be "
            + "resumed; the store keeps anything it measured; remove the directory with: rm -r -- \(ShellWord.quote(url.path))"
    }

    /// resume_state.json, checked for its marker and version.
    /// Throws `RunDirError.notARunSet` for a foreign or other-version file, `RunDirError.invalid` for a run set killed
    /// before it wrote the file (`unrecordedStateProblem`), `RunDirError.read` when it is missing otherwise or broken.
    public func readResumeState() throws -> ResumeState {
        let file = url.appendingPathComponent(RunDir.resumeStateFile)
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            if let problem = unrecordedStateProblem() { throw RunDirError.invalid(path: url.path, problem: problem) }
            throw RunDirError.read(path: file.path, underlying: "no such file or unreadable")
        }
        try RunDirValidator.checkMarker(data, file: RunDir.resumeStateFile, in: url, schema: RunDir.resumeStateSchema)
        do {
            return try RunDir.decoder().decode(ResumeState.self, from: data)
        } catch {
            throw RunDirError.read(path: file.path, underlying: RunDirValidator.describe(error))
        }
    }

    /// Hashes every other file and writes manifest.json last. Stale temp files of an interrupted write are removed first.
    @discardableResult
    public func writeManifest(runSetID: RunSetID, project: String, benchmark: String, at date: Date = Date()) throws -> RunSetManifest {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw RunDirError.read(path: url.path, underlying: "cannot list the directory")
        }
        var artifacts: [String: RunSetManifest.Artifact] = [:]
        for name in names.sorted() where name != RunDir.manifestFile {
            let file = url.appendingPathComponent(name)
            if SecureFile.isTemporaryName(name) {
                try? FileManager.default.removeItem(at: file)  // our own half-written temp file; the real one was renamed or never was
                continue
            }
            let data: Data
            do {
                data = try Data(contentsOf: file)
            } catch {
                throw RunDirError.read(path: file.path, underlying: "unreadable")
            }
            let schema = RunSetManifest.schema(of: name)
            artifacts[name] = RunSetManifest.Artifact(sha256: ContentDigest(of: data).hex, size: Int64(data.count), schema: schema?.0, schemaVersion: schema?.1)
        }
        var manifest = RunSetManifest(runSetID: runSetID, project: project, benchmark: benchmark, gitBenchVersion: GitBench.version,
                                      createdAt: Timestamp.string(date), artifacts: artifacts)
        do {
            manifest.manifestSHA256 = try manifest.computedDigest()
        } catch {
            throw RunDirError.write(path: url.appendingPathComponent(RunDir.manifestFile).path, underlying: "\(error)")
        }
        try write(manifest, to: RunDir.manifestFile)
        return manifest
    }

    private func replace(_ file: URL, _ data: Data) throws {
        do {
            try SecureFile.replace(file, contents: data)
        } catch {
            throw RunDirError.write(path: file.path, underlying: "\(error)")
        }
    }
}
