// The archive figures of scripts/bench-archive (not installed). From one real archived run set (TEMPLATE, a
// results-….json.gz that `git bench archive` wrote) it makes COUNT run sets with their own ids, start times and rows,
// then:
//   upload ENDPOINT BUCKET COUNT TEMPLATE DIR  writes the COUNT gzipped documents under DIR (for `aws s3 sync` of the
//                                              same files) and times Archiver.upload of them to s3://BUCKET (results,
//                                              entry objects, the day manifest) and the trajectory/badge rebuild;
//   pull ENDPOINT BUCKET COUNT TEMPLATE        archives COUNT run sets to s3://BUCKET, then times ArchivePull of all of
//                                              them into a fresh store and prints rows per second.
// Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (moto accepts any).
import Foundation
import GitBenchKit

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("git-bench-archive-perf: \(message)\n".utf8))
    exit(70)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 5, let endpoint = URL(string: arguments[1]), let count = Int(arguments[3]), count > 0 else {
    FileHandle.standardError.write(Data("usage: git-bench-archive-perf upload|pull ENDPOINT BUCKET COUNT TEMPLATE [DIR]\n".utf8))
    exit(64)
}
let mode = arguments[0], bucket = arguments[2], template = URL(fileURLWithPath: arguments[4])
let environment = ProcessInfo.processInfo.environment
let credentials = S3Credentials(accessKeyID: environment["AWS_ACCESS_KEY_ID"] ?? "testing", secretAccessKey: environment["AWS_SECRET_ACCESS_KEY"] ?? "testing")
let store = S3ObjectStore(client: S3Client(endpoint: endpoint, region: "us-east-1", bucket: bucket, credentials: credentials))

/// COUNT copies of the template, one second apart on one day, each its own run set.
func runSets() -> [RunSetResult] {
    let original: RunSetResult
    do {
        original = try RunSetResult.decode(try Compression.gunzip(try Data(contentsOf: template)), key: template.path)
    } catch {
        fail("cannot read the template \(template.path): \(error)")
    }
    let base = Date(timeIntervalSince1970: 1_778_198_400) // 2026-05-08T00:00:00Z
    return (0..<count).map { index in
        var copy = original
        let started = base.addingTimeInterval(Double(index))
        let id = String(format: "bench_%08x_", index) + Timestamp.compact(started)
        copy.runSetID = id
        copy.startedAt = Timestamp.string(started)
        copy.provenance.runSetID = RunSetID(value: id)
        copy.summary.runSetID = RunSetID(value: id)
        copy.baselineEvents = []
        copy.repetitions = copy.repetitions.enumerated().map { offset, repetition in
            var repetition = repetition
            repetition.row.id = Int64(index * 1_000 + offset + 1)
            repetition.row.runSetID = id
            repetition.row.timestamp = Timestamp.string(started.addingTimeInterval(Double(offset) / 1_000))
            return repetition
        }
        return copy
    }
}

func payloads(_ results: [RunSetResult]) -> [ArchivePayload] {
    results.map { result in
        do {
            let sha7 = try ArchiveKey.sha7(commit: result.commit, dirty: result.dirty)
            return ArchivePayload(document: try result.encoded(), startedAt: result.startDate ?? Date(), stage: "perf", bench: result.benchmark, sha7: sha7,
                                  entry: result.manifestEntry(stage: "perf", sha7: sha7, uploadedAt: "", resultKey: "", resultSHA256: ""), label: result.runSetID)
        } catch {
            fail("cannot encode \(result.runSetID): \(error)")
        }
    }
}

do {
    try? store.client.createBucket()
    let results = runSets()
    let prepared = payloads(results)
    switch mode {
    case "upload":
        guard arguments.count == 6 else { fail("upload needs DIR") }
        let directory = URL(fileURLWithPath: arguments[5])
        for payload in prepared {
            let key = try ArchiveKey.result(startedAt: payload.startedAt, stage: payload.stage, bench: payload.bench, sha7: payload.sha7)
            let file = directory.appendingPathComponent(key)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Compression.gzip(payload.document).write(to: file)
        }
        let start = Date()
        let concurrency = Int(environment["GIT_BENCH_ARCHIVE_CONCURRENCY"] ?? "") ?? Archiver.defaultConcurrency
        let report = Archiver(privateStore: store, concurrency: concurrency).upload(prepared)
        let uploaded = Date().timeIntervalSince(start)
        guard report.failures.isEmpty else { fail("\(report.failures.count) failed: \(report.failures[0].reason)") }
        let rebuildStart = Date()
        let summary = try TrajectoryRebuild(privateStore: store, publicStore: store).run()
        let rebuilt = Date().timeIntervalSince(rebuildStart)
        print(String(format: "git-bench upload: %d run sets (%d objects incl. entries and the manifest) in %.3f s; trajectory+badge rebuild %.3f s (%d runs)",
                     count, report.objectsWritten + report.mergedDays.count, uploaded, rebuilt, summary.entries))
        print(String(format: "git_bench_seconds=%.3f", uploaded + rebuilt))
    case "pull":
        let report = Archiver(privateStore: store).upload(prepared)
        guard report.failures.isEmpty else { fail("\(report.failures.count) failed: \(report.failures[0].reason)") }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("git-bench-archive-perf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let runStore = try RunStore(home: HarnessHome(root: home))
        let start = Date()
        let outcome = try ArchivePull(store: store, runStore: runStore).pull(ArchivePull.Filter())
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "archive pull: %d run sets, %d rows in %.3f s = %.0f rows/s", outcome.pulled.count, outcome.runs.written, seconds,
                     Double(outcome.runs.written) / seconds))
        let again = Date()
        let second = try ArchivePull(store: store, runStore: runStore).pull(ArchivePull.Filter())
        print(String(format: "second pull: %d new rows, %d already here, %.3f s", second.runs.written, second.alreadyHere.count, Date().timeIntervalSince(again)))
    default:
        fail("unknown mode \(mode)")
    }
} catch {
    fail("\(error)")
}
