/// Little-endian integers and length-prefixed strings, for the cache file's header.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }

    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ value: String) {
        write(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }
}

/// Reads what `BinaryWriter` wrote. Every read is bounds-checked: a short or damaged header
/// throws instead of reading past its end.
struct BinaryReader {
    struct Malformed: Error {}

    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    /// How many bytes have been read.
    var position: Int { offset }

    mutating func uint64() throws(Malformed) -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        offset += 8
        return value
    }

    /// A count or size: never negative, and at most `limit`.
    mutating func int(limit: Int = Int(Int32.max)) throws(Malformed) -> Int {
        let value = Int64(bitPattern: try uint64())
        guard value >= 0, value <= limit else { throw Malformed() }
        return Int(value)
    }

    /// A count of elements that follow, each taking at least `minimumSize` bytes of what is
    /// left: a damaged or crafted header cannot make a reader allocate more than the file holds.
    mutating func count(minimumSize: Int) throws(Malformed) -> Int {
        try int(limit: (bytes.count - offset) / max(1, minimumSize))
    }

    /// A value that may be negative (a time stamp).
    mutating func signed() throws(Malformed) -> Int { Int(Int64(bitPattern: try uint64())) }

    mutating func bool() throws(Malformed) -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    mutating func string() throws(Malformed) -> String {
        // The length first, then the bytes it claims, checked against what is left after it.
        let count = try int(limit: Int.max)
        guard count <= bytes.count - offset else { throw Malformed() }
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    mutating func optionalString() throws(Malformed) -> String? {
        try bool() ? try string() : nil
    }
}
