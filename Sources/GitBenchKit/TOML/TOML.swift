// TOML/ is git-bench's own TOML 1.0 parser: `TOMLParser` turns bytes into a `TOMLTable` whose keys keep their file
// order and their line, or throws a `TOMLError` naming line and column. The manifest is untrusted input, so the parser
// never traps: it validates UTF-8 itself, caps nesting at `TOMLParser.maximumDepth` and runs in time linear in the
// input. It uses only Values/ (UTF-8 validation) and does no I/O.

/// Why a document is not TOML 1.0: one reason at a 1-based line and column (in Unicode scalars).
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var reason: String

    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "\(line):\(column): \(reason)" }
}

/// A TOML value. Tables and arrays keep the line each key or element starts on, for messages.
public enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    case dateTime(TOMLDateTime)
    case array(TOMLArray)
    case table(TOMLTable)

    /// The TOML type's name as messages use it ("integer", "date-time", …).
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .boolean: return "boolean"
        case .dateTime(let dateTime): return dateTime.kind.rawValue
        case .array: return "array"
        case .table: return "table"
        }
    }

    public var string: String? { if case .string(let value) = self { return value } else { return nil } }
    public var integer: Int64? { if case .integer(let value) = self { return value } else { return nil } }
    public var float: Double? { if case .float(let value) = self { return value } else { return nil } }
    public var boolean: Bool? { if case .boolean(let value) = self { return value } else { return nil } }
    public var array: TOMLArray? { if case .array(let value) = self { return value } else { return nil } }
    public var table: TOMLTable? { if case .table(let value) = self { return value } else { return nil } }
}

/// One of TOML's four date and time types, kept as RFC 3339 text (`T` and `Z` upper case, the fraction as written):
/// the manifest never computes with them, it only has to name them.
public struct TOMLDateTime: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case offsetDateTime = "date-time"
        case localDateTime = "local date-time"
        case localDate = "local date"
        case localTime = "local time"
    }

    public var kind: Kind
    public var text: String
}

/// An array and the line each element starts on.
public struct TOMLArray: Equatable, Sendable {
    public private(set) var elements: [TOMLValue] = []
    public private(set) var lines: [Int] = []

    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public subscript(index: Int) -> TOMLValue { elements[index] }

    mutating func append(_ value: TOMLValue, line: Int) {
        elements.append(value)
        lines.append(line)
    }
}

/// A table: keys in the order the file defines them, each with its value and the line that defines it.
public struct TOMLTable: Equatable, Sendable {
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    private var lines: [String: Int] = [:]

    public subscript(key: String) -> TOMLValue? { values[key] }

    /// The line that defines `key` (its `key =`, its `[header]`, or its first `[[header]]`).
    public func line(of key: String) -> Int? { lines[key] }

    mutating func insert(_ key: String, _ value: TOMLValue, line: Int) {
        if values.updateValue(value, forKey: key) == nil {
            keys.append(key)
            lines[key] = line
        }
    }

    /// One step of a path into nested tables and arrays.
    public enum PathComponent: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The line of the value at `path`, or of its deepest ancestor in the file; nil when not even the first key is.
    public func line(at path: [PathComponent]) -> Int? {
        var found: Int?
        var current = TOMLValue.table(self)
        for component in path {
            switch (component, current) {
            case (.key(let key), .table(let table)):
                guard let value = table[key] else { return found }
                found = table.line(of: key) ?? found
                current = value
            case (.index(let index), .array(let array)):
                guard array.elements.indices.contains(index) else { return found }
                found = array.lines[index]
                current = array[index]
            default:
                return found
            }
        }
        return found
    }
}
