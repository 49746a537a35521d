/// One word of a command line: its text with quotes removed, and where it stood.
package struct Word: Sendable, Equatable {
    /// The text with quotes removed (`speaker:"Vladimir Putin"` → `speaker:Vladimir Putin`).
    package var text: String
    /// The columns (in characters) the word occupied in the line, for pointing at it.
    package var columns: Range<Int>
    /// True when any part of the word was quoted (`"fight against *"` is a phrase, not options).
    package var quoted: Bool
    /// The word as typed, quotes included, for parsers that give meaning to them (filters).
    package var raw: String

    package init(text: String, columns: Range<Int>, quoted: Bool = false, raw: String? = nil) {
        self.text = text
        self.columns = columns
        self.quoted = quoted
        self.raw = raw ?? text
    }

    /// True for an unquoted `--name`.
    package var isOption: Bool { !quoted && text.hasPrefix("--") && text.count > 2 }
}
