import Foundation
import Testing
@testable import GitBenchKit

/// The runner's `result.json` is decoded strictly: what is accepted is kept as written, and what is refused is named
/// with the exact message stored on the error row.
@Suite struct ProjectResultTests {
    private func decode(_ text: String) throws(ProtocolError) -> ProjectResult {
        try ProjectResult.decode(Data(text.utf8))
    }

    /// The error `text` is refused with, or nil when it is accepted.
    private func refusal(_ text: String) -> ProtocolError? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Accepted

    @Test func okWithAMetricIsAccepted() throws {
        #expect(try decode(#"{"status":"ok","metric":1.04}"#) == ProjectResult(status: .ok, metric: 1.04))
    }

    @Test func anIntegerMetricIsANumberNotABoolean() throws {
        #expect(try decode(#"{"status":"ok","metric":1}"#).metric == 1.0)
        #expect(try decode(#"{"status":"ok","metric":0}"#).metric == 0.0)
        #expect(try decode(#"{"status":"ok","metric":-2.5e-3}"#).metric == -0.0025)
    }

    @Test func everyDocumentedFieldIsKept() throws {
        let result = try decode("""
            {"status": "ok", "metric": 1.04, "metric_components": {"solve": 0.9, "parse": [1, 2], "note": "x", "ok": true, "none": null},
             "wall_clock_seconds": 1.2, "metadata": {"solver": "cdcl", "threads": 4}, "message": "warm cache"}
            """)
        #expect(result == ProjectResult(
            status: .ok, metric: 1.04,
            metricComponents: .object(["solve": .number(0.9), "parse": .array([.number(1), .number(2)]), "note": .string("x"),
                                       "ok": .bool(true), "none": .null]),
            wallClockSeconds: 1.2,
            metadata: .object(["solver": .string("cdcl"), "threads": .number(4)]),
            message: "warm cache"))
    }

    @Test func metadataMayBeAnyJSONValue() throws {
        #expect(try decode(#"{"status":"ok","metric":1,"metadata":[1,"two"]}"#).metadata == .array([.number(1), .string("two")]))
        #expect(try decode(#"{"status":"ok","metric":1,"metadata":"free text"}"#).metadata == .string("free text"))
    }

    @Test func nullOptionalFieldsReadAsAbsent() throws {
        let result = try decode(#"{"status":"ok","metric":2,"metric_components":null,"metadata":null,"message":null,"wall_clock_seconds":null}"#)
        #expect(result == ProjectResult(status: .ok, metric: 2))
    }

    @Test func unknownKeysAreIgnored() throws {
        #expect(try decode(#"{"status":"ok","metric":3,"extra":{"anything":[]}}"#) == ProjectResult(status: .ok, metric: 3))
    }

    @Test func anErrorKeepsItsMessageAsWritten() throws {
        #expect(try decode(#"{"status":"error","message":"  corpus shard 3 unreadable\n"}"#)
                == ProjectResult(status: .error, message: "  corpus shard 3 unreadable\n"))
    }

    @Test func anErrorNeedsNoMetric() throws {
        #expect(try decode(#"{"status":"error","message":"boom","metric":null}"#).metric == nil)
    }

    @Test func zeroWallClockIsAccepted() throws {
        #expect(try decode(#"{"status":"ok","metric":1,"wall_clock_seconds":0}"#).wallClockSeconds == 0)
    }

    // MARK: Refused

    @Test func okWithoutAMetricIsRefused() {
        #expect(refusal(#"{"status":"ok"}"#) == .badField("metric", "is required when status is \"ok\""))
        #expect(refusal(#"{"status":"ok","metric":null}"#) == .badField("metric", "is required when status is \"ok\""))
        #expect(ProtocolError.badField("metric", "is required when status is \"ok\"").description
                == #"result.json: "metric" is required when status is "ok""#)
    }

    @Test func aMetricWrittenAsAStringIsRefused() {
        let error = refusal(#"{"status":"ok","metric":"1.5"}"#)
        #expect(error == .badField("metric", "must be a finite number (got string)"))
        #expect(error?.description == #"result.json: "metric" must be a finite number (got string)"#)
    }

    @Test func aMetricOfAnyOtherTypeIsRefusedNamingItsType() {
        #expect(refusal(#"{"status":"ok","metric":true}"#) == .badField("metric", "must be a finite number (got boolean)"))
        #expect(refusal(#"{"status":"ok","metric":[1]}"#) == .badField("metric", "must be a finite number (got array)"))
        #expect(refusal(#"{"status":"ok","metric":{"v":1}}"#) == .badField("metric", "must be a finite number (got object)"))
    }

    @Test func nanAndInfinityAreNotJSON() {
        #expect(refusal(#"{"status":"ok","metric":NaN}"#) == .invalid(offset: 24, reason: "unexpected character"))
        #expect(refusal(#"{"status":"ok","metric":Infinity}"#) == .invalid(offset: 24, reason: "unexpected character"))
        #expect(refusal(#"{"status":"ok","metric":-Infinity}"#) == .invalid(offset: 25, reason: "invalid number"))
        #expect(ProtocolError.invalid(offset: 24, reason: "unexpected character").description
                == "result.json is not valid JSON at byte 24: unexpected character")
    }

    @Test func aMetricTooLargeForADoubleIsRefusedAtItsByte() {
        #expect(refusal(#"{"status":"ok","metric":1e999}"#) == .invalid(offset: 24, reason: "number out of range"))
        #expect(refusal(#"{"status":"ok","metric":1,"metadata":[-1e400]}"#) == .invalid(offset: 38, reason: "number out of range"))
    }

    @Test func bytesThatAreNotUTF8AreRefusedAtTheFirstBadByte() throws {
        let bytes = Array(#"{"status":"ok","metric":1,"message":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        #expect(throws: ProtocolError.invalid(offset: 37, reason: "invalid UTF-8")) { try ProjectResult.decode(Data(bytes)) }
        #expect(throws: ProtocolError.invalid(offset: 0, reason: "invalid UTF-8")) { try ProjectResult.decode(Data([0xFF])) }
    }

    @Test func somethingThatIsNotJSONIsRefused() {
        #expect(refusal("this is not json") == .invalid(offset: 0, reason: "unexpected character"))
        #expect(refusal("") == .invalid(offset: 0, reason: "unexpected end of input"))
        #expect(refusal(#"{"status":"ok","metric":1"#) == .invalid(offset: 25, reason: "expected ',' or '}'"))
    }

    @Test func aTopLevelValueOtherThanAnObjectIsRefusedNamingItsType() {
        #expect(refusal("[1, 2, 3]") == .notAnObject(found: "array"))
        #expect(refusal(#""ok""#) == .notAnObject(found: "string"))
        #expect(refusal("1.5") == .notAnObject(found: "number"))
        #expect(refusal("true") == .notAnObject(found: "boolean"))
        #expect(refusal("null") == .notAnObject(found: "null"))
        #expect(ProtocolError.notAnObject(found: "array").description == "result.json must be a JSON object (got array)")
    }

    @Test func aMissingStatusIsRefused() {
        #expect(refusal(#"{"metric":1}"#) == .badField("status", "is missing"))
        #expect(refusal(#"{"status":null,"metric":1}"#) == .badField("status", "must be a string (got null)"))
    }

    @Test func anUnknownStatusIsRefused() {
        let error = refusal(#"{"status":"OK","metric":1}"#)
        #expect(error == .badField("status", #"must be "ok" or "error" (got "OK")"#))
        #expect(error?.description == #"result.json: "status" must be "ok" or "error" (got "OK")"#)
        #expect(refusal(#"{"status":"skipped"}"#) == .badField("status", #"must be "ok" or "error" (got "skipped")"#))
    }

    @Test func aStatusThatIsNotAStringIsRefused() {
        #expect(refusal(#"{"status":1,"metric":1}"#) == .badField("status", "must be a string (got number)"))
        #expect(refusal(#"{"status":true,"metric":1}"#) == .badField("status", "must be a string (got boolean)"))
    }

    @Test func anErrorWithoutAMessageIsRefused() {
        let expected = ProtocolError.badField("message", "is required when status is \"error\"")
        #expect(refusal(#"{"status":"error"}"#) == expected)
        #expect(refusal(#"{"status":"error","message":null}"#) == expected)
        #expect(refusal(#"{"status":"error","message":""}"#) == expected)
        #expect(refusal(#"{"status":"error","message":" \n\t "}"#) == expected)
    }

    @Test func aMessageThatIsNotAStringIsRefused() {
        #expect(refusal(#"{"status":"error","message":42}"#) == .badField("message", "must be a string (got number)"))
        #expect(refusal(#"{"status":"ok","metric":1,"message":["a"]}"#) == .badField("message", "must be a string (got array)"))
    }

    @Test func metricComponentsMustBeAnObject() {
        #expect(refusal(#"{"status":"ok","metric":1,"metric_components":[1,2]}"#) == .badField("metric_components", "must be an object"))
        #expect(refusal(#"{"status":"ok","metric":1,"metric_components":0.5}"#) == .badField("metric_components", "must be an object"))
    }

    @Test func aNegativeOrNonNumericWallClockIsRefused() {
        #expect(refusal(#"{"status":"ok","metric":1,"wall_clock_seconds":-0.5}"#)
                == .badField("wall_clock_seconds", "must be a non-negative number (got number)"))
        #expect(refusal(#"{"status":"ok","metric":1,"wall_clock_seconds":"1.2"}"#)
                == .badField("wall_clock_seconds", "must be a non-negative number (got string)"))
    }

    @Test func theFirstProblemInFieldOrderIsTheOneNamed() {
        // status, then metric, then message, then wall_clock_seconds, then metric_components, then the status rules.
        #expect(refusal(#"{"status":"maybe","metric":"x","message":1}"#) == .badField("status", #"must be "ok" or "error" (got "maybe")"#))
        #expect(refusal(#"{"status":"ok","metric":"x","message":1}"#) == .badField("metric", "must be a finite number (got string)"))
        #expect(refusal(#"{"status":"ok","message":1,"wall_clock_seconds":-1}"#) == .badField("message", "must be a string (got number)"))
        #expect(refusal(#"{"status":"ok","wall_clock_seconds":-1,"metric_components":[]}"#)
                == .badField("wall_clock_seconds", "must be a non-negative number (got number)"))
        #expect(refusal(#"{"status":"ok","metric_components":[]}"#) == .badField("metric_components", "must be an object"))
    }
}
