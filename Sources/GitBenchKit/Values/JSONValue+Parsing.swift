import Foundation

extension JSONValue {
    /// Parses JSON text into the value `JSONDecoder().decode(JSONValue.self, from:)` gives, throwing what it throws.
    ///
    /// Plain text (ASCII, no `\u` escapes, no repeated keys, finite numbers, shallow nesting: what runners and
    /// benchstone write) is read by a direct parser, several times faster; anything else goes to `JSONDecoder`, so
    /// the result and the errors are the decoder's in every case (`JSONValueParsingTests` compares them).
    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        if let value = text.withUTF8({ bytes in
            var parser = PlainJSONParser(bytes: bytes)
            return parser.parseDocument()
        }) { return value }
        return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

/// The direct parser behind `JSONValue.parse`: nil means "not plain", never "invalid" (the decoder decides that).
private struct PlainJSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() -> JSONValue? {
        skipWhitespace()
        guard let value = parseValue() else { return nil }
        skipWhitespace()
        return index == bytes.count ? value : nil
    }

    private mutating func parseValue() -> JSONValue? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return parseObject()
        case UInt8(ascii: "["): return parseArray()
        case UInt8(ascii: "\""): return parseString().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return parseNumber()
        }
    }

    private mutating func parseObject() -> JSONValue? {
        guard enter() else { return nil }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if next(is: "}") { return leave(.object(members)) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = parseString() else { return nil }
            skipWhitespace()
            guard next(is: ":") else { return nil }
            skipWhitespace()
            // A repeated key is left to the decoder, whose rule for it is its own.
            guard let value = parseValue(), members.updateValue(value, forKey: key) == nil else { return nil }
            skipWhitespace()
            if next(is: ",") { continue }
            return next(is: "}") ? leave(.object(members)) : nil
        }
    }

    private mutating func parseArray() -> JSONValue? {
        guard enter() else { return nil }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if next(is: "]") { return leave(.array(elements)) }
        while true {
            skipWhitespace()
            guard let value = parseValue() else { return nil }
            elements.append(value)
            skipWhitespace()
            if next(is: ",") { continue }
            return next(is: "]") ? leave(.array(elements)) : nil
        }
    }

    /// A string of printable ASCII with the two-character escapes; nil for `\u`, control characters and non-ASCII.
    private mutating func parseString() -> String? {
        index += 1
        var start = index
        var result = ""
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                result += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return result
            case UInt8(ascii: "\\"):
                result += String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                guard index + 1 < bytes.count else { return nil }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""): result += "\""
                case UInt8(ascii: "\\"): result += "\\"
                case UInt8(ascii: "/"): result += "/"
                case UInt8(ascii: "b"): result += "\u{8}"
                case UInt8(ascii: "f"): result += "\u{c}"
                case UInt8(ascii: "n"): result += "\n"
                case UInt8(ascii: "r"): result += "\r"
                case UInt8(ascii: "t"): result += "\t"
                default: return nil
                }
                index += 2
                start = index
            case 0..<0x20, 0x80...: return nil
            default: index += 1
            }
        }
        return nil
    }

    /// RFC 8259's number grammar, read as the nearest Double; nil for one too large to be finite.
    private mutating func parseNumber() -> JSONValue? {
        let start = index
        if next(is: "-") {}
        if next(is: "0") {
            // No leading zeros: "01" is not a number.
        } else {
            guard digits() > 0 else { return nil }
        }
        if next(is: ".") { guard digits() > 0 else { return nil } }
        if next(is: "e") || next(is: "E") {
            if !next(is: "+") { _ = next(is: "-") }
            guard digits() > 0 else { return nil }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else { return nil }
        return .number(number)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return value
    }

    private mutating func next(is character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    /// Deep nesting is left to the decoder and its own limit.
    private mutating func enter() -> Bool {
        depth += 1
        return depth <= 64
    }

    private mutating func leave(_ value: JSONValue) -> JSONValue {
        depth -= 1
        return value
    }
}
