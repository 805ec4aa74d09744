import Foundation

/// Line numbers for keys and table headers, found by scanning the raw text.
///
/// TOMLKit does not expose toml++'s source positions for values, so this re-reads the (already valid) TOML:
/// table headers, `[[array]]` headers and `key = value` lines, skipping comments, strings and multi-line values.
/// Keys inside inline tables are not recorded; lookups fall back to the enclosing key's line.
struct SourceMap {
    /// One step of a key path: a key, or the n-th (0-based) element of an array of tables.
    enum Component: Hashable {
        case key(String)
        case index(Int)
    }

    private var lines: [[Component]: Int] = [:]

    init(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        lines = scanner.scan()
    }

    /// The 1-based line of `path`, or of its nearest recorded ancestor; nil if none is in the file.
    func line(for path: [Component]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1
        var lines: [[Component]: Int] = [:]
        var arrayCounts: [[Component]: Int] = [:]

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        func byte(at offset: Int) -> UInt8? {
            position + offset < bytes.count ? bytes[position + offset] : nil
        }

        mutating func record(_ path: [Component]) {
            if lines[path] == nil { lines[path] = line }
        }

        mutating func scan() -> [[Component]: Int] {
            var table: [Component] = []
            while let byte = current {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0xEF, 0xBB, 0xBF:
                    // 0xEF 0xBB 0xBF is the UTF-8 byte order mark, legal only at the start of the file.
                    position += 1
                case UInt8(ascii: "\n"):
                    line += 1
                    position += 1
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                case UInt8(ascii: "["):
                    table = header()
                    skipToEndOfLine()
                default:
                    keyValue(in: table)
                }
            }
            return lines
        }

        /// `[a.b]` or `[[a.b]]`; returns the table's path with array-of-tables elements resolved to their index.
        mutating func header() -> [Component] {
            let isArray = byte(at: 1) == UInt8(ascii: "[")
            position += isArray ? 2 : 1
            let keys = dottedKey()
            var path: [Component] = []
            for (offset, key) in keys.enumerated() {
                path.append(.key(key))
                let isLast = offset == keys.count - 1
                if isLast && isArray {
                    let count = (arrayCounts[path] ?? 0) + 1
                    arrayCounts[path] = count
                    record(path)
                    path.append(.index(count - 1))
                } else if let count = arrayCounts[path] {
                    // A sub-table of an array of tables belongs to its latest element.
                    path.append(.index(count - 1))
                }
            }
            record(path)
            return path
        }

        mutating func keyValue(in table: [Component]) {
            let keys = dottedKey()
            skipSpaces()
            guard !keys.isEmpty, current == UInt8(ascii: "=") else {
                skipToEndOfLine()
                return
            }
            position += 1
            var path = table
            for key in keys {
                path.append(.key(key))
                record(path)
            }
            skipValue()
        }

        mutating func dottedKey() -> [String] {
            var keys: [String] = []
            while true {
                skipSpaces()
                guard let byte = current else { return keys }
                switch byte {
                case UInt8(ascii: "\""):
                    keys.append(quotedKey(escapes: true))
                case UInt8(ascii: "'"):
                    keys.append(quotedKey(escapes: false))
                default:
                    let start = position
                    while let byte = current, Self.isBareKeyByte(byte) { position += 1 }
                    if start == position { return keys }
                    keys.append(String(decoding: bytes[start..<position], as: UTF8.self))
                }
                skipSpaces()
                guard current == UInt8(ascii: ".") else { return keys }
                position += 1
            }
        }

        /// A single-line quoted key; only the escapes a key plausibly uses are decoded.
        mutating func quotedKey(escapes: Bool) -> String {
            let quote = bytes[position]
            position += 1
            var key: [UInt8] = []
            while let byte = current, byte != quote, byte != UInt8(ascii: "\n") {
                if escapes, byte == UInt8(ascii: "\\"), let next = self.byte(at: 1) {
                    switch next {
                    case UInt8(ascii: "n"): key.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "t"): key.append(UInt8(ascii: "\t"))
                    default: key.append(next)
                    }
                    position += 2
                } else {
                    key.append(byte)
                    position += 1
                }
            }
            if current == quote { position += 1 }
            return String(decoding: key, as: UTF8.self)
        }

        /// Skips a value up to (not including) the newline that ends it, following arrays, inline tables and
        /// multi-line strings across lines.
        mutating func skipValue() {
            var depth = 0
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString()
                    continue
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                case UInt8(ascii: "#"):
                    skipToEndOfLine()
                    continue
                case UInt8(ascii: "\n"):
                    if depth == 0 { return }
                    line += 1
                default:
                    break
                }
                position += 1
            }
        }

        mutating func skipString() {
            let quote = bytes[position]
            let escapes = quote == UInt8(ascii: "\"")
            let isMultiLine = byte(at: 1) == quote && byte(at: 2) == quote
            position += isMultiLine ? 3 : 1
            while let byte = current {
                if escapes, byte == UInt8(ascii: "\\") {
                    if self.byte(at: 1) == UInt8(ascii: "\n") { line += 1 }
                    position += 2
                    continue
                }
                if byte == UInt8(ascii: "\n") {
                    if !isMultiLine { return }
                    line += 1
                }
                if byte == quote {
                    if !isMultiLine {
                        position += 1
                        return
                    }
                    if self.byte(at: 1) == quote, self.byte(at: 2) == quote {
                        position += 3
                        // Up to two more quotes may close the string: `""""a"""""` ends in `a""`.
                        var extra = 0
                        while extra < 2, current == quote {
                            position += 1
                            extra += 1
                        }
                        return
                    }
                }
                position += 1
            }
        }

        mutating func skipSpaces() {
            while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
        }

        mutating func skipToEndOfLine() {
            while let byte = current, byte != UInt8(ascii: "\n") { position += 1 }
        }

        static func isBareKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
    }
}
