import Testing
@testable import GitBenchKit

/// The verdict block `evaluate`, `promote` and `run --until-decided` print.
@Suite struct VerdictBlockTests {
    @Test func aJudgedVerdictShowsItsLineIntervalAndReason() {
        #expect(VerdictBlock.render(ReportFixture.reject()) == """
            Sample/quality: REJECT sigma z=1.42 thr=2.00 minimize baseline=fb7abc811a n=8/12 mean 1.0136->0.9956 (-1.77%)
              change: 95% CI [-4.41%, +0.87%] (welch-t)
              reason: sigma +1.417 < threshold 2.000 (direction=minimize)

            """)
    }

    @Test func anAdjustedVerdictAlsoShowsBothPValuesAndVerdictsFollowOneAnother() {
        #expect(VerdictBlock.render([ReportFixture.reject(adjustedPValue: 0.15640), ReportFixture.noBaseline]) == """
            Sample/quality: REJECT sigma z=1.42 thr=2.00 minimize baseline=fb7abc811a n=8/12 mean 1.0136->0.9956 (-1.77%)
              change: 95% CI [-4.41%, +0.87%] (welch-t)
              p=0.0782 adjusted (BH) p=0.1564
              reason: sigma +1.417 < threshold 2.000 (direction=minimize)
            Sample/speed: NO_BASELINE mann_whitney thr=2.00 minimize
              reason: no baseline set for Sample/speed

            """)
    }
}
