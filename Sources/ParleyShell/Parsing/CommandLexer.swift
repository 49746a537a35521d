import ParleyCore

/// Splits a command line into words (DESIGN.md §5): white space separates words, `"…"` and
/// `'…'` group them, and `#` at the start of a word begins a comment.
package enum CommandLexer {
    /// Refuses a line holding a control character (a tab aside) or a Unicode line separator:
    /// a command is one line of plain text, and such a line could not be stored in a notebook
    /// and replayed as it was typed.
    package static func checkPlainText(_ line: String) throws(CommandError) {
        for (column, character) in line.enumerated() {
            guard let scalar = character.unicodeScalars.first(where: { $0 != "\t" && Visible.isControl($0) }) else { continue }
            throw CommandError(
                "the line holds the control character \(Visible.echo(String(scalar))) at column \(column + 1); a command is one line of plain text",
                columns: column..<(column + 1))
        }
    }

    package static func words(_ line: String) throws(CommandError) -> [Word] {
        try checkPlainText(line)
        var words: [Word] = []
        var text = ""
        var raw = ""
        var start: Int?
        var quoted = false
        var quote: (character: Character, column: Int)?
        for (column, character) in line.enumerated() {
            if start != nil || quote != nil || !(character.isWhitespace || character == "#") { raw.append(character) }
            if let open = quote {
                if character == open.character {
                    quote = nil
                } else {
                    text.append(character)
                }
                continue
            }
            if character == "\"" || character == "'" {
                // An apostrophe inside a word (haven't) is a letter, not a quote.
                if character == "'", let last = text.last, last.isLetter || last.isNumber {
                    text.append(character)
                    continue
                }
                quote = (character, column)
                quoted = true
                if start == nil { start = column }
                continue
            }
            if character.isWhitespace {
                if let wordStart = start {
                    raw.removeLast()
                    words.append(Word(text: text, columns: wordStart..<column, quoted: quoted, raw: raw))
                    text = ""
                    raw = ""
                    start = nil
                    quoted = false
                }
                continue
            }
            if character == "#", start == nil { break }
            if start == nil { start = column }
            text.append(character)
        }
        if let open = quote {
            throw CommandError("unbalanced quote: the \(open.character) here has no closing \(open.character)",
                columns: open.column..<(open.column + 1))
        }
        if let wordStart = start {
            words.append(Word(text: text, columns: wordStart..<line.count, quoted: quoted, raw: raw))
        }
        return words
    }
}
