import Foundation
import Testing

@testable import GitBenchKit

/// The signer against AWS's published SigV4 vectors (Fixtures/sigv4, see its README) and the S3 examples of the
/// SigV4 documentation ("Signature Calculations for the Authorization Header", examplebucket, 20130524T000000Z).
@Suite struct SigV4Tests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sigv4", isDirectory: true)
    static let suiteSigner = SigV4Signer(
        credentials: S3Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "service")

    static func file(_ name: String) throws -> String {
        try String(contentsOf: suite.appendingPathComponent(name), encoding: .utf8)
    }

    /// A `.req` file as the signer's input: the raw request line's path and query, its headers (continuation lines
    /// are not used by the cases read here) and the SHA-256 of its body.
    static func request(_ name: String) throws -> SigV4Signer.Request {
        let text = try file("\(name).req")
        let parts = text.components(separatedBy: "\n\n")
        let lines = parts[0].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines[0]
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let query: [(String, String)] = pathAndQuery.count > 1
            ? pathAndQuery[1].split(separator: "&").map { pair in
                let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (String(nameValue[0]), nameValue.count > 1 ? String(nameValue[1]) : "")
            }
            : []
        let headers: [(String, String)] = lines.dropFirst().map { line in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
        let body = parts.count > 1 ? parts[1] : ""
        return SigV4Signer.Request(method: method, path: String(pathAndQuery[0]), query: query, headers: headers,
                                   payloadHash: SigV4Signer.sha256Hex(Data(body.utf8)))
    }

    static let cases = [
        "get-vanilla", "get-vanilla-query-order-key-case", "get-vanilla-query-unreserved", "get-vanilla-utf8-query",
        "get-utf8", "get-space", "get-header-value-trim", "get-header-value-order", "post-x-www-form-urlencoded",
    ]

    @Test(arguments: cases)
    func canonicalRequestStringToSignAndAuthorizationMatchTheSuite(name: String) throws {
        let request = try Self.request(name)
        let canonical = SigV4Signer.canonicalRequest(request)
        #expect(canonical.text == (try Self.file("\(name).creq")))
        #expect(Self.suiteSigner.stringToSign(canonicalRequest: canonical.text, amzDate: "20150830T123600Z") == (try Self.file("\(name).sts")))
        #expect(Self.suiteSigner.authorization(for: request, amzDate: "20150830T123600Z") == (try Self.file("\(name).authz")))
    }

    static let s3Signer = SigV4Signer(
        credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1")

    @Test func theDocumentedS3GetObjectWithARangeSignsToItsPublishedSignature() {
        let request = SigV4Signer.Request(
            method: "GET", path: "/test.txt", query: [],
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                      ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash), ("x-amz-date", "20130524T000000Z")],
            payloadHash: SigV4Signer.emptyPayloadHash)
        let canonical = SigV4Signer.canonicalRequest(request)
        #expect(canonical.text == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(Self.s3Signer.stringToSign(canonicalRequest: canonical.text, amzDate: "20130524T000000Z") == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        #expect(Self.s3Signer.authorization(for: request, amzDate: "20130524T000000Z") ==
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test func theDocumentedS3PutObjectEncodesTheKeyAndSignsThePayloadHash() {
        let payloadHash = SigV4Signer.sha256Hex(Data("Welcome to Amazon S3.".utf8))
        #expect(payloadHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SigV4Signer.Request(
            method: "PUT", path: "/test$file.text", query: [],
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                      ("x-amz-date", "20130524T000000Z"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
                      ("x-amz-content-sha256", payloadHash)],
            payloadHash: payloadHash)
        #expect(SigV4Signer.canonicalRequest(request).text.hasPrefix("PUT\n/test%24file.text\n\n"))
        #expect(Self.s3Signer.authorization(for: request, amzDate: "20130524T000000Z").hasSuffix(
            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
    }

    @Test func theDocumentedS3ListObjectsSortsItsQuery() {
        let request = SigV4Signer.Request(
            method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")],
            headers: [("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash),
                      ("x-amz-date", "20130524T000000Z")],
            payloadHash: SigV4Signer.emptyPayloadHash)
        #expect(SigV4Signer.canonicalRequest(request).text.hasPrefix("GET\n/\nmax-keys=2&prefix=J\n"))
        #expect(Self.s3Signer.authorization(for: request, amzDate: "20130524T000000Z").hasSuffix(
            "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
    }

    @Test func aListObjectsV2QueryIsEncodedPerRFC3986() {
        let query = SigV4Signer.canonicalQuery([
            (name: "prefix", value: "runs/2026-12-06/a b+c"), (name: "list-type", value: "2"),
            (name: "continuation-token", value: "1/abc=="),
        ])
        #expect(query == "continuation-token=1%2Fabc%3D%3D&list-type=2&prefix=runs%2F2026-12-06%2Fa%20b%2Bc")
    }

    @Test func theAmzDateIsUTCBasicFormat() {
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_369_353_600)) == "20130524T000000Z")
    }

    @Test func credentialsNeverDescribeOrDumpTheirSecret() {
        let credentials = S3Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "s3cr3t-value")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [String(describing: credentials), String(reflecting: credentials), "\(credentials)", dumped] {
            #expect(!text.contains("s3cr3t-value"))
            #expect(text.contains("AKIDEXAMPLE"))
        }
    }
}
