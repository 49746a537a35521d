/// The formats Parley reads. A file's format comes from `load --format`, else its extension,
/// else its first bytes (DESIGN.md §3 for plain text; README "Formats" for the rest).
package enum TranscriptFormat: String, Sendable, CaseIterable {
    case text, csv, tsv, jsonl, webvtt, srt, chat, tei

    /// The extensions a folder walk picks up, and the format each one means.
    package static let byExtension: [String: TranscriptFormat] = [
        "txt": .text, "md": .text, "markdown": .text,
        "csv": .csv, "tsv": .tsv, "tab": .tsv,
        "jsonl": .jsonl, "ndjson": .jsonl,
        "vtt": .webvtt, "srt": .srt,
        "cha": .chat,
        "xml": .tei, "tei": .tei,
    ]

    /// The format of a file named `name` whose normalised text is `text`: content that is
    /// unmistakable wins (a `WEBVTT` header, `@Begin`, a `<TEI` root), then the extension, then
    /// plain text.
    package static func detect(name: String, text: [UInt8]) -> TranscriptFormat {
        let head = String(decoding: text.prefix(512), as: UTF8.self)
        if head.hasPrefix("WEBVTT") { return .webvtt }
        if head.hasPrefix("@UTF8") || head.hasPrefix("@Begin") { return .chat }
        let dot = name.lastIndex(of: ".")
        let fileExtension = dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
        if let format = byExtension[fileExtension] { return format }
        if head.contains("<TEI") { return .tei }
        let lines = head.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        if lines.count >= 2, lines[0].allSatisfy(\.isNumber), !lines[0].isEmpty, lines[1].contains("-->") { return .srt }
        return .text
    }
}

/// A reader of one format: the documents in one file's normalised text.
protocol FormatReader {
    func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument]
}
