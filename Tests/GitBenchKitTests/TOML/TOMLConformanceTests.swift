import Foundation
import Testing

@testable import GitBenchKit

/// The toml-test suite's TOML 1.0.0 cases (Fixtures/toml-test): every valid document parses to its expected value,
/// every invalid one is refused with a line and a column, and none traps.
@Suite struct TOMLConformanceTests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/toml-test", isDirectory: true)

    static func cases(_ kind: String) throws -> [String] {
        let list = try String(contentsOf: suite.appendingPathComponent("files-toml-1.0.0"), encoding: .utf8)
        return list.split(separator: "\n").map(String.init).filter { $0.hasPrefix("\(kind)/") && $0.hasSuffix(".toml") }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: suite.appendingPathComponent(path)))
    }

    @Test func everyValidCaseParsesToItsExpectedValue() throws {
        let cases = try Self.cases("valid")
        #expect(cases.count == 210)
        var failures: [String] = []
        for path in cases {
            let expectedData = try Data(contentsOf: Self.suite.appendingPathComponent(String(path.dropLast(5)) + ".json"))
            let expected = Tagged(json: try JSONSerialization.jsonObject(with: expectedData, options: [.fragmentsAllowed]))
            do {
                let parsed = Tagged(.table(try TOMLParser.parse(bytes: try Self.bytes(path))))
                if parsed != expected { failures.append("\(path): got \(parsed), expected \(expected)") }
            } catch {
                failures.append("\(path): refused: \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) valid cases failed:\n\(failures.joined(separator: "\n"))")
    }

    @Test func everyInvalidCaseIsRefusedWithALineAndAColumn() throws {
        let cases = try Self.cases("invalid")
        #expect(cases.count == 499)
        var failures: [String] = []
        for path in cases {
            let bytes = try Self.bytes(path)
            do {
                let table = try TOMLParser.parse(bytes: bytes)
                failures.append("\(path): accepted as \(Tagged(.table(table)))")
            } catch {
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
                if !(1...lines).contains(error.line) || error.column < 1 || error.reason.isEmpty {
                    failures.append("\(path): refused at \(error.line):\(error.column) (\(lines) lines): \(error.reason)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) invalid cases failed:\n\(failures.joined(separator: "\n"))")
    }

    @Test func theDocumentsThatAbortedTomlPlusPlusAreRefused() throws {
        for path in [
            "invalid/key/single-open-bracket.toml", "invalid/table/dot.toml", "invalid/table/dotdot.toml",
            "invalid/table/no-close-04.toml", "invalid/table/bare-invalid-character-01.toml",
        ] {
            #expect(throws: TOMLError.self, "\(path)") { try TOMLParser.parse(bytes: try Self.bytes(path)) }
        }
    }
}

/// A TOML value in toml-test's tagged form, compared the way toml-test compares: floats by value (NaN equal to NaN),
/// date-times by their RFC 3339 text with `T`, `Z` and the fraction normalised.
indirect enum Tagged: Equatable, CustomStringConvertible {
    case scalar(type: String, value: String)
    case float(Double)
    case array([Tagged])
    case table([String: Tagged])

    init(_ value: TOMLValue) {
        switch value {
        case .string(let string): self = .scalar(type: "string", value: string)
        case .integer(let int): self = .scalar(type: "integer", value: String(int))
        case .float(let double): self = .float(double)
        case .boolean(let bool): self = .scalar(type: "bool", value: String(bool))
        case .dateTime(let dateTime):
            let type = switch dateTime.kind {
            case .offsetDateTime: "datetime"
            case .localDateTime: "datetime-local"
            case .localDate: "date-local"
            case .localTime: "time-local"
            }
            self = .scalar(type: type, value: Self.normalisedTime(dateTime.text))
        case .array(let array): self = .array(array.elements.map(Tagged.init))
        case .table(let table):
            self = .table(Dictionary(uniqueKeysWithValues: table.keys.map { ($0, Tagged(table[$0]!)) }))
        }
    }

    init(json: Any) {
        switch json {
        case let object as [String: Any]:
            if object.count == 2, let type = object["type"] as? String, let value = object["value"] as? String {
                switch type {
                case "float":
                    let special = ["nan": Double.nan, "+nan": .nan, "-nan": .nan, "inf": .infinity, "+inf": .infinity, "-inf": -.infinity]
                    self = .float(special[value] ?? Double(value) ?? .nan)
                case "integer":
                    self = .scalar(type: type, value: Int64(value).map(String.init) ?? value)
                case "datetime", "datetime-local", "date-local", "time-local":
                    self = .scalar(type: type, value: Self.normalisedTime(value))
                default:
                    self = .scalar(type: type, value: value)
                }
            } else {
                self = .table(object.mapValues(Tagged.init(json:)))
            }
        case let array as [Any]:
            self = .array(array.map(Tagged.init(json:)))
        default:
            self = .scalar(type: "unexpected", value: "\(json)")
        }
    }

    static func normalisedTime(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "t", with: "T").replacingOccurrences(of: "z", with: "Z")
        if text.count > 10, text[text.index(text.startIndex, offsetBy: 10)] == " " {
            text.replaceSubrange(text.index(text.startIndex, offsetBy: 10)...text.index(text.startIndex, offsetBy: 10), with: "T")
        }
        // A fraction's trailing zeros carry no value: 10:32:00.500 is 10:32:00.5.
        if let dot = text.firstIndex(of: ".") {
            var end = text.index(after: dot)
            while end < text.endIndex, text[end].isNumber { end = text.index(after: end) }
            var digits = String(text[text.index(after: dot)..<end])
            while digits.hasSuffix("0") { digits.removeLast() }
            text.replaceSubrange(dot..<end, with: digits.isEmpty ? "" : "." + digits)
        }
        return text
    }

    static func == (lhs: Tagged, rhs: Tagged) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a, let b), .scalar(let c, let d)): return a == c && b == d
        case (.float(let a), .float(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.array(let a), .array(let b)): return a == b
        case (.table(let a), .table(let b)): return a == b
        default: return false
        }
    }

    var description: String {
        switch self {
        case .scalar(let type, let value): return "\(type):\(value.debugDescription)"
        case .float(let double): return "float:\(double)"
        case .array(let array): return "[\(array.map(\.description).joined(separator: ", "))]"
        case .table(let table):
            return "{\(table.keys.sorted().map { "\($0.debugDescription): \(table[$0]!)" }.joined(separator: ", "))}"
        }
    }
}
