import ParleyCore

/// `context N`: the whole turn of line N of the last concordance, with the hit marked.
struct ContextCommand: Command {
    static let name = "context"
    static let summary = "the whole turn of a concordance line, with the hit marked"
    static let usage = "context N"
    static let details = """
        N is a line number of the last kwic (its number column). Prints the line's document, turn
        (as turns numbers it), speaker and the hit's position (tokens before it in the turn), then
        the turn's whole text with the hit between ** and ** (bold in a notebook), paragraphs
        separated by a blank line. turns --doc D --turn T prints a turn the same way.
        """
    static let example = "context 3"

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...1, usage: usage)
        let word = arguments.positional[0]
        guard !session.lastConcordance.isEmpty else {
            throw CommandError("there is no concordance yet: run kwic first, then context N with one of its line numbers", at: word)
        }
        let count = session.lastConcordance.count
        guard let number = Int(word.text), (1...count).contains(number) else {
            throw CommandError("context expects a line number of the last kwic, from 1 to \(count), got \"\(word.text)\"", at: word)
        }
        let match = session.lastConcordance[number - 1]
        return .message(TurnText.render(
            turn: Int(match.turn), marking: Int(match.start)..<Int(match.start + match.length), in: session.corpus,
            documentName: session.documentLabels[Int(session.corpus.turnDocument[Int(match.turn)])]))
    }
}

/// A turn written out whole, for reading: a heading line, then its text with tokens marked.
enum TurnText {
    static func render(turn: Int, marking tokens: Range<Int>?, in corpus: Corpus, documentName: String) -> String {
        let document = Int(corpus.turnDocument[turn])
        let number = turn - corpus.documents[document].turns.lowerBound + 1
        var heading = "\(documentName), turn \(number), " + (corpus.speakerName(ofTurn: turn) ?? "no speaker")
        var text = corpus.text(ofTurn: turn)
        let turnTokens = corpus.tokens(ofTurn: turn)
        if let tokens, !tokens.isEmpty, turnTokens.contains(tokens.lowerBound) {
            let marked = tokens.lowerBound..<min(tokens.upperBound, turnTokens.upperBound)
            heading += ", position \(tokens.lowerBound - turnTokens.lowerBound)"
            text = corpus.text(ofTurn: turn, marking: marked, opening: "**", closing: "**")
        }
        return heading + "\n\n" + text
    }
}
