import CLoading

/// Splits text into word tokens and folds them to types (DESIGN.md §4).
///
/// A token is a maximal run of `[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*`; its type is the
/// full Unicode lowercase of the token with `’` written as `'`. Every reader and the index go
/// through this one type, so another rule (punctuation tokens, say) has one place to live.
package struct Tokenizer: Sendable {
    /// Transcription notes (`(Laughter.)`, `[inaudible]`) are skipped, not tokenized.
    package var skipsNotes: Bool

    package init(skippingNotes: Bool = false) {
        skipsNotes = skippingNotes
    }

    /// Calls `body` with the byte range of every token in `bytes[range]`.
    @inline(__always)
    package func forEachToken(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ body: (Range<Int>) -> Void
    ) {
        forEachToken(in: bytes, range: range) { token -> Bool in
            body(token)
            return true
        }
    }

    /// The same, starting at `start` (a token's start) inside `range`, until `body` returns
    /// false. The tokens are those of the whole range: a note's context is read from all of it.
    @inline(__always)
    package func forEachToken(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, from start: Int? = nil, _ body: (Range<Int>) -> Bool
    ) {
        var index = start ?? range.lowerBound
        while index < range.upperBound {
            if let token = step(in: bytes, range: range, at: &index) {
                guard body(token) else { return }
            }
        }
    }

    /// One step of the rule at `index`: past a character that is not a word's, past a note, or
    /// past a whole token, which it returns.
    @inline(__always)
    private func step(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, at index: inout Int) -> Range<Int>? {
        let (scalar, length) = UTF8Scanning.scalar(in: bytes, at: index)
        guard UTF8Scanning.isWordScalar(scalar) else {
            if skipsNotes, scalar == "(" || scalar == "[", let end = TranscriptionNote.end(in: bytes, at: index, range: range) {
                index = end
            } else {
                index += length
            }
            return nil
        }
        let start = index
        index = tokenEnd(in: bytes, from: index + length, limit: range.upperBound)
        return start..<index
    }

    /// What the loader's path knows of a token's form when it hands the token over.
    package enum ScannedForm {
        /// At most 7 ASCII bytes: the folded form packed as `ShortFormCache` keys it.
        case short(UInt64)
        /// Longer, all ASCII.
        case ascii
        /// Anything else (bytes above ASCII, or more than 7 bytes with a joiner): fold it with
        /// `withFoldedForm`.
        case other
    }

    /// The loader's path: the same tokens as `forEachToken`, found sixteen bytes at a time. The
    /// bytes are classed at once (`parley_classify16`): white space and punctuation are passed
    /// over whole, and a run of ASCII letters and digits that ends at a plain ASCII byte is a
    /// whole token, handed over with its short key when it is short. Everything else (a byte
    /// above ASCII, a joiner, a bracket, the last bytes of the text) goes through `step`, the
    /// general rule one character at a time, as `forEachToken` does.
    @inline(__always)
    package func forEachScannedToken(
        in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ body: (Range<Int>, ScannedForm) -> Void
    ) {
        let base = bytes.baseAddress!
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            guard index + 16 <= bytes.count else {
                if let token = step(in: bytes, range: range, at: &index) { body(token, Self.form(of: token, in: bytes)) }
                continue
            }
            let classes = parley_classify16(base + index)
            let within = end - index < 16 ? (UInt32(1) << UInt32(end - index)) &- 1 : 0xFFFF
            let (word, special) = (classes.word & within, classes.special & within)
            let interesting = word | special
            guard interesting != 0 else {
                index += Swift.min(16, end - index)
                continue
            }
            let skip = interesting.trailingZeroBitCount
            index += skip
            guard (special >> UInt32(skip)) & 1 == 0 else {
                if let token = step(in: bytes, range: range, at: &index) { body(token, Self.form(of: token, in: bytes)) }
                continue
            }
            let start = index
            let run = (~(word >> UInt32(skip))).trailingZeroBitCount
            index += run
            if skip + run == 16 {
                while index < end, ASCIIWord.isWordByte(base[index]) { index += 1 }
            }
            if index < end {
                let next = base[index]
                if next >= 0x80 || next == UInt8(ascii: "'") || next == UInt8(ascii: "-") {
                    index = tokenEnd(in: bytes, from: index, limit: end)
                    body(start..<index, Self.form(of: start..<index, in: bytes))
                    continue
                }
            }
            let count = index - start
            if count <= 7 {
                body(start..<index, .short(ASCIIWord.shortKey(base + start, count: count, available: bytes.count - start)))
            } else {
                body(start..<index, .ascii)
            }
        }
    }

    /// What the loader knows of the form of a token the general rule found: its short key when
    /// it is at most 7 ASCII bytes.
    @inline(__always)
    private static func form(of token: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> ScannedForm {
        let (start, count) = (bytes.baseAddress! + token.lowerBound, token.count)
        guard count <= 7, ASCIIWord.isASCII(start, count: count) else { return .other }
        return .short(ASCIIWord.shortKey(start, count: count, available: bytes.count - token.lowerBound))
    }

    /// The end of the token that continues at `index` (just past a word character).
    @inline(__always)
    package func tokenEnd(in bytes: UnsafeBufferPointer<UInt8>, from index: Int, limit: Int) -> Int {
        var index = index
        while index < limit {
            let (scalar, length) = UTF8Scanning.scalar(in: bytes, at: index)
            if UTF8Scanning.isWordScalar(scalar) {
                index += length
                continue
            }
            // A joiner counts only when a word character follows it.
            guard scalar == "'" || scalar == "-" || scalar == "\u{2019}" else { break }
            let next = index + length
            guard next < limit else { break }
            let (following, _) = UTF8Scanning.scalar(in: bytes, at: next)
            guard UTF8Scanning.isWordScalar(following) else { break }
            index = next
        }
        return index
    }

    /// The end of the token that starts at `start`, found again from the text alone, so the
    /// index need not store token lengths.
    package func tokenEnd(in bytes: UnsafeBufferPointer<UInt8>, startingAt start: Int, limit: Int) -> Int {
        let (_, length) = UTF8Scanning.scalar(in: bytes, at: start)
        return tokenEnd(in: bytes, from: start + length, limit: limit)
    }

    /// Calls `body` with the type (folded form) of `bytes[range]`. An ASCII token that is
    /// already lowercase is passed as it lies in `bytes`, other ASCII tokens are folded into
    /// `scratch`, and only the rest build a `String`; this is the loader's per-token path.
    @inline(__always)
    package func withFoldedForm<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var uppercase = false
        for index in range {
            let byte = bytes[index]
            if byte >= 0x80 {
                scratch.removeAll(keepingCapacity: true)
                fold(bytes, range: range, into: &scratch)
                return scratch.withUnsafeBufferPointer(body)
            }
            if byte >= 0x41 && byte <= 0x5A { uppercase = true }
        }
        guard uppercase else { return body(UnsafeBufferPointer(rebasing: bytes[range])) }
        if scratch.count < range.count { scratch = [UInt8](repeating: 0, count: max(range.count, 2 * scratch.count)) }
        return scratch.withUnsafeMutableBufferPointer { buffer in
            for (offset, index) in range.enumerated() {
                let byte = bytes[index]
                buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<range.count]))
        }
    }

    /// Appends the type (folded form) of `bytes[range]` to `folded`.
    @inline(__always)
    package func fold(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, into folded: inout [UInt8]) {
        var ascii = true
        for index in range where bytes[index] >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            for index in range {
                let byte = bytes[index]
                folded.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            return
        }
        let surface = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        let form = surface.replacing("\u{2019}", with: "'").lowercased()
        folded.append(contentsOf: form.utf8)
    }

    /// The tokens of a string, as surface forms (for tests and small inputs).
    package func tokens(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [String] = []
            forEachToken(in: bytes, range: 0..<bytes.count) { range in
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            }
            return result
        }
    }

    /// The types of a string's tokens (for tests, queries and small inputs).
    package func types(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [String] = []
            var folded: [UInt8] = []
            forEachToken(in: bytes, range: 0..<bytes.count) { range in
                folded.removeAll(keepingCapacity: true)
                fold(bytes, range: range, into: &folded)
                result.append(String(decoding: folded, as: UTF8.self))
            }
            return result
        }
    }
}

