/// One concordance (KWIC) line: a hit with up to `width` characters of context on each side,
/// taken from its turn only, with white space shown as single spaces.
package struct ConcordanceLine: Sendable, Equatable {
    package var match: Match
    package var left: String
    package var node: String
    package var right: String
}

/// A sort level of a concordance, as AntConc names them: the node, the n-th word to the left
/// (`1L`…`5L`) or right (`1R`…`5R`), the speaker or the document.
package enum ConcordanceSortKey: Sendable, Equatable {
    case node, left(Int), right(Int), speaker, doc

    /// `node`, `speaker`, `doc`, or a number 1–5 followed by L or R.
    package init?(_ text: String) {
        switch text.lowercased() {
        case "node": self = .node
        case "speaker": self = .speaker
        case "doc": self = .doc
        default:
            guard text.count == 2, let n = Int(String(text.first!)), (1...5).contains(n) else { return nil }
            switch text.last!.uppercased() {
            case "L": self = .left(n)
            case "R": self = .right(n)
            default: return nil
            }
        }
    }

    package static let names = ["node", "1L", "2L", "3L", "4L", "5L", "1R", "2R", "3R", "4R", "5R", "speaker", "doc"]
}

extension Corpus {
    /// The concordance line of `match` with `width` characters of context each side. A match
    /// that runs across turns (`within doc`) shows each turn's part of it, joined by " | ", with
    /// the left context from its first turn and the right from its last.
    package func concordanceLine(for match: Match, width: Int) -> ConcordanceLine {
        let pieces = self.pieces(of: match)
        guard pieces.count > 1 else { return turnLine(for: match, width: width) }
        return ConcordanceLine(
            match: match, left: turnLine(for: pieces[0], width: width).left,
            node: pieces.map { turnLine(for: $0, width: 0).node }.joined(separator: " | "),
            right: turnLine(for: pieces[pieces.count - 1], width: width).right)
    }

    /// The concordance line of `match` with `words` whole words of context each side (the
    /// punctuation that clings to them included), never more than the turn; across turns as
    /// `concordanceLine(for:width:)`.
    package func concordanceLine(for match: Match, words: Int) -> ConcordanceLine {
        let pieces = self.pieces(of: match)
        guard pieces.count > 1 else { return turnLine(for: match, words: words) }
        return ConcordanceLine(
            match: match, left: turnLine(for: pieces[0], words: words).left,
            node: pieces.map { turnLine(for: $0, words: 0).node }.joined(separator: " | "),
            right: turnLine(for: pieces[pieces.count - 1], words: words).right)
    }

    /// A match split at the turns it runs across: one piece a turn (most matches are one).
    package func pieces(of match: Match) -> [Match] {
        var pieces: [Match] = []
        var turn = Int(match.turn)
        var start = Int(match.start)
        let end = start + Int(match.length)
        while start < end, turn < turnCount {
            let pieceEnd = min(end, Int(turnFirstToken[turn + 1]))
            if pieceEnd > start { pieces.append(Match(start: UInt32(start), length: UInt32(pieceEnd - start), turn: UInt32(turn))) }
            start = max(start, pieceEnd)
            turn += 1
        }
        return pieces.isEmpty ? [match] : pieces
    }

    /// The turn of a match's last token.
    package func endTurn(of match: Match) -> Int {
        var turn = Int(match.turn)
        let last = Int(match.start + match.length) - 1
        while turn + 1 < turnCount, Int(turnFirstToken[turn + 1]) <= last { turn += 1 }
        return turn
    }

    private func turnLine(for match: Match, width: Int) -> ConcordanceLine {
        let turn = Int(match.turn)
        let lower = Int(turnTextStart[turn])
        let upper = Int(turnTextEnd[turn])
        let text = documents[Int(turnDocument[turn])].text
        let node = tokenRanges(Int(match.start)..<Int(match.start + match.length), inTurn: turn)
        return text.withUnsafeBufferPointer { bytes in
            let nodeStart = node.first?.lowerBound ?? lower
            let nodeEnd = node.last?.upperBound ?? lower
            return ConcordanceLine(
                match: match,
                left: Self.context(bytes, lower, nodeStart, width: width, before: true),
                node: Self.collapsed(bytes, nodeStart..<nodeEnd),
                right: Self.context(bytes, nodeEnd, upper, width: width, before: false))
        }
    }

