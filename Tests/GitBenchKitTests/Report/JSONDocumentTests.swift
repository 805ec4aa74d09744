import Foundation
import Testing
@testable import GitBenchKit

/// The one JSON form of `--json`.
@Suite struct JSONDocumentTests {
    @Test func documentsArePrettySortedUnescapedAndEndInANewline() throws {
        #expect(try JSONDocument.render(["zip_path": "/srv/a.zip", "jobs": "1"]) == """
            {
              "jobs" : "1",
              "zip_path" : "/srv/a.zip"
            }

            """)
    }

    private struct Row: Encodable {
        var metaSeed: Int64?
        var metadata: JSONText
        enum CodingKeys: String, CodingKey {
            case metaSeed = "meta_seed"
            case metadata
        }
    }

    @Test func runnerMetadataPrintsAsAnObjectNotAStringOfJSON() throws {
        let metadata = JSONText(.object(["cc": .string("gcc"), "flags": .array([.string("-O2")])]))
        #expect(try JSONDocument.render(Row(metaSeed: 7, metadata: metadata)) == """
            {
              "meta_seed" : 7,
              "metadata" : {
                "cc" : "gcc",
                "flags" : [
                  "-O2"
                ]
              }
            }

            """)
        // The stored and hashed form stays the canonical text.
        #expect(String(decoding: try CanonicalJSON.data(Row(metaSeed: nil, metadata: metadata)), as: UTF8.self)
            == #"{"metadata":"{\"cc\":\"gcc\",\"flags\":[\"-O2\"]}"}"#)
    }

    @Test func aMetaSeedBeyondTwoToThe53IsAlsoSpelledOutSoJavaScriptCannotRoundIt() throws {
        let metadata = JSONText(.string(#""meta_seed" : 9007199254740993"#))
        let rendered = try JSONDocument.render([Row(metaSeed: 6_874_586_267_863_873_443, metadata: metadata),
                                                Row(metaSeed: 9_007_199_254_740_992, metadata: metadata)])
        #expect(rendered.contains("""
                "meta_seed" : 6874586267863873443,
                "meta_seed_string" : "6874586267863873443",
                "metadata" :
            """))
        #expect(rendered.contains(#""meta_seed" : 9007199254740992,"#))
        #expect(!rendered.contains("9007199254740992\""))
        #expect(rendered.contains(#""metadata" : "\"meta_seed\" : 9007199254740993""#))
        let parsed = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["meta_seed_string"] as? String == "6874586267863873443")
        // A last key gets its companion too, still valid JSON.
        let last = try JSONDocument.render(["meta_seed": Int64.max])
        #expect(last == "{\n  \"meta_seed\" : 9223372036854775807,\n  \"meta_seed_string\" : \"9223372036854775807\"\n}\n")
    }

    @Test func freshMetaSeedsAreDrawnBelowTwoToThe53() {
        for _ in 0..<2_000 {
            #expect(SeedPlan.randomMetaSeed() < 1 << 53)
        }
    }
}
