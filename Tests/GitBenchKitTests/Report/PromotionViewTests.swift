import Testing
@testable import GitBenchKit

/// What `promote` prints.
@Suite struct PromotionViewTests {
    @Test func theVerdictThenWhereThePointerMoved() {
        let view = PromotionView(verdict: ReportFixture.reject(), event: ReportFixture.pointer(.promote, commit: ReportFixture.head, metaSeed: 5))
        #expect(view.text == """
            Sample/quality: REJECT sigma z=1.42 thr=2.00 minimize baseline=fb7abc811a n=8/12 mean 1.0136->0.9956 (-1.77%)
              change: 95% CI [-4.41%, +0.87%] (welch-t)
              reason: sigma +1.417 < threshold 2.000 (direction=minimize)
            baseline promoted: Sample/quality -> 5a3e7109db  (baseline meta_seed=5)

            """)
    }
}