    private func turnLine(for match: Match, words: Int) -> ConcordanceLine {
        let turn = Int(match.turn)
        let lower = Int(turnTextStart[turn])
        let upper = Int(turnTextEnd[turn])
        let turnTokens = tokens(ofTurn: turn)
        let first = max(turnTokens.lowerBound, Int(match.start) - words)
        let last = min(turnTokens.upperBound, Int(match.start + match.length) + words)
        let ranges = first < last ? tokenRanges(first..<last, inTurn: turn) : []
        let nodeStart = Int(match.start) - first
        let nodeCount = min(Int(match.length), max(0, ranges.count - nodeStart))
        return documents[Int(turnDocument[turn])].text.withUnsafeBufferPointer { bytes in
            func isSpace(_ index: Int) -> Bool { [0x20, 0x0A, 0x09, 0x0D].contains(bytes[index]) }
            let node = nodeCount > 0 ? ranges[nodeStart].lowerBound..<ranges[nodeStart + nodeCount - 1].upperBound : lower..<lower
            // The context reaches out to white space, so "court." and "(the" stay whole.
            var leftStart = nodeStart > 0 ? ranges[0].lowerBound : node.lowerBound
            while leftStart > lower, !isSpace(leftStart - 1), nodeStart > 0 { leftStart -= 1 }
            var rightEnd = nodeStart + nodeCount < ranges.count ? ranges[ranges.count - 1].upperBound : node.upperBound
            while rightEnd < upper, !isSpace(rightEnd) { rightEnd += 1 }
            let left = Self.collapsed(bytes, leftStart..<node.lowerBound)
            let right = Self.collapsed(bytes, node.upperBound..<rightEnd)
            return ConcordanceLine(
                match: match,
                left: String(left.reversed().drop { $0 == " " }.reversed()).drop { $0 == " " }.description,
                node: Self.collapsed(bytes, node),
                right: String(right.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()))
        }
    }

    /// The concordance line of a transcription note: the note as written is the node. Its match
    /// is empty and starts at the first token after the note.
    package func concordanceLine(forNote note: NoteMatch, width: Int) -> ConcordanceLine {
        let turn = Int(note.turn)
        let lower = Int(turnTextStart[turn])
        let upper = Int(turnTextEnd[turn])
        let next = firstToken(startingAtOrAfter: note.range.upperBound, inTurn: turn)
        let match = Match(start: UInt32(next), length: 0, turn: note.turn)
        return documents[Int(turnDocument[turn])].text.withUnsafeBufferPointer { bytes in
            ConcordanceLine(
                match: match,
                left: Self.context(bytes, lower, note.range.lowerBound, width: width, before: true),
                node: Self.collapsed(bytes, note.range),
                right: Self.context(bytes, note.range.upperBound, upper, width: width, before: false))
        }
    }

