import Testing
@testable import GitBenchKit

/// What `freeze-reference` and `replace-reference` print.
@Suite struct ReferenceEventLineTests {
    @Test func theLineSaysFrozenOrReplacedWithTheFullDigestSizeAndRun() {
        #expect(ReferenceEventLine.render(ReportFixture.reference(.freeze)) + ReferenceEventLine.render(ReportFixture.reference(.replace, reason: "v2")) == """
            reference frozen: Sample/exact = sha256:ad7c2832fa171a19b8482a27e75538a5dc265832011c38666d232b918a8f3972 (10 bytes, from run 30)
            reference replaced: Sample/exact = sha256:ad7c2832fa171a19b8482a27e75538a5dc265832011c38666d232b918a8f3972 (10 bytes, from run 30)

            """)
    }
}
