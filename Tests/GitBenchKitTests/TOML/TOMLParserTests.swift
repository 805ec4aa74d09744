import Foundation
import Testing

@testable import GitBenchKit

@Suite struct TOMLParserTests {
    @Test func keysKeepFileOrderAndTheLineThatDefinesThem() throws {
        let table = try TOMLParser.parse(
            """
            zeta = 1
            alpha.beta = "x"   # dotted

            [[list]]
            name = "a"
            [[list]]
            name = "b"
            seeds = [
              1,
              2,
            ]
            """)
        #expect(table.keys == ["zeta", "alpha", "list"])
        #expect(table.line(of: "alpha") == 2)
        #expect(table.line(at: [.key("list"), .index(1)]) == 6)
        #expect(table.line(at: [.key("list"), .index(1), .key("seeds"), .index(1)]) == 10)
        #expect(table.line(at: [.key("list"), .index(1), .key("missing")]) == 6)
        #expect(table["list"]?.array?[1].table?["name"] == .string("b"))
    }

    @Test func dottedKeysThousandsOfLevelsDeepAreRefusedAtTheCap() {
        for depth in [8_000, 10_000] {
            let key = (0..<depth).map { "k\($0)" }.joined(separator: ".")
            #expect(throws: TOMLError(line: 1, column: 1 + 3 * 10 + 4 * 54 + 1, reason: "keys are nested more than 64 levels deep")) {
                try TOMLParser.parse(" \(key) = 1")
            }
        }
        let header = "[" + Array(repeating: "a", count: 65).joined(separator: ".") + "]"
        #expect(throws: TOMLError.self) { try TOMLParser.parse(header) }
        #expect(throws: Never.self) { try TOMLParser.parse(Array(repeating: "a", count: 64).joined(separator: ".") + " = 1") }
    }

    @Test func deeplyNestedValuesAreRefusedWithoutTrapping() {
        for open in ["[", "{a="] {
            let document = "x = " + String(repeating: open, count: 100_000)
            #expect {
                try TOMLParser.parse(document)
            } throws: { error in
                (error as? TOMLError)?.reason.hasSuffix("nested more than 64 levels deep") == true
            }
        }
    }

    @Test func aNULEscapeIsKeptInTheStringNotCutThere() throws {
        let table = try TOMLParser.parse(#"name = "a\u0000b""#)
        #expect(table["name"] == .string("a\u{0}b"))
    }

    @Test func aNULByteIsRefusedWhereverItIs() {
        for document in ["a = \"x\0\"", "# \0", "a\0 = 1", "a = 1\0"] {
            #expect(throws: TOMLError.self, "\(document.debugDescription)") { try TOMLParser.parse(document) }
        }
    }

    @Test func invalidUTF8IsRefusedAtItsLineAndColumn() {
        #expect(throws: TOMLError(line: 2, column: 6, reason: "the file is not valid UTF-8")) {
            try TOMLParser.parse(bytes: Array("a = 1\nb = \"".utf8) + [0xC0, 0xAF, 0x22])
        }
    }

    @Test func messagesNameWhatWasFound() {
        #expect(throws: TOMLError(line: 1, column: 8, reason: "expected a value, found the bare word 'fast' (strings need quotes: \"fast\")")) {
            try TOMLParser.parse("tier = fast")
        }
        #expect(throws: TOMLError(line: 3, column: 2, reason: "table 'a' is defined twice")) {
            try TOMLParser.parse("[a]\nx = 1\n[a]")
        }
        #expect(throws: TOMLError(line: 1, column: 5, reason: "integer 9223372036854775808 does not fit in 64 bits")) {
            try TOMLParser.parse("n = 9223372036854775808")
        }
        #expect(throws: TOMLError(line: 1, column: 2, reason: "expected a key")) {
            try TOMLParser.parse("[\n")
        }
    }
}
