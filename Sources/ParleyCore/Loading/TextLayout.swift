import Glibc

/// Lines and paragraphs of normalised text (LF line ends), found on the bytes.
enum TextLayout {
    /// The paragraphs of `bytes[range]`: maximal runs of lines that are not empty or white
    /// space only (any Unicode White_Space, U+00A0 included). Each range starts at the first
    /// non-white character and ends after the last one.
    static func paragraphs(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var paragraphStart: Int?
        var paragraphEnd = 0
        var lineStart = range.lowerBound
        while lineStart < range.upperBound {
            let lineEnd = memchr(bytes.baseAddress! + lineStart, 0x0A, range.upperBound - lineStart)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(bytes.baseAddress!) } ?? range.upperBound
            if let content = trimmed(bytes, lineStart..<lineEnd) {
                if paragraphStart == nil { paragraphStart = content.lowerBound }
                paragraphEnd = content.upperBound
            } else if let start = paragraphStart {
                result.append(start..<paragraphEnd)
                paragraphStart = nil
            }
            lineStart = lineEnd + 1
        }
        if let start = paragraphStart { result.append(start..<paragraphEnd) }
        return result
    }

    /// `range` without leading and trailing white space, or nil when nothing else is left.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var start = range.lowerBound
        while start < range.upperBound {
            let (scalar, length) = UTF8Scanning.scalar(in: bytes, at: start)
            guard UTF8Scanning.isWhitespace(scalar) else { break }
            start += length
        }
        guard start < range.upperBound else { return nil }
        var end = range.upperBound
        while end > start {
            var lead = end - 1
            while bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            let (scalar, _) = UTF8Scanning.scalar(in: bytes, at: lead)
            guard UTF8Scanning.isWhitespace(scalar) else { break }
            end = lead
        }
        return start..<end
    }

    /// The end of the first line of `range`.
    static func firstLineEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var end = range.lowerBound
        while end < range.upperBound, bytes[end] != 0x0A { end += 1 }
        return end
    }

    /// Text for display: paragraphs separated by one blank line, each paragraph's white space
    /// (line breaks included) folded to single spaces.
    static func normalisedText(_ text: [UInt8], range: Range<Int>) -> String {
        text.withUnsafeBufferPointer { bytes in
            let paragraphs = paragraphs(in: bytes, range: range)
            // Never longer than the range: folding only shortens a paragraph, and paragraphs
            // are apart by at least a line break and an empty line, as long as "\n\n".
            return String(unsafeUninitializedCapacity: range.count) { out in
                var count = 0
                for (index, paragraph) in paragraphs.enumerated() {
                    if index > 0 {
                        out[count] = 0x0A
                        out[count + 1] = 0x0A
                        count += 2
                    }
                    count += fold(bytes, paragraph, into: UnsafeMutableBufferPointer(rebasing: out[count...]))
                }
                return count
            }
        }
    }

    /// `bytes[range]` with every run of white space written as one space.
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { fold(bytes, range, into: $0) }
    }

    /// Writes `bytes[range]` with every run of white space as one space (none at either end)
    /// into `out`, which has room for `range.count` bytes, and returns how many it wrote. The
    /// bytes between runs are copied whole; a single ASCII space before an ASCII character is
    /// already folded and stays inside the copied stretch, and only bytes above ASCII are
    /// decoded to test for white space.
    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = range.lowerBound
        var runStart = index
        func flushRun(to end: Int) {
            guard runStart < end else { return }
            if count > 0 {
                out[count] = 0x20
                count += 1
            }
            let length = end - runStart
            (out.baseAddress! + count).update(from: bytes.baseAddress! + runStart, count: length)
            count += length
        }
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            if byte > 0x20, byte < 0x80 {
                index += 1
                continue
            }
            if byte == 0x20, index > runStart, index + 1 < end, bytes[index + 1] > 0x20, bytes[index + 1] < 0x80 {
                index += 2
                continue
            }
            let (length, space) = UTF8Scanning.whitespace(in: bytes, at: index)
            if space {
                flushRun(to: index)
                runStart = index + length
            }
            index += length
        }
        flushRun(to: end)
        return count
    }
}
