import Foundation
import Testing
@testable import GitBenchKit

/// The archive commands against a real moto_server (s3://): what they write reads back with boto3, a run whose
/// upload fails still succeeds and is uploaded by the next rescan, many archivers lose nothing, and a wrong secret is
/// one clear 403 line.
@Suite(.serialized) struct ArchiveS3Tests {
    static let server = Result { try MotoServer() }

    /// The environment that points git-bench at `bucket` on `endpoint` with moto's default keys.
    static func s3Environment(_ endpoint: URL, secret: String = "testing", key: String = "testing") -> [String: String] {
        ["GIT_BENCH_S3_ENDPOINT": endpoint.absoluteString, "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret, "AWS_REGION": "us-east-1"]
    }

    private func s3Fixture(bucket: String) throws -> BenchFixture {
        let fixture = try BenchFixture()
        try fixture.repo.git("config", "bench.archive.url", "s3://\(bucket)")
        return fixture
    }

    @Test func everyObjectGitBenchWritesReadsBackWithBoto3() throws {
        let server = try Self.server.get()
        let bucket = MotoServer.uniqueBucket("e2e")
        try server.client(bucket: bucket).createBucket()
        let fixture = try s3Fixture(bucket: bucket)
        let environment = Self.s3Environment(server.endpoint)
        // run archives by itself once an archive is configured.
        let baseline = try fixture.bench(["baseline", "establish", "quality"], extraEnvironment: environment)
        #expect(baseline.status == 0 && !baseline.stderr.contains("warning"), "\(baseline.stderr)")
        let selftest = try fixture.bench(["archive", "selftest"], extraEnvironment: environment)
        #expect(selftest.status == 0, "\(selftest.stdout)\(selftest.stderr)")
        let script = """
            import boto3, gzip, json, sys
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing")
            keys = [o["Key"] for o in s3.list_objects_v2(Bucket=sys.argv[2]).get("Contents", [])]
            for key in sorted(keys):
                obj = s3.get_object(Bucket=sys.argv[2], Key=key)
                body = obj["Body"].read()
                doc = json.loads(gzip.decompress(body) if key.endswith(".gz") else body)
                print(key.split("/")[0], key.rsplit(".", 2)[-2] if key.endswith(".gz") else "json", obj["ContentType"], doc.get("schema", "-"))
            """
        let read = try runProcess("/usr/bin/env", ["python3", "-c", script, server.endpoint.absoluteString, bucket])
        #expect(read.status == 0, "\(read.stderr)")
        let lines = read.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("runs json application/gzip git_bench_result"), "\(read.stdout)")
        #expect(lines.contains("runs json application/json -"), "\(read.stdout)")
        #expect(lines.contains("latest json application/gzip git_bench_result"), "\(read.stdout)")
        #expect(lines.contains("trajectory json application/json -"), "\(read.stdout)")
        #expect(lines.contains("badges json application/json -"), "\(read.stdout)")
        #expect(!lines.contains { $0.hasPrefix("selftest") }, "the selftest probe is removed: \(read.stdout)")
    }

