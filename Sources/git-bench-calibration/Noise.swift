import Foundation

/// xoshiro256** (Blackman & Vigna 2018), seeded by SplitMix64: fast, and the same stream on every platform, so a
/// study is reproducible from its seed.
struct Xoshiro256: RandomNumberGenerator {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform on (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    /// Standard normal by Box–Muller (one of the pair is enough here).
    mutating func gaussian() -> Double {
        (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform())
    }
}

/// How a benchmark's repetitions vary on an unchanged machine, around a level of 100.
enum NoiseModel: String, CaseIterable {
    case normal2 = "normal CV 2%"
    case normal10 = "normal CV 10%"
    case lognormal = "lognormal σ 0.3"
    case bimodal = "bimodal (10% slow mode, +50%)"
    /// Normal CV 2% on a machine that slows by 0.5% per repetition, the baseline measured first.
    case drift = "drift 0.5%/rep (baseline first)"

    /// One repetition; `index` counts repetitions from the start of the session (drift grows with it).
    func value(_ random: inout Xoshiro256, index: Int) -> Double {
        switch self {
        case .normal2: return 100 * (1 + 0.02 * random.gaussian())
        case .normal10: return 100 * (1 + 0.10 * random.gaussian())
        case .lognormal: return 100 * exp(0.3 * random.gaussian())
        case .bimodal:
            let base = 100 * (1 + 0.02 * random.gaussian())
            return random.uniform() < 0.1 ? base * 1.5 : base
        case .drift: return 100 * (1 + 0.005 * Double(index)) * (1 + 0.02 * random.gaussian())
        }
    }

    /// A baseline of `nb` then a candidate of `nc` repetitions, the candidate scaled by `1 - improvement` (the metric is
    /// minimized, so a positive improvement makes it faster).
    func pair(_ random: inout Xoshiro256, nb: Int, nc: Int, improvement: Double) -> (baseline: [Double], candidate: [Double]) {
        let baseline = (0..<nb).map { value(&random, index: $0) }
        let candidate = (0..<nc).map { value(&random, index: nb + $0) * (1 - improvement) }
        return (baseline, candidate)
    }
}
