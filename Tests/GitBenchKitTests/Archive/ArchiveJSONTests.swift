import Foundation
import Testing
@testable import GitBenchKit

/// Manifests are written exactly as the seed's Python writes them (`json.dumps(value, indent=2, sort_keys=True)`),
/// checked against a real python3.
@Suite struct ArchiveJSONTests {
    static let python: String? = {
        guard let result = try? runProcess("/usr/bin/env", ["python3", "-c", "print(1)"]), result.status == 0 else { return nil }
        return "python3"
    }()

    /// What python3 writes for the JSON `text` (parsed by Python, dumped with the seed's arguments).
    static func pythonDump(_ text: String) throws -> String {
        let result = try runProcess("/usr/bin/env", ["python3", "-c", "import json,sys; sys.stdout.write(json.dumps(json.loads(sys.stdin.read()), indent=2, sort_keys=True))"], stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    static let floats: [Double] = [0.84, 1.0, 0, -0.0, 0.1, 1e-4, 1e-5, 1.5e-7, 123456.789, 1e15, 1e16, 1.2345e16, 9007199254740993,
                                   0.30000000000000004, 5e-324, 1.7976931348623157e308, 2.5, -3.75e-10, 100, 1e22, 0.8375]

    @Test(.enabled(if: python != nil, "needs python3")) func everyValueKindMatchesPythonsJsonDumpsByteForByte() throws {
        let value = ArchiveJSON.object([
            "runs": .array([
                .object(["overall": .float(0.84), "n_questions": .int(200), "judge": .null, "ok": .bool(true), "categories": .object([:])]),
                .array([]),
                .object(["Zed": .int(-7), "a10": .string("quote \" backslash \\ slash / tab \t nl \n ctl \u{1} del \u{7f}"),
                         "a9": .string("é ☃ 😀 \u{2028}"), "é": .bool(false), "😀": .null, "\u{FF5E}": .int(1)]),
            ]),
            "floats": .array(Self.floats.map(ArchiveJSON.float)),
            "date": .string("2026-05-08"),
        ])
        let ours = try value.pythonText()
        #expect(ours == (try Self.pythonDump(ours)))
        #expect(try ArchiveJSON.parse(Data(ours.utf8)) == value)
    }

    @Test(.enabled(if: python != nil, "needs python3")) func floatsAreWrittenAsPythonsReprWritesThem() throws {
        var random = SystemRandomNumberGenerator()
        var numbers = Self.floats
        for _ in 0..<300 {
            numbers.append(Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF))
            numbers.append(Double.random(in: -1...1, using: &random) * pow(10, Double(Int.random(in: -25...25, using: &random))))
        }
        let ours = try ArchiveJSON.array(numbers.map(ArchiveJSON.float)).pythonText()
        #expect(ours == (try Self.pythonDump(ours)))
    }

    @Test func nonFiniteNumbersAreRefusedWithTheirPlace() {
        #expect(throws: ArchiveError.unencodable(at: "$.runs[1].overall", reason: "nan has no JSON form")) {
            try ArchiveJSON.object(["runs": .array([.null, .object(["overall": .float(.nan)])])]).pythonText()
        }
    }
}

/// The reader keeps integers and floats apart, as Python's `json.loads` does, and refuses what is not JSON.
@Suite struct ArchiveJSONParsingTests {
    @Test func integersStayIntegersAndFloatsStayFloats() throws {
        #expect(try ArchiveJSON.parse(Data("[1, 1.0, -0, 1e2, 12345678901234567890, 0.84]".utf8))
            == .array([.int(1), .float(1), .int(0), .float(100), .float(12345678901234567890), .float(0.84)]))
        #expect(try ArchiveJSON.parse(Data("[1.0, 200]".utf8)).pythonText() == "[\n  1.0,\n  200\n]")
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        #expect(try ArchiveJSON.parse(Data(#" {"a\/b": "\"\\\b\f\n\r\t\u00e9\ud83d\ude00\u2028 é"} "#.utf8))
            == .object(["a/b": .string("\"\\\u{8}\u{c}\n\r\té😀\u{2028} é")]))
    }

    @Test(arguments: ["", "{", "[1,]", "01", "1.", "-", "\"\u{1}\"", "[1] x", "{\"a\" 1}", "nul", "1e", "\"\\x\"", "1e999"])
    func whatIsNotJSONIsRefused(text: String) {
        #expect(throws: ArchiveJSONError.self) { try ArchiveJSON.parse(Data(text.utf8)) }
    }
}
