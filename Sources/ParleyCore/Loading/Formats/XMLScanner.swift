/// A small, strict XML scanner: elements, attributes, text with character references,
/// comments, CDATA, processing instructions and a DOCTYPE. It checks that tags balance and
/// reports the first fault with its line. Namespaces are kept as written (`xml:id`).
struct XMLScanner {
    enum Event {
        case start(name: Substring, attributes: [Substring: String], line: Int)
        case end(name: Substring)
        case text(String)
    }

    struct Failure: Error {
        var line: Int
        var message: String
    }

    /// Calls `handle` for each event of `text` in document order.
    static func scan(_ text: String, _ handle: (Event) -> Void) throws(Failure) {
        var open: [(name: Substring, line: Int)] = []
        var rootClosed = false
        var line = 1
        var rest = Substring(text)
        func advance(to index: Substring.Index) {
            line += rest.utf8[rest.startIndex..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            rest = rest[index...]
        }
        while !rest.isEmpty {
            guard let angle = rest.firstIndex(of: "<") else {
                if !open.isEmpty { handle(.text(Entities.decode(rest))) }
                advance(to: rest.endIndex)
                break
            }
            if angle > rest.startIndex {
                let piece = rest[..<angle]
                if !open.isEmpty { handle(.text(Entities.decode(piece))) } else if !piece.allSatisfy(\.isWhitespace) {
                    throw Failure(line: line, message: "text outside the root element")
                }
                advance(to: angle)
            }
            for (opener, closer, what) in [("<!--", "-->", "comment"), ("<![CDATA[", "]]>", "CDATA section"), ("<?", "?>", "processing instruction")] where rest.hasPrefix(opener) {
                guard let close = rest.firstRange(of: closer) else { throw Failure(line: line, message: "this \(what) is never closed (\(closer))") }
                if what == "CDATA section", !open.isEmpty { handle(.text(String(rest[rest.index(rest.startIndex, offsetBy: opener.count)..<close.lowerBound]))) }
                advance(to: close.upperBound)
            }
            guard rest.hasPrefix("<") else { continue }
            if rest.hasPrefix("<!") {
                guard let close = rest.firstIndex(of: ">") else { throw Failure(line: line, message: "this <! declaration is never closed") }
                advance(to: rest.index(after: close))
                continue
            }
            guard let close = tagEnd(rest) else { throw Failure(line: line, message: "this tag is never closed with >") }
            let tagLine = line
            let inner = rest[rest.index(after: rest.startIndex)..<close]
            advance(to: rest.index(after: close))
            if inner.hasPrefix("/") {
                let name = inner.dropFirst().trimmed
                guard let last = open.popLast() else { throw Failure(line: tagLine, message: "</\(name)> closes nothing") }
                guard last.name == name else {
                    throw Failure(line: tagLine, message: "</\(name)> closes <\(last.name)>, opened on line \(last.line)")
                }
                handle(.end(name: last.name))
                rootClosed = open.isEmpty
                continue
            }
            let selfClosing = inner.hasSuffix("/")
            let body = selfClosing ? inner.dropLast() : inner
            let nameEnd = body.firstIndex { $0.isWhitespace } ?? body.endIndex
            let name = body[..<nameEnd]
            guard let first = name.first, first.isLetter || first == "_" || first == ":" else {
                throw Failure(line: tagLine, message: "\"<\(name.prefix(10))\" is not a tag; write < in text as &lt;")
            }
            if open.isEmpty, rootClosed { throw Failure(line: tagLine, message: "a second root element <\(name)>") }
            let attributes = try attributes(body[nameEnd...], line: tagLine)
            handle(.start(name: name, attributes: attributes, line: tagLine))
            if selfClosing { handle(.end(name: name)) } else { open.append((name, tagLine)) }
            rootClosed = open.isEmpty
        }
        if let last = open.last { throw Failure(line: last.line, message: "<\(last.name)> opened here is never closed") }
    }

    /// The `>` that ends the tag at the start of `text`, skipping quoted attribute values.
    private static func tagEnd(_ text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return index
            }
        }
        return nil
    }

    private static func attributes(_ text: Substring, line: Int) throws(Failure) -> [Substring: String] {
        var result: [Substring: String] = [:]
        var rest = text.drop { $0.isWhitespace }
        while !rest.isEmpty {
            guard let equals = rest.firstIndex(of: "=") else { throw Failure(line: line, message: "attribute \"\(rest.prefix(20))\" has no value") }
            let name = rest[..<equals].trimmed
            rest = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { throw Failure(line: line, message: "the value of \(name) must be in quotes") }
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: quote) else { throw Failure(line: line, message: "the value of \(name) is never closed") }
            result[Substring(name)] = Entities.decode(rest[..<close])
            rest = rest[rest.index(after: close)...].drop { $0.isWhitespace }
        }
        return result
    }
}
