/// Reproducible random choices (`kwic --sample N --seed S`): the same numbers on every machine
/// and with any number of threads, from SplitMix64, a generator of 64-bit words with a fixed,
/// published definition (Steele, Lea and Flood, 2014).
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound`, without modulo bias (Lemire's method, with its rejection step).
    package mutating func below(_ bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }
}

extension Array {
    /// `count` of the elements chosen at random, each subset equally likely, in their order
    /// (Knuth's selection sampling, Algorithm S): one draw per element considered.
    package func sample(_ count: Int, seed: UInt64) -> [Element] {
        guard count < self.count else { return self }
        var generator = SeededGenerator(seed: seed)
        var chosen: [Element] = []
        chosen.reserveCapacity(count)
        for (index, element) in enumerated() where chosen.count < count {
            let left = UInt64(self.count - index)
            if generator.below(left) < UInt64(count - chosen.count) { chosen.append(element) }
        }
        return chosen
    }
}
