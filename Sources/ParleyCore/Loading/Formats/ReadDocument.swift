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
        let mark = text.count
        if !text.isEmpty { text.append(contentsOf: [0x0A, 0x0A]) }
        if let speaker { text.append(contentsOf: Array((speaker + ": ").utf8)) }
        let start = text.count
        guard appendFolded(speech) else {
            text.removeSubrange(mark...)
            return
        }
        turns.append(ReadTurn(speaker: speaker, range: start..<text.count, metadata: metadata))
    }

    /// Adds more speech to the last turn (a caption cue continuing its speaker's turn).
    mutating func extendLast(with speech: some StringProtocol) {
        guard let last = turns.indices.last else { return }
        let mark = text.count
        text.append(0x20)
        guard appendFolded(speech) else {
            text.removeSubrange(mark...)
            return
        }
        turns[last].range = turns[last].range.lowerBound..<text.count
    }

    /// Appends `speech` with each run of white space as one space and none at either end;
    /// false when it is all white space. It works on the UTF-8 bytes: a spreadsheet's every row
    /// comes through here.
    private mutating func appendFolded(_ speech: some StringProtocol) -> Bool {
        let utf8 = Array(speech.utf8)
        return utf8.withUnsafeBufferPointer { bytes in
            var index = 0
            var wrote = false
            var pendingSpace = false
            while index < bytes.count {
                let (length, isSpace) = UTF8Scanning.whitespace(in: bytes, at: index)
                if isSpace {
                    pendingSpace = wrote
                } else {
                    if pendingSpace { text.append(0x20) }
                    pendingSpace = false
                    text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                    wrote = true
                }
                index += length
            }
            return wrote
        }
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

    func document(name: String, title: String?, metadata: [MetadataField]) -> ReadDocument {
        ReadDocument(name: name, title: title, metadata: metadata, text: text, turns: turns)
    }
}