/// Byte and word tricks for ASCII tokens, shared by the loader's path and `ShortFormCache`.
enum ASCIIWord {
    /// `[A-Za-z0-9]`.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    @inline(__always)
    static func isASCII(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        for offset in 0..<count where bytes[offset] >= 0x80 { return false }
        return true
    }

    @inline(__always)
    static func hasUppercase(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        for offset in 0..<count where bytes[offset] &- 0x41 < 26 { return true }
        return false
    }

    /// Eight ASCII bytes with `A`–`Z` made lower case, all at once: a byte's high bit is set
    /// after adding 0x3F when it is at least `A`, and after adding 0x25 when it is past `Z`.
    @inline(__always)
    static func folded(_ word: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080
        let atLeastA = word &+ 0x3F3F_3F3F_3F3F_3F3F
        let pastZ = word &+ 0x2525_2525_2525_2525
        return word | ((atLeastA & ~pastZ & high) >> 2)
    }

    /// `ShortFormCache`'s key of `count` (at most 7) ASCII bytes: the folded bytes, the first
    /// lowest, and the count in the top byte. `available` is how many bytes may be read from
    /// `bytes`: with 8 of them the bytes are read as one word.
    @inline(__always)
    static func shortKey(_ bytes: UnsafePointer<UInt8>, count: Int, available: Int) -> UInt64 {
        var word: UInt64
        if available >= 8 {
            word = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
            word &= (1 &<< UInt64(8 * count)) &- 1
        } else {
            word = 0
            for offset in 0..<count { word |= UInt64(bytes[offset]) << UInt64(8 * offset) }
        }
        return folded(word) | UInt64(count) << 56
    }

    /// `LongFormCache`'s key of `count` (8 to 15) ASCII bytes: the first eight folded, then
    /// the rest as `shortKey` packs them (with their count, 0 to 7, in the top byte).
    @inline(__always)
    static func longKey(_ bytes: UnsafePointer<UInt8>, count: Int, available: Int) -> (first: UInt64, rest: UInt64) {
        let first = UInt64(littleEndian: UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self))
        return (folded(first), shortKey(bytes + 8, count: count - 8, available: available - 8) | 1 << 63)
    }
}
