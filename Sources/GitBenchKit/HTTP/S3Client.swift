import Foundation

/// A fetched object.
public struct S3Object: Sendable, Equatable {
    public var body: Data
    public var etag: String
    public var contentType: String?
}

/// One ListObjectsV2 page.
public struct S3ListPage: Sendable, Equatable {
    public var objects: [ObjectInfo]
    /// Present when `isTruncated`: pass it to the next `listPage` call.
    public var nextContinuationToken: String?
    public var isTruncated: Bool
}

/// What a conditional PUT requires of the object already there.
public enum S3WriteCondition: Sendable, Equatable {
    /// Overwrite whatever is there.
    case none
    /// `If-None-Match: *`: create only; an existing object fails the write.
    case createOnly
    /// `If-Match: etag`: replace only the version read earlier.
    case ifMatch(String)
}

/// How often and how long to retry 5xx answers and failed connections: full jitter, exponential, bounded.
public struct S3RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int, baseDelay: TimeInterval, maxDelay: TimeInterval) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let standard = S3RetryPolicy(maxAttempts: 5, baseDelay: 0.1, maxDelay: 2)

    /// A random pause in [0, min(maxDelay, baseDelay · 2^(attempt-1))] before retry number `attempt`.
    func delay(beforeRetry attempt: Int) -> TimeInterval {
        let cap = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return cap > 0 ? Double.random(in: 0...cap) : 0
    }
}

/// A failed S3 operation. No case holds a secret, so no description can show one.
public enum S3Error: Error, Equatable, CustomStringConvertible {
    /// 412, or 409 (ConditionalRequestConflict): the object changed under a conditional write; re-read and retry.
    case preconditionFailed(bucket: String, key: String, status: Int)
    /// 404: no such object (or bucket, when `key` is nil).
    case notFound(bucket: String, key: String?)
    /// 403: the key id, its secret or its permissions were refused.
    case accessDenied(bucket: String, key: String?, accessKeyID: String, code: String?)
    /// Any other status; for 5xx, after `attempts` tries.
    case requestFailed(bucket: String, key: String?, method: String, status: Int, code: String?, attempts: Int)
    /// The endpoint could not be reached after `attempts` tries.
    case unreachable(bucket: String, key: String?, underlying: HTTPError, attempts: Int)
    /// The server answered 2xx with something this client cannot read.
    case malformedResponse(bucket: String, key: String?, reason: String)
    /// The endpoint is not an http(s) URL with a host.
    case invalidEndpoint(url: String)

    public var description: String {
        switch self {
        case let .preconditionFailed(bucket, key, status):
            return "\(Self.location(bucket, key)): precondition failed (HTTP \(status)): the object changed; re-read it and retry"
        case let .notFound(bucket, key):
            return "\(Self.location(bucket, key)): not found (HTTP 404)"
        case let .accessDenied(bucket, key, accessKeyID, code):
            return "\(Self.location(bucket, key)): access denied (HTTP 403\(code.map { ", \($0)" } ?? "")) for access key id "
                + "\(accessKeyID) on bucket \(bucket): check the key id, its secret and its permissions"
        case let .requestFailed(bucket, key, method, status, code, attempts):
            let tries = attempts > 1 ? " after \(attempts) attempts" : ""
            return "\(Self.location(bucket, key)): \(method) failed with HTTP \(status)\(code.map { " (\($0))" } ?? "")\(tries)"
        case let .unreachable(bucket, key, underlying, attempts):
            return "\(Self.location(bucket, key)): endpoint unreachable after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(underlying)"
        case let .malformedResponse(bucket, key, reason):
            return "\(Self.location(bucket, key)): unreadable response: \(reason)"
        case let .invalidEndpoint(url):
            return "S3 endpoint '\(url)' is not an http:// or https:// URL with a host"
        }
    }

    private static func location(_ bucket: String, _ key: String?) -> String {
        "s3://\(bucket)" + (key.map { "/\($0)" } ?? "")
    }
}

/// An S3-compatible bucket over path-style URLs (`ENDPOINT/BUCKET/KEY`), every request signed with SigV4.
/// Thread-safe; requests from several threads share one `HTTPClient`'s connections.
public final class S3Client: Sendable {
    public let endpoint: URL
    public let bucket: String
    public let retry: S3RetryPolicy
    /// Seconds allowed for one request.
    public let timeout: TimeInterval
    private let signer: SigV4Signer
    private let http: HTTPClient

