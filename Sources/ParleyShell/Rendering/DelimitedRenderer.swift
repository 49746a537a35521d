import ParleyCore

/// CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled) and TSV
/// (tabs and line breaks inside a field become spaces), with a header row.
struct DelimitedRenderer {
    var separator: Character

    /// Writes `table` into `sink`, a row at a time; false when the sink or Ctrl-C stopped it.
    func render(_ table: Table, into sink: inout some TextSink) -> Bool {
        guard sink.write(table.columns.map { field($0.name) }.joined(separator: String(separator)) + "\n") else { return false }
        for (index, row) in table.rows.enumerated() {
            if Interruption.stops(at: index) { return false }
            guard sink.write(row.map { field($0.plainText) }.joined(separator: String(separator)) + "\n") else { return false }
        }
        return true
    }

    private func field(_ text: String) -> String {
        if separator == "\t" {
            return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
