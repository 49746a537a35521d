import ParleyCore

/// A command's result as data: named columns and rows of typed cells. Renderers turn it into
/// text; commands never format output themselves.
package struct Table: Sendable, Equatable {
    /// One cell.
    package enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int)
        /// A number shown with a fixed number of decimal places.
        case decimal(Double, places: Int)
        case null
    }

    /// A column: its name (also the JSON key) and how the table format shows it.
    package struct Column: Sendable, Equatable {
        package var name: String
        /// May be shortened to fit the width.
        package var flexible: Bool
        /// Text aligned to the right and shortened at its start (a concordance's left context,
        /// so that it stays next to the node).
        package var alignedRight: Bool
        /// Only in the table format (a text plot), not in csv, tsv or json.
        package var tableOnly: Bool
        /// Flexible columns of a lower rank give up width first: free text (a concordance's
        /// context, a turn's text) has rank 0 and goes before the columns that say what a row
        /// is (document, speaker, date), which have rank 1.
        package var shrinkRank: Int
        /// The narrowest a flexible column becomes (at least its header, and 8).
        package var minimumWidth: Int
        /// Left out of the table format when the table cannot fit the width with it (kwic's
        /// turn and position); csv, tsv and json always have it.
        package var droppable = false
        /// Shortened by whole words only (a context counted in words).
        package var keepsWords = false

        /// The rank of free text, which shrinks first.
        package static let freeText = 0

        package init(
            _ name: String, flexible: Bool = false, alignedRight: Bool = false, tableOnly: Bool = false,
            shrinkRank: Int = 1, minimumWidth: Int = 8
        ) {
            self.name = name
            self.flexible = flexible
            self.alignedRight = alignedRight
            self.tableOnly = tableOnly
            self.shrinkRank = shrinkRank
            self.minimumWidth = max(minimumWidth, name.count)
        }
    }

    /// Rows under a header, or one record of key-value pairs (`info`).
    package enum Shape: Sendable, Equatable { case rows, record }

    /// The rows: stored, or made one at a time when a renderer asks for them, so that a table of
    /// millions of rows (a concordance, every turn) is never held whole.
    package struct Rows: RandomAccessCollection, Sendable, Equatable {
        private enum Storage: Sendable {
            case stored([[Value]])
            case made(count: Int, row: @Sendable (Int) -> [Value])
        }

        private let storage: Storage

        package init(_ rows: [[Value]]) { storage = .stored(rows) }

        /// `count` rows, row `i` made by `row(i)` each time it is asked for.
        package init(count: Int, row: @escaping @Sendable (Int) -> [Value]) { storage = .made(count: count, row: row) }

        package var startIndex: Int { 0 }
        package var endIndex: Int {
            switch storage {
            case .stored(let rows): rows.count
            case .made(let count, _): count
            }
        }

        package subscript(position: Int) -> [Value] {
            switch storage {
            case .stored(let rows): rows[position]
            case .made(_, let row): row(position)
            }
        }

        package static func == (lhs: Rows, rhs: Rows) -> Bool { lhs.elementsEqual(rhs) }
    }

    package var columns: [Column]
    package var rows: Rows
    package var shape: Shape = .rows
    /// A line the table format writes under the rows ("25 of 827 hits"); other formats carry
    /// what it says in a section of their own, so that their rows stay data.
    package var footer: String?

    package init(columns: [Column], rows: [[Value]], shape: Shape = .rows) {
        self.columns = columns
        self.rows = Rows(rows)
        self.shape = shape
    }

    package init(columns: [Column], rows: Rows) {
        self.columns = columns
        self.rows = rows
    }

    /// A record: one key-value pair per line in table format, one object in JSON.
    package static func record(_ pairs: [(String, Value)]) -> Table {
        Table(columns: pairs.map { Column($0.0) }, rows: [pairs.map(\.1)], shape: .record)
    }

    /// The table without its table-only columns, for csv, tsv and json.
    var dataOnly: Table {
        guard columns.contains(where: \.tableOnly) else { return self }
        let kept = columns.indices.filter { !columns[$0].tableOnly }
        let rows = rows
        var table = Table(columns: kept.map { columns[$0] }, rows: Rows(count: rows.count) { index in kept.map { rows[index][$0] } })
        table.shape = shape
        table.footer = footer
        return table
    }
}

extension Table.Rows {
    /// Writes every row as `render(index, row, &bytes)` appends it, in order. Large tables are
    /// rendered a batch at a time with the batch split across the cores (making a row reads its
    /// turn's text, which is most of an export's work), so no more than a batch is ever held as
    /// text. False when `write` refused a piece or Ctrl-C stopped it.
    package func write(
        rendering render: @escaping @Sendable (Int, [Table.Value], inout [UInt8]) -> Void, to write: (String) -> Bool
    ) -> Bool {
        let rowsPerPiece = 512
        guard count > rowsPerPiece, Parallel.coreCount > 1 else {
            var bytes: [UInt8] = []
            for (index, row) in enumerated() {
                if Interruption.stops(at: index) { return false }
                bytes.removeAll(keepingCapacity: true)
                render(index, row, &bytes)
                guard write(String(decoding: bytes, as: UTF8.self)) else { return false }
            }
            return true
        }
        let piecesPerBatch = 4 * Parallel.coreCount
        var start = 0
        while start < count {
            if Interruption.isRequested { return false }
            let batchStart = start
            let pieces = Parallel.map(Swift.min(piecesPerBatch, (count - start + rowsPerPiece - 1) / rowsPerPiece)) { piece in
                var bytes: [UInt8] = []
                let first = batchStart + piece * rowsPerPiece
                for index in first..<Swift.min(first + rowsPerPiece, count) { render(index, self[index], &bytes) }
                return String(decoding: bytes, as: UTF8.self)
            }
            for piece in pieces {
                guard write(piece) else { return false }
            }
            start = Swift.min(count, start + piecesPerBatch * rowsPerPiece)
        }
        return true
    }
}

