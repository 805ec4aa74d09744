// RunDir/ owns run-set directories, `$GIT_BENCH_HOME/runs/<project>/<benchmark>/<run-set-id>/`: the Codable files in
// them (manifest.json, provenance.json, resume_state.json, series.jsonl, summary.json), the human RUN_REPORT.md, their
// validation, and the optional zip beside the directory. It also reads the host facts provenance records (uname,
// /proc/cpuinfo, /proc/meminfo).
// It writes only inside the harness home's runs/ tree, every file 0600 through `SecureFile` (temp file + rename),
// every directory 0700. It never opens the run store, runs a process or judges: Pipeline/ hands it the stored rows
// (`RunRecord`, read directly), and the numbers in summary.json come from Gate/. It may use Values/, Compression/
// (the zip), Home/, Gate/ and Store/'s models.
import Foundation

/// Names, schema markers and versions of a run-set directory.
public enum RunDir {
    /// The manifest, written last: its artifact table lists every other file with its SHA-256 and size.
    public static let manifestFile = "manifest.json"
    public static let provenanceFile = "provenance.json"
    public static let resumeStateFile = "resume_state.json"
    public static let seriesFile = "series.jsonl"
    public static let summaryFile = "summary.json"
    public static let reportFile = "RUN_REPORT.md"
    /// Written by the archive after a successful upload (`{archived_at, result_keys, archive}`), as in the seed's layout.
    public static let archivedMarkerFile = "_ARCHIVED"

    /// Every file a complete run set holds besides the manifest.
    public static let requiredArtifacts = [provenanceFile, resumeStateFile, seriesFile, summaryFile, reportFile]

    public static let manifestSchema = "git_bench_run_manifest"
    public static let provenanceSchema = "git_bench_provenance"
    public static let resumeStateSchema = "git_bench_resume_state"
    public static let seriesSchema = "git_bench_series"
    public static let summarySchema = "git_bench_summary"
    /// The one schema version this git-bench writes and reads, for every file above.
    public static let schemaVersion = 1

    /// `runs/` under the harness home.
    public static func runsDirectory(home: HarnessHome) -> URL {
        home.root.appendingPathComponent("runs")
    }

    /// `runs/<project>/<benchmark>/<run-set-id>/`.
    public static func directory(home: HarnessHome, project: String, benchmark: String, runSetID: RunSetID) -> URL {
        runsDirectory(home: home).appendingPathComponent(project).appendingPathComponent(benchmark).appendingPathComponent(runSetID.value)
    }

    /// The zip written beside the directory by `--compress`: `runs/<project>/<benchmark>/<run-set-id>.zip`.
    public static func zipFile(for directory: URL) -> URL {
        directory.deletingLastPathComponent().appendingPathComponent(directory.lastPathComponent + ".zip")
    }

    /// The pretty, sorted-key JSON every run-set file uses, with a trailing newline. Deterministic, so the manifest can
    /// check that it is in canonical form.
    static func encodePretty<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = nonFinite
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// The decoder for run-set files: it reads the spelling `encodePretty` gives non-finite numbers.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }

    /// A verdict's z is infinite when both samples are constant and differ; JSON has no such number, so it is spelled
    /// as a string rather than failing the whole file.
    private static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")

    /// One compact, sorted-key JSON line (for series.jsonl), with its newline.
    static func encodeLine<T: Encodable>(_ value: T) throws -> Data {
        var data = try CanonicalJSON.data(value)
        data.append(0x0A)
        return data
    }
}
