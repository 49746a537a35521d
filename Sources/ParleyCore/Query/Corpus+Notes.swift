/// A query for transcription notes, written in parentheses: `(laughter)`, `(inaudible*)`,
/// `(*)` for every note. Either bracket style in the text matches.
package struct NoteQuery: Sendable, Equatable {
    package var pattern: Wildcard
    /// The query as the user wrote it.
    package var text: String

    /// A note query when `text` is written in parentheses, else nil.
    package init?(_ text: String) {
        guard text.count >= 3, text.hasPrefix("("), text.hasSuffix(")") else { return nil }
        let inner = text.dropFirst().dropLast().lowercased().split { $0.isWhitespace }.joined(separator: " ")
        guard !inner.isEmpty else { return nil }
        self.text = text
        pattern = Wildcard(inner)
    }
}

/// One transcription note in a turn: the byte range of its text, brackets included.
package struct NoteMatch: Sendable, Equatable {
    package var turn: UInt32
    package var range: Range<Int>
}

extension Corpus {
    /// The notes a query matches in the selected turns, in corpus order. Notes are found in the
    /// text, so this works whether the load skipped them or kept them as words.
    package func notes(matching query: NoteQuery, in selection: TurnSet? = nil, isCancelled: () -> Bool = { false }) -> [NoteMatch] {
        var result: [NoteMatch] = []
        var names: [String: Bool] = [:]
        for turn in 0..<turnCount {
            if let selection, !selection.contains(turn) { continue }
            if turn & 0xFFF == 0, isCancelled() { break }
            let text = documents[Int(turnDocument[turn])].text
            text.withUnsafeBufferPointer { bytes in
                TranscriptionNote.forEachNote(in: bytes, range: Int(turnTextStart[turn])..<Int(turnTextEnd[turn])) { range in
                    let name = TranscriptionNote.name(bytes, range)
                    let matches = names[name] ?? {
                        let matches = query.pattern.matches(name)
                        names[name] = matches
                        return matches
                    }()
                    if matches { result.append(NoteMatch(turn: UInt32(turn), range: range)) }
                }
            }
        }
        return result
    }
}
