/// One word of a command line: its text with quotes removed, and where it stood.
package struct Word: Sendable, Equatable {
    /// The text with quotes removed (`speaker:"Vladimir Putin"` → `speaker:Vladimir Putin`).
    package var text: String
    /// The columns (in characters) the word occupied in the line, for pointing at it.
    package var columns: Range<Int>
    /// True when any part of the word was quoted (`"fight against *"` is a phrase, not options).
    package var quoted: Bool

    package init(text: String, columns: Range<Int>, quoted: Bool = false) {
        self.text = text
        self.columns = columns
        self.quoted = quoted
    }

    /// True for an unquoted `--name`.
    package var isOption: Bool { !quoted && text.hasPrefix("--") && text.count > 2 }
}
