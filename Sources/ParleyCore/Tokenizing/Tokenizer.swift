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
        let end = range.upperBound
        while index < end {
            let (scalar, length) = UTF8Scanning.scalar(in: bytes, at: index)
            guard UTF8Scanning.isWordScalar(scalar) else {
                if skipsNotes, scalar == "(" || scalar == "[", let end = TranscriptionNote.end(in: bytes, at: index, range: range) {
                    index = end
                } else {
                    index += length
                }
                continue
            }
            let start = index
            index = tokenEnd(in: bytes, from: index + length, limit: end)
            guard body(start..<index) else { return }
        }
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
