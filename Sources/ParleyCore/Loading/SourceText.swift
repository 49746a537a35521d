import Glibc

/// Turns a file's bytes into the text every reader works on: valid UTF-8, no byte order mark,
/// LF line ends (DESIGN.md §3).
package enum SourceText {
    /// The normalised text, how many invalid sequences were replaced (only with `lenient`), and
    /// where in `data` the text starts when it is `data` from there on unchanged (0, or 3 after a
    /// byte order mark), nil when it differs.
    package static func normalise(
        _ data: [UInt8], name: String, lenient: Bool
    ) throws(LoadError) -> (text: [UInt8], replaced: Int, verbatimFrom: Int?) {
        let nul = data.withUnsafeBytes { bytes in bytes.isEmpty ? nil : memchr(bytes.baseAddress!, 0, bytes.count).map { $0 - UnsafeMutableRawPointer(mutating: bytes.baseAddress!) } }
        if let nul { throw .binaryFile(name, offset: nul) }
        var start = 0
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { start = 3 }
        // Most files need no change: check them in place and return them as they are.
        if try isCleanUTF8(data, from: start, name: name, lenient: lenient) {
            return (start == 0 ? data : Array(data[start...]), 0, start)
        }
        var text: [UInt8] = []
        text.reserveCapacity(data.count - start)
        var replaced = 0
        try data.withUnsafeBufferPointer { (bytes) throws(LoadError) in
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x0D {
                        // CRLF and a lone CR both end a line.
                        text.append(0x0A)
                        index += index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    } else {
                        text.append(byte)
                        index += 1
                    }
                    continue
                }
                let length = sequenceLength(bytes, at: index)
                if length == 0 {
                    guard lenient else { throw .invalidUTF8(name, offset: index) }
                    text.append(contentsOf: [0xEF, 0xBF, 0xBD])
                    replaced += 1
                    index += 1
                    continue
                }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                index += length
            }
        }
        return (text, replaced, nil)
    }

    /// True when `data[start...]` is valid UTF-8 without a CR, so it can be used as it is.
    /// Invalid UTF-8 throws here unless `lenient`, when the slow path replaces it.
    private static func isCleanUTF8(_ data: [UInt8], from start: Int, name: String, lenient: Bool) throws(LoadError) -> Bool {
        try data.withUnsafeBufferPointer { (bytes) throws(LoadError) -> Bool in
            var index = start
            let base = bytes.baseAddress!
            while index < bytes.count {
                // Eight bytes at a time while they are ASCII without a CR: a byte's high bit is
                // set in `word ^ CRs` minus 0x01 each when it is 0x0D (or above 0x80, excluded).
                while index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let carriageReturns = word ^ 0x0D0D_0D0D_0D0D_0D0D
                    let hasCR = (carriageReturns &- 0x0101_0101_0101_0101) & ~carriageReturns & 0x8080_8080_8080_8080
                    guard word & 0x8080_8080_8080_8080 == 0, hasCR == 0 else { break }
                    index += 8
                }
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if byte < 0x80 {
                    if byte == 0x0D { return false }
                    index += 1
                    continue
                }
                let length = sequenceLength(bytes, at: index)
                if length == 0 {
                    if lenient { return false }
                    throw .invalidUTF8(name, offset: index)
                }
                index += length
            }
            return true
        }
    }

    /// The length of the well-formed UTF-8 sequence at `index` (Unicode Table 3-7), or 0.
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let b0 = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch b0 {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
