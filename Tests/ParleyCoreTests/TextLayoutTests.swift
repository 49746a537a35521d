@testable import ParleyCore
import Testing

@Suite("Text layout: a turn's text as shown and exported")
struct TextLayoutTests {
    @Test("normalised text: paragraphs apart by one blank line, white space folded to one space")
    func normalisedText() {
        // Pieces that meet in every order: words, single and repeated spaces, tabs, line breaks,
        // blank lines, white space above ASCII (no-break space, em space, line separator), a
        // control character that is not white space, letters above ASCII.
        let pieces = [
            "a", "The", "court's", "42", " ", "  ", "\t", "\n", "\n\n", "\n \n", " \n", "\u{00A0}", "\u{2003}",
            "\u{2028}", "\u{1}", "\u{7F}", "é", "Erdoğan", "😀", "-", "\"",
        ]
        var random = SplitMix64(seed: 5)
        for _ in 0..<5_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 30) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            let bytes = Array(text.utf8)
            #expect(TextLayout.normalisedText(bytes, range: 0..<bytes.count) == Self.normalised(text), "\(text.debugDescription)")
        }
    }

    /// The rule worked out on scalars, independently of the byte scanning: lines split at LF;
    /// a paragraph is a run of lines with a scalar that is not Unicode White_Space; its words
    /// (split at White_Space) are joined by one space, paragraphs by a blank line.
    static func normalised(_ text: String) -> String {
        var paragraphs: [[String]] = []
        var current: [String] = []
        for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(whereSeparator: \.properties.isWhitespace).map { String(String.UnicodeScalarView($0)) }
            if words.isEmpty {
                if !current.isEmpty { paragraphs.append(current) }
                current = []
            } else {
                current += words
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.map { $0.joined(separator: " ") }.joined(separator: "\n\n")
    }
}
