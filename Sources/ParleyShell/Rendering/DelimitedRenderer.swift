/// CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled) and TSV
/// (tabs and line breaks inside a field become spaces), with a header row.
struct DelimitedRenderer {
    var separator: Character

    func render(_ table: Table) -> String {
        var lines = [table.columns.map { field($0.name) }.joined(separator: String(separator))]
        for row in table.rows {
            lines.append(row.map { field($0.plainText) }.joined(separator: String(separator)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func field(_ text: String) -> String {
        if separator == "\t" {
            return String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
