import Testing

@testable import ParleyCore

/// The n-gram table starts small and grows as keys come: its counts must not depend on how
/// often it grew, for packed keys and for keys that are positions compared by their tokens.
@Suite("N-gram table")
struct NGramTableTests {
    @Test("Counts and ranges after many growths equal a dictionary's, packed and unpacked", arguments: [2, 5])
    func growth(n: Int) {
        var random = SeededGenerator(seed: UInt64(n))
        // Few types, so n-grams repeat: 40,000 positions, a few thousand distinct n-grams
        // (of 80² bigrams or 6⁵ 5-grams).
        let typeCount: UInt32 = n == 2 ? 80 : 6
        let types = (0..<40_000).map { _ in UInt32.random(in: 0..<typeCount, using: &random) }
        let encoding = NGramKey(n: n, typeCount: 1 << 20)
        #expect((encoding.packedBits != nil) == (n == 2))
        var expected: [[UInt32]: (frequency: UInt32, range: UInt32)] = [:]
        var rows = FrequencyRows(n: n, packedBits: encoding.packedBits)
        types.withUnsafeBufferPointer { buffer in
            let table = NGramTable(encoding)
            // Room for one key: every distinct n-gram past the first few makes it grow.
            table.reset(expected: 1)
            for position in 0...(types.count - n) {
                let first = Bool.random(using: &random)
                table.add(encoding.packed(buffer, position) ?? UInt64(position), firstInTurn: first, buffer)
                let gram = Array(types[position..<(position + n)])
                let old = expected[gram] ?? (0, 0)
                expected[gram] = (old.frequency + 1, old.range + (first ? 1 : 0))
            }
            #expect(table.count == expected.count)
            #expect(table.capacity >= 2 * expected.count)
            table.appendRows(minimum: 1, minimumRange: 0, to: &rows)
        }
        #expect(expected.count > 1_000)
        #expect(rows.count == expected.count)
        for row in 0..<rows.count {
            let gram: [UInt32]
            if let bits = encoding.packedBits {
                gram = (0..<n).map { UInt32((rows.keys[row] >> UInt64(bits * (n - 1 - $0))) & ((1 << UInt64(bits)) - 1)) }
            } else {
                gram = Array(types[Int(rows.keys[row])..<(Int(rows.keys[row]) + n)])
            }
            #expect(expected[gram]?.frequency == rows.frequencies[row])
            #expect(expected[gram]?.range == rows.ranges[row])
        }
    }
}
