import Testing
@testable import GitBenchKit

/// Verdict words in colour on a terminal: whole words only, everything else untouched.
@Suite struct VerdictColorsTests {
    static let (green, red, yellow, reset) = ("\u{1B}[1;32m", "\u{1B}[1;31m", "\u{1B}[1;33m", "\u{1B}[0m")

    @Test func eachVerdictWordGetsItsColour() {
        #expect(VerdictColors.apply(to: "Sample/speed: PROMOTE sigma z=15.80\nSample/quality: REJECT sigma z=1.00\n")
                == "Sample/speed: \(Self.green)PROMOTE\(Self.reset) sigma z=15.80\nSample/quality: \(Self.red)REJECT\(Self.reset) sigma z=1.00\n")
        #expect(VerdictColors.apply(to: "PASS FAIL NEEDS_MORE_DATA NO_BASELINE NO_REFERENCE STALE")
                == "\(Self.green)PASS\(Self.reset) \(Self.red)FAIL\(Self.reset) \(Self.yellow)NEEDS_MORE_DATA\(Self.reset) "
                + "\(Self.yellow)NO_BASELINE\(Self.reset) \(Self.yellow)NO_REFERENCE\(Self.reset) \(Self.yellow)STALE\(Self.reset)")
        #expect(VerdictColors.apply(to: "PASS at 678399613b (PROMOTE, from the note)")
                == "\(Self.green)PASS\(Self.reset) at 678399613b (\(Self.green)PROMOTE\(Self.reset), from the note)")
    }

    @Test func onlyWholeWordsAreColoured() {
        for text in ["FAILED", "PASSES", "xPASS", "PASS_2", "NO_BASELINES", "bypass", "promote", "2PASS", "STALE9", ""] {
            #expect(VerdictColors.apply(to: text) == text)
        }
    }
}
