/// Reads one file's normalised text in its format: the entry point of every reader. One is
/// made per worker, since the plain-text reader holds a compiled `Regex`.
package struct DocumentReader {
    private let options: ReaderOptions
    private let plainText: PlainTextReader

    package init(options: ReaderOptions) throws(LoadError) {
        self.options = options
        plainText = PlainTextReader(reader: try TranscriptReader(options: options))
    }

    /// The documents of one file, in the format `--format` forces or `detect` finds.
    package func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument] {
        let format = options.format ?? TranscriptFormat.detect(name: name, text: text)
        let table = TableReader(options: options)
        let reader: any FormatReader =
            switch format {
            case .text: plainText
            case .csv: DelimitedReader(separator: UInt8(ascii: ","), table: table)
            case .tsv: DelimitedReader(separator: 0x09, table: table)
            case .jsonl: JSONLinesReader(table: table)
            case .webvtt: CaptionReader(isWebVTT: true)
            case .srt: CaptionReader(isWebVTT: false)
            case .chat: ChatReader()
            case .tei: TEIReader()
            }
        return try reader.read(text, name: name)
    }
}
