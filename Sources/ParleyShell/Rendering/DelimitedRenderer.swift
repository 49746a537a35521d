import ParleyCore

/// CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled) and TSV
/// (tabs and line breaks inside a field become spaces), with a header row.
struct DelimitedRenderer {
    var separator: Character

    /// Writes `table` into `sink`, a row at a time; false when the sink or Ctrl-C stopped it.
    func render(_ table: Table, into sink: inout some TextSink) -> Bool {
        guard sink.write(table.columns.map { field($0.name) }.joined(separator: String(separator)) + "\n") else { return false }
        let renderer = self
        return table.rows.write(rendering: { _, row in
            row.map { renderer.field($0.plainText) }.joined(separator: String(renderer.separator)) + "\n"
        }, to: { sink.write($0) })
    }

    private func field(_ text: String) -> String {
        if separator == "\t" {
            return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
