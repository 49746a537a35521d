/// A fast 64-bit checksum for detecting corrupt cache files (not a cryptographic hash).
///
/// Four lanes each take every fourth 8-byte word with xor, multiply and shift, so the work is
/// several independent chains and runs near memory speed; every step is a bijection of the
/// lane, so a changed word changes its lane's result.
enum Checksum {
    private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
        @inline(__always) func step(_ lane: inout UInt64, _ word: UInt64) {
            lane = (lane ^ word) &* prime
            lane ^= lane >> 32
        }
        let blocks = bytes.count / 32
        for block in 0..<blocks {
            let offset = block * 32
            step(&lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            step(&lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            step(&lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            step(&lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
        }
        for index in (blocks * 32)..<bytes.count { step(&lanes.0, UInt64(bytes[index]) | 0x100) }
        var result = UInt64(bytes.count)
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { result = combine(result, lane) }
        return result
    }

    /// The checksum of several buffers read as one, equal to `of` over their concatenation:
    /// for a section read straight into the arrays it is made of.
    struct Stream {
        private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
        /// Bytes of an unfinished 32-byte block.
        private var pending: [UInt8] = []
        private var count = 0

        init() { pending.reserveCapacity(32) }

        @inline(__always) private static func step(_ lane: inout UInt64, _ word: UInt64) {
            lane = (lane ^ word) &* prime
            lane ^= lane >> 32
        }

        private mutating func block(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
            Self.step(&lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            Self.step(&lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            Self.step(&lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            Self.step(&lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
        }

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            var start = 0
            if !pending.isEmpty {
                start = min(bytes.count, 32 - pending.count)
                pending += bytes[0..<start]
                guard pending.count == 32 else { return }
                pending.withUnsafeBytes { block($0, at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
            let blocks = (bytes.count - start) / 32
            for index in 0..<blocks { block(bytes, at: start + index * 32) }
            pending += bytes[(start + blocks * 32)...]
        }

        mutating func add<T>(_ array: [T]) { array.withUnsafeBytes { add($0) } }

        func finish() -> UInt64 {
            var lanes = lanes
            for byte in pending { Checksum.Stream.step(&lanes.0, UInt64(byte) | 0x100) }
            var result = UInt64(count)
            for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { result = combine(result, lane) }
            return result
        }
    }

    static func of<T>(_ array: [T]) -> UInt64 {
        array.withUnsafeBytes { of($0) }
    }

    /// Folds `value` into `seed`; order matters.
    static func combine(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        var hash = (seed ^ value) &* prime
        hash ^= hash >> 29
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 32)
    }
}
