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
    private let labelRegex: RegexPattern?
    /// What this reader learnt of label texts in the documents it read before.
    private let labelAnalyses = SpeakerLabel.Analyses()
    /// What merging labels knows of the names met so far.
    private let knownNames = SpeakerMerging.KnownFacts()

    package init(options: ReaderOptions) throws(LoadError) {
        self.options = options
        if let pattern = options.labelPattern {
            do throws(QueryError) {
                labelRegex = try RegexPattern(pattern)
            } catch {
                guard case .invalidRegex(_, let reason) = error else { throw .invalidLabelPattern(pattern, reason: error.description) }
                throw .invalidLabelPattern(pattern, reason: reason)
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
        var names = SpeakerLabel.Memo(earlier: labelAnalyses)
        let openings = self.openings(bytes, paragraphs, names: &names)
        var kinds: [DashTurns.Turn.Kind] = []
        // Where the closing lines start (a time stamp, END, ###), or the end of the text.
        let closing = Self.closingStart(bytes, paragraphs)
        // Each turn's speaker as a number in `names` (-1: none yet), named at the end.
        var speakers: [Int] = []
        var inList = false
        for (paragraph, opening) in zip(paragraphs, openings) {
            let previous = layout.turns.indices.last
            switch opening {
            case .turn(let name, let content, let kind):
                layout.turns.append(TurnLayout(speaker: nil, range: content..<paragraph.upperBound))
                speakers.append(name)
                kinds.append(kind)
                inList = false
            case .dash(let content):
                if let previous, options.dashLists,
                    inList || endsWithColon(bytes, layout.turns[previous].range) || startsLowercase(bytes, content)
                {
                    layout.turns[previous].range = layout.turns[previous].range.lowerBound..<paragraph.upperBound
                    inList = true
                } else {
                    layout.turns.append(TurnLayout(speaker: nil, range: content..<paragraph.upperBound))
                    speakers.append(-1)
                    kinds.append(.dash)
                    inList = false
                }
            case .text:
                inList = false
                if let previous, paragraph.lowerBound >= closing {
                    // "END 2:28 P.M. EST", "###": the close of the document is no one's words.
                    if layout.turns[previous].range.lowerBound >= closing {
                        layout.turns[previous].range = layout.turns[previous].range.lowerBound..<paragraph.upperBound
                    } else {
                        layout.turns.append(TurnLayout(speaker: nil, range: paragraph))
                        speakers.append(-1)
                        kinds.append(.preamble)
                    }
                } else if let previous {
                    layout.turns[previous].range = layout.turns[previous].range.lowerBound..<paragraph.upperBound
                } else {
                    layout.turns.append(TurnLayout(speaker: nil, range: paragraph))
                    speakers.append(-1)
                    kinds.append(.preamble)
                }
            }
        }
        if kinds.contains(.dash) { nameDashTurns(&speakers, layout.turns, kinds: kinds, bytes: bytes, names: &names) }
        if options.mergeLabelSuffixes { SpeakerMerging.merge(&speakers, names: names.names, placeholder: Self.unknownSpeaker, known: knownNames) }
        for (index, speaker) in speakers.enumerated() where speaker >= 0 { layout.turns[index].speaker = names.names[speaker] }
        return layout
    }

    /// Where the lines that close a transcript start: the last paragraphs when each is a time
    /// stamp (`7:37 P.M. EST`, `END 2:28 P.M. EST`, `END 14:05`), `END` or a end mark (`###`,
    /// `-30-`) and one of them holds a time or END; the end of the text when there are none.
    static func closingStart(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraphs: ArraySlice<Range<Int>>) -> Int {
        var start = paragraphs.last?.upperBound ?? 0
        var timed = false
        for paragraph in paragraphs.reversed() {
            guard paragraph.count <= 40 else { break }
            let words = String(decoding: bytes[paragraph], as: UTF8.self).split { $0.isWhitespace }.map(String.init)
            if ["###", "\\###", "# # #", "-30-", "- 30 -"].contains(words.joined(separator: " ")) {
                start = paragraph.lowerBound
            } else if isClosingTime(words) {
                start = paragraph.lowerBound
                timed = true
            } else {
                break
            }
        }
        return timed ? start : (paragraphs.last?.upperBound ?? 0)
    }

    /// A time stamp alone, perhaps after END, or END alone: a clock time, then optionally
    /// A.M./P.M. (dots or none) and a zone of two to four capital letters.
    static func isClosingTime(_ words: [String]) -> Bool {
        var words = words[...]
        if words.first?.uppercased() == "END" {
            words = words.dropFirst()
            if words.isEmpty { return true }
        }
        guard let clock = words.first else { return false }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return false }
        words = words.dropFirst()
        if let meridiem = words.first, ["AM", "PM", "A.M.", "P.M.", "A.M", "P.M", "AM.", "PM."].contains(meridiem.uppercased()) {
            words = words.dropFirst()
        }
        if let zone = words.first, (2...4).contains(zone.count), zone.allSatisfy({ $0.isASCII && $0.isUppercase }) { words = words.dropFirst() }
        return words.isEmpty
    }

    /// How a paragraph opens: a turn with its speaker, a dash turn, or text that continues.
    private enum Opening {
        case turn(Int, content: Int, kind: DashTurns.Turn.Kind)
        case dash(content: Int)
        case text
    }

    /// Every paragraph's opening. Label candidates are kept only when the document's own
    /// labels support them (`LabelInventory`), unless `--all-labels` or `--label` says otherwise.
    private func openings(
        _ bytes: UnsafeBufferPointer<UInt8>, _ paragraphs: ArraySlice<Range<Int>>, names: inout SpeakerLabel.Memo
    ) -> [Opening] {
        var openings: [Opening] = []
        var candidates: [LabelCandidate] = []
        var candidateParagraphs: [Int] = []
        var questionID: Int?
        openings.reserveCapacity(paragraphs.count)
        for paragraph in paragraphs {
            if let content = question(bytes, paragraph) {
                let id = questionID ?? names.id(of: Self.questionSpeaker)
                questionID = id
                openings.append(.turn(id, content: content, kind: .question))
            } else if let regex = labelRegex {
                if let (name, content) = label(bytes, paragraph, regex: regex) {
                    openings.append(.turn(names.id(of: name), content: content, kind: .labelled))
                } else {
                    openings.append(dashOrText(bytes, paragraph))
                }
            } else if let candidate = SpeakerLabel.candidate(bytes, paragraph: paragraph, memo: &names) {
                candidates.append(candidate)
                candidateParagraphs.append(openings.count)
                openings.append(.turn(candidate.nameID, content: candidate.contentStart, kind: .labelled))
            } else {
                openings.append(dashOrText(bytes, paragraph))
            }
        }
        if options.checkLabels {
            for (accepted, index) in zip(LabelInventory.accepted(candidates, nameCount: names.names.count), candidateParagraphs)
            where !accepted {
                openings[index] = dashOrText(bytes, paragraphs[paragraphs.startIndex + index])
            }
        }
        return openings
    }

    private func dashOrText(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> Opening {
        guard options.dashTurns, let content = dashContent(bytes, paragraph) else { return .text }
        return .dash(content: content)
    }

    /// Gives every dash turn its speaker (`DashTurns`), or, with `--strict-alternation`, an
    /// introduction, else the speaker before the previous one; with `--no-alternation`, an
    /// introduction, else Unknown.
    private func nameDashTurns(
        _ speakers: inout [Int], _ turns: [TurnLayout], kinds: [DashTurns.Turn.Kind], bytes: UnsafeBufferPointer<UInt8>,
        names: inout SpeakerLabel.Memo
    ) {
        let dashTurns = DashTurns(placeholder: Self.unknownSpeaker)
        let input = turns.indices.map { index in
            DashTurns.Turn(
                kind: kinds[index], speaker: speakers[index] >= 0 ? names.names[speakers[index]] : nil,
                text: kinds[index] == .dash ? TextLayout.folded(bytes, turns[index].range) : nil)
        }
        let named: [String?]
        if !options.alternation {
            named = input.map { turn in
                guard turn.kind == .dash else { return turn.speaker }
                return TurnCues.introduction(in: String((turn.text ?? "").prefix(TurnCues.openingLength)), principal: nil)
                    ?? Self.unknownSpeaker
            }
        } else if options.dashCues {
            named = dashTurns.speakers(of: input)
        } else {
            named = dashTurns.alternating(input)
        }
        for index in turns.indices where kinds[index] == .dash {
            speakers[index] = named[index].map { names.id(of: $0) } ?? -1
        }
    }

    private func endsWithColon(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        !range.isEmpty && bytes[range.upperBound - 1] == UInt8(ascii: ":")
    }

    private func startsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index < bytes.count else { return false }
        return UTF8Scanning.scalar(in: bytes, at: index).0.properties.isLowercase
    }

    private func label(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>, regex: RegexPattern) -> (String, Int)? {
        let lineEnd = TextLayout.firstLineEnd(bytes, paragraph)
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[paragraph.lowerBound..<lineEnd]), as: UTF8.self)
        guard let match = regex.prefixMatch(in: line), match.length > 0 else { return nil }
        // The match's length counts UTF-16 code units.
        let matched = String(line.utf16.prefix(match.length)) ?? line
        var name = match.group
        if name == nil { name = String(matched.trimmingSuffix { $0.isWhitespace || $0 == ":" }) }
        guard let speaker = name?.trimmingSuffix(while: \.isWhitespace), !speaker.isEmpty else { return nil }
        let consumed = paragraph.lowerBound + matched.utf8.count
        let content = TextLayout.trimmed(bytes, consumed..<paragraph.upperBound)?.lowerBound ?? paragraph.upperBound
        return (String(speaker), content)
    }

    /// A question in a press briefing: a paragraph that starts with `Q` and white space (a
    /// non-breaking space, as the White House writes it, or a plain one), without a colon
    /// (`Q:` is a label like any other). The speaker is `Q`. `--no-questions` or `--label` turn
    /// it off.
    private func question(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> Int? {
        guard options.questions, labelRegex == nil, paragraph.count > 2, bytes[paragraph.lowerBound] == UInt8(ascii: "Q") else { return nil }
        let (space, _) = UTF8Scanning.scalar(in: bytes, at: paragraph.lowerBound + 1)
        guard UTF8Scanning.isWhitespace(space), space != "\n",
            let content = TextLayout.trimmed(bytes, (paragraph.lowerBound + 1)..<paragraph.upperBound)
        else { return nil }
        return content.lowerBound
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
        if let name = labelName(bytes, paragraph) {
            let reused = paragraphs.dropFirst().contains { labelName(bytes, $0) == name }
            if reused { return false }
        }
        return true
    }

    private func labelName(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> String? {
        if let regex = labelRegex { return label(bytes, paragraph, regex: regex)?.0 }
        return SpeakerLabel.candidate(bytes, paragraph: paragraph)?.name
    }

    private static let headlineFunctionWords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by",
        "with", "from", "into", "over", "as", "is", "are", "was", "vs", "v", "via", "per", "about",
        "after", "before", "against", "than", "up", "off", "out",
    ]
}

extension StringProtocol {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
