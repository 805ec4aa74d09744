import Foundation

/// A JSON value as the archive's Python tools hold it: integers and floats are different things (`200` and `0.84`,
/// and `1.0` stays `1.0`), so manifests written here are byte for byte what the seed's
/// `json.dumps(value, indent=2, sort_keys=True)` writes.
public enum ArchiveJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case array([ArchiveJSON])
    case object([String: ArchiveJSON])

    /// Parses `data` (strict JSON). A number written without fraction or exponent is `.int` when it fits in 64 bits,
    /// as Python's `json.loads` makes it an `int`; every other number is `.float`, so `1.0` is written back as `1.0`.
    public static func parse(_ data: Data) throws(ArchiveJSONError) -> ArchiveJSON {
        var parser = Parser(data)
        return try parser.document()
    }

    /// `json.dumps(self, indent=2, sort_keys=True)` with Python's defaults: `ensure_ascii` (non-ASCII as `\uXXXX`),
    /// `", "`-free separators (`","` at line ends, `": "` after keys), floats as `repr` writes them, no trailing
    /// newline. Throws `ArchiveError.unencodable` for NaN and the infinities, which Python would write as
    /// non-JSON `NaN`/`Infinity`.
    public func pythonText() throws(ArchiveError) -> String {
        var out = ""
        try write(into: &out, level: 0, path: "$")
        return out
    }

    private func write(into out: inout String, level: Int, path: String) throws(ArchiveError) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .float(let number):
            guard number.isFinite else { throw .unencodable(at: path, reason: "\(number) has no JSON form") }
            out += Self.pythonRepr(number)
        case .string(let text): out += InvocationConfig.pythonString(text)
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "["
            for (index, element) in elements.enumerated() {
                out += (index == 0 ? "\n" : ",\n") + String(repeating: " ", count: 2 * (level + 1))
                try element.write(into: &out, level: level + 1, path: "\(path)[\(index)]")
            }
            out += "\n" + String(repeating: " ", count: 2 * level) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{"
            // Python sorts str keys by code point.
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
            for (index, key) in keys.enumerated() {
                out += (index == 0 ? "\n" : ",\n") + String(repeating: " ", count: 2 * (level + 1))
                out += InvocationConfig.pythonString(key) + ": "
                try members[key]?.write(into: &out, level: level + 1, path: "\(path).\(key)")
            }
            out += "\n" + String(repeating: " ", count: 2 * level) + "}"
        }
    }

    /// Python's `repr(float)`: the shortest digits that read back as `number` (Swift's `description` finds the same
    /// ones), laid out as Python does: positional with at least one digit after the point while the decimal exponent
    /// is in -4...15, else `d.ddde±XX` with at least two exponent digits.
    static func pythonRepr(_ number: Double) -> String {
        if number == 0 { return number.sign == .minus ? "-0.0" : "0.0" }
        var text = number.magnitude.description
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        // digits × 10^(decimalPoint - digits.count), digits without leading or trailing zeros.
        let point = text.firstIndex(of: ".").map { text.distance(from: text.startIndex, to: $0) } ?? text.count
        var digits = Array(text.replacingOccurrences(of: ".", with: ""))
        var decimalPoint = point + exponent
        while digits.first == "0" {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let sign = number.sign == .minus ? "-" : ""
        // Python: exponential when decpt <= -4 or decpt > 16, where value = 0.DIGITS × 10^decpt.
        if decimalPoint <= -4 || decimalPoint > 16 {
            let mantissa = digits.count == 1 ? String(digits) : "\(digits[0])." + String(digits.dropFirst())
            let power = decimalPoint - 1
            return sign + mantissa + "e" + (power < 0 ? "-" : "+") + (abs(power) < 10 ? "0" : "") + String(abs(power))
        }
        if decimalPoint <= 0 { return sign + "0." + String(repeating: "0", count: -decimalPoint) + String(digits) }
        if decimalPoint >= digits.count { return sign + String(digits) + String(repeating: "0", count: decimalPoint - digits.count) + ".0" }
        return sign + String(digits.prefix(decimalPoint)) + "." + String(digits.dropFirst(decimalPoint))
    }

    /// A strict RFC 8259 reader that keeps how each number was written.
    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        init(_ data: Data) { bytes = [UInt8](data) }

        mutating func document() throws(ArchiveJSONError) -> ArchiveJSON {
            let value = try self.value(depth: 0)
            skipSpace()
            guard index == bytes.count else { throw fail("trailing characters") }
            return value
        }

        private func fail(_ reason: String) -> ArchiveJSONError { ArchiveJSONError(offset: index, reason: reason) }

        private mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        private mutating func literal(_ word: String, _ value: ArchiveJSON) throws(ArchiveJSONError) -> ArchiveJSON {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else { throw fail("unexpected character") }
            index += expected.count
            return value
        }

        private mutating func value(depth: Int) throws(ArchiveJSONError) -> ArchiveJSON {
            guard depth < 512 else { throw fail("nested too deeply") }
            skipSpace()
            guard index < bytes.count else { throw fail("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                index += 1
                var elements: [ArchiveJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw fail("unexpected end") }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { throw fail("expected , or ]") }
                }
            case UInt8(ascii: "{"):
                index += 1
                var members: [String: ArchiveJSON] = [:]
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected :") }
                    index += 1
                    // As Python's json.loads: a repeated key keeps its last value.
                    members[key] = try value(depth: depth + 1)
                    skipSpace()
                    guard index < bytes.count else { throw fail("unexpected end") }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { throw fail("expected , or }") }
                }
            default: return try number()
            }
        }

        private mutating func number() throws(ArchiveJSONError) -> ArchiveJSON {
            let start = index
            func digits(_ parser: inout Parser) -> Int {
                let first = parser.index
                while parser.index < parser.bytes.count, (0x30...0x39).contains(parser.bytes[parser.index]) { parser.index += 1 }
                return parser.index - first
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integerStart = index
            let integerDigits = digits(&self)
            guard integerDigits > 0 else { throw fail("unexpected character") }
            guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw fail("leading zero") }
            var isFloat = false
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                isFloat = true
                guard digits(&self) > 0 else { throw fail("expected digits after .") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                isFloat = true
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits(&self) > 0 else { throw fail("expected exponent digits") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if !isFloat, let integer = Int64(text) { return .int(integer) }
            guard let number = Double(text), number.isFinite else { throw fail("number out of range") }
            return .float(number)
        }

        private mutating func hex4() throws(ArchiveJSONError) -> UInt32 {
            guard bytes.count - index >= 4, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                throw fail("expected 4 hex digits")
            }
            index += 4
            return value
        }

        private mutating func string() throws(ArchiveJSONError) -> String {
            index += 1
            var run = index
            var text = ""
            while true {
                guard index < bytes.count else { throw fail("unterminated string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    guard let piece = String(validating: bytes[run..<index], as: UTF8.self) else { throw fail("invalid UTF-8") }
                    text += piece
                    index += 1
                    if byte == UInt8(ascii: "\"") { return text }
                    guard index < bytes.count else { throw fail("unterminated string") }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): text += "\""
                    case UInt8(ascii: "\\"): text += "\\"
                    case UInt8(ascii: "/"): text += "/"
                    case UInt8(ascii: "b"): text += "\u{8}"
                    case UInt8(ascii: "f"): text += "\u{c}"
                    case UInt8(ascii: "n"): text += "\n"
                    case UInt8(ascii: "r"): text += "\r"
                    case UInt8(ascii: "t"): text += "\t"
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            let save = index
                            index += 2
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) } else { index = save }
                        }
                        // A lone surrogate has no Unicode scalar; Python would keep it, we substitute U+FFFD.
                        text.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: throw fail("invalid escape")
                    }
                    run = index
                } else if byte < 0x20 {
                    throw fail("control character in string")
                } else {
                    index += 1
                }
            }
        }
    }
}

