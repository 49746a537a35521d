import ParleyCore

/// CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled) and TSV
/// (tabs and line breaks inside a field become spaces), with a header row. A line break is any
/// of Character.isNewline's: LF, VT, FF, CR, CR LF (one break), NEL, U+2028 and U+2029. Fields
/// are written byte by byte, so a quote or a tab stays one even before a combining mark.
struct DelimitedRenderer {
    var separator: Character

    /// Writes `table` into `sink`, a row at a time; false when the sink or Ctrl-C stopped it.
    func render(_ table: Table, into sink: inout some TextSink) -> Bool {
        var header: [UInt8] = []
        append(table.columns.map { Table.Value.text($0.name) }, to: &header)
        guard sink.write(String(decoding: header, as: UTF8.self)) else { return false }
        let renderer = self
        return table.rows.write(rendering: { _, row, out in renderer.append(row, to: &out) }, to: { sink.write($0) })
    }

    private func append(_ row: [Table.Value], to out: inout [UInt8]) {
        let tab = separator == "\t"
        for (index, value) in row.enumerated() {
            if index > 0 { out.append(tab ? 0x09 : UInt8(ascii: ",")) }
            var text = value.plainText
            text.withUTF8 { tab ? Self.appendTSV($0, to: &out) : Self.appendCSV($0, to: &out) }
        }
        out.append(0x0A)
    }

    /// The length of the line break at `bytes[index]`, or 0 when there is none.
    private static func lineBreak(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x0D: index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0x0A, 0x0B, 0x0C: 1
        case 0xC2: index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2: index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default: 0
        }
    }

    private static func appendCSV(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let quoted = bytes.indices.contains { bytes[$0] == UInt8(ascii: ",") || bytes[$0] == UInt8(ascii: "\"") || lineBreak(bytes, at: $0) > 0 }
        guard quoted else {
            out += bytes
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            out.append(byte)
            if byte == UInt8(ascii: "\"") { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendTSV(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var index = 0
        var runStart = 0
        while index < bytes.count {
            let length = bytes[index] == 0x09 ? 1 : lineBreak(bytes, at: index)
            if length == 0 {
                index += 1
                continue
            }
            out += UnsafeBufferPointer(rebasing: bytes[runStart..<index])
            out.append(0x20)
            index += length
            runStart = index
        }
        out += UnsafeBufferPointer(rebasing: bytes[runStart...])
    }
}
