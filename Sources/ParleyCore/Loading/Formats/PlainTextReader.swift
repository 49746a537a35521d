/// Plain text and Markdown (DESIGN.md §3), with YAML front matter as the document's metadata
/// and its `title` as the title.
struct PlainTextReader: FormatReader {
    let reader: TranscriptReader

    func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument] {
        let frontMatter = try FrontMatter.parse(text, name: name)
        let metadata = frontMatter?.fields ?? []
        let givenTitle = metadata.first { $0.key.lowercased() == "title" }
            .map { $0.value.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        return text.withUnsafeBufferPointer { bytes in
            let layout = reader.read(bytes, from: frontMatter?.bodyStart ?? 0, hasTitle: givenTitle != nil)
            let title = givenTitle ?? layout.title.map { TextLayout.folded(bytes, $0) }
            let turns = layout.turns.map { ReadTurn(speaker: $0.speaker, range: $0.range) }
            return [ReadDocument(name: name, title: title, metadata: metadata, text: text, turns: turns)]
        }
    }
}
