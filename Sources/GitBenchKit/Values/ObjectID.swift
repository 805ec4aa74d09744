/// The SHA-1 name of a git object (commit, tree, blob), as 40 lowercase hex digits.
///
/// Encodes as a single JSON string, and decoding rejects anything that is not 40 hex digits.
public struct ObjectID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The full name: 40 lowercase hex digits.
    public let hex: String

    /// Creates an ID from 40 hex digits (either case; stored lowercase); `nil` for anything else,
    /// including abbreviated SHAs (resolve those with `Repository.resolveCommit(_:)`).
    public init?(hex: String) {
        let lowercased = hex.lowercased()
        guard lowercased.utf8.count == 40,
              lowercased.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        self.hex = lowercased
    }

    /// The abbreviation shown to people: the first 10 hex digits.
    public var short: String { String(hex.prefix(10)) }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected 40 hex digits, got \"\(text)\"")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
