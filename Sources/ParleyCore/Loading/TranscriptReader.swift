/// Where the title and the turns of one plain-text transcript lie, before tokenizing.
package struct TranscriptLayout: Sendable, Equatable {
    package var title: Range<Int>?
    package var turns: [TurnLayout]
}

/// One turn: its speaker (nil for preamble) and the byte range of its text.
package struct TurnLayout: Sendable, Equatable {
    package var speaker: String?
    package var range: Range<Int>
}

/// Reads plain-text and Markdown transcripts by the rules of DESIGN.md §3: speaker labels, a
/// title line, dash turns with self-introductions or two-party alternation, continuation
/// paragraphs, preamble, and label-suffix merging.
package struct TranscriptReader {
    /// The speaker of a dash turn that nothing identifies.
    package static let unknownSpeaker = "Unknown"

    private let options: ReaderOptions
    private let labelRegex: Regex<AnyRegexOutput>?

    package init(options: ReaderOptions) throws(LoadError) {
        self.options = options
        if let pattern = options.labelPattern {
            do {
                labelRegex = try Regex(pattern)
            } catch {
                throw .invalidLabelPattern(pattern, reason: "\(error)")
            }
        } else {
            labelRegex = nil
        }
    }

    /// The layout of `bytes` (normalised text) from `start` (after any front matter); with
    /// `hasTitle`, the title came from elsewhere and the first line is not looked at as one.
    package func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, hasTitle: Bool = false) -> TranscriptLayout {
        var paragraphs = TextLayout.paragraphs(in: bytes, range: start..<bytes.count)[...]
        var layout = TranscriptLayout(title: nil, turns: [])
        if !hasTitle, let first = paragraphs.first, isTitle(first, in: bytes, paragraphs: paragraphs) {
            layout.title = first
            paragraphs = paragraphs.dropFirst()
        }
        for paragraph in paragraphs {
            if let (name, content) = question(bytes, paragraph) ?? label(bytes, paragraph) {
                layout.turns.append(TurnLayout(speaker: name, range: content..<paragraph.upperBound))
            } else if options.dashTurns, let content = dashContent(bytes, paragraph) {
                let speaker = SpeakerLabel.selfIntroduction(bytes, content: content..<paragraph.upperBound)
                    ?? alternatingSpeaker(layout.turns) ?? Self.unknownSpeaker
                layout.turns.append(TurnLayout(speaker: speaker, range: content..<paragraph.upperBound))
            } else if let last = layout.turns.indices.last {
                layout.turns[last].range = layout.turns[last].range.lowerBound..<paragraph.upperBound
            } else {
                layout.turns.append(TurnLayout(speaker: nil, range: paragraph))
            }
        }
        if options.mergeLabelSuffixes { mergeSuffixLabels(&layout.turns) }
        return layout
    }

    private func label(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> (String, Int)? {
        guard let regex = labelRegex else { return SpeakerLabel.match(bytes, paragraph: paragraph) }
        let lineEnd = TextLayout.firstLineEnd(bytes, paragraph)
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[paragraph.lowerBound..<lineEnd]), as: UTF8.self)
        guard let match = try? regex.prefixMatch(in: line) else { return nil }
        var name = match.output.count > 1 ? match.output[1].substring.map(String.init) : nil
        if name == nil {
            let whole = String(line[match.range])
            name = String(whole.trimmingSuffix { $0.isWhitespace || $0 == ":" })
        }
        guard let speaker = name?.trimmingSuffix(while: \.isWhitespace), !speaker.isEmpty else { return nil }
        let consumed = paragraph.lowerBound + line[match.range].utf8.count
        let content = TextLayout.trimmed(bytes, consumed..<paragraph.upperBound)?.lowerBound ?? paragraph.upperBound
        return (String(speaker), content)
    }

    /// A question in a press briefing: a paragraph that starts with `Q` and white space (a
    /// non-breaking space, as the White House writes it, or a plain one), without a colon
    /// (`Q:` is a label like any other). The speaker is `Q`. `--no-questions` or `--label` turn
    /// it off.
    private func question(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> (String, Int)? {
        guard options.questions, labelRegex == nil, paragraph.count > 2, bytes[paragraph.lowerBound] == UInt8(ascii: "Q") else { return nil }
        let (space, _) = UTF8Scanning.scalar(in: bytes, at: paragraph.lowerBound + 1)
        guard UTF8Scanning.isWhitespace(space), space != "\n",
            let content = TextLayout.trimmed(bytes, (paragraph.lowerBound + 1)..<paragraph.upperBound)
        else { return nil }
        return (Self.questionSpeaker, content.lowerBound)
    }

    /// The speaker of a paragraph marked `Q` (a reporter's question in a briefing).
    package static let questionSpeaker = "Q"

    /// The start of the speech after a leading `-`, `–` or `—` and white space, or nil.
    private func dashContent(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> Int? {
        let (dash, length) = UTF8Scanning.scalar(in: bytes, at: paragraph.lowerBound)
        guard dash == "-" || dash == "\u{2013}" || dash == "\u{2014}" else { return nil }
        let after = paragraph.lowerBound + length
        guard after < paragraph.upperBound else { return nil }
        let (space, _) = UTF8Scanning.scalar(in: bytes, at: after)
        guard UTF8Scanning.isWhitespace(space) else { return nil }
        return TextLayout.trimmed(bytes, after..<paragraph.upperBound)?.lowerBound
    }

    /// Two-party alternation: the most recent speaker other than the previous turn's.
    private func alternatingSpeaker(_ turns: [TurnLayout]) -> String? {
        guard options.alternation, let previous = turns.last?.speaker else { return nil }
        return turns.reversed().lazy.compactMap(\.speaker).first { $0 != previous && $0 != Self.unknownSpeaker }
    }

    /// The first paragraph is a title when the rule says so, or (by default) when it is one line
    /// that reads as a headline and does not open with a label used again in the document.
    private func isTitle(_ paragraph: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, paragraphs: ArraySlice<Range<Int>>) -> Bool {
        switch options.title {
        case .none: return false
        case .first: return true
        case .auto: break
        }
        guard TextLayout.firstLineEnd(bytes, paragraph) == paragraph.upperBound else { return false }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[paragraph]), as: UTF8.self)
        guard line.unicodeScalars.count <= 200, let last = line.last, !".,;:".contains(last) else { return false }
        let words = Tokenizer().tokens(of: line).filter { !Self.headlineFunctionWords.contains($0) }
        guard words.count >= 2 else { return false }
        let capitalised = words.filter { word in
            guard let first = word.unicodeScalars.first else { return false }
            return UTF8Scanning.isUppercaseLetter(first) || first.properties.numericType != nil
        }
        guard capitalised.count * 4 >= words.count * 3 else { return false }
        if let (name, _) = label(bytes, paragraph) {
            let reused = paragraphs.dropFirst().contains { label(bytes, $0)?.0 == name }
            if reused { return false }
        }
        return true
    }

    private static let headlineFunctionWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
        "with", "from", "into", "over", "as", "is", "are", "was", "vs", "v", "via", "per", "about",
        "after", "before", "against", "than", "up", "off", "out",
    ]

    /// Renames each label that ends with another label of the document (word for word,
    /// ignoring case) to the longest such label, following chains.
    private func mergeSuffixLabels(_ turns: inout [TurnLayout]) {
        let names = Set(turns.compactMap(\.speaker)).subtracting([Self.unknownSpeaker])
        guard names.count > 1 else { return }
        let words = Dictionary(uniqueKeysWithValues: names.map { ($0, $0.lowercased().split(separator: " ")) })
        var target: [String: String] = [:]
        for name in names {
            let own = words[name]!
            let suffixes = names.filter { other in
                let tail = words[other]!
                return tail.count < own.count && own.suffix(tail.count).elementsEqual(tail)
            }
            if let longest = suffixes.max(by: { (words[$0]!.count, $1) < (words[$1]!.count, $0) }) {
                target[name] = longest
            }
        }
        guard !target.isEmpty else { return }
        func resolve(_ name: String) -> String {
            var name = name
            while let next = target[name] { name = next }
            return name
        }
        for index in turns.indices {
            if let speaker = turns[index].speaker { turns[index].speaker = resolve(speaker) }
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
