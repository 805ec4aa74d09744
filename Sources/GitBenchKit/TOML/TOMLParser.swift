/// Parses TOML 1.0 (https://toml.io/en/v1.0.0) in one pass over the bytes.
///
/// Tables are built as reference nodes while parsing, because headers and dotted keys reach back into tables defined
/// earlier, and frozen into `TOMLTable` values at the end. Every loop advances the position, and every key path and
/// value nesting is capped at `maximumDepth`, so no input can trap, recurse without bound or take superlinear time.
public struct TOMLParser {
    /// Deepest nesting accepted: table header keys plus dotted keys plus nested arrays and inline tables.
    public static let maximumDepth = 64

    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        try parse(bytes: Array(text.utf8))
    }

    public static func parse(bytes: [UInt8]) throws(TOMLError) -> TOMLTable {
        var parser = TOMLParser(bytes: bytes)
        try parser.validateUTF8()
        return try parser.document()
    }

    private let bytes: [UInt8]
    private var position = 0
    /// Byte offsets where lines 2, 3, … start, for turning positions into lines without tracking them in every loop.
    private let lineStarts: [Int]
    private var nextSection = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int] = []
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    // MARK: Document

    private mutating func document() throws(TOMLError) -> TOMLTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        let root = TableNode(line: 1)
        var section = root
        var sectionID = newSection()
        var sectionDepth = 0
        while true {
            skipSpaces()
            guard let byte = current else { break }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
                try endOfLine(after: "a blank line")
            case UInt8(ascii: "["):
                (section, sectionDepth) = try header(root: root)
                sectionID = newSection()
                try endOfLine(after: "a table header")
            default:
                let (keys, value) = try keyValue(depth: sectionDepth)
                try insert(keys, value, into: section, section: sectionID)
                try endOfLine(after: "a value")
            }
        }
        return root.frozen()
    }

    private mutating func newSection() -> Int {
        nextSection += 1
        return nextSection
    }

    /// `[a.b]` or `[[a.b]]`; returns the table that following key/value pairs go into, and its depth.
    private mutating func header(root: TableNode) throws(TOMLError) -> (TableNode, Int) {
        let start = position
        position += 1
        let isArray = current == UInt8(ascii: "[")
        if isArray { position += 1 }
        let keys = try key(depth: 0)
        skipSpaces()
        guard current == UInt8(ascii: "]") else { throw error("expected ']' to close the table header") }
        position += 1
        if isArray {
            guard current == UInt8(ascii: "]") else { throw error("expected ']]' to close the array of tables header") }
            position += 1
        }
        let line = lineNumber(at: start)
        var table = root
        for (name, keyStart) in keys.dropLast() {
            switch table.children[name] {
            case nil:
                table = table.add(name, TableNode(line: line), line: line)
            case .table(let child):
                table = child
            case .arrayOfTables(let elements):
                table = elements.tables[elements.tables.count - 1]
            case .value(let value):
                throw error("key \(Self.describe(name)) already holds \(Self.article(value)), not a table", at: keyStart)
            }
        }
        let (name, keyStart) = keys[keys.count - 1]
        if isArray {
            let element = TableNode(line: line)
            element.definedByHeader = true
            switch table.children[name] {
            case nil:
                let elements = ArrayOfTablesNode()
                elements.tables.append(element)
                table.children[name] = .arrayOfTables(elements)
                table.keys.append(name)
                table.lines[name] = line
            case .arrayOfTables(let elements):
                elements.tables.append(element)
            case .table:
                throw error("\(Self.describe(name)) is already a table, not an array of tables", at: keyStart)
            case .value(let value):
                throw error("key \(Self.describe(name)) already holds \(Self.article(value))", at: keyStart)
            }
            return (element, keys.count)
        }
        switch table.children[name] {
        case nil:
            let child = table.add(name, TableNode(line: line), line: line)
            child.definedByHeader = true
            return (child, keys.count)
        case .table(let child):
            if child.definedByHeader {
                throw error("table \(Self.describe(name)) is defined twice", at: keyStart)
            }
            if child.dottedSection != nil {
                throw error("table \(Self.describe(name)) was already defined by dotted keys", at: keyStart)
            }
            child.definedByHeader = true
            return (child, keys.count)
        case .arrayOfTables:
            throw error("\(Self.describe(name)) is already an array of tables", at: keyStart)
        case .value(let value):
            throw error("key \(Self.describe(name)) already holds \(Self.article(value))", at: keyStart)
        }
    }

    /// Puts `value` at the dotted `keys` below `table`. Dotted keys may create tables and extend the ones they created
    /// in the same section (`section`), never a table defined by a header or in another section.
    private func insert(
        _ keys: [(String, Int)], _ value: (TOMLValue, Int), into table: TableNode, section: Int
    ) throws(TOMLError) {
        var table = table
        for (name, keyStart) in keys.dropLast() {
            switch table.children[name] {
            case nil:
                let line = lineNumber(at: keyStart)
                table = table.add(name, TableNode(line: line), line: line)
                table.dottedSection = section
            case .table(let child):
                if child.definedByHeader {
                    throw error("table \(Self.describe(name)) is defined by a header; dotted keys cannot extend it", at: keyStart)
                }
                if let other = child.dottedSection, other != section {
                    throw error("table \(Self.describe(name)) was defined in an earlier section; dotted keys cannot extend it", at: keyStart)
                }
                child.dottedSection = section
                table = child
            case .arrayOfTables:
                throw error("\(Self.describe(name)) is an array of tables; dotted keys cannot extend it", at: keyStart)
            case .value(let existing):
                throw error("key \(Self.describe(name)) already holds \(Self.article(existing)), not a table", at: keyStart)
            }
        }
        let (name, keyStart) = keys[keys.count - 1]
        if table.children[name] != nil {
            throw error("duplicate key \(Self.describe(name))", at: keyStart)
        }
        table.keys.append(name)
        table.children[name] = .value(value.0)
        table.lines[name] = lineNumber(at: value.1)
    }

    // MARK: Keys

    /// `key = value`; returns the dotted key (each part with its offset) and the value with the offset of its key.
    private mutating func keyValue(depth: Int) throws(TOMLError) -> ([(String, Int)], (TOMLValue, Int)) {
        let start = position
        let keys = try key(depth: depth)
        skipSpaces()
        guard current == UInt8(ascii: "=") else {
            throw error(current == nil || isNewline(current) ? "expected '=' after the key" : "expected '=' after the key, found \(Self.describe(byte: current))")
        }
        position += 1
        skipSpaces()
        let value = try self.value(depth: depth + keys.count)
        return (keys, (value, start))
    }

    /// A dotted key: simple keys joined by `.`, with optional spaces around each dot.
    private mutating func key(depth: Int) throws(TOMLError) -> [(String, Int)] {
        var keys: [(String, Int)] = []
        while true {
            skipSpaces()
            let start = position
            keys.append((try simpleKey(), start))
            if depth + keys.count > Self.maximumDepth {
                throw error("keys are nested more than \(Self.maximumDepth) levels deep", at: start)
            }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return keys }
            position += 1
        }
    }

    private mutating func simpleKey() throws(TOMLError) -> String {
        switch current {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                throw error("a multi-line string cannot be a key")
            }
            return try basicString()
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                throw error("a multi-line string cannot be a key")
            }
            return try literalString()
        default:
            let start = position
            while let byte = current, Self.isBareKeyByte(byte) { position += 1 }
            guard position > start else {
                throw error(current == nil || isNewline(current) ? "expected a key" : "expected a key, found \(Self.describe(byte: current))")
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth <= Self.maximumDepth else {
            throw error("values are nested more than \(Self.maximumDepth) levels deep")
        }
        guard let byte = current else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") { return .string(try multiLineBasicString()) }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") { return .string(try multiLineLiteralString()) }
            return .string(try literalString())
        case UInt8(ascii: "["):
            return .array(try array(depth: depth))
        case UInt8(ascii: "{"):
            return .table(try inlineTable(depth: depth))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if matches("true") {
                position += 4
                return .boolean(true)
            }
            if matches("false") {
                position += 5
                return .boolean(false)
            }
            throw bareWord()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if isDigit(at: 0), isDigit(at: 1) {
                if isDigit(at: 2), isDigit(at: 3), peek(4) == UInt8(ascii: "-") { return .dateTime(try dateTime()) }
                if peek(2) == UInt8(ascii: ":") { return .dateTime(try localTime()) }
            }
            return try number()
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"):
            return try number()
        case _ where Self.isBareKeyByte(byte):
            throw bareWord()
        default:
            throw error(isNewline(byte) ? "expected a value" : "expected a value, found \(Self.describe(byte: byte))")
        }
    }

    /// The error for an unquoted word where a value belongs, the usual slip in a hand-written manifest.
    private func bareWord() -> TOMLError {
        var end = position
        while end < bytes.count, Self.isBareKeyByte(bytes[end]), end - position < 40 { end += 1 }
        let word = text(position, end)
        return error("expected a value, found the bare word '\(word)' (strings need quotes: \"\(word)\")")
    }

    private mutating func array(depth: Int) throws(TOMLError) -> TOMLArray {
        position += 1
        var array = TOMLArray()
        while true {
            try skipSpacesCommentsAndNewlines()
            if current == UInt8(ascii: "]") {
                position += 1
                return array
            }
            guard current != nil else { throw error("unterminated array (expected ']')") }
            let line = lineNumber(at: position)
            array.append(try value(depth: depth + 1), line: line)
            try skipSpacesCommentsAndNewlines()
            switch current {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                return array
            case nil:
                throw error("unterminated array (expected ']')")
            default:
                throw error("expected ',' or ']' in the array, found \(Self.describe(byte: current))")
            }
        }
    }

    /// `{ a = 1, b.c = 2 }`: one line, no trailing comma (TOML 1.0), closed to later headers and dotted keys.
    private mutating func inlineTable(depth: Int) throws(TOMLError) -> TOMLTable {
        let table = TableNode(line: lineNumber(at: position))
        let section = newSection()
        position += 1
        skipSpaces()
        if current == UInt8(ascii: "}") {
            position += 1
            return table.frozen()
        }
        while true {
            skipSpaces()
            if isNewline(current) { throw error("inline tables must stay on one line (TOML 1.0)") }
            if current == UInt8(ascii: "}") { throw error("trailing comma in an inline table") }
            let (keys, value) = try keyValue(depth: depth + 1)
            try insert(keys, value, into: table, section: section)
            skipSpaces()
            switch current {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                return table.frozen()
            case nil:
                throw error("unterminated inline table (expected '}')")
            case let byte? where isNewline(byte):
                throw error("inline tables must stay on one line (TOML 1.0)")
            default:
                throw error("expected ',' or '}' in the inline table, found \(Self.describe(byte: current))")
            }
        }
    }

    // MARK: Strings

    private mutating func basicString() throws(TOMLError) -> String {
        try singleLineString(quote: UInt8(ascii: "\""), escapes: true)
    }

    private mutating func literalString() throws(TOMLError) -> String {
        try singleLineString(quote: UInt8(ascii: "'"), escapes: false)
    }

    private mutating func multiLineBasicString() throws(TOMLError) -> String {
        try multiLineString(quote: UInt8(ascii: "\""), escapes: true)
    }

    private mutating func multiLineLiteralString() throws(TOMLError) -> String {
        try multiLineString(quote: UInt8(ascii: "'"), escapes: false)
    }

    /// `"…"` (with escapes) or `'…'` (without): one line, control characters other than tab refused.
    private mutating func singleLineString(quote: UInt8, escapes: Bool) throws(TOMLError) -> String {
        position += 1
        var content: [UInt8] = []
        while true {
            guard let byte = current else { throw error(escapes ? "unterminated string (expected '\"')" : "unterminated string (expected \"'\")") }
            switch byte {
            case quote:
                position += 1
                return String(decoding: content, as: UTF8.self)
            case UInt8(ascii: "\\") where escapes:
                try escape(into: &content)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("unterminated string (\(escapes ? "a basic" : "a literal") string ends on the line it starts)")
            default:
                try checkStringByte(byte)
                content.append(byte)
                position += 1
            }
        }
    }

    /// Three double quotes (with escapes and line-ending backslashes) or three single quotes (without) on each side;
    /// a newline right after the opening quotes is dropped.
    private mutating func multiLineString(quote: UInt8, escapes: Bool) throws(TOMLError) -> String {
        position += 3
        skipFirstNewline()
        var content: [UInt8] = []
        while true {
            guard let byte = current else {
                let closing = String(repeating: Character(Unicode.Scalar(quote)), count: 3)
                throw error("unterminated multi-line string (expected \(closing))")
            }
            switch byte {
            case quote:
                if try closingQuotes(quote, into: &content) { return String(decoding: content, as: UTF8.self) }
            case UInt8(ascii: "\\") where escapes:
                if try lineEndingBackslash() { continue }
                try escape(into: &content)
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                try newline(into: &content)
            default:
                try checkStringByte(byte)
                content.append(byte)
                position += 1
            }
        }
    }

    /// At a run of `quote`s inside a multi-line string: three or more close it (up to two more belong to the content);
    /// fewer are content. Returns true when the string is closed.
    private mutating func closingQuotes(_ quote: UInt8, into content: inout [UInt8]) throws(TOMLError) -> Bool {
        var count = 0
        while current == quote {
            count += 1
            position += 1
        }
        if count < 3 {
            content.append(contentsOf: repeatElement(quote, count: count))
            return false
        }
        if count > 5 { throw error("too many quotes at the end of a multi-line string", at: position - count + 5) }
        content.append(contentsOf: repeatElement(quote, count: count - 3))
        return true
    }

    /// A newline inside a multi-line string, kept as `\n` (CRLF included, as tomllib does).
    private mutating func newline(into content: inout [UInt8]) throws(TOMLError) {
        if current == UInt8(ascii: "\r") {
            guard peek(1) == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a newline") }
            position += 1
        }
        position += 1
        content.append(UInt8(ascii: "\n"))
    }

    private mutating func skipFirstNewline() {
        if current == UInt8(ascii: "\n") {
            position += 1
        } else if current == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
            position += 2
        }
    }

    /// `\` at the end of a line (spaces may follow it) trims the newline and all whitespace after it.
    private mutating func lineEndingBackslash() throws(TOMLError) -> Bool {
        var offset = 1
        while peek(offset) == UInt8(ascii: " ") || peek(offset) == UInt8(ascii: "\t") { offset += 1 }
        guard isNewline(peek(offset)) else { return false }
        position += offset
        while let byte = current {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") {
                position += 1
            } else if byte == UInt8(ascii: "\r") {
                guard peek(1) == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a newline") }
                position += 2
            } else {
                break
            }
        }
        return true
    }

    private mutating func escape(into content: inout [UInt8]) throws(TOMLError) {
        let start = position
        position += 1
        guard let byte = current else { throw error("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "b"): content.append(0x08)
        case UInt8(ascii: "t"): content.append(0x09)
        case UInt8(ascii: "n"): content.append(0x0A)
        case UInt8(ascii: "f"): content.append(0x0C)
        case UInt8(ascii: "r"): content.append(0x0D)
        case UInt8(ascii: "\""): content.append(0x22)
        case UInt8(ascii: "\\"): content.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = byte == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let digit = current.flatMap(Self.hexValue) else {
                    throw error("\\\(Character(Unicode.Scalar(byte))) needs \(digits) hex digits", at: start)
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error("\\\(Character(Unicode.Scalar(byte))) escape is not a Unicode scalar value", at: start)
            }
            content.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape \\\(Self.describe(byte: byte, quoted: false)) in a string", at: start)
        }
    }

    /// Control characters other than tab must be escaped inside strings.
    private func checkStringByte(_ byte: UInt8) throws(TOMLError) {
        if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
            throw error("control character \(Self.describe(byte: byte)) in a string must be escaped")
        }
    }

    // MARK: Numbers and dates

    private mutating func number() throws(TOMLError) -> TOMLValue {
        let start = position
        while let byte = current, Self.isNumberByte(byte) { position += 1 }
        let token = String(decoding: bytes[start..<position], as: UTF8.self)
        switch Self.number(token) {
        case .value(let value):
            return value
        case .outOfRange:
            throw error("integer \(token) does not fit in 64 bits", at: start)
        case .invalid:
            throw error(token.isEmpty ? "expected a value" : "invalid number \(Self.describe(token))", at: start)
        }
    }

    private enum NumberToken {
        case value(TOMLValue)
        /// A well-formed integer outside Int64.
        case outOfRange
        case invalid
    }

    private static func number(_ token: String) -> NumberToken {
        let scalars = Array(token.utf8)
        switch token {
        case "inf", "+inf": return .value(.float(.infinity))
        case "-inf": return .value(.float(-.infinity))
        case "nan", "+nan", "-nan": return .value(.float(.nan))
        default: break
        }
        if scalars.count > 2, scalars[0] == UInt8(ascii: "0"), let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][scalars[1]] {
            let digits = Array(scalars[2...])
            guard digitsWithUnderscores(digits[...], radix: radix) else { return .invalid }
            let text = String(decoding: digits.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
            guard let value = Int64(text, radix: radix) else { return .outOfRange }
            return .value(.integer(value))
        }
        var rest = scalars[...]
        if let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let integerEnd = rest.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? rest.endIndex
        let integerPart = rest[rest.startIndex..<integerEnd]
        guard digitsWithUnderscores(integerPart, radix: 10) else { return .invalid }
        if integerPart.count > 1, integerPart.first == UInt8(ascii: "0") { return .invalid }
        var afterInteger = rest[integerEnd...]
        var isFloat = false
        if afterInteger.first == UInt8(ascii: ".") {
            afterInteger = afterInteger.dropFirst()
            let fractionEnd = afterInteger.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? afterInteger.endIndex
            guard digitsWithUnderscores(afterInteger[afterInteger.startIndex..<fractionEnd], radix: 10) else { return .invalid }
            afterInteger = afterInteger[fractionEnd...]
            isFloat = true
        }
        if let e = afterInteger.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var exponent = afterInteger.dropFirst()
            if let sign = exponent.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { exponent = exponent.dropFirst() }
            guard digitsWithUnderscores(exponent, radix: 10) else { return .invalid }
            afterInteger = afterInteger[afterInteger.endIndex...]
            isFloat = true
        }
        guard afterInteger.isEmpty else { return .invalid }
        let text = String(decoding: scalars.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        if isFloat {
            guard let value = Double(text) else { return .invalid }
            return .value(.float(value))
        }
        guard let value = Int64(text) else { return .outOfRange }
        return .value(.integer(value))
    }

    /// One or more digits of `radix`, with single underscores only between digits.
    private static func digitsWithUnderscores(_ digits: ArraySlice<UInt8>, radix: Int) -> Bool {
        guard let first = digits.first, let last = digits.last, first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else { return false }
        var previousWasUnderscore = false
        for byte in digits {
            if byte == UInt8(ascii: "_") {
                if previousWasUnderscore { return false }
                previousWasUnderscore = true
                continue
            }
            previousWasUnderscore = false
            guard let value = hexValue(byte), value < radix else { return false }
        }
        return true
    }

    /// `1979-05-27`, optionally followed by `T` (or a space) and a time, optionally followed by an offset.
    private mutating func dateTime() throws(TOMLError) -> TOMLDateTime {
        let start = position
        let year = twoDigits(at: 0) * 100 + twoDigits(at: 2)
        guard peek(4) == UInt8(ascii: "-"), isDigit(at: 5), isDigit(at: 6), peek(7) == UInt8(ascii: "-"), isDigit(at: 8), isDigit(at: 9) else {
            throw error("invalid date (expected YYYY-MM-DD)")
        }
        let month = twoDigits(at: 5)
        let day = twoDigits(at: 8)
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else {
            throw error("invalid date \(Self.describe(text(start, start + 10)))")
        }
        position += 10
        var text = self.text(start, position)
        let separator = current
        let timeFollows = (separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t"))
            || (separator == UInt8(ascii: " ") && isDigit(at: 1) && isDigit(at: 2) && peek(3) == UInt8(ascii: ":"))
        guard timeFollows else {
            return TOMLDateTime(kind: .localDate, text: text)
        }
        position += 1
        text += "T" + (try time())
        switch current {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            position += 1
            return TOMLDateTime(kind: .offsetDateTime, text: text + "Z")
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard isDigit(at: 1), isDigit(at: 2), peek(3) == UInt8(ascii: ":"), isDigit(at: 4), isDigit(at: 5),
                twoDigits(at: 1) <= 23, twoDigits(at: 4) <= 59
            else { throw error("invalid time offset (expected Z, +HH:MM or -HH:MM)") }
            let offset = self.text(position, position + 6)
            position += 6
            return TOMLDateTime(kind: .offsetDateTime, text: text + offset)
        default:
            return TOMLDateTime(kind: .localDateTime, text: text)
        }
    }

    private mutating func localTime() throws(TOMLError) -> TOMLDateTime {
        TOMLDateTime(kind: .localTime, text: try time())
    }

    /// `07:32:00` with an optional fraction of a second; seconds stop at 59, as in Python's tomllib.
    private mutating func time() throws(TOMLError) -> String {
        let start = position
        guard isDigit(at: 0), isDigit(at: 1), peek(2) == UInt8(ascii: ":"), isDigit(at: 3), isDigit(at: 4),
            peek(5) == UInt8(ascii: ":"), isDigit(at: 6), isDigit(at: 7)
        else { throw error("invalid time (expected HH:MM:SS)") }
        guard twoDigits(at: 0) <= 23, twoDigits(at: 3) <= 59, twoDigits(at: 6) <= 59 else {
            throw error("invalid time \(Self.describe(text(start, start + 8)))")
        }
        position += 8
        if current == UInt8(ascii: ".") {
            guard isDigit(at: 1) else { throw error("invalid time: expected digits after '.'") }
            position += 1
            while isDigit(at: 0) { position += 1 }
        }
        return text(start, position)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Whitespace, comments, line ends

    private mutating func skipSpaces() {
        while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { position += 1 }
    }

    private mutating func skipSpacesCommentsAndNewlines() throws(TOMLError) {
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                position += 1
            case UInt8(ascii: "\r"):
                guard peek(1) == UInt8(ascii: "\n") else { throw error("a carriage return must be followed by a newline") }
                position += 2
            case UInt8(ascii: "#"):
                try comment()
            default:
                return
            }
        }
    }

    /// After a header, a key/value pair or on a blank line: spaces, an optional comment, then a newline or the end.
    private mutating func endOfLine(after what: String) throws(TOMLError) {
        skipSpaces()
        if current == UInt8(ascii: "#") { try comment() }
        switch current {
        case nil:
            return
        case UInt8(ascii: "\n"):
            position += 1
        case UInt8(ascii: "\r") where peek(1) == UInt8(ascii: "\n"):
            position += 2
        case UInt8(ascii: "\r"):
            throw error("a carriage return must be followed by a newline")
        default:
            throw error("expected a newline after \(what), found \(Self.describe(byte: current))")
        }
    }

    /// `# …` up to (not including) the line end; control characters other than tab are not allowed in comments.
    private mutating func comment() throws(TOMLError) {
        position += 1
        while let byte = current, byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") { return }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F {
                throw error("control character \(Self.describe(byte: byte)) in a comment")
            }
            position += 1
        }
    }

    // MARK: UTF-8

    private func validateUTF8() throws(TOMLError) {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw error("the file is not valid UTF-8", at: offset)
        }
    }

    // MARK: Bytes

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private func peek(_ offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func isDigit(at offset: Int) -> Bool {
        guard let byte = peek(offset) else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func twoDigits(at offset: Int) -> Int {
        Int((peek(offset) ?? 0) &- UInt8(ascii: "0")) * 10 + Int((peek(offset + 1) ?? 0) &- UInt8(ascii: "0"))
    }

    private func isNewline(_ byte: UInt8?) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    private func matches(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        return position + utf8.count <= bytes.count && bytes[position..<(position + utf8.count)].elementsEqual(utf8)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    // MARK: Positions and messages

    /// The 1-based line holding byte `offset`.
    private func lineNumber(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }

    private func error(_ reason: String, at offset: Int? = nil) -> TOMLError {
        let offset = min(offset ?? position, bytes.count)
        let line = lineNumber(at: offset)
        let lineStart = line == 1 ? 0 : lineStarts[line - 2]
        // Columns count scalars: every byte that is not a UTF-8 continuation byte starts one.
        let column = bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return TOMLError(line: line, column: column, reason: reason)
    }

    private static func describe(byte: UInt8?, quoted: Bool = true) -> String {
        guard let byte else { return "the end of the file" }
        if byte >= 0x20, byte < 0x7F {
            let character = String(Character(Unicode.Scalar(byte)))
            return quoted ? "'\(character)'" : character
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return byte < 0x80 ? "U+" + String(repeating: "0", count: 4 - hex.count) + hex : "byte 0x\(hex)"
    }

    private static func describe(_ key: String) -> String {
        let printable = key.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        return printable && !key.contains("'") ? "'\(key)'" : "\"\(key.unicodeScalars.map { $0.escaped(asASCII: false) }.joined())\""
    }

    private static func article(_ value: TOMLValue) -> String {
        switch value {
        case .array: return "an array"
        case .table: return "an inline table"
        case .integer: return "an integer"
        default: return "a \(value.typeName)"
        }
    }
}

/// A table while the document is being parsed: headers and dotted keys reach back into it, so it is a reference.
private final class TableNode {
    enum Child {
        case table(TableNode)
        case arrayOfTables(ArrayOfTablesNode)
        /// A finished value: scalars, arrays and inline tables, none of which later lines may extend.
        case value(TOMLValue)
    }

    var keys: [String] = []
    var children: [String: Child] = [:]
    var lines: [String: Int] = [:]
    let line: Int
    /// Defined by its own `[header]` (or an `[[header]]` element): no second header, no dotted keys from outside.
    var definedByHeader = false
    /// The section whose dotted keys created or extended it; only that section may extend it further.
    var dottedSection: Int?

    init(line: Int) { self.line = line }

    func add(_ name: String, _ child: TableNode, line: Int) -> TableNode {
        keys.append(name)
        children[name] = .table(child)
        lines[name] = line
        return child
    }

    func frozen() -> TOMLTable {
        var table = TOMLTable()
        for key in keys {
            guard let child = children[key], let line = lines[key] else { continue }
            switch child {
            case .table(let node):
                table.insert(key, .table(node.frozen()), line: line)
            case .arrayOfTables(let elements):
                var array = TOMLArray()
                for element in elements.tables { array.append(.table(element.frozen()), line: element.line) }
                table.insert(key, .array(array), line: line)
            case .value(let value):
                table.insert(key, value, line: line)
            }
        }
        return table
    }
}

private final class ArrayOfTablesNode {
    var tables: [TableNode] = []
}
