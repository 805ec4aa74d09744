import Foundation

/// The JSON every `--json` prints: pretty, keys sorted, slashes unescaped, one document ending in a newline.
/// A runner's `metadata` and `metric_components` print as the objects they are, and a `meta_seed` beyond 2^53 (only
/// benchstone or old stores hold one; jq 1.6 and JavaScript round it) is followed by `meta_seed_string`, its exact
/// digits, which `promote --meta-seed` takes. A number JSON cannot hold prints as a string: a deterministic metric
/// that moved has an infinite z (`"statistic" : "inf"`, as the text says `z=inf`) rather than failing the command.
public enum JSONDocument {
    /// The spellings of the numbers JSON has no literal for; `decoder()` reads them back.
    static let nonFinite = (positive: "inf", negative: "-inf", nan: "nan")

    /// `value` encoded as one JSON document.
    public static func render<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative,
                                                                      nan: nonFinite.nan)
        encoder.userInfo[JSONText.encodesValue] = true
        return String(decoding: spellingOutLargeMetaSeeds(try encoder.encode(value)), as: UTF8.self) + "\n"
    }

    /// A decoder for what `render` wrote, infinite statistics included.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative,
                                                                        nan: nonFinite.nan)
        return decoder
    }

    static let largestExactInteger: UInt64 = 1 << 53

    /// Adds `"meta_seed_string" : "<digits>"` after each `"meta_seed" : <integer beyond 2^53>`, on its own line with
    /// the same indent (it sorts right after `meta_seed`). Pretty output puts exactly `"meta_seed" : ` before a value,
    /// and inside a string value those quotes would be escaped, so only real keys match.
    static func spellingOutLargeMetaSeeds(_ data: Data) -> Data {
        let marker = Array(#""meta_seed" : "#.utf8)
        let bytes = Array(data)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == marker[0], bytes[index...].starts(with: marker) else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var lineStart = index
            while lineStart > 0, bytes[lineStart - 1] == UInt8(ascii: " ") { lineStart -= 1 }
            let indent = bytes[lineStart..<index]
            var end = index + marker.count
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            let digits = bytes[(index + marker.count)..<end]
            output.append(contentsOf: bytes[index..<end])
            index = end
            guard let value = UInt64(String(decoding: digits, as: UTF8.self)), value > largestExactInteger else { continue }
            output.append(contentsOf: Array(",\n".utf8) + indent + Array(#""meta_seed_string" : ""#.utf8) + digits + [UInt8(ascii: "\"")])
        }
        return Data(output)
    }
}
