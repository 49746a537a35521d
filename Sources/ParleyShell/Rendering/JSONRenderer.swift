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
            return sink.write(Self.object(table.columns, table.rows.first ?? [], indent: indent))
        case .rows:
            guard !table.rows.isEmpty else { return sink.write("[]") }
            guard sink.write("[\n") else { return false }
            let keys = Self.keys(table.columns, indent: indent + "  ")
            let (first, later) = (indent + "  ", ",\n" + indent + "  ")
            let rendered = table.rows.write(rendering: { index, row in
                (index > 0 ? later : first) + Self.object(keys, row, indent: indent + "  ")
            }, to: { sink.write($0) })
            return rendered && sink.write("\n" + indent + "]")
        }
    }

    private static func object(_ columns: [Table.Column], _ row: [Table.Value], indent: String) -> String {
        object(keys(columns, indent: indent), row, indent: indent)
    }

    /// What comes before each value of an object at `indent`: the line break and the quoted key.
    private static func keys(_ columns: [Table.Column], indent: String) -> [String] {
        columns.indices.map { ($0 > 0 ? ",\n" : "") + indent + "  " + string(columns[$0].name) + ": " }
    }

    private static func object(_ keys: [String], _ row: [Table.Value], indent: String) -> String {
        var out = "{\n"
        for (key, value) in zip(keys, row) {
            out += key
            out += Self.value(value)
        }
        out += "\n"
        out += indent
        out += "}"
        return out
    }

    static func value(_ value: Table.Value) -> String {
        switch value {
        case .text(let text): string(text)
        case .integer(let number): String(number)
        case .decimal(let number, let places): number.isFinite ? NumberFormat.fixed(number, places: places) : "null"
        case .null: "null"
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string. Most text needs no escape and is copied whole; otherwise the
    /// bytes are copied in runs between the ones that need one.
    package static func string(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            func plain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") }
            var escapes = 0
            for byte in bytes where !plain(byte) { escapes += 1 }
            // Each escape takes at most six bytes.
            return String(unsafeUninitializedCapacity: bytes.count + 2 + 5 * escapes) { output in
                var count = 0
                func put(_ byte: UInt8) {
                    output[count] = byte
                    count += 1
                }
                put(UInt8(ascii: "\""))
                if escapes == 0 {
                    if let base = bytes.baseAddress { (output.baseAddress! + 1).update(from: base, count: bytes.count) }
                    count += bytes.count
                } else {
                    for byte in bytes {
                        if plain(byte) {
                            put(byte)
                            continue
                        }
                        put(UInt8(ascii: "\\"))
                        switch byte {
                        case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
                        case UInt8(ascii: "\n"): put(UInt8(ascii: "n"))
                        case UInt8(ascii: "\r"): put(UInt8(ascii: "r"))
                        case UInt8(ascii: "\t"): put(UInt8(ascii: "t"))
                        default:
                            for digit in [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 15)]] {
                                put(digit)
                            }
                        }
                    }
                }
                put(UInt8(ascii: "\""))
                return count
            }
        }
    }
}
