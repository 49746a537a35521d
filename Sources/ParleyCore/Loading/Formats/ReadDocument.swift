/// What a reader makes of one file, before tokenizing: one document, or several when a
/// spreadsheet's rows are grouped by a column (`--doc-col`).
package struct ReadDocument: Sendable {
    package var name: String
    package var title: String?
    package var metadata: [MetadataField]
    /// The text the turns' ranges point into: the file itself for plain text, a rendering of
    /// the turns (`Speaker: text` paragraphs) for the structured formats.
    package var text: [UInt8]
    package var turns: [ReadTurn]
}

/// One turn: its speaker (nil for preamble and cues without a voice), the byte range of its
/// text, and what the source says of this turn alone (a cue's start time, a row's columns).
package struct ReadTurn: Sendable, Equatable {
    package var speaker: String?
    package var range: Range<Int>
    package var metadata: [MetadataField]

    package init(speaker: String?, range: Range<Int>, metadata: [MetadataField] = []) {
        self.speaker = speaker
        self.range = range
        self.metadata = metadata
    }
}

/// Writes the turns of a structured source as a plain transcript (a `Speaker:` label, the
/// speech, a blank line), so a concordance or `turns` shows the words as they were said and
/// every token offset points into real text.
struct RenderedTranscript {
    private(set) var text: [UInt8] = []
    private(set) var turns: [ReadTurn] = []

    /// Appends a turn; speech that is only white space makes no turn.
    mutating func append(speaker: String?, speech: some StringProtocol, metadata: [MetadataField] = []) {
        let words = speech.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !words.isEmpty else { return }
        if !text.isEmpty { text.append(contentsOf: [0x0A, 0x0A]) }
        if let speaker { text.append(contentsOf: Array((speaker + ": ").utf8)) }
        let start = text.count
        text.append(contentsOf: Array(words.utf8))
        turns.append(ReadTurn(speaker: speaker, range: start..<text.count, metadata: metadata))
    }

    /// Adds more speech to the last turn (a caption cue continuing its speaker's turn).
    mutating func extendLast(with speech: some StringProtocol) {
        guard let last = turns.indices.last else { return }
        let words = speech.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        guard !words.isEmpty else { return }
        text.append(0x20)
        text.append(contentsOf: Array(words.utf8))
        turns[last].range = turns[last].range.lowerBound..<text.count
    }

    /// Sets or replaces one metadata field of the last turn.
    mutating func setLast(_ key: String, _ value: String) {
        guard let last = turns.indices.last else { return }
        if let index = turns[last].metadata.firstIndex(where: { $0.key == key }) {
            turns[last].metadata[index].value = value
        } else {
            turns[last].metadata.append(MetadataField(key: key, value: value))
        }
    }

    var lastSpeaker: String?? { turns.last.map(\.speaker) }

    func document(name: String, title: String?, metadata: [MetadataField]) -> ReadDocument {
        ReadDocument(name: name, title: title, metadata: metadata, text: text, turns: turns)
    }
}
