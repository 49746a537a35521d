/// YAML front matter at the top of a Markdown or text transcript: `---`, `key: value` lines,
/// `---` (or `...`). It covers what transcripts carry: plain, single- and double-quoted scalars
/// (with YAML's escapes, `\_` for a non-breaking space among them), flow lists (`[a, b]`),
/// block lists (`- a`), block scalars (`|`, `>`), indented continuation lines and comments.
/// Nested maps become dotted keys (`speaker.name`). List items are joined with ", ".
enum FrontMatter {
    /// The fields and the offset where the transcript proper starts, or nil when the text does
    /// not open with `---` on a line of its own, then a `key:` line, and a closing `---`.
    static func parse(_ text: [UInt8], name: String) throws(LoadError) -> (fields: [MetadataField], bodyStart: Int)? {
        guard text.starts(with: Array("---\n".utf8)) else { return nil }
        var lines: [(text: Substring, number: Int)] = []
        var lineStart = 4
        var lineNumber = 1
        var closed: Int?
        // Only the lines up to the closing --- are decoded, not the transcript after them.
        while lineStart < text.count {
            lineNumber += 1
            let end = text[lineStart...].firstIndex(of: 0x0A) ?? text.count
            let line = Substring(String(decoding: text[lineStart..<end], as: UTF8.self))
            lineStart = min(end + 1, text.count)
            let bare = line.trimmingTrailingSpaces
            if bare == "---" || bare == "..." {
                closed = lineStart
                break
            }
            lines.append((line, lineNumber))
        }
        // Markdown rules (---) around text are not front matter: it is closed and opens with a field.
        let first = lines.first { !$0.text.allSatisfy(\.isWhitespace) }
        guard let bodyStart = closed, let first, keyColon(in: first.text.drop { $0 == " " }) != nil else { return nil }
        return (try fields(of: lines, name: name), bodyStart)
    }

    private static func fields(of lines: [(text: Substring, number: Int)], name: String) throws(LoadError) -> [MetadataField] {
        var fields: [MetadataField] = []
        var parents: [(indent: Int, key: String)] = []
        var index = 0
        func indentation(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
        func isBlank(_ line: Substring) -> Bool {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
        while index < lines.count {
            let (line, number) = lines[index]
            index += 1
            if isBlank(line) { continue }
            let indent = indentation(line)
            let content = line.dropFirst(indent)
            guard let colon = keyColon(in: content) else {
                throw .malformed(name, line: number, "front matter lines are key: value, got \"\(content.prefix(40))\"")
            }
            while let last = parents.last, last.indent >= indent { parents.removeLast() }
            let key = (parents.map(\.key) + [String(content[..<colon]).trimmingTrailingSpaces.unquoted]).joined(separator: ".")
            let rest = String(content[content.index(after: colon)...]).strippingComment.trimmed
            // What belongs to this key: the lines indented deeper (or list items at the same depth).
            var block: [Substring] = []
            while index < lines.count {
                let next = lines[index].text
                let nextIndent = indentation(next)
                let isItem = next.dropFirst(nextIndent).hasPrefix("- ") || next.dropFirst(nextIndent) == "-"
                guard isBlank(next) || nextIndent > indent || (isItem && nextIndent == indent && rest.isEmpty) else { break }
                block.append(next)
                index += 1
            }
            let nonBlank = block.filter { !isBlank($0) }
            if rest == "|" || rest == ">" || rest.hasPrefix("|") || rest.hasPrefix(">") {
                let lines = block.map { $0.drop { $0 == " " } }
                let value = rest.hasPrefix("|") ? lines.joined(separator: "\n") : lines.joined(separator: " ")
                fields.append(MetadataField(key: key, value: value.trimmed))
            } else if rest.isEmpty, let first = nonBlank.first, first.drop(while: { $0 == " " }).hasPrefix("-") {
                let items = nonBlank.map { String($0.drop { $0 == " " }.dropFirst()).strippingComment.trimmed }
                fields.append(MetadataField(key: key, value: items.map { scalar($0) }.joined(separator: ", ")))
            } else if rest.isEmpty, !nonBlank.isEmpty {
                // A nested map: read its lines as fields of their own under this key.
                parents.append((indent, String(content[..<colon]).trimmingTrailingSpaces.unquoted))
                index -= block.count
            } else if rest.hasPrefix("[") {
                let inner = rest.dropFirst().prefix { $0 != "]" }
                let items = inner.split(separator: ",").map { scalar(String($0).trimmed) }
                fields.append(MetadataField(key: key, value: items.joined(separator: ", ")))
            } else {
                let continued = ([rest] + nonBlank.map { String($0).strippingComment.trimmed }).joined(separator: " ")
                fields.append(MetadataField(key: key, value: scalar(continued)))
            }
        }
        return fields
    }

    /// The colon that ends a key: the first `:` followed by a space or the line's end, outside quotes.
    private static func keyColon(in line: Substring) -> Substring.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'", index == line.startIndex {
                quote = character
            } else if character == ":" {
                let next = line.index(after: index)
                if next == line.endIndex || line[next] == " " || line[next] == "\t" { return index == line.startIndex ? nil : index }
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// A scalar's value: quotes removed and escapes decoded.
    static func scalar(_ raw: String) -> String {
        if raw.count >= 2, raw.hasPrefix("'"), raw.hasSuffix("'") {
            return String(raw.dropFirst().dropLast()).replacing("''", with: "'")
        }
        guard raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") else { return raw }
        var out = ""
        var characters = raw.dropFirst().dropLast().unicodeScalars.makeIterator()
        while let scalar = characters.next() {
            guard scalar == "\\", let escape = characters.next() else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch escape {
            case "n": out += "\n"
            case "t": out += "\t"
            case "_": out += "\u{A0}"
            case "N": out += "\u{85}"
            case "L": out += "\u{2028}"
            case "P": out += "\u{2029}"
            case "0": out += "\u{0}"
            case "x", "u", "U":
                let digits = escape == "x" ? 2 : escape == "u" ? 4 : 8
                var hex = ""
                for _ in 0..<digits { if let next = characters.next() { hex.unicodeScalars.append(next) } }
                if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) { out.unicodeScalars.append(decoded) }
            default: out.unicodeScalars.append(escape)
            }
        }
        return out
    }
}

extension StringProtocol {
    var trimmed: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    fileprivate var trimmingTrailingSpaces: String {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return String(self[startIndex..<end])
    }

    fileprivate var unquoted: String { FrontMatter.scalar(String(self)) }

    /// Without a `#` comment that starts after white space, outside quotes.
    fileprivate var strippingComment: String {
        var quote: Character?
        var previous: Character = " "
        for (offset, character) in enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'", previous == " " {
                quote = character
            } else if character == "#", previous == " " || previous == "\t" {
                return String(prefix(offset))
            }
            previous = character
        }
        return String(self)
    }
}