/// Where and why `ArchiveJSON.parse` stopped.
public struct ArchiveJSONError: Error, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public var description: String { "\(reason) at byte \(offset)" }
}

extension ArchiveJSON: Encodable {
    /// As the value it is, so `--json` output shows archive objects as they are stored.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .int(let number): try container.encode(number)
        case .float(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }
}

extension ArchiveJSON {
    /// The members of the JSON object `data` holds; `key` names the object in errors.
    static func members(of data: Data, key: String) throws(ArchiveError) -> [String: ArchiveJSON] {
        let value: ArchiveJSON
        do { value = try parse(data) } catch { throw .invalidObject(key: key, at: "$", reason: "not JSON (\(error))") }
        guard case .object(let members) = value else { throw .invalidObject(key: key, at: "$", reason: "expected an object") }
        return members
    }

    /// The string member `name`, required.
    static func string(_ name: String, in members: [String: ArchiveJSON], key: String) throws(ArchiveError) -> String {
        guard case .string(let text)? = members[name] else { throw .invalidObject(key: key, at: name, reason: "expected a string") }
        return text
    }

    /// The array member `name`, required.
    static func array(_ name: String, in members: [String: ArchiveJSON], key: String) throws(ArchiveError) -> [ArchiveJSON] {
        guard case .array(let elements)? = members[name] else { throw .invalidObject(key: key, at: name, reason: "expected an array") }
        return elements
    }
}
