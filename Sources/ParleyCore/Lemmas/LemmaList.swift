/// A lemma list in AntConc's format: one lemma a line, `go -> went, gone, going`; blank lines
/// and lines starting with `#` are skipped. Forms and lemmas are folded as types are (lower
/// case, ’ as '); a form listed under two lemmas keeps the first.
package struct LemmaList: Sendable {
    /// Each listed form's lemma.
    package let lemmaOfForm: [String: String]
    /// A digest of the list's text, which tells two lists apart in the index cache's key.
    package let digest: UInt64

    init(lemmaOfForm: [String: String]) {
        self.lemmaOfForm = lemmaOfForm
        digest = 0
    }

    /// Parses `text`; a line without `->` or with nothing on one side is an error naming it.
    /// Byte by byte: every process that builds a corpus from text may parse the built-in list.
    package init(parsing text: String) throws(LemmaListError) {
        var lemmaOfForm: [String: String] = [:]
        let bytes = Array(text.utf8)
        var number = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            number += 1
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            let line = Self.trimmed(bytes, lineStart..<lineEnd)
            if line.isEmpty || bytes[line.lowerBound] == UInt8(ascii: "#") { continue }
            guard let arrow = line.dropLast().first(where: { bytes[$0] == UInt8(ascii: "-") && bytes[$0 + 1] == UInt8(ascii: ">") }) else {
                throw .malformed(line: number, reason: "a line is `lemma -> form, form`; this one has no ->")
            }
            let lemma = Self.folded(bytes, Self.trimmed(bytes, line.lowerBound..<arrow))
            guard !lemma.isEmpty else { throw .malformed(line: number, reason: "there is no lemma before ->") }
            var found = false
            var formStart = arrow + 2
            while formStart <= line.upperBound {
                let formEnd = bytes[formStart..<line.upperBound].firstIndex(of: UInt8(ascii: ",")) ?? line.upperBound
                let form = Self.folded(bytes, Self.trimmed(bytes, formStart..<formEnd))
                if !form.isEmpty {
                    found = true
                    if form != lemma, lemmaOfForm[form] == nil { lemmaOfForm[form] = lemma }
                }
                formStart = formEnd + 1
            }
            guard found else { throw .malformed(line: number, reason: "there are no forms after ->") }
        }
        self.lemmaOfForm = lemmaOfForm
        digest = Checksum.of(bytes)
    }

    /// The built-in English list (`EnglishLemmaList.swift`: its source and licence).
    package static let english: LemmaList = {
        do throws(LemmaListError) {
            return try LemmaList(parsing: englishText)
        } catch {
            preconditionFailure("the built-in lemma list does not parse: \(error)")
        }
    }()

    /// `range` without spaces, tabs and carriage returns at either end.
    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var (lower, upper) = (range.lowerBound, range.upperBound)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The bytes as a form folded as types are: lower case, ’ as '. Lower-case ASCII, most of
    /// a list, is taken as it is.
    private static func folded(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        let text = String(decoding: bytes[range], as: UTF8.self)
        guard bytes[range].contains(where: { $0 >= 0x80 || (0x41...0x5A).contains($0) }) else { return text }
        return text.lowercased().replacing("\u{2019}", with: "'")
    }
}

/// Why a lemma list could not be read.
package enum LemmaListError: Error, Equatable, CustomStringConvertible {
    case malformed(line: Int, reason: String)

    package var description: String {
        switch self {
        case .malformed(let line, let reason): "line \(line) of the lemma list: \(reason)"
        }
    }
}
