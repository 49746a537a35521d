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
            paragraphs(in: bytes, range: range).map { folded(bytes, $0) }.joined(separator: "\n\n")
        }
    }

    /// `bytes[range]` with every run of white space written as one space: the bytes between
    /// runs are copied whole, and only bytes above ASCII are decoded to test for white space.
    static func folded(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
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
            while index < range.upperBound {
                let (length, space) = UTF8Scanning.whitespace(in: bytes, at: index)
                if space {
                    flushRun(to: index)
                    runStart = index + length
                }
                index += length
            }
            flushRun(to: range.upperBound)
            return count
        }
    }
}
