import Foundation

/// The outcome of `git bench validate DIR`.
public struct RunSetValidation: Sendable, Equatable, Codable {
    public var path: String
    public var isValid: Bool
    /// The run set's id, when the manifest could be read.
    public var runSetID: String?
    /// Files whose hash and size were checked (manifest.json not counted).
    public var filesChecked: Int
    /// The first problem, e.g. "series.jsonl: sha256 mismatch (manifest says …, file has …)"; nil when valid.
    public var problem: String?
    /// The file the problem is about, when it is about one.
    public var file: String?
    /// True when the directory is not a current git-bench run set at all (no marker, a foreign one, another version).
    public var isForeign: Bool

    enum CodingKeys: String, CodingKey {
        case path
        case isValid = "valid"
        case runSetID = "run_set_id"
        case filesChecked = "files_checked"
        case problem, file
        case isForeign = "foreign"
    }

    /// The error to report for an invalid directory (`notARunSet` or `invalid`); nil when valid.
    public var error: RunDirError? {
        guard let problem else { return nil }
        return isForeign ? .notARunSet(path: path, reason: problem) : .invalid(path: path, problem: problem)
    }
}

/// Checks a run-set directory: schema markers and versions, required files, every recorded SHA-256 and size, the
/// manifest's own digest and canonical form, no unlisted files, and that every file decodes. Stops at the first problem.
public enum RunDirValidator {
    private struct Problem: Error {
        var file: String?
        var message: String
        var isForeign = false
    }

    /// Validates `directory`; never throws: every problem is reported in the result.
    public static func validate(_ directory: URL) -> RunSetValidation {
        var result = RunSetValidation(path: directory.path, isValid: false, runSetID: nil, filesChecked: 0, problem: nil, file: nil,
                                      isForeign: false)
        do {
            try inspect(directory, into: &result)
            result.isValid = true
        } catch let problem as Problem {
            result.problem = problem.file.map { "\($0): \(problem.message)" } ?? problem.message
            result.file = problem.file
            result.isForeign = problem.isForeign
        } catch {
            result.problem = "\(error)"
        }
        return result
    }

