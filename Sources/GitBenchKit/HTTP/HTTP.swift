// HTTP/ owns the transport: the only place a libcurl handle exists (HTTPClient), the SigV4 signer and the S3 client
// built on both. It uses nothing else of git-bench and knows nothing of archives, manifests or runs: it moves bytes to
// and from an S3-compatible endpoint. Secrets live in `S3Credentials` and never reach a description or an error.
import Foundation

/// An HTTP method this transport sends.
public enum HTTPMethod: String, Sendable {
    case get = "GET", put = "PUT", head = "HEAD", delete = "DELETE", post = "POST"
}

/// Header fields in the order they were added, looked up without regard to case (HTTP field names are case-insensitive).
public struct HTTPHeaders: Sendable, Equatable, Sequence {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, whatever its case.
    public subscript(name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Replaces every field called `name` (any case) with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name: name, value: value))
    }

    public mutating func remove(_ name: String) {
        let wanted = name.lowercased()
        fields.removeAll { $0.name.lowercased() == wanted }
    }

    public mutating func append(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

/// One request: what `HTTPClient.send` puts on the wire.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    /// nil sends no body; an empty `Data` sends `Content-Length: 0`.
    public var body: Data?
    /// The whole exchange, connecting included, in seconds.
    public var timeout: TimeInterval

    public init(method: HTTPMethod, url: URL, headers: HTTPHeaders = HTTPHeaders(), body: Data? = nil, timeout: TimeInterval = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What came back: the final status line's code, its header fields and the body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders, body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The exchange did not complete: no HTTP status to look at.
public enum HTTPError: Error, Equatable, CustomStringConvertible {
    /// libcurl could not set up a handle or an option.
    case setup(reason: String)
    /// Connecting, sending or receiving failed (refused, timed out, reset, …); `code` is libcurl's CURLcode.
    case connection(method: String, url: String, code: Int, reason: String)

    public var description: String {
        switch self {
        case let .setup(reason): "could not set up an HTTP request: \(reason)"
        case let .connection(method, url, code, reason): "\(method) \(url) failed: \(reason) (curl error \(code))"
        }
    }
}
