import Foundation
import Testing

@testable import GitBenchKit

/// Which answers S3Client retries and which it hands straight back, against a server scripted to answer 5xx and
/// 409 (faults moto cannot produce on demand). No delays: the backoff is set to zero.
@Suite struct S3RetryTests {
    static func client(_ server: ScriptedHTTPServer, attempts: Int) -> S3Client {
        S3Client(endpoint: server.endpoint, region: "us-east-1", bucket: "scripted",
                 credentials: S3Credentials(accessKeyID: "AKIDSCRIPTED", secretAccessKey: "scripted-secret"),
                 retry: S3RetryPolicy(maxAttempts: attempts, baseDelay: 0, maxDelay: 0))
    }

    @Test func serverErrorsAreRetriedUntilTheServerRecovers() throws {
        let server = try ScriptedHTTPServer(statuses: [503, 500, 200])
        let object = try Self.client(server, attempts: 4).get("k")
        #expect(object.body == Data("ok".utf8))
        #expect(server.requests() == ["GET /scripted/k 503", "GET /scripted/k 500", "GET /scripted/k 200"])
    }

    @Test func aServerErrorThatPersistsIsReportedAfterTheLastAttempt() throws {
        let server = try ScriptedHTTPServer(statuses: [503])
        #expect(throws: S3Error.requestFailed(bucket: "scripted", key: "k", method: "PUT", status: 503, code: "Scripted503", attempts: 3)) {
            try Self.client(server, attempts: 3).put("k", body: Data("x".utf8), contentType: "text/plain")
        }
        #expect(server.requests().count == 3)
    }

    @Test func aConditionalRequestConflictIsAPreconditionFailureAndIsNotRetried() throws {
        let server = try ScriptedHTTPServer(statuses: [409])
        #expect(throws: S3Error.preconditionFailed(bucket: "scripted", key: "m", status: 409)) {
            try Self.client(server, attempts: 4).put("m", body: Data("x".utf8), contentType: "application/json", condition: .ifMatch("\"old\""))
        }
        #expect(server.requests() == ["PUT /scripted/m 409"])
    }

    /// HEAD answers carry no body, so no S3 error code either.
    @Test func aRefusalIsReportedAtOnceWithoutRetrying() throws {
        let server = try ScriptedHTTPServer(statuses: [403])
        #expect(throws: S3Error.accessDenied(bucket: "scripted", key: "k", accessKeyID: "AKIDSCRIPTED", code: nil)) {
            try Self.client(server, attempts: 4).head("k")
        }
        #expect(server.requests() == ["HEAD /scripted/k 403"])
    }
}
