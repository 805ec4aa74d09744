/// What `git bench ab` prints: for each pair, which run sets hold each side, then the verdict block.
///
///     Sample/quality: A=1bf07e1945 bench_1a2b3c4d_20260301_120000  B=9c3e0a7d21 bench_5e6f7a8b_20260301_120000  10 a side
///     Sample/quality: PROMOTE interleaved z=3.41 thr=2.00 minimize baseline=1bf07e1945 n=10/10 mean 1.0112->0.9121 (-9.80%)
///       change: 95% CI [-12.10%, -7.42%] (sign-flip)
///       reason: interleaved t +3.410 over 5 A B B A blocks: one-sided p 0.03125 > …
public enum ABView {
    public static func render(_ pairs: [ABPair]) -> String {
        pairs.map { pair in
            "\(pair.verdict.project)/\(pair.verdict.benchmark): A=\(pair.base.commit.short) \(pair.base.id)  "
                + "B=\(pair.head.commit.short) \(pair.head.id)  \(pair.head.records.count) a side\n" + VerdictBlock.render(pair.verdict)
        }.joined()
    }
}
