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
