/// The seeds of one run: benchstone's rules, reproducible from one integer.
public enum SeedPlan: Sendable, Equatable {
    /// A baseline uses the manifest's `baseline_seeds`.
    case baseline([Int64])
    /// A fresh run draws `count` seeds from `metaSeed`.
    case fresh(metaSeed: Int64, count: Int)

    /// The meta seed recorded on every row (nil for baselines).
    public var metaSeed: Int64? {
        if case .fresh(let metaSeed, _) = self { return metaSeed }
        return nil
    }

    /// The per-repetition seeds, in order.
    public var seeds: [Int64] {
        switch self {
        case .baseline(let seeds): return seeds
        case .fresh(let metaSeed, let count): return SeedSequence.draw(metaSeed: metaSeed, count: count)
        }
    }

    /// A random 63-bit meta seed, as benchstone draws it from os.urandom.
    public static func randomMetaSeed() -> Int64 {
        var generator = SystemRandomNumberGenerator()
        // Below 2^53: jq 1.6 and JavaScript read JSON numbers as doubles, and `promote --meta-seed` needs it exact.
        return Int64(bitPattern: generator.next() & (1 << 53 - 1))
    }
}

/// CPython's `random.Random(meta_seed).randrange(0, 2**31)`, so seeds match benchstone bit for bit.
/// MT19937 seeded with `init_by_array` over the 32-bit words of |meta_seed|; each draw takes 32 bits
/// (`getrandbits(32)`, since 2**31 has bit length 32) and rejects values ≥ 2**31.
enum SeedSequence {
    static func draw(metaSeed: Int64, count: Int) -> [Int64] {
        var twister = MersenneTwister(seed: metaSeed.magnitude)
        var seeds: [Int64] = []
        seeds.reserveCapacity(count)
        while seeds.count < count {
            let value = twister.next()
            if value < 0x8000_0000 { seeds.append(Int64(value)) }
        }
        return seeds
    }
}

/// MT19937 (Matsumoto & Nishimura 1998), as in CPython's `_randommodule.c`.
struct MersenneTwister {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 625

    init(seed: UInt64) {
        // CPython splits |seed| into little-endian 32-bit words; zero becomes the key [0].
        var key: [UInt32] = []
        var rest = seed
        while rest > 0 {
            key.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        if key.isEmpty { key = [0] }
        initByArray(key)
    }

    private mutating func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = 624
    }

    private mutating func initByArray(_ key: [UInt32]) {
        initGenrand(19_650_218)
        var i = 1
        var j = 0
        for _ in 0..<max(624, key.count) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1
            j += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<623 {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { state[0] = state[623]; i = 1 }
        }
        state[0] = 0x8000_0000
    }

    mutating func next() -> UInt32 {
        if index >= 624 { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        for k in 0..<624 {
            let y = (state[k] & 0x8000_0000) | (state[(k + 1) % 624] & 0x7FFF_FFFF)
            var value = state[(k + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { value ^= 0x9908_B0DF }
            state[k] = value
        }
        index = 0
    }
}
