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

    /// A column: its name (also the JSON key) and whether it may be shortened to fit the width.
    package struct Column: Sendable, Equatable {
        package var name: String
        package var flexible: Bool

        package init(_ name: String, flexible: Bool = false) {
            self.name = name
            self.flexible = flexible
        }
    }

    /// Rows under a header, or one record of key-value pairs (`info`).
    package enum Shape: Sendable, Equatable { case rows, record }

    package var columns: [Column]
    package var rows: [[Value]]
    package var shape: Shape = .rows

    package init(columns: [Column], rows: [[Value]], shape: Shape = .rows) {
        self.columns = columns
        self.rows = rows
        self.shape = shape
    }

    /// A record: one key-value pair per line in table format, one object in JSON.
    package static func record(_ pairs: [(String, Value)]) -> Table {
        Table(columns: pairs.map { Column($0.0) }, rows: [pairs.map(\.1)], shape: .record)
    }
}

/// The text formats of every result command.
package enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json

    /// The format a file name implies (`x.csv` → csv), or nil.
    package init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }

    /// Renders `table` in this format, `width` columns wide for the table format.
    package func render(_ table: Table, width: Int) -> String {
        switch self {
        case .table: TextTableRenderer(width: width).render(table)
        case .csv: DelimitedRenderer(separator: ",").render(table)
        case .tsv: DelimitedRenderer(separator: "\t").render(table)
        case .json: JSONRenderer().render(table)
        }
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
