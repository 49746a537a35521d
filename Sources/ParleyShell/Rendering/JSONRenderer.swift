import ParleyCore

/// JSON with keys in column order and numbers as numbers: an array of objects for rows, one
/// object for a record. Written by hand so the bytes never depend on a library's key order.
package struct JSONRenderer {
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
            var out: [UInt8] = []
            Self.appendObject(Self.keys(table.columns, indent: indent), table.rows.first ?? [], indent: Array(indent.utf8), to: &out)
            return sink.write(String(decoding: out, as: UTF8.self))
        case .rows:
            guard !table.rows.isEmpty else { return sink.write("[]") }
            guard sink.write("[\n") else { return false }
            let keys = Self.keys(table.columns, indent: indent + "  ")
            // Each object starts on a line of its own at `first`, which is also its indent.
            let (first, later) = (Array((indent + "  ").utf8), Array((",\n" + indent + "  ").utf8))
            let rendered = table.rows.write(rendering: { index, row, out in
                out += index > 0 ? later : first
                Self.appendObject(keys, row, indent: first, to: &out)
            }, to: { sink.write($0) })
            return rendered && sink.write("\n" + indent + "]")
        }
    }

    /// What comes before each value of an object at `indent`: the line break and the quoted key.
    private static func keys(_ columns: [Table.Column], indent: String) -> [[UInt8]] {
        columns.indices.map { Array((($0 > 0 ? ",\n" : "") + indent + "  " + string(columns[$0].name) + ": ").utf8) }
    }

    private static func appendObject(_ keys: [[UInt8]], _ row: [Table.Value], indent: [UInt8], to out: inout [UInt8]) {
        out += "{\n".utf8
        for (key, value) in zip(keys, row) {
            out += key
            append(value, to: &out)
        }
        out.append(0x0A)
        out += indent
        out.append(UInt8(ascii: "}"))
    }

    private static func append(_ value: Table.Value, to out: inout [UInt8]) {
        switch value {
        case .text(let text): appendString(text, to: &out)
        case .integer(let number): out += String(number).utf8
        case .decimal(let number, let places): out += (number.isFinite ? NumberFormat.fixed(number, places: places) : "null").utf8
        case .null: out += "null".utf8
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string.
    package static func string(_ text: String) -> String {
        var out: [UInt8] = []
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string: the bytes are copied in runs between the ones that need
    /// an escape (a quote, a backslash, a control character).
    private static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out += UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                runStart = index + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
                default: out += [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
                }
            }
            out += UnsafeBufferPointer(rebasing: bytes[runStart...])
            out.append(UInt8(ascii: "\""))
        }
    }
}
