import Foundation

/// Any JSON value, kept as written so `metric_components` and `metadata` survive a round trip.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Sorted-key, compact JSON text: the form stored and hashed.
    public var canonicalText: String {
        CanonicalJSON.string(self)
    }
}

/// Deterministic JSON encoding (sorted keys, no whitespace), used wherever bytes are hashed.
public enum CanonicalJSON {
    /// Encodes `value` with sorted keys; the encoder cannot fail for our own value types.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    static func string(_ value: JSONValue) -> String {
        var writer = CanonicalJSONWriter()
        writer.write(value)
        if writer.isValid { return String(decoding: writer.bytes, as: UTF8.self) }
        guard let data = try? data(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A JSON value kept as its canonical text: how a stored row holds the runner's `metric_components` and `metadata`.
/// It encodes as one JSON *string* (the text), which is what the hash chain covers, and hands the parsed `value` to
/// readers, so nobody parses the text twice.
public struct JSONText: Sendable, Equatable, Codable {
    /// The parsed value.
    public let value: JSONValue
    /// Its canonical text (`CanonicalJSON`).
    public let text: String

    /// Wraps `value`, rendering its canonical text.
    public init(_ value: JSONValue) {
        self.value = value
        text = value.canonicalText
    }

    /// Keeps stored text byte for byte and parses it. git-bench only ever stores canonical JSON here, so text that
    /// does not parse was changed behind the store's back: its value is the text as a string, and reading it does not
    /// fail, so `verify` can still name the row whose hash no longer holds.
    public init(text: String) {
        value = (try? JSONValue.parse(text)) ?? .string(text)
        self.text = text
    }

    /// Reads the stored text, or the value itself as `--json` prints it (`encodesValue`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.init(text: text)
        } else {
            self.init(try container.decode(JSONValue.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if encoder.userInfo[Self.encodesValue] as? Bool == true {
            try container.encode(value)
        } else {
            try container.encode(text)
        }
    }

    /// Set to true in an encoder's `userInfo` to write the value itself (an object) instead of its text: what a
    /// person or a script reading `--json` wants, where the store and the hash chain keep the text.
    public static let encodesValue = CodingUserInfoKey(rawValue: "git-bench.JSONText.encodesValue")!
}
