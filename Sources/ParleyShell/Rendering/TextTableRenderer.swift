/// Renders a table for reading: aligned columns (numbers to the right), a dashed rule under the
/// header, and flexible columns shortened with "…" to fit the width.
struct TextTableRenderer {
    var width: Int

    func render(_ table: Table) -> String {
        table.shape == .record ? renderRecord(table) : renderRows(table)
    }

    private func renderRecord(_ table: Table) -> String {
        let keyWidth = table.columns.map(\.name.count).max() ?? 0
        let values = table.rows.first ?? []
        return zip(table.columns, values).map { column, value in
            let key = column.name.padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0)
            return Self.trimmingTrailingSpaces(key + Self.clip(value.plainText, to: max(10, width - keyWidth - 2)))
        }.joined(separator: "\n") + "\n"
    }

    private func renderRows(_ table: Table) -> String {
        let cells = table.rows.map { $0.map(\.plainText).map(Self.oneLine) }
        var widths = table.columns.indices.map { column in
            cells.reduce(table.columns[column].name.count) { max($0, $1[column].count) }
        }
        let separators = 2 * max(0, widths.count - 1)
        var excess = widths.reduce(separators, +) - width
        // Shorten flexible columns, widest first, down to their header's width or 8 characters.
        while excess > 0 {
            let candidates = table.columns.indices.filter {
                table.columns[$0].flexible && widths[$0] > max(8, table.columns[$0].name.count)
            }
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
            let floor = max(8, table.columns[widest].name.count)
            let cut = min(excess, widths[widest] - floor)
            widths[widest] -= cut
            excess -= cut
        }
        let numeric = table.columns.indices.map { column in
            !table.rows.isEmpty && table.rows.allSatisfy { $0[column].isNumeric || $0[column] == .null }
        }
        func line(_ texts: [String]) -> String {
            let padded = texts.enumerated().map { column, text in
                let clipped = Self.clip(text, to: widths[column])
                let padding = String(repeating: " ", count: widths[column] - clipped.count)
                return numeric[column] ? padding + clipped : clipped + padding
            }
            return Self.trimmingTrailingSpaces(padded.joined(separator: "  "))
        }
        var lines = [line(table.columns.map(\.name))]
        lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        lines += cells.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    static func clip(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + "…"
    }

    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
