import Testing
@testable import GitBenchKit

/// Fresh seeds must match benchstone's bit for bit: CPython's `random.Random(meta_seed).randrange(0, 2**31)`.
/// Every expected value below was printed by CPython 3.11.7, e.g.
/// `python3 -c 'import random; r = random.Random(42); print([r.randrange(0, 2**31) for _ in range(1000)])'`.
@Suite struct SeedSequenceTests {
    @Test func metaSeed42DrawsCPythonSeeds() {
        #expect(SeedPlan.fresh(metaSeed: 42, count: 8).seeds
                == [478163327, 107420369, 1181241943, 1051802512, 958682846, 599310825, 440213415, 373399426])
    }

    @Test func metaSeedZeroDrawsCPythonSeeds() {
        // Zero is seeded as the key [0], not as an empty key.
        #expect(SeedPlan.fresh(metaSeed: 0, count: 8).seeds
                == [1654615998, 1806341205, 173879092, 1112038970, 2087043557, 1739178872, 1302718217, 2046968324])
    }

    @Test func metaSeedOneDrawsCPythonSeeds() {
        #expect(SeedPlan.fresh(metaSeed: 1, count: 8).seeds
                == [577090037, 271041745, 1095513148, 506456969, 2127877499, 1930549411, 2028277857, 1630434966])
    }

    @Test func metaSeedTwoToThe32UsesTwoKeyWords() {
        // 2**32 splits into the words [0, 1]; a key built from the low word alone would draw metaSeed 0's seeds.
        #expect(SeedPlan.fresh(metaSeed: 1 << 32, count: 8).seeds
                == [485306839, 1508871100, 1794561286, 71624475, 98019085, 1423829729, 1940533316, 60122280])
    }

    @Test func largestMetaSeedDrawsCPythonSeeds() {
        // 2**63 - 1: the largest meta seed `SeedPlan.randomMetaSeed()` can draw.
        #expect(SeedPlan.fresh(metaSeed: Int64.max, count: 8).seeds
                == [1359979423, 569878368, 2108559838, 1947612296, 469192892, 2047809456, 1183546344, 713180873])
    }

    @Test func largeMetaSeedDrawsCPythonSeeds() {
        #expect(SeedPlan.fresh(metaSeed: 123_456_789_012_345_678, count: 8).seeds
                == [1860431118, 874010741, 569706412, 588094708, 1548204882, 1891371584, 1555321328, 2098564624])
    }

    @Test func negativeMetaSeedDrawsTheSeedsOfItsMagnitudeAsCPythonDoes() {
        // CPython seeds with abs(n): Random(-42) and Random(42) draw the same numbers.
        #expect(SeedPlan.fresh(metaSeed: -42, count: 8).seeds == SeedPlan.fresh(metaSeed: 42, count: 8).seeds)
        // |Int64.min| = 2**63 does not fit Int64; CPython's Random(-2**63) still draws these.
        #expect(SeedPlan.fresh(metaSeed: Int64.min, count: 3).seeds == [1691753470, 899083848, 1039357674])
    }

    @Test func drawsPastSeveralTwistsStillMatchCPython() {
        // 1000 seeds take about 2000 32-bit draws (half are rejected as >= 2**31): three regenerations of the
        // 624-word state, so the twist and the rejection loop are both exercised.
        let seeds42 = SeedPlan.fresh(metaSeed: 42, count: 1000).seeds
        #expect(seeds42.count == 1000)
        #expect(Array(seeds42[310..<314]) == [171347175, 1536778950, 902271852, 1071722055])
        #expect(Array(seeds42[998..<1000]) == [524671997, 1952996248])
        let seedsMax = SeedPlan.fresh(metaSeed: Int64.max, count: 1000).seeds
        #expect(Array(seedsMax[310..<314]) == [879781245, 315329751, 516375420, 1220592713])
        #expect(Array(seedsMax[998..<1000]) == [2090460177, 2870171])
        let seedsMin = SeedPlan.fresh(metaSeed: Int64.min, count: 1000).seeds
        #expect(Array(seedsMin[310..<314]) == [336916308, 1143380418, 683000153, 1281902390])
        #expect(Array(seedsMin[998..<1000]) == [625532596, 296350400])
    }

    @Test func aShorterDrawIsAPrefixOfALongerOne() {
        // `resume` and `--until-decided` rely on this: the seed of repetition i does not depend on how many are drawn.
        let long = SeedPlan.fresh(metaSeed: 987_654_321, count: 50).seeds
        for count in [0, 1, 7, 49] {
            #expect(SeedPlan.fresh(metaSeed: 987_654_321, count: count).seeds == Array(long.prefix(count)))
        }
    }

    @Test func everyFreshSeedIsBelowTwoToThe31() {
        let seeds = SeedPlan.fresh(metaSeed: Int64.max, count: 5000).seeds
        #expect(seeds.allSatisfy { (0..<(1 << 31)).contains($0) })
    }

    @Test func aBaselinePlanUsesTheManifestSeedsAndHasNoMetaSeed() {
        let plan = SeedPlan.baseline([11, 12, 13])
        #expect(plan.seeds == [11, 12, 13])
        #expect(plan.metaSeed == nil)
        #expect(SeedPlan.fresh(metaSeed: 42, count: 3).metaSeed == 42)
    }

    @Test func aRandomMetaSeedIsNonNegative() {
        // benchstone draws 63 bits; the sign bit must never be set, or the meta seed would print negative.
        #expect((0..<1000).allSatisfy { _ in SeedPlan.randomMetaSeed() >= 0 })
    }
}
