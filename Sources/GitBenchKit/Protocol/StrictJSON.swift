import Foundation

/// A strict RFC 8259 check of a runner's bytes before any decoder sees them: Foundation accepts a trailing comma and
/// keeps the first of two equal keys, and traps on deep nesting, so a result meant as `{"metric": 1, "metric": 9}`
/// would be read as something its author did not write. This says what is wrong, at which byte.
enum StrictJSON {
    struct Violation: Error, Equatable {
        var offset: Int
        var reason: String
        /// The nesting limit, not the syntax, was broken.
        var isTooDeep = false
    }

    /// Throws the first violation: bytes that are not UTF-8, bad syntax, a number beyond a Double, a trailing comma,
    /// a key repeated in one object, nesting deeper than `maximumDepth`.
    static func check(_ data: Data, maximumDepth: Int) throws(Violation) {
        let violation = data.withUnsafeBytes { raw -> Violation? in
            let bytes = raw.bindMemory(to: UInt8.self)
            if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
                return Violation(offset: offset, reason: "invalid UTF-8")
            }
            var checker = Checker(bytes: bytes, maximumDepth: maximumDepth)
            do throws(Violation) {
                try checker.document()
                return nil
            } catch {
                return error
            }
        }
        if let violation { throw violation }
    }

    private struct Checker {
        let bytes: UnsafeBufferPointer<UInt8>
        let maximumDepth: Int
        var index = 0
        var depth = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        mutating func document() throws(Violation) {
            skipWhitespace()
            try value()
            skipWhitespace()
            if index != bytes.count { throw fail("unexpected text after the JSON value") }
        }

        private func fail(_ reason: String) -> Violation { Violation(offset: index, reason: reason) }

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func value() throws(Violation) {
            switch current {
            case UInt8(ascii: "{")?: try object()
            case UInt8(ascii: "[")?: try array()
            case UInt8(ascii: "\"")?: _ = try string()
            case UInt8(ascii: "t")?: try literal("true")
            case UInt8(ascii: "f")?: try literal("false")
            case UInt8(ascii: "n")?: try literal("null")
            case let byte? where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte): try number()
            case nil: throw fail("unexpected end of input")
            default: throw fail("unexpected character")
            }
        }

        private mutating func enter() throws(Violation) {
            depth += 1
            if depth > maximumDepth { throw Violation(offset: index, reason: "nested more than \(maximumDepth) deep", isTooDeep: true) }
            index += 1
            skipWhitespace()
        }

        private mutating func object() throws(Violation) {
            try enter()
            var keys = Set<[UInt8]>()
            if current == UInt8(ascii: "}") { index += 1; depth -= 1; return }
            while true {
                guard current == UInt8(ascii: "\"") else {
                    throw fail(current == UInt8(ascii: "}") ? "trailing comma before '}'" : "expected a key in double quotes")
                }
                let keyStart = index
                let key = try string()
                guard keys.insert(key).inserted else {
                    index = keyStart
                    throw fail("key \"\(String(decoding: key, as: UTF8.self))\" appears twice in one object")
                }
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                index += 1
                skipWhitespace()
                try value()
                skipWhitespace()
                if current == UInt8(ascii: ",") { index += 1; skipWhitespace(); continue }
                guard current == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
                index += 1
                depth -= 1
                return
            }
        }

        private mutating func array() throws(Violation) {
            try enter()
            if current == UInt8(ascii: "]") { index += 1; depth -= 1; return }
            while true {
                if current == UInt8(ascii: "]") { throw fail("trailing comma before ']'") }
                try value()
                skipWhitespace()
                if current == UInt8(ascii: ",") { index += 1; skipWhitespace(); continue }
                guard current == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
                index += 1
                depth -= 1
                return
            }
        }

        /// The string's content with escapes resolved (as UTF-8), so `"a"` and `"\u0061"` are the same key.
        private mutating func string() throws(Violation) -> [UInt8] {
            index += 1
            var content: [UInt8] = []
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return content
                case UInt8(ascii: "\\"):
                    guard let escape = current else { throw fail("unterminated escape") }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): content.append(escape)
                    case UInt8(ascii: "b"): content.append(8)
                    case UInt8(ascii: "f"): content.append(12)
                    case UInt8(ascii: "n"): content.append(10)
                    case UInt8(ascii: "r"): content.append(13)
                    case UInt8(ascii: "t"): content.append(9)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800...0xDBFF).contains(scalar), current == UInt8(ascii: "\\"), index + 1 < bytes.count,
                           bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid surrogate pair") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw fail("lone surrogate in \\u escape") }
                        content.append(contentsOf: Array(String(Character(unicode)).utf8))
                    default: throw fail("invalid escape")
                    }
                case 0..<0x20: throw fail("control character in a string")
                default: content.append(byte)
                }
            }
            throw fail("unterminated string")
        }

        private mutating func hex4() throws(Violation) -> UInt32 {
            guard index + 4 <= bytes.count else { throw fail("short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw fail("invalid \\u escape")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// A number; one too large for a Double (`1e999`) is refused here, where its offset is known.
        private mutating func number() throws(Violation) {
            let start = index
            try numberSyntax()
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if let value = Double(text), !value.isFinite {
                index = start
                throw fail("number out of range")
            }
        }

        private mutating func numberSyntax() throws(Violation) {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw fail("invalid number") }
            index += 1
            if first != UInt8(ascii: "0") { digits() }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw fail("invalid number") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw fail("invalid number") }
            }
        }

        @discardableResult
        private mutating func digits() -> Int {
            let start = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            return index - start
        }

        private mutating func literal(_ word: StaticString) throws(Violation) {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count else { throw fail("unexpected end of input") }
            for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] { throw fail("unexpected character") }
            index += length
        }

        private mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }
    }
}