    public init(endpoint: URL, region: String, bucket: String, credentials: S3Credentials,
                retry: S3RetryPolicy = .standard, timeout: TimeInterval = 60, http: HTTPClient = HTTPClient()) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.retry = retry
        self.timeout = timeout
        self.signer = SigV4Signer(credentials: credentials, region: region, service: "s3")
        self.http = http
    }

    public var region: String { signer.region }
    public var accessKeyID: String { signer.credentials.accessKeyID }

    /// The object's bytes and ETag.
    public func get(_ key: String) throws(S3Error) -> S3Object {
        let response = try exchange(.get, key: key)
        return S3Object(body: response.body, etag: try etag(of: response, key: key), contentType: response.headers["Content-Type"])
    }

    /// Stores `body` under `key` with `contentType` (always sent: some servers store an empty object without one),
    /// subject to `condition`; returns the new ETag.
    @discardableResult
    public func put(_ key: String, body: Data, contentType: String, condition: S3WriteCondition = .none) throws(S3Error) -> String {
        var headers = HTTPHeaders([("Content-Type", contentType)])
        switch condition {
        case .none: break
        case .createOnly: headers.set("If-None-Match", "*")
        case let .ifMatch(etag): headers.set("If-Match", etag)
        }
        let response = try exchange(.put, key: key, headers: headers, body: body)
        return try etag(of: response, key: key)
    }

    /// The object's size and ETag, without its body.
    public func head(_ key: String) throws(S3Error) -> ObjectInfo {
        let response = try exchange(.head, key: key)
        let size = response.headers["Content-Length"].flatMap { Int($0) } ?? 0
        return ObjectInfo(key: key, etag: try etag(of: response, key: key), size: size)
    }

    /// Removes `key`; removing a missing key succeeds, as S3 says.
    public func delete(_ key: String) throws(S3Error) {
        _ = try exchange(.delete, key: key)
    }

    /// One ListObjectsV2 page of the keys under `prefix`.
    public func listPage(prefix: String, maxKeys: Int? = nil, continuationToken: String? = nil) throws(S3Error) -> S3ListPage {
        var query = [("list-type", "2"), ("prefix", prefix)]
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        let response = try exchange(.get, key: nil, query: query)
        let page = ListingParser.parse(response.body)
        guard let page, !page.isTruncated || page.nextContinuationToken != nil else {
            throw .malformedResponse(bucket: bucket, key: nil, reason: page == nil
                ? "ListObjectsV2 answer is not the expected XML" : "truncated listing without NextContinuationToken")
        }
        return page
    }

    /// Every key under `prefix`, following continuation tokens, `pageSize` keys per request (the server's default when nil).
    public func list(prefix: String, pageSize: Int? = nil) throws(S3Error) -> [ObjectInfo] {
        var objects: [ObjectInfo] = []
        var token: String?
        repeat {
            let page = try listPage(prefix: prefix, maxKeys: pageSize, continuationToken: token)
            objects += page.objects
            token = page.isTruncated ? page.nextContinuationToken : nil
        } while token != nil
        return objects
    }

    /// Creates the bucket; one that already exists and is ours counts as created.
    public func createBucket() throws(S3Error) {
        var body: Data?
        var headers = HTTPHeaders()
        if region != "us-east-1" {
            headers.set("Content-Type", "application/xml")
            body = Data(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        do {
            _ = try exchange(.put, key: nil, headers: headers, body: body)
        } catch .preconditionFailed(_, _, 409) {
            // BucketAlreadyOwnedByYou (and moto's BucketAlreadyExists for our own bucket).
        }
    }

    // MARK: - One signed exchange, retried

    private func exchange(_ method: HTTPMethod, key: String?, query: [(String, String)] = [],
                          headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil) throws(S3Error) -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            let request = try signedRequest(method, key: key, query: query, headers: headers, body: body)
            let response: HTTPResponse
            do {
                response = try http.send(request)
            } catch {
                if attempt < retry.maxAttempts, case .connection = error {
                    Thread.sleep(forTimeInterval: retry.delay(beforeRetry: attempt))
                    continue
                }
                throw .unreachable(bucket: bucket, key: key, underlying: error, attempts: attempt)
            }
            switch response.status {
            case 200..<300:
                return response
            case 500..<600 where attempt < retry.maxAttempts:
                Thread.sleep(forTimeInterval: retry.delay(beforeRetry: attempt))
                continue
            case 409, 412:
                throw .preconditionFailed(bucket: bucket, key: key ?? "", status: response.status)
            case 404:
                // `key: nil` means the bucket itself is missing (a HEAD has no body to say so, and reads as a missing key).
                throw .notFound(bucket: bucket, key: Self.errorCode(response.body) == "NoSuchBucket" ? nil : key)
            case 403:
                throw .accessDenied(bucket: bucket, key: key, accessKeyID: accessKeyID, code: Self.errorCode(response.body))
            default:
                throw .requestFailed(bucket: bucket, key: key, method: method.rawValue, status: response.status,
                                     code: Self.errorCode(response.body), attempts: attempt)
            }
        }
    }

    /// The request for `method` on `key` (the bucket itself when nil), signed now.
    private func signedRequest(_ method: HTTPMethod, key: String?, query: [(String, String)], headers: HTTPHeaders,
                               body: Data?) throws(S3Error) -> HTTPRequest {
        let base = endpoint.path.hasSuffix("/") ? String(endpoint.path.dropLast()) : endpoint.path
        let path = base + "/" + bucket + (key.map { "/" + $0 } ?? "")
        var encodedQuery = SigV4Signer.canonicalQuery(query.map { (name: $0.0, value: $0.1) })
        if !encodedQuery.isEmpty { encodedQuery = "?" + encodedQuery }
        guard let scheme = endpoint.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = endpoint.host, !host.isEmpty,
              let url = URL(string: "\(scheme)://\(hostHeader(scheme: scheme, host: host))\(SigV4Signer.encode(path, keepingSlashes: true))\(encodedQuery)")
        else {
            throw .invalidEndpoint(url: endpoint.absoluteString)
        }
        let amzDate = SigV4Signer.amzDate(Date())
        let payloadHash = SigV4Signer.sha256Hex(body ?? Data())
        var signed = headers
        signed.set("Host", hostHeader(scheme: scheme, host: host))
        signed.set("x-amz-date", amzDate)
        signed.set("x-amz-content-sha256", payloadHash)
        let toSign = SigV4Signer.Request(method: method.rawValue, path: path, query: query,
                                         headers: signed.fields.map { ($0.name, $0.value) }, payloadHash: payloadHash)
        signed.set("Authorization", signer.authorization(for: toSign, amzDate: amzDate))
        // libcurl writes the Host line itself, from the URL; the signature covers the same value.
        signed.remove("Host")
        return HTTPRequest(method: method, url: url, headers: signed, body: body, timeout: timeout)
    }

    /// `host[:port]` as libcurl sends it: the port only when it is not the scheme's default.
    private func hostHeader(scheme: String, host: String) -> String {
        guard let port = endpoint.port, !(scheme == "http" && port == 80), !(scheme == "https" && port == 443) else { return host }
        return "\(host):\(port)"
    }

    private func etag(of response: HTTPResponse, key: String) throws(S3Error) -> String {
        guard let etag = response.headers["ETag"], !etag.isEmpty else {
            throw .malformedResponse(bucket: bucket, key: key, reason: "no ETag header")
        }
        return etag
    }

    /// `<Code>` of an S3 error document, if the body is one.
    private static func errorCode(_ body: Data) -> String? {
        let text = String(decoding: body, as: UTF8.self)
        guard let start = text.range(of: "<Code>"), let end = text.range(of: "</Code>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}

/// Reads a ListObjectsV2 result: Contents/Key, ETag, Size, IsTruncated, NextContinuationToken.
///
/// A small scanner of our own rather than FoundationXML: that would link libxml2 into every git-bench command (start-up
/// time), and S3's listing is flat elements with text, no attributes we need, no CDATA.
private enum ListingParser {
    static func parse(_ data: Data) -> S3ListPage? {
        let xml = String(decoding: data, as: UTF8.self)
        var objects: [ObjectInfo] = []
        var isTruncated = false
        var nextToken: String?
        var current: (key: String, etag: String, size: Int)?
        var text = ""
        var index = xml.startIndex
        while index < xml.endIndex {
            guard let open = xml[index...].firstIndex(of: "<") else { break }
            text += xml[index..<open]
            guard let close = xml[open...].firstIndex(of: ">") else { return nil }
            let tag = xml[xml.index(after: open)..<close]
            index = xml.index(after: close)
            if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let value = decodeEntities(text)
                switch tag.dropFirst() {
                case "Key": current?.key = value
                case "ETag": current?.etag = value
                case "Size": current?.size = Int(value) ?? 0
                case "Contents":
                    if let current { objects.append(ObjectInfo(key: current.key, etag: current.etag, size: current.size)) }
                    current = nil
                case "IsTruncated": isTruncated = value == "true"
                case "NextContinuationToken": nextToken = value
                default: break
                }
            } else if !tag.hasSuffix("/") {
                let name = tag.prefix { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }
                if name == "Contents" { current = ("", "", 0) }
            }
            text = ""
        }
        return S3ListPage(objects: objects, nextContinuationToken: nextToken, isTruncated: isTruncated)
    }

    /// XML's five named entities and numeric character references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "&", let semicolon = text[index...].firstIndex(of: ";") else {
                result.append(text[index])
                index = text.index(after: index)
                continue
            }
            let name = text[text.index(after: index)..<semicolon]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let replacement = named[name] {
                result += replacement
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let value = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
            } else {
                result += text[index...semicolon]
            }
            index = text.index(after: semicolon)
        }
        return result
    }
}