    /// Sorts matches by `keys` in turn, comparing words by type (so case is ignored and the order
    /// is that of the forms' bytes), with ties left in corpus order. One stable counting sort per
    /// key level, last level first (a least-significant-digit radix sort: every level's values
    /// are small integers, type ids or name ranks). Ctrl-C stops it early with no lines.
    package func sorted(_ matches: [Match], by keys: [ConcordanceSortKey]) -> [Match] {
        guard !keys.isEmpty, matches.count > 1 else { return matches }
        // Names are ranked only for the keys that need them: 8,240 names take tens of ms.
        let speakerRank = keys.contains(.speaker) ? ranks(of: speakers) : []
        let documentRank = keys.contains(.doc) ? ranks(of: documents.map(\.name)) : []
        // A phrase's node is several levels, one per token.
        let nodeLength = matches.reduce(1) { max($0, Int($1.length)) }
        let levels: [(ConcordanceSortKey, Int)] = keys.flatMap { key in
            key == .node ? (0..<nodeLength).map { (key, $0) } : [(key, 0)]
        }
        let tokenType = tokenType
        // Values run from −1 (no word there) to below the largest of these.
        let valueCount = max(lexicon.count, speakers.count, documents.count) + 1
        let count = matches.count
        // Which match is at each place after the levels sorted so far (nil: corpus order).
        var order: [UInt32]?
        var values = [UInt32](repeating: 0, count: count)
        var starts = [Int](repeating: 0, count: valueCount + 1)
        for (level, (key, offset)) in levels.reversed().enumerated() {
            // Each line's value, on every core: reading the types around millions of hits is
            // most of the work.
            let chunk = 1 << 16
            let stopped = values.withUnsafeMutableBufferPointer { output in
                nonisolated(unsafe) let output = output
                let order = order
                return Parallel.map((count + chunk - 1) / chunk) { piece in
                    if Interruption.isRequested { return true }
                    for position in (piece * chunk)..<min(count, (piece + 1) * chunk) {
                        let line = order.map { Int($0[position]) } ?? position
                        output[position] = UInt32(sortValue(matches[line], key, offset, speakerRank, documentRank, tokenType) + 1)
                    }
                    return false
                }.contains(true)
            }
            if stopped { return [] }
            for index in starts.indices { starts[index] = 0 }
            for value in values { starts[Int(value) + 1] += 1 }
            for value in 0..<valueCount { starts[value + 1] += starts[value] }
            // The first key's pass places the matches themselves; earlier passes only their order.
            if level == levels.count - 1 {
                return [Match](unsafeUninitializedCapacity: count) { sorted, initialized in
                    for position in 0..<count {
                        let value = Int(values[position])
                        (sorted.baseAddress! + starts[value]).initialize(to: matches[order.map { Int($0[position]) } ?? position])
                        starts[value] += 1
                    }
                    initialized = count
                }
            }
            var next = [UInt32](repeating: 0, count: count)
            for position in 0..<count {
                if Interruption.stops(at: position) { return [] }
                let value = Int(values[position])
                next[starts[value]] = order.map { $0[position] } ?? UInt32(position)
                starts[value] += 1
            }
            order = next
        }
        return matches
    }

    /// A line's value for one sort level: a type id, a name's rank, or −1 where there is no word.
    private func sortValue(
        _ match: Match, _ key: ConcordanceSortKey, _ offset: Int, _ speakerRank: [Int], _ documentRank: [Int], _ tokenType: Column<UInt32>
    ) -> Int {
        let turn = tokens(ofTurn: Int(match.turn))
        switch key {
        case .node:
            return offset < Int(match.length) ? Int(tokenType[Int(match.start) + offset]) : -1
        case .left(let n):
            let position = Int(match.start) - n
            return position >= turn.lowerBound ? Int(tokenType[position]) : -1
        case .right(let n):
            let position = Int(match.start + match.length) - 1 + n
            let end = position < turn.upperBound ? turn : tokens(ofTurn: endTurn(of: match))
            return position < end.upperBound ? Int(tokenType[position]) : -1
        case .speaker:
            let id = turnSpeaker[Int(match.turn)]
            return id == Self.noSpeaker ? -1 : speakerRank[Int(id)]
        case .doc:
            return documentRank[Int(turnDocument[Int(match.turn)])]
        }
    }

    /// Each name's position in the byte order of the names.
    private func ranks(of names: [String]) -> [Int] {
        let order = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        var rank = [Int](repeating: 0, count: names.count)
        for (position, index) in order.enumerated() { rank[index] = position }
        return rank
    }

    /// Up to `width` characters of `bytes[lower..<upper]` next to the node, white space
    /// collapsed and trimmed on the node's side; the window grows until it holds enough.
    private static func context(
        _ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int, width: Int, before: Bool
    ) -> String {
        guard width > 0, lower < upper else { return "" }
        var span = width * 4 + 16
        while true {
            var start = before ? max(lower, upper - span) : lower
            var end = before ? upper : min(upper, lower + span)
            // Never cut a UTF-8 sequence in two.
            while start > lower, start < bytes.count, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            while end < upper, bytes[end] & 0xC0 == 0x80 { end += 1 }
            var text = collapsed(bytes, start..<end)
            let complete = before ? start == lower : end == upper
            if before {
                while text.last == " " { text.removeLast() }
            } else {
                text = String(text.drop { $0 == " " })
            }
            if text.count >= width || complete {
                return before ? String(text.suffix(width)) : String(text.prefix(width))
            }
            span *= 2
        }
    }

    /// The text of `range` with every run of white space written as one space.
    private static func collapsed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var space = false
        for index in range {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                space = true
                continue
            }
            if space, !out.isEmpty || index > range.lowerBound { out.append(0x20) }
            space = false
            out.append(byte)
        }
        if space { out.append(0x20) }
        return String(decoding: out, as: UTF8.self)
    }
}
