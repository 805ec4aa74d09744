import Foundation

/// The JSON every `--json` prints: pretty, keys sorted, slashes unescaped, one document ending in a newline.
public enum JSONDocument {
    /// `value` encoded as one JSON document. Throws the encoder's error for a value JSON cannot hold (a NaN).
    public static func render<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
