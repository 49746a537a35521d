/// JSON Lines: one JSON object per line. Nested objects give dotted keys (`meta.date`), arrays
/// of values are joined with ", ", `null` is left out; blank lines are skipped.
struct JSONLinesReader: FormatReader {
    let table: TableReader

    func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument] {
        var records: [TableReader.Record] = []
        var columns: [String] = []
        var known: [String: Int] = [:]
        var cells = 0
        var lineNumber = 0
        for line in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            var parser = JSONParser(bytes: Array(line))
            let fields: [(key: String, value: String)]
            do throws(JSONParser.Failure) {
                fields = try parser.object()
            } catch {
                throw .malformed(name, line: lineNumber, "\(error.message) at column \(error.column)")
            }
            cells += fields.count
            guard cells <= TableReader.maximumCells else {
                throw .malformed(name, line: lineNumber, "the file has more than the \(TableReader.maximumCells) fields Parley reads")
            }
            var values: [Int: String] = [:]
            for field in fields {
                let column = known[field.key] ?? {
                    known[field.key] = columns.count
                    columns.append(field.key)
                    return columns.count - 1
                }()
                // A key given twice in one object keeps its first value.
                if values[column] == nil { values[column] = field.value }
            }
            records.append(TableReader.Record(line: lineNumber, fields: values))
        }
        return try table.documents(records, columns: columns, name: name)
    }
}

/// A JSON parser for one line, flattening an object into (key, text) pairs in source order.
struct JSONParser {
    struct Failure: Error {
        var message: String
        var column: Int
    }

    let bytes: [UInt8]
    var index = 0
    /// How many objects and arrays are open around the current value.
    private var depth = 0

    /// The deepest nesting of objects and arrays a line may have: the parser recurses once per
    /// level, and transcripts nest a level or two.
    static let maximumDepth = 64

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The line's object, flattened; nothing but white space may follow it.
    mutating func object() throws(Failure) -> [(key: String, value: String)] {
        skipSpace()
        guard peek == UInt8(ascii: "{") else { throw fail("expected a JSON object starting with {") }
        var fields: [(key: String, value: String)] = []
        try members(prefix: "", into: &fields)
        skipSpace()
        guard index == bytes.count else { throw fail("unexpected text after the object") }
        return fields
    }

    private mutating func members(prefix: String, into fields: inout [(key: String, value: String)]) throws(Failure) {
        try enter()
        defer { depth -= 1 }
        index += 1  // {
        skipSpace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
            let key = prefix + (try string())
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected : after a key") }
            index += 1
            skipSpace()
            if peek == UInt8(ascii: "{") {
                try members(prefix: key + ".", into: &fields)
            } else if let value = try value() {
                fields.append((key, value))
            }
            skipSpace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "}") else { throw fail("expected , or } after a value") }
            index += 1
            return
        }
    }

    /// A value as text, or nil for null. Arrays are joined with ", ".
    private mutating func value() throws(Failure) -> String? {
        switch peek {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "["):
            try enter()
            defer { depth -= 1 }
            index += 1
            var items: [String] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return ""
            }
            while true {
                skipSpace()
                if peek == UInt8(ascii: "{") {
                    var nested: [(key: String, value: String)] = []
                    try members(prefix: "", into: &nested)
                    items.append(nested.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
                } else if let item = try value() {
                    items.append(item)
                }
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "]") else { throw fail("expected , or ] in an array") }
                index += 1
                return items.joined(separator: ", ")
            }
        default:
            let start = index
            while index < bytes.count, !" \t,}]".utf8.contains(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            if word == "null" { return nil }
            if word == "true" || word == "false" || Double(word) != nil, !word.isEmpty { return word }
            index = start
            throw fail(word.isEmpty ? "expected a value" : "\"\(word.prefix(20))\" is not a JSON value")
        }
    }

    private mutating func string() throws(Failure) -> String {
        let open = index
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    // A high surrogate joins the low one that follows it; a lone one, or one
                    // followed by anything else (another high one), is U+FFFD.
                    if (0xD800..<0xDC00).contains(code), index + 5 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            index -= 6
                        }
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                default: out.append(escape)
                }
                continue
            }
            out.append(byte)
            index += 1
        }
        index = open
        throw fail("this string is never closed")
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("\\u needs four hex digits") }
        var code: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexDigit(byte) else { throw fail("\\u needs four hex digits") }
            code = code << 4 | digit
        }
        index += 4
        return code
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// One level deeper, or a failure past `maximumDepth`.
    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw fail("objects and arrays nest more than \(Self.maximumDepth) levels deep") }
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.count, " \t\r".utf8.contains(bytes[index]) { index += 1 }
    }

    private func fail(_ message: String) -> Failure {
        // Columns count characters, not bytes.
        Failure(message: message, column: bytes[..<min(index, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1)
    }
}
