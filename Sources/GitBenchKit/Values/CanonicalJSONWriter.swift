import Foundation

/// Writes the bytes `CanonicalJSON.data` (Foundation's `JSONEncoder` with sorted keys and unescaped slashes) writes,
/// without building an encoder's value tree: the hash chain hashes every stored row, and an import hashes a million.
///
/// Foundation's rules, which `CanonicalJSONWriterTests` pins against `JSONEncoder` itself: keys sorted by their UTF-8
/// bytes; `"` and `\` escaped, `\b \f \n \r \t` for those controls and `\u00xx` (lowercase hex) for the others, every
/// other character as its UTF-8; a number as its shortest round-trip `description`, without a trailing `.0`. A
/// non-finite number has no JSON form: the writer then reports failure and callers use `JSONEncoder`, which throws.
struct CanonicalJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// False once a non-finite number was met; the bytes are then not canonical JSON.
    private(set) var isValid = true

    init(capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .number(let number): write(number)
        case .string(let text): write(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most text needs no escape at all: copy it whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func write(_ number: Double) {
        guard number.isFinite else {
            isValid = false
            return append("0")
        }
        let text = number.description
        append(text.hasSuffix(".0") ? String(text.dropLast(2)) : text)
    }

    mutating func write(_ number: Int64) {
        append(String(number))
    }

    mutating func write(_ flag: Bool) {
        append(flag ? "true" : "false")
    }

    /// `"key":`, with a comma before every member but an object's first.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        append("\":")
    }

    mutating func append(_ raw: String) {
        bytes.append(contentsOf: raw.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
