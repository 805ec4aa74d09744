import Crypto
import Foundation

/// The SHA-256 of some bytes, written `sha256:<64 lowercase hex>` wherever git-bench stores or shows one: artifacts
/// and references, corpus fingerprints, manifest and dirty-diff digests. Run-set manifests use the bare `hex`.
public struct ContentDigest: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The tag in front of the hex digits.
    public static let prefix = "sha256:"

    /// 64 lowercase hex digits.
    public let hex: String

    /// The digest of `data`.
    public init(of data: Data) {
        hex = Self.hex(SHA256.hash(data: data))
    }

    /// The digest a finished hasher holds.
    public init(_ digest: SHA256.Digest) {
        hex = Self.hex(digest)
    }

    /// Parses `sha256:<64 lowercase hex>`; `nil` for anything else.
    public init?(tagged text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let digits = String(text.dropFirst(Self.prefix.count))
        guard digits.utf8.count == 64, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        hex = digits
    }

    /// `sha256:<hex>`.
    public var tagged: String { Self.prefix + hex }

    public var description: String { tagged }

    /// Lowercase hex of `bytes`.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Encodes as the tagged text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(tagged)
    }

    /// Decodes the tagged text; anything else is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let digest = ContentDigest(tagged: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected sha256:<64 hex>, got \"\(text)\"")
        }
        self = digest
    }
}
