import Testing
@testable import GitBenchKit

/// "Did you mean …?" suggestions: near names are found, unrelated words get none, and the answer is the same in any order.
@Suite struct SuggestionTests {
    static let commands = ["register", "unregister", "projects", "list", "run", "baseline", "evaluate", "ab", "calibrate", "check",
                           "notes", "config", "promote", "freeze-reference", "replace-reference", "import", "hooks", "hook", "history",
                           "verify", "validate", "resume", "status", "logs", "cancel"]

    @Test func aTypoOfOneEditSuggestsTheName() {
        #expect(Suggestion.nearest(to: "evluate", among: Self.commands) == "evaluate")
        #expect(Suggestion.nearest(to: "stauts", among: Self.commands) == "status")
        #expect(Suggestion.nearest(to: "promtoe", among: Self.commands) == "promote")
        #expect(Suggestion.nearest(to: "count_sped", among: ["count_speed", "count_quality"]) == "count_speed")
        #expect(Suggestion.nearest(to: "repititions", among: ["repetitions", "baseline_seeds", "entry_point"]) == "repetitions")
    }

    @Test func caseIsIgnoredAndAPrefixCounts() {
        #expect(Suggestion.nearest(to: "EVALUATE", among: Self.commands) == "evaluate")
        #expect(Suggestion.nearest(to: "hist", among: Self.commands) == "history")
        // The shortest completion wins: `log` is nearer `logs` than any longer name starting with it.
        #expect(Suggestion.nearest(to: "log", among: ["logs", "logs-archive"]) == "logs")
    }

    @Test func unrelatedWordsGetNoSuggestion() {
        for word in ["nosuch", "foo", "xyzzy", "benchmark", "", "zz"] {
            #expect(Suggestion.nearest(to: word, among: Self.commands) == nil, "\(word)")
        }
        #expect(Suggestion.nearest(to: "evluate", among: [String]()) == nil)
        #expect(Suggestion.nearest(to: "quality", among: ["speed", "memory"]) == nil)
    }

    @Test func tiesGoToTheNameThatSortsFirstWhateverTheOrder() {
        // "bat" is one substitution from both.
        let names = ["cat", "bar"]
        #expect(Suggestion.nearest(to: "bat", among: names) == "bar")
        #expect(Suggestion.nearest(to: "bat", among: names.reversed()) == "bar")
        #expect(Suggestion.nearest(to: "bat", among: Set(names)) == "bar")
        // A smaller distance beats sorting first.
        #expect(Suggestion.nearest(to: "abcdef", among: ["abcdxy", "zbcdef"]) == "zbcdef")
    }

    @Test func theDistanceCountsASwapOfNeighboursAsOneEdit() {
        #expect(Suggestion.editDistance(Array("ab"), Array("ba"), atMost: 3) == 1)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting"), atMost: 3) == 3)
        #expect(Suggestion.editDistance(Array("kitten"), Array("sitting"), atMost: 2) == nil)
        #expect(Suggestion.editDistance(Array(""), Array("abc"), atMost: 3) == 3)
        #expect(Suggestion.editDistance(Array("ca"), Array("abc"), atMost: 3) == 3)
    }
}
