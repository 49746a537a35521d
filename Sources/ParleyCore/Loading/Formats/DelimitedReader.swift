/// CSV and TSV by RFC 4180: a header row, fields separated by a comma (or a tab), fields in
/// double quotes may hold the separator, line breaks and doubled quotes (`""`).
struct DelimitedReader: FormatReader {
    let separator: UInt8
    let table: TableReader

    func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument] {
        let rows = try text.withUnsafeBufferPointer { (bytes) throws(LoadError) in try Self.rows(bytes, separator: separator, name: name) }
        guard let header = rows.first else { return [] }
        let columns = header.fields
        guard rows.count.multipliedReportingOverflow(by: columns.count).partialValue <= TableReader.maximumCells else {
            throw .malformed(name, line: 1, "the table has \(rows.count) rows of \(columns.count) columns, more than the \(TableReader.maximumCells) cells Parley reads")
        }
        var records: [TableReader.Record] = []
        records.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }  // a blank line
            guard row.fields.count == columns.count else {
                throw .malformed(name, line: row.line, "this row has \(row.fields.count) fields; the header has \(columns.count)")
            }
            records.append(TableReader.Record(line: row.line, values: row.fields))
        }
        return try table.documents(records, columns: columns, name: name)
    }

    struct Row {
        var line: Int
        var fields: [String]
    }

    /// The rows of `bytes`, each with the line it starts on.
    static func rows(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8, name: String) throws(LoadError) -> [Row] {
        let quote = UInt8(ascii: "\"")
        let newline: UInt8 = 0x0A
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var index = 0
        var fieldIsEmpty = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote, field.isEmpty, fieldIsEmpty {
                // A quoted field: up to the next quote that is not doubled.
                let openedOn = line
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw .malformed(name, line: openedOn, "the quote that opens a field here is never closed")
                    }
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    if inner == newline { line += 1 }
                    field.append(inner)
                    index += 1
                }
                fieldIsEmpty = false
                guard index >= bytes.count || bytes[index] == separator || bytes[index] == newline else {
                    throw .malformed(name, line: line, "a quoted field must end at a separator or the end of the line, not with text after its closing quote")
                }
                continue
            }
            if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldIsEmpty = true
            } else if byte == newline {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldIsEmpty = true
                rows.append(Row(line: rowLine, fields: fields))
                fields.removeAll(keepingCapacity: true)
                line += 1
                rowLine = line
            } else {
                field.append(byte)
                fieldIsEmpty = false
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || !fieldIsEmpty {
            fields.append(String(decoding: field, as: UTF8.self))
            rows.append(Row(line: rowLine, fields: fields))
        }
        return rows
    }
}
