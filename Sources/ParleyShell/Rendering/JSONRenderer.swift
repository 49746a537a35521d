import ParleyCore

/// JSON with keys in column order and numbers as numbers: an array of objects for rows, one
/// object for a record. Written by hand so the bytes never depend on a library's key order.
struct JSONRenderer {
    /// Writes `table` into `sink`, an object at a time; false when the sink or Ctrl-C stopped it.
    func render(_ table: Table, into sink: inout some TextSink) -> Bool {
        write(table, indent: "", into: &sink) && sink.write("\n")
    }

    /// Several tables as one object, each under its name.
    func render(_ sections: [(String, Table)], into sink: inout some TextSink) -> Bool {
        guard sink.write("{\n") else { return false }
        for (index, (name, table)) in sections.enumerated() {
            guard sink.write((index > 0 ? ",\n" : "") + "  " + Self.string(name) + ": "), write(table, indent: "  ", into: &sink) else {
                return false
            }
        }
        return sink.write("\n}\n")
    }

    private func write(_ table: Table, indent: String, into sink: inout some TextSink) -> Bool {
        switch table.shape {
        case .record:
            return sink.write(object(table.columns, table.rows.first ?? [], indent: indent))
        case .rows:
            guard !table.rows.isEmpty else { return sink.write("[]") }
            guard sink.write("[\n") else { return false }
            for (index, row) in table.rows.enumerated() {
                if Interruption.stops(at: index) { return false }
                guard sink.write((index > 0 ? ",\n" : "") + indent + "  " + object(table.columns, row, indent: indent + "  ")) else { return false }
            }
            return sink.write("\n" + indent + "]")
        }
    }

    private func object(_ columns: [Table.Column], _ row: [Table.Value], indent: String) -> String {
        let members = zip(columns, row).map { column, value in
            indent + "  " + Self.string(column.name) + ": " + Self.value(value)
        }
        return "{\n" + members.joined(separator: ",\n") + "\n" + indent + "}"
    }

    static func value(_ value: Table.Value) -> String {
        switch value {
        case .text(let text): string(text)
        case .integer(let number): String(number)
        case .decimal(let number, let places): number.isFinite ? NumberFormat.fixed(number, places: places) : "null"
        case .null: "null"
        }
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
