/// Transcription notes: `(Laughter.)`, `[inaudible]`, `(Applause)`, `[crosstalk]`, `(The video
/// plays.)`. They record events, not words: the text keeps them (concordances show them), the
/// tokenizer skips them, and a query in parentheses counts them (`count "(laughter*)"`).
///
/// A note is a span in parentheses or square brackets of at most `maximumWords` words on one
/// line, with no bracket inside, that either stands alone on its line or holds a word
/// transcribers use for events (`inaudible`, `laughter`, `applause`, `crosstalk`, `sic`, …).
/// Other brackets are speech or editorial insertions (`[President of South Ossetia] Tibilov`)
/// and stay words.
package enum TranscriptionNote {
    static let maximumWords = 8
    static let maximumBytes = 120

    /// Words that make a bracketed span a note wherever it stands.
    static let cueWords: Set<String> = [
        "inaudible", "unintelligible", "indiscernible", "incomprehensible", "inaudibly", "unclear",
        "laughter", "laughs", "laughing", "laugh", "chuckles", "chuckling", "giggles", "applause",
        "applauds", "applauding", "clapping", "crosstalk", "cross-talk", "cheers", "cheering", "booing",
        "boos", "jeers", "sighs", "coughs", "coughing", "sneezes", "throat", "music", "silence", "pause",
        "pauses", "sic", "redacted", "interruption", "interrupts", "overlapping", "off-mike", "off-mic",
        "audio", "video", "microphone", "mic", "cellphone", "rings", "interpreter", "interpretation",
        "translation", "translated", "speaks", "speaking", "gestures", "nods", "plays", "played",
        "noise", "unidentified",
    ]

    /// The end of the note that opens at `index` (just past its closing bracket), or nil when no
    /// note opens there. `range` bounds the text it may use (a turn's text).
    /// (Kept out of line: brackets are rare, and the tokenizer's loop stays small.)
    @inline(never)
    static func end(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, range: Range<Int>) -> Int? {
        let open = bytes[index]
        let close: UInt8
        switch open {
        case UInt8(ascii: "("): close = UInt8(ascii: ")")
        case UInt8(ascii: "["): close = UInt8(ascii: "]")
        default: return nil
        }
        var end = index + 1
        let limit = min(range.upperBound, index + maximumBytes)
        var spaces = 0
        while end < limit {
            let byte = bytes[end]
            if byte == close { break }
            if byte == 0x0A || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: ")")
                || byte == UInt8(ascii: "]")
            {
                return nil
            }
            if byte == 0x20 { spaces += 1 }
            end += 1
        }
        guard end < limit, end > index + 1, spaces < maximumWords else { return nil }
        let after = end + 1
        if standsAlone(bytes, index, after, range) || holdsCueWord(bytes, (index + 1)..<end) { return after }
        return nil
    }

    /// Calls `body` with the range of every note in `bytes[range]`, brackets included.
    package static func forEachNote(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "["), let end = end(in: bytes, at: index, range: range) {
                body(index..<end)
                index = end
            } else {
                index += 1
            }
        }
    }

    /// What a note says, as queries match it: its words in lower case, single-spaced, without
    /// brackets, a final full stop or Markdown's escaping backslashes (`\[inaudible\]`).
    package static func name(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let inner = String(decoding: UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)]), as: UTF8.self)
        let words = inner.lowercased().split { $0.isWhitespace || $0 == "\\" }
        var text = words.joined(separator: " ")
        while let last = text.last, last == "." || last == "," { text.removeLast() }
        return text
    }

    /// Only white space (or a Markdown escape) between the note and its line's ends.
    private static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ range: Range<Int>) -> Bool {
        var before = start - 1
        while before >= range.lowerBound, bytes[before] != 0x0A {
            guard isBlank(bytes[before]) else { return false }
            before -= 1
        }
        var after = end
        while after < range.upperBound, bytes[after] != 0x0A {
            guard isBlank(bytes[after]) else { return false }
            after += 1
        }
        return true
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == UInt8(ascii: "\\") || byte == 0xA0 || byte == 0xC2
    }

    private static func holdsCueWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var word: [UInt8] = []
        word.reserveCapacity(16)
        var index = range.lowerBound
        while index <= range.upperBound {
            let byte = index < range.upperBound ? bytes[index] : 0x20
            let letter = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
            if letter {
                word.append(byte | (byte == UInt8(ascii: "-") ? 0 : 0x20))
            } else if !word.isEmpty {
                if cueWords.contains(String(decoding: word, as: UTF8.self)) { return true }
                word.removeAll(keepingCapacity: true)
            }
            index += 1
        }
        return false
    }
}
