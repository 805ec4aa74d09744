import Foundation
import Testing

@testable import GitBenchKit

/// S3Client against a real moto_server on 127.0.0.1 (signatures not checked here; S3AuthTests checks them).
/// Every test has its own bucket on one shared server.
@Suite struct S3ClientTests {
    static let server = Result { try MotoServer() }

    func client() throws -> S3Client {
        let client = try Self.server.get().client(bucket: MotoServer.uniqueBucket())
        try client.createBucket()
        return client
    }

    @Test func putThenGetReturnsTheBytesContentTypeAndTheETagThatHeadReports() throws {
        let client = try client()
        let body = Data("{\"date\":\"2026-12-06\"}\n".utf8)
        let etag = try client.put("runs/2026-12-06/manifest.json", body: body, contentType: "application/json")
        let object = try client.get("runs/2026-12-06/manifest.json")
        #expect(object == S3Object(body: body, etag: etag, contentType: "application/json"))
        #expect(try client.head("runs/2026-12-06/manifest.json") == ObjectInfo(key: "runs/2026-12-06/manifest.json", etag: etag, size: body.count))
    }

    @Test func binaryAndEmptyBodiesRoundTripByteForByte() throws {
        let client = try client()
        // 3 MB: past the sizes at which libcurl would otherwise wait for a 100-continue.
        let binary = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try client.put("latest/b.json.gz", body: binary, contentType: "application/gzip")
        try client.put("empty", body: Data(), contentType: "application/octet-stream")
        #expect(try client.get("latest/b.json.gz").body == binary)
        #expect(try client.get("empty").body == Data())
        #expect(try client.head("empty").size == 0)
    }

    @Test func listingFollowsContinuationTokensAcrossPagesAndKeepsToThePrefix() throws {
        let client = try client()
        var written: [ObjectInfo] = []
        for index in 0..<5 {
            let key = "runs/2026-12-06/stage/bench/results-\(index).json.gz"
            let body = Data(repeating: UInt8(index), count: index + 1)
            written.append(ObjectInfo(key: key, etag: try client.put(key, body: body, contentType: "application/gzip"), size: body.count))
        }
        try client.put("runs/2026-12-07/manifest.json", body: Data("{}".utf8), contentType: "application/json")

        let first = try client.listPage(prefix: "runs/2026-12-06/", maxKeys: 2)
        #expect(first.objects == Array(written.prefix(2)))
        #expect(first.isTruncated)
        #expect(first.nextContinuationToken != nil)
        #expect(try client.list(prefix: "runs/2026-12-06/", pageSize: 2) == written)
        #expect(try client.list(prefix: "runs/").count == 6)
        #expect(try client.list(prefix: "nothing/") == [])
    }

    /// The listing is read by our own small XML scanner: escaped characters in keys come back as written.
    @Test func listingDecodesXMLEscapesInKeys() throws {
        let client = try client()
        let key = "escapes/a&b <c> \"d\" 'e' é.json"
        let etag = try client.put(key, body: Data("x".utf8), contentType: "application/json")
        #expect(try client.list(prefix: "escapes/") == [ObjectInfo(key: key, etag: etag, size: 1)])
    }

    @Test func aSecondCreateOnlyPutFailsItsPreconditionAndLeavesTheFirstObject() throws {
        let client = try client()
        let key = "runs/2026-12-06/entries/abc.json"
        try client.put(key, body: Data("first".utf8), contentType: "application/json", condition: .createOnly)
        #expect(throws: S3Error.preconditionFailed(bucket: client.bucket, key: key, status: 412)) {
            try client.put(key, body: Data("second".utf8), contentType: "application/json", condition: .createOnly)
        }
        #expect(try client.get(key).body == Data("first".utf8))
    }

    @Test func aPutWithAStaleIfMatchFailsItsPreconditionAndACurrentOneSucceeds() throws {
        let client = try client()
        let key = "runs/2026-12-06/manifest.json"
        let first = try client.put(key, body: Data("v1".utf8), contentType: "application/json")
        let second = try client.put(key, body: Data("v2".utf8), contentType: "application/json", condition: .ifMatch(first))
        #expect(second != first)
        #expect(throws: S3Error.preconditionFailed(bucket: client.bucket, key: key, status: 412)) {
            try client.put(key, body: Data("v3".utf8), contentType: "application/json", condition: .ifMatch(first))
        }
        #expect(try client.get(key) == S3Object(body: Data("v2".utf8), etag: second, contentType: "application/json"))
    }

    @Test func deleteRemovesTheObjectAndLaterReadsSayNotFound() throws {
        let client = try client()
        try client.put("gone", body: Data("x".utf8), contentType: "text/plain")
        try client.delete("gone")
        #expect(throws: S3Error.notFound(bucket: client.bucket, key: "gone")) { try client.get("gone") }
        #expect(throws: S3Error.notFound(bucket: client.bucket, key: "gone")) { try client.head("gone") }
        try client.delete("gone")
    }

    @Test func aMissingBucketIsNotFound() throws {
        let client = try Self.server.get().client(bucket: MotoServer.uniqueBucket("missing"))
        #expect(throws: S3Error.notFound(bucket: client.bucket, key: nil)) { try client.get("k") }
    }

    @Test func concurrentPutsThroughTheWorkerPoolAllLand() throws {
        let client = try client()
        let keys = (0..<24).map { "runs/2026-12-06/s/b/results-\($0).json.gz" }
        let results = WorkerPool.map(keys, limit: 6) { key in
            try client.put(key, body: Data(key.utf8), contentType: "application/gzip")
        }
        #expect(results.count == keys.count)
        for result in results { _ = try result.get() }
        #expect(try client.list(prefix: "runs/2026-12-06/").map(\.key).sorted() == keys.sorted())
    }

    @Test func aRefusedConnectionIsRetriedThenReportedAsUnreachable() throws {
        let port = try MotoServer.freePort()
        let client = S3Client(endpoint: URL(string: "http://127.0.0.1:\(port)")!, region: "us-east-1", bucket: "down",
                              credentials: S3Credentials(accessKeyID: "AKIDDOWN", secretAccessKey: "never-shown-secret"),
                              retry: S3RetryPolicy(maxAttempts: 3, baseDelay: 0, maxDelay: 0))
        do {
            _ = try client.get("k")
            Issue.record("a get from a closed port succeeded")
        } catch let error {
            guard case let .unreachable(bucket, key, underlying, attempts) = error, case let .connection(method, _, code, _) = underlying else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(bucket == "down" && key == "k" && attempts == 3 && method == "GET" && code == 7)  // CURLE_COULDNT_CONNECT
            #expect(!error.description.contains("never-shown-secret"))
        }
    }

    @Test func anEndpointThatIsNotHTTPIsRefusedBeforeAnyRequest() {
        let client = S3Client(endpoint: URL(string: "ftp://127.0.0.1:21")!, region: "us-east-1", bucket: "b",
                              credentials: S3Credentials(accessKeyID: "AKIDX", secretAccessKey: "hidden-secret"))
        #expect(throws: S3Error.invalidEndpoint(url: "ftp://127.0.0.1:21")) { try client.get("k") }
    }
}
