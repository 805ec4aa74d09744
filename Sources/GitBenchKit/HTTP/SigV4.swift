import Crypto
import Foundation

/// An access key pair. The secret is only ever fed to HMAC: `description` shows the key id alone.
public struct S3Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let accessKeyID: String
    let secretAccessKey: String

    public init(accessKeyID: String, secretAccessKey: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    public var description: String { "access key \(accessKeyID)" }
    public var debugDescription: String { description }
    /// `dump` and debuggers see the key id only.
    public var customMirror: Mirror { Mirror(self, children: ["accessKeyID": accessKeyID]) }
}

/// AWS Signature Version 4 (header form), as https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// describes it, checked against AWS's published test suite. Paths are encoded once (S3's rule), not normalised.
public struct SigV4Signer: Sendable {
    public let credentials: S3Credentials
    public let region: String
    public let service: String

    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The hex SHA-256 of an empty payload.
    public static let emptyPayloadHash = sha256Hex(Data())

    /// The parts of a request the signature covers. `path` and `query` are decoded; the signer encodes them.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [(name: String, value: String)]
        /// Every header to sign, including `host` and `x-amz-date`.
        public var headers: [(name: String, value: String)]
        public var payloadHash: String

        public init(method: String, path: String, query: [(String, String)], headers: [(String, String)], payloadHash: String) {
            self.method = method
            self.path = path
            self.query = query.map { (name: $0.0, value: $0.1) }
            self.headers = headers.map { (name: $0.0, value: $0.1) }
            self.payloadHash = payloadHash
        }
    }

    /// The canonical request and its signed-header list.
    public static func canonicalRequest(_ request: Request) -> (text: String, signedHeaders: String) {
        var grouped: [String: [String]] = [:]
        for header in request.headers {
            grouped[header.name.lowercased(), default: []].append(canonicalHeaderValue(header.value))
        }
        let names = grouped.keys.sorted()
        let headerBlock = names.map { "\($0):\(grouped[$0, default: []].joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let text = [
            request.method,
            encode(request.path, keepingSlashes: true),
            canonicalQuery(request.query),
            headerBlock,
            signedHeaders,
            request.payloadHash,
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// `name=value` pairs, each side RFC 3986-encoded, sorted by name then value, joined with `&`.
    public static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = query.map {
            (name: encode($0.name, keepingSlashes: false), value: encode($0.value, keepingSlashes: false))
        }
        let sorted = encoded.sorted { (a, b) -> Bool in a.name == b.name ? a.value < b.value : a.name < b.name }
        return sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// The string to sign for a canonical request made at `amzDate` (`YYYYMMDD'T'HHMMSS'Z'`).
    public func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        ["AWS4-HMAC-SHA256", amzDate, scope(amzDate: amzDate), Self.sha256Hex(Data(canonicalRequest.utf8))].joined(separator: "\n")
    }

    /// The `Authorization` header value for `request`, which must carry `amzDate` in its `x-amz-date` header.
    public func authorization(for request: Request, amzDate: String) -> String {
        let canonical = Self.canonicalRequest(request)
        let toSign = stringToSign(canonicalRequest: canonical.text, amzDate: amzDate)
        let day = String(amzDate.prefix(8))
        var key = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Data(HMAC<SHA256>.authenticationCode(for: Data(toSign.utf8), using: key)).hexString
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(amzDate: amzDate)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    public static func sha256Hex(_ data: Data) -> String {
        Data(SHA256.hash(data: data)).hexString
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters (and `/` in a path), upper-case hex.
    public static func encode(_ text: String, keepingSlashes: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepingSlashes:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    private func scope(amzDate: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// Trimmed, with runs of spaces collapsed to one.
    private static func canonicalHeaderValue(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
    }
}

extension Data {
    fileprivate var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