    @Test func aRunWhoseUploadFailsSucceedsWithOneWarningAndRescanUploadsItLater() throws {
        let server = try Self.server.get()
        let bucket = MotoServer.uniqueBucket("down")
        try server.client(bucket: bucket).createBucket()
        let fixture = try s3Fixture(bucket: bucket)
        // Nothing listens on this port: the server is down.
        let down = Self.s3Environment(URL(string: "http://127.0.0.1:\(try MotoServer.freePort())")!)
        let run = try fixture.bench(["baseline", "establish", "quality"], extraEnvironment: down)
        #expect(run.status == 0, "\(run.stderr)")
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("warning") }
        #expect(warnings.count == 1 && warnings[0].contains("archive:") && warnings[0].contains("rescan"), "\(run.stderr)")
        #expect(try fixture.runCount() == 6)
        // The server is back.
        let rescan = try fixture.bench(["archive", "rescan", "--json"], extraEnvironment: Self.s3Environment(server.endpoint))
        #expect(rescan.status == 0, "\(rescan.stderr)")
        let keys = try server.client(bucket: bucket).list(prefix: "runs/").map(\.key)
        #expect(keys.filter { $0.hasSuffix(".json.gz") }.count == 1, "\(keys)")
        #expect(keys.contains { $0.hasSuffix("/manifest.json") }, "\(keys)")
        // GIT_BENCH_ARCHIVE_DISABLE=1 opts out: nothing more is uploaded.
        try fixture.setLevel("1.1", time: 3)
        var disabled = Self.s3Environment(server.endpoint)
        disabled["GIT_BENCH_ARCHIVE_DISABLE"] = "1"
        let quiet = try fixture.bench(["run", "quality"], extraEnvironment: disabled)
        #expect(quiet.status == 0 && !quiet.stderr.contains("warning"), "\(quiet.stderr)")
        #expect(try server.client(bucket: bucket).list(prefix: "runs/").filter { $0.key.hasSuffix(".json.gz") }.count == 1)
    }

    @Test func sixteenConcurrentArchiversOfOneDayLoseNoRun() throws {
        let server = try Self.server.get()
        let bucket = MotoServer.uniqueBucket("race")
        try server.client(bucket: bucket).createBucket()
        let fixture = try s3Fixture(bucket: bucket)
        var local = Self.s3Environment(server.endpoint)
        local["GIT_BENCH_ARCHIVE_DISABLE"] = "1"
        try #require(fixture.bench(["baseline", "establish", "quality"], extraEnvironment: local).status == 0)
        for index in 0..<15 {
            try fixture.setLevel("1.\(index)", time: 10 + index)
            try #require(fixture.bench(["run", "quality"], extraEnvironment: local).status == 0)
        }
        let ids = try #require(try fixture.sql("SELECT DISTINCT run_set_id FROM runs").stdout.split(separator: "\n").map(String.init) as [String]?)
        #expect(ids.count == 16)
        let environment = Self.s3Environment(server.endpoint)
        let processes = try ids.map { id in try fixture.start(["archive", id], extraEnvironment: environment) }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 }, "\(processes.map(\.terminationStatus))")
        let day = ArchiveKey.day(of: Date())
        let client = server.client(bucket: bucket)
        #expect(try client.list(prefix: "runs/\(day)/entries/").count == 16)
        // moto's conditional writes are not atomic under contention; the entry objects make the rebuild whole.
        let rebuilt = try fixture.bench(["archive", "rebuild-trajectory"], extraEnvironment: environment)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let manifest = try DayManifest.decode(client.get("runs/\(day)/manifest.json").body, key: "manifest")
        #expect(Set(manifest.runs.compactMap(\.runSetID)) == Set(ids))
        let trajectory = try #require(try JSONSerialization.jsonObject(with: client.get("trajectory/quality.json").body) as? [String: Any])
        #expect((trajectory["runs"] as? [Any])?.count == 16)
    }

    @Test func aWrongSecretIsOneAccessDeniedLineWithoutTheSecret() throws {
        let server = try MotoServer(noAuthRequests: 3)
        let credentials = try server.createIAMKey()
        let bucket = MotoServer.uniqueBucket("auth")
        try server.client(bucket: bucket, credentials: credentials).createBucket()
        let fixture = try s3Fixture(bucket: bucket)
        var local = Self.s3Environment(server.endpoint)
        local["GIT_BENCH_ARCHIVE_DISABLE"] = "1"
        try #require(fixture.bench(["baseline", "establish", "quality"], extraEnvironment: local).status == 0)
        let right = try fixture.bench(["archive"], extraEnvironment: Self.s3Environment(server.endpoint, secret: credentials.secretAccessKey, key: credentials.accessKeyID))
        #expect(right.status == 0, "\(right.stderr)")
        try fixture.setLevel("1.2", time: 3)
        try #require(fixture.bench(["run", "quality"], extraEnvironment: local).status == 0)
        let wrongSecret = "wrong-\(UUID().uuidString)"
        let wrong = try fixture.bench(["archive"], extraEnvironment: Self.s3Environment(server.endpoint, secret: wrongSecret, key: credentials.accessKeyID))
        #expect(wrong.status == 69, "\(wrong.stdout)\(wrong.stderr)")
        #expect(wrong.stderr.filter { $0 == "\n" }.count == 1, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("access denied") && wrong.stderr.contains(credentials.accessKeyID), "\(wrong.stderr)")
        for text in [wrong.stdout, wrong.stderr] {
            #expect(!text.contains(wrongSecret) && !text.contains(credentials.secretAccessKey))
        }
    }
}