    private static func inspect(_ directory: URL, into result: inout RunSetValidation) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Problem(file: nil, message: "no such directory", isForeign: true)
        }
        let manifestURL = directory.appendingPathComponent(RunDir.manifestFile)
        guard let manifestData = try? Data(contentsOf: manifestURL) else {
            if let problem = RunSetDirectory(url: directory).unrecordedStateProblem() { throw Problem(file: nil, message: problem) }
            let state = directory.appendingPathComponent(RunDir.resumeStateFile)
            if let data = try? Data(contentsOf: state), (try? checkMarker(data, file: RunDir.resumeStateFile, in: directory, schema: RunDir.resumeStateSchema)) != nil {
                let id = (try? RunDir.decoder().decode(ResumeState.self, from: data))?.runSetID.value ?? directory.lastPathComponent
                throw Problem(file: RunDir.manifestFile, message: "missing: the run set never finished; `git bench resume \(id)` finishes it")
            }
            throw Problem(file: nil, message: "no \(RunDir.manifestFile) with schema \(RunDir.manifestSchema)", isForeign: true)
        }
        try checkMarker(manifestData, file: RunDir.manifestFile, schema: RunDir.manifestSchema)
        let manifest: RunSetManifest
        do {
            manifest = try RunDir.decoder().decode(RunSetManifest.self, from: manifestData)
        } catch {
            throw Problem(file: RunDir.manifestFile, message: "does not decode: \(describe(error))")
        }
        result.runSetID = manifest.runSetID.value
        let digest = try manifest.computedDigest()
        guard digest == manifest.manifestSHA256 else {
            throw Problem(file: RunDir.manifestFile, message: "manifest_sha256 mismatch (recorded \(manifest.manifestSHA256), content has \(digest))")
        }
        // The bytes must be exactly what git-bench writes, so an edit that keeps the decoded values (a new key, spacing) shows.
        guard try RunDir.encodePretty(manifest) == manifestData else {
            throw Problem(file: RunDir.manifestFile, message: "not in the canonical form git-bench writes (edited by hand?)")
        }

        for required in RunDir.requiredArtifacts where manifest.artifacts[required] == nil {
            throw Problem(file: required, message: "required file not listed in \(RunDir.manifestFile)")
        }
        var contents: [String: Data] = [:]
        for (name, artifact) in manifest.artifacts.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw Problem(file: RunDir.manifestFile, message: "artifact path \"\(name)\" is not a file in the run set")
            }
            guard let data = try? Data(contentsOf: directory.appendingPathComponent(name)) else {
                throw Problem(file: name, message: "missing (listed in \(RunDir.manifestFile))")
            }
            if Int64(data.count) != artifact.size {
                throw Problem(file: name, message: "size mismatch (manifest says \(artifact.size) bytes, file has \(data.count))")
            }
            let actual = ContentDigest(of: data).hex
            if actual != artifact.sha256 {
                throw Problem(file: name, message: "sha256 mismatch (manifest says \(artifact.sha256), file has \(actual))")
            }
            let expected = RunSetManifest.schema(of: name)
            if artifact.schema != expected?.0 || artifact.schemaVersion != expected?.1 {
                throw Problem(file: name, message: "manifest lists schema \(artifact.schema ?? "none") v\(artifact.schemaVersion.map(String.init) ?? "-"), "
                              + "expected \(expected?.0 ?? "none") v\(expected.map { String($0.1) } ?? "-")")
            }
            contents[name] = data
            result.filesChecked += 1
        }
        let present = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
        // `_ARCHIVED` is written after the run set is sealed, when the archive took it: not one of its artifacts.
        for name in present.sorted() where name != RunDir.manifestFile && name != RunDir.archivedMarkerFile && manifest.artifacts[name] == nil {
            throw Problem(file: name, message: "not listed in \(RunDir.manifestFile)")
        }

        // Hashes hold; now the content itself must be what this version writes.
        let provenance: RunProvenance = try decodeMarked(contents, RunDir.provenanceFile, schema: RunDir.provenanceSchema, in: directory)
        let state: ResumeState = try decodeMarked(contents, RunDir.resumeStateFile, schema: RunDir.resumeStateSchema, in: directory)
        let summary: RunSummary = try decodeMarked(contents, RunDir.summaryFile, schema: RunDir.summarySchema, in: directory)
        let series: [SeriesEntry]
        do {
            series = try decodeSeries(contents[RunDir.seriesFile] ?? Data(), path: RunDir.seriesFile)
        } catch let error as RunDirError {
            throw Problem(file: RunDir.seriesFile, message: "\(error)")
        }
        for (name, id) in [(RunDir.provenanceFile, provenance.runSetID), (RunDir.resumeStateFile, state.runSetID), (RunDir.summaryFile, summary.runSetID)]
        where id != manifest.runSetID {
            throw Problem(file: name, message: "belongs to run set \(id), the manifest to \(manifest.runSetID)")
        }
        if summary.recorded != series.count {
            throw Problem(file: RunDir.summaryFile, message: "counts \(summary.recorded) recorded repetition(s), \(RunDir.seriesFile) has \(series.count)")
        }
    }

    private static func decodeMarked<T: Decodable>(_ contents: [String: Data], _ name: String, schema: String, in directory: URL) throws -> T {
        let data = contents[name] ?? Data()
        do {
            try checkMarker(data, file: name, in: directory, schema: schema)
        } catch let error as RunDirError {
            throw Problem(file: name, message: "\(error)")
        }
        do {
            return try RunDir.decoder().decode(T.self, from: data)
        } catch {
            throw Problem(file: name, message: "does not decode: \(describe(error))")
        }
    }

    /// Checks that `data` is a JSON object whose `schema` is `schema` and `schema_version` is the current version.
    /// Throws `RunDirError.notARunSet` otherwise.
    static func checkMarker(_ data: Data, file: String, in directory: URL, schema: String) throws {
        do {
            try checkMarker(data, file: file, schema: schema)
        } catch let problem as Problem {
            throw RunDirError.notARunSet(path: directory.appendingPathComponent(file).path, reason: problem.message)
        }
    }

    private static func checkMarker(_ data: Data, file: String, schema: String) throws {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw Problem(file: file, message: "not a JSON object")
        }
        guard let marker = object["schema"] as? String else {
            throw Problem(file: file, message: "no schema marker (expected \(schema))", isForeign: file == RunDir.manifestFile)
        }
        guard marker == schema else {
            throw Problem(file: file, message: "schema is \"\(marker)\", expected \"\(schema)\"", isForeign: file == RunDir.manifestFile)
        }
        let version = object["schema_version"] as? Int
        guard version == RunDir.schemaVersion else {
            throw Problem(file: file, message: "schema version \(version.map(String.init) ?? "missing"); this git-bench reads version \(RunDir.schemaVersion)",
                          isForeign: file == RunDir.manifestFile)
        }
    }

    /// Decodes series.jsonl: one JSON object per line, every line ending in a newline.
    static func decodeSeries(_ data: Data, path: String) throws -> [SeriesEntry] {
        guard !data.isEmpty else { return [] }
        guard data.last == 0x0A else { throw RunDirError.read(path: path, underlying: "the last line is not terminated (torn write?)") }
        let decoder = RunDir.decoder()
        var entries: [SeriesEntry] = []
        for (number, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().enumerated() {
            do {
                entries.append(try decoder.decode(SeriesEntry.self, from: Data(line)))
            } catch {
                throw RunDirError.read(path: path, underlying: "line \(number + 1) does not decode: \(describe(error))")
            }
        }
        return entries
    }

    /// A decoding error as "at key.path: what".
    static func describe(_ error: Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "top level" : keys
        }
        switch error {
        case .keyNotFound(let key, let context): return "at \(path(context)): missing key \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "at \(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
