import ParleyCore

/// Renders a table for reading: aligned columns (numbers to the right), a dashed rule under the
/// header, and flexible columns shortened with "…" to fit the width.
struct TextTableRenderer {
    var width: Int
    /// Counts with thousands separators (12,345), as `set separators on` asks.
    var separators = false

    /// A cell as this table shows it.
    private func text(_ value: Table.Value) -> String {
        guard separators, case .integer(let number) = value, abs(number) >= 1000 else { return value.plainText }
        let digits = Array(String(number.magnitude))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (number < 0 ? "-" : "") + grouped
    }

    /// Writes `table` into `sink`; false when the sink or Ctrl-C stopped it.
    func render(_ table: Table, into sink: inout some TextSink) -> Bool {
        table.shape == .record ? sink.write(renderRecord(table)) : renderRows(table, into: &sink)
    }

    private func renderRecord(_ table: Table) -> String {
        let keyWidth = table.columns.map(\.name.count).max() ?? 0
        let values = table.rows.first ?? []
        return zip(table.columns, values).map { column, value in
            let key = column.name.padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0)
            return Self.trimmingTrailingSpaces(key + Self.clip(Self.oneLine(text(value)), to: max(10, width - keyWidth - 2)))
        }.joined(separator: "\n") + "\n"
    }

    /// Two passes over the rows, each making them afresh: one measures the columns, the other
    /// writes the lines, so that no more than one row is held at a time.
    private func renderRows(_ table: Table, into sink: inout some TextSink) -> Bool {
        var widths = table.columns.map(\.name.count)
        var numeric = [Bool](repeating: !table.rows.isEmpty, count: table.columns.count)
        for (index, row) in table.rows.enumerated() {
            if Interruption.stops(at: index) { return false }
            for column in row.indices {
                widths[column] = max(widths[column], Self.oneLine(text(row[column])).count)
                if numeric[column], !(row[column].isNumeric || row[column] == .null) { numeric[column] = false }
            }
        }
        let separators = 2 * max(0, widths.count - 1)
        // Columns that may go (kwic's turn and position) go when even the narrowest table is too wide.
        let narrowest = table.columns.indices.reduce(separators) { total, column in
            total + (table.columns[column].flexible ? min(widths[column], max(8, table.columns[column].name.count)) : widths[column])
        }
        if narrowest > width, table.columns.contains(where: \.droppable) {
            let kept = table.columns.indices.filter { !table.columns[$0].droppable }
            let rows = table.rows
            var reduced = Table(columns: kept.map { table.columns[$0] }, rows: Table.Rows(count: rows.count) { index in kept.map { rows[index][$0] } })
            reduced.footer = table.footer
            return renderRows(reduced, into: &sink)
        }
        var excess = widths.reduce(separators, +) - width
        // Shorten flexible columns: first identifying columns down to a width that still reads
        // (a long file name), then free text down to its minimum, then the rest, lowest rank
        // first; within a step, level the widest down together.
        let flexible = table.columns.indices.filter { table.columns[$0].flexible }
        let identifying = flexible.filter { table.columns[$0].shrinkRank != Table.Column.freeText }
        shrink(identifying, to: { max(table.columns[$0].minimumWidth, Self.readableWidth) }, &widths, &excess)
        for rank in Set(table.columns.map(\.shrinkRank)).sorted() where excess > 0 {
            shrink(flexible.filter { table.columns[$0].shrinkRank == rank }, to: { table.columns[$0].minimumWidth }, &widths, &excess)
        }
        // Still too wide: free text, then the rest, go below their minimums, to what the header
        // needs or 8.
        let freeText = flexible.filter { table.columns[$0].shrinkRank == Table.Column.freeText }
        shrink(freeText, to: { max(8, table.columns[$0].name.count) }, &widths, &excess)
        shrink(identifying, to: { max(8, table.columns[$0].name.count) }, &widths, &excess)
        func line(_ texts: [String]) -> String {
            let padded = texts.enumerated().map { column, text in
                let alignedRight = table.columns[column].alignedRight
                var clipped = alignedRight ? Self.clipStart(text, to: widths[column]) : Self.clip(text, to: widths[column])
                // Context in whole words (kwic --context Nw) gives up whole words, never part of one.
                if table.columns[column].keepsWords, clipped != text { clipped = Self.wholeWords(clipped, fromEnd: alignedRight) }
                let padding = String(repeating: " ", count: widths[column] - clipped.count)
                return numeric[column] || alignedRight ? padding + clipped : clipped + padding
            }
            return Self.trimmingTrailingSpaces(padded.joined(separator: "  ")) + "\n"
        }
        guard sink.write(line(table.columns.map(\.name))),
            sink.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        else { return false }
        for (index, row) in table.rows.enumerated() {
            if Interruption.stops(at: index) { return false }
            guard sink.write(line(row.map { Self.oneLine(text($0)) })) else { return false }
        }
        if table.rows.isEmpty, !sink.write("(no rows)\n") { return false }
        if let footer = table.footer { return sink.write(footer + "\n") }
        return true
    }

    /// How wide an identifying column (a document's name) stays while free text can give way.
    static let readableWidth = 28

    /// Levels the widest of `group` down together until `excess` is gone or each is at its floor.
    private func shrink(_ group: [Int], to floor: (Int) -> Int, _ widths: inout [Int], _ excess: inout Int) {
        while excess > 0 {
            let shrinkable = group.filter { widths[$0] > floor($0) }
            guard let widest = shrinkable.map({ widths[$0] }).max() else { return }
            let next = shrinkable.map { widths[$0] }.filter { $0 < widest }.max() ?? 0
            let level = shrinkable.filter { widths[$0] == widest }
            let lowest = level.map(floor).max()!
            let step = max(1, min(widest - max(next, lowest), (excess + level.count - 1) / level.count))
            for column in level where excess > 0 && widths[column] > floor(column) {
                widths[column] -= min(step, widths[column] - floor(column))
                excess -= min(step, excess)
            }
        }
    }

    static func clip(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(width)) }
        return String(text.prefix(width - 1)) + "…"
    }

    /// Shortens from the start, keeping the end: "…ght against".
    /// A clipped text ("…e fight against") without the word its "…" cut into ("… fight against").
    static func wholeWords(_ clipped: String, fromEnd: Bool) -> String {
        if fromEnd {
            guard let space = clipped.dropFirst().firstIndex(of: " ") else { return "…" }
            return "…" + clipped[space...]
        }
        guard let space = clipped.dropLast().lastIndex(of: " ") else { return "…" }
        return clipped[..<clipped.index(after: space)] + "…"
    }

    static func clipStart(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.suffix(width)) }
        return "…" + String(text.suffix(width - 1))
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
