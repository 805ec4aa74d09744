import Foundation
import Testing
@testable import GitBenchKit

/// The direct writer and parser must give exactly what Foundation's `JSONEncoder`/`JSONDecoder` give: every stored
/// row's hash was computed from the encoder's bytes, so one differing byte would make `verify` call an honest store
/// tampered. Thousands of random values, with the awkward cases (key order by bytes, escapes, exponents, -0,
/// non-ASCII, repeated keys) forced in.
@Suite struct CanonicalJSONTests {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Random values drawn from the awkward corners.
    struct Values {
        var random: SplitMix64

        mutating func pick<T>(_ choices: [T]) -> T { choices[Int(random.next() % UInt64(choices.count))] }

        mutating func string() -> String {
            let pieces = ["a", "B", "_", "a10", "a9", "/", "\"", "\\", "\n", "\t", "\u{1}", "\u{1f}", "\u{7f}", "é", "😀", "\u{2028}", " ",
                          "{", "}", ":", ",", "0", "true", "\u{8}", "\u{c}", "\r", "Z", "~"]
            return (0..<Int(random.next() % 6)).map { _ in pick(pieces) }.joined()
        }

        mutating func number() -> Double {
            switch random.next() % 8 {
            case 0: return pick([0, -0.0, 1, -1, 0.1, 1e-5, 1e21, 1e16, 5e-324, 1.7976931348623157e308, 0.30000000000000004, 100, 1e15, 2.5e-7])
            case 1: return Double(Int64(bitPattern: random.next()) >> Int64(random.next() % 60))
            case 2: return Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (random.next() % 2 == 0 ? 1 : -1)
            default: return (random.nextUniform() - 0.5) * pow(10, Double(Int(random.next() % 40) - 20))
            }
        }

        mutating func value(depth: Int = 0) -> JSONValue {
            switch random.next() % (depth > 3 ? 4 : 6) {
            case 0: return .null
            case 1: return .bool(random.next() % 2 == 0)
            case 2: return .number(number())
            case 3: return .string(string())
            case 4: return .array((0..<Int(random.next() % 4)).map { _ in value(depth: depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<Int(random.next() % 5) { members[string()] = value(depth: depth + 1) }
                return .object(members)
            }
        }

        /// Whether an optional field is present (two times in three).
        mutating func present() -> Bool { random.next() % 3 != 0 }

        mutating func record() -> RunRecord {
            RunRecord(
                id: Int64(random.next() % 1_000_000), project: string(), benchmark: string(), gitSHA: string(), isDirty: random.next() % 2 == 0,
                diffPath: present() ? string() : nil, diffSHA256: present() ? string() : nil, timestamp: string(), harnessVersion: string(), host: string(),
                seed: Int64(bitPattern: random.next()), metaSeed: present() ? Int64(bitPattern: random.next()) : nil, runSetID: string(),
                role: random.next() % 2 == 0 ? .baseline : .candidate, repetitionIndex: Int(random.next() % 100), repetitionTotal: Int(random.next() % 100),
                status: pick([.ok, .error, .interrupted]), metric: present() ? number() : nil,
                metricComponents: present() ? JSONText(value()) : nil, metadata: present() ? JSONText(value()) : nil, wallClockSeconds: number(),
                message: present() ? string() : nil, exitCode: present() ? Int(Int32(truncatingIfNeeded: random.next())) : nil, stderrLogPath: present() ? string() : nil,
                artifactHash: present() ? string() : nil, artifactSize: present() ? Int64(random.next() % 1_000_000) : nil, manifestHash: string(),
                workingTreeHash: present() ? string() : nil, prevHash: string(), rowHash: "")
        }
    }

    @Test func writerGivesTheEncodersBytesForEveryValue() throws {
        var values = Values(random: SplitMix64(seed: 11))
        for _ in 0..<3_000 {
            let value = values.value()
            let expected = String(decoding: try Self.encoder.encode(value), as: UTF8.self)
            #expect(CanonicalJSON.string(value) == expected)
        }
    }

    @Test func rowBytesAreTheEncodersBytesForEveryRecord() throws {
        var values = Values(random: SplitMix64(seed: 12))
        for _ in 0..<2_000 {
            let record = values.record()
            let expected = try Self.encoder.encode(record)
            let written = try #require(HashChain.canonicalBytes(of: record))
            #expect(Data(written) == expected, "\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test func aPreparedRowChainedLaterHashesAsTheWholeRowDoes() throws {
        var values = Values(random: SplitMix64(seed: 15))
        for _ in 0..<2_000 {
            let record = values.record()
            let chained = try PreparedRun(record: record).chained(id: record.id, after: record.prevHash)
            #expect(chained.id == record.id && chained.prevHash == record.prevHash)
            #expect(chained.rowHash == (try HashChain.hash(of: record)))
        }
    }

    @Test func aNumberWithoutJSONFormFallsBackToTheEncoderWhichRefusesIt() throws {
        var values = Values(random: SplitMix64(seed: 13))
        var record = values.record()
        record.wallClockSeconds = .infinity
        #expect(HashChain.canonicalBytes(of: record) == nil)
        #expect(throws: EncodingError.self) { try HashChain.hash(of: record) }
        #expect(throws: EncodingError.self) { try PreparedRun(record: record).chained(id: 1, after: HashChain.genesis) }
        #expect(CanonicalJSON.string(.number(.nan)) == "null")
    }

    @Test func parserGivesTheDecodersValueForEveryText() throws {
        var values = Values(random: SplitMix64(seed: 14))
        let spaces = ["", " ", "\n", "\t ", "\r\n"]
        for _ in 0..<3_000 {
            let value = values.value()
            var text = CanonicalJSON.string(value)
            // Whitespace between tokens, as Python's json.dumps writes it.
            if values.random.next() % 2 == 0 {
                text = text.replacingOccurrences(of: "\",\"", with: "\",\(values.pick(spaces))\"")
                text = values.pick(spaces) + text + values.pick(spaces)
            }
            let decoded = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            let parsed = try? JSONValue.parse(text)
            #expect(parsed == decoded, "\(text)")
            if let parsed, let decoded { #expect(CanonicalJSON.string(parsed) == CanonicalJSON.string(decoded)) }
        }
    }

    @Test func parserAgreesWithTheDecoderOnTheCornersItLeavesToIt() {
        let texts = [
            #"{"a":1,"a":2}"#, #"{"k":"\u00e9\ud83d\ude00"}"#, #"[1e400]"#, #"[-0]"#, #"01"#, #"[1.]"#, #"[.5]"#, #"[1e]"#, #"{"a" 1}"#,
            #"[1,]"#, #"{"a":1,}"#, "[\"tab\there\"]", #"["é"]"#, #"tru"#, #"nul"#, "", "  ", #"{"#, #"["unterminated]"#, #"[0,1]"#,
            #"[true,false,null]"#, #"12345678901234567890123"#, #"[2.5E-3,1E+2]"#, #""\/\b\f\n\r\t\"\\""#,
            String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ]
        for text in texts {
            let decoded = Result { try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
            let parsed = Result { try JSONValue.parse(text) }
            switch (decoded, parsed) {
            case (.success(let a), .success(let b)): #expect(a == b && CanonicalJSON.string(a) == CanonicalJSON.string(b), "\(text)")
            case (.failure, .failure): break
            default: Issue.record("\(text): decoder \(decoded), parser \(parsed)")
            }
        }
    }
}