/// A result made of several named tables (a summary and its rows). The table format shows them
/// one after another, JSON as one object keyed by name, csv and tsv only the primary table.
package struct Report: Sendable, Equatable {
    package var sections: [(name: String, table: Table)]
    /// The section csv, tsv and `--out` counts refer to.
    package var primary: String
    /// Sections the table format leaves out, because a footer of the primary table says it.
    package var hiddenInTable: Set<String> = []
    /// The picture of the result, for `--format svg|chart` and `plot`; nil when it has none.
    package var chart: Chart?

    package init(_ sections: [(name: String, table: Table)], primary: String) {
        self.sections = sections
        self.primary = primary
    }

    package var primaryTable: Table { sections.first { $0.name == primary }?.table ?? sections[0].table }

    package static func == (lhs: Report, rhs: Report) -> Bool {
        lhs.primary == rhs.primary && lhs.sections.map(\.name) == rhs.sections.map(\.name)
            && lhs.sections.map(\.table) == rhs.sections.map(\.table) && lhs.chart == rhs.chart
    }
}

/// The text formats of every result command.
package enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json
    /// The result's chart as an SVG document.
    case svg
    /// The result's chart in block characters, for the terminal.
    case chart

    /// True for the formats that draw the result's chart rather than its tables.
    package var isChart: Bool { self == .svg || self == .chart }

    /// The format a file name implies (`x.csv` → csv), or nil.
    package init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }

    /// Writes `table` in this format into `sink`, `width` columns wide for the table format;
    /// false when the sink or Ctrl-C stopped it.
    package func render(_ table: Table, width: Int, separators: Bool = false, into sink: inout some TextSink) -> Bool {
        switch self {
        case .table: TextTableRenderer(width: width, separators: separators).render(table, into: &sink)
        case .csv: DelimitedRenderer(separator: ",").render(table.dataOnly, into: &sink)
        case .tsv: DelimitedRenderer(separator: "\t").render(table.dataOnly, into: &sink)
        case .json: JSONRenderer().render(table.dataOnly, into: &sink)
        case .svg, .chart: TextTableRenderer(width: width).render(table, into: &sink)
        }
    }

    /// Writes a report: every section in the table format and JSON, the primary one in csv and
    /// tsv; a report of one table is that table.
    package func render(_ report: Report, width: Int, separators: Bool = false, into sink: inout some TextSink) -> Bool {
        if isChart, let chart = report.chart {
            return sink.write(self == .svg ? SVGChartRenderer().render(chart) : TerminalChartRenderer(width: width).render(chart))
        }
        if report.sections.count == 1 { return render(report.sections[0].table, width: width, separators: separators, into: &sink) }
        switch self {
        case .table:
            for (index, section) in report.sections.filter({ !report.hiddenInTable.contains($0.name) }).enumerated() {
                if index > 0, !sink.write("\n") { return false }
                guard render(section.table, width: width, separators: separators, into: &sink) else { return false }
            }
            return true
        case .csv, .tsv, .svg, .chart:
            return render(report.primaryTable, width: width, into: &sink)
        case .json:
            return JSONRenderer().render(report.sections.map { ($0.name, $0.table.dataOnly) }, into: &sink)
        }
    }

    /// The text of `report` in this format, for short results and tests.
    package func render(_ report: Report, width: Int) -> String {
        var sink = StringSink()
        _ = render(report, width: width, into: &sink)
        return sink.text
    }

    package func render(_ table: Table, width: Int, separators: Bool = false) -> String {
        var sink = StringSink()
        _ = render(table, width: width, separators: separators, into: &sink)
        return sink.text
    }
}

extension Table.Value {
    /// The cell as plain text (numbers with their fixed decimals, null as empty).
    package var plainText: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .decimal(let value, let places): NumberFormat.fixed(value, places: places)
        case .null: ""
        }
    }

    var isNumeric: Bool {
        switch self {
        case .integer, .decimal: true
        default: false
        }
    }
}

/// Fixed-point number formatting that depends on no locale.
package enum NumberFormat {
    /// A number without trailing zeros: 1, 0.05.
    package static func shortest(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    package static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let negative = value < 0 && scaled != 0
        guard scaled < 9.0e18 else { return String(value) }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        var text = (negative ? "-" : "") + String(whole)
        if places > 0 {
            let fraction = String(units % UInt64(scale))
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }
}
