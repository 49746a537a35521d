/// WebVTT and SRT captions. A cue's speaker is its `<v Name>` voice tag, else a `Name:` prefix
/// (as Zoom and Teams write them); consecutive cues of one speaker are one turn, which keeps
/// the first cue's start and the last cue's end time (`start`, `end`, as HH:MM:SS.mmm). A cue
/// without a speaker is a turn of its own that belongs to no speaker. Tags are removed and
/// entities decoded; `NOTE`, `STYLE` and `REGION` blocks are skipped.
struct CaptionReader: FormatReader {
    let isWebVTT: Bool

    func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument] {
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        var title: String?
        var metadata: [MetadataField] = []
        if isWebVTT {
            guard let first = lines.first, first.hasPrefix("WEBVTT"), first.count == 6 || " \t".contains(first.dropFirst(6).first!) else {
                throw .malformed(name, line: 1, "a WebVTT file starts with the line WEBVTT")
            }
            let heading = first.dropFirst(6).trimmed
            title = heading.isEmpty ? nil : heading
            index = 1
            while index < lines.count, !lines[index].allSatisfy(\.isWhitespace) {
                if let colon = lines[index].firstIndex(of: ":") {
                    metadata.append(MetadataField(key: lines[index][..<colon].trimmed.lowercased(), value: lines[index][lines[index].index(after: colon)...].trimmed))
                }
                index += 1
            }
        }
        var transcript = RenderedTranscript()
        var previousSpeaker: String??
        while index < lines.count {
            // One block: the lines up to a blank one.
            while index < lines.count, lines[index].allSatisfy(\.isWhitespace) { index += 1 }
            guard index < lines.count else { break }
            let blockStart = index
            while index < lines.count, !lines[index].allSatisfy(\.isWhitespace) { index += 1 }
            let block = lines[blockStart..<index]
            let first = block.first!
            if isWebVTT, first == "NOTE" || first.hasPrefix("NOTE ") || first.hasPrefix("NOTE\t") || first == "STYLE" || first == "REGION" {
                continue
            }
            guard let timingIndex = block.indices.first(where: { block[$0].contains("-->") }), timingIndex <= blockStart + 1 else {
                // The line that should have been the timing: the second when the first is a cue id.
                let expected = block.count > 1 && !first.contains("-->") ? blockStart + 1 : blockStart
                let example = isWebVTT ? "00:00:01.000 --> 00:00:04.000" : "00:00:01,000 --> 00:00:04,000"
                throw .malformed(name, line: expected + 1, "expected a cue timing line (\(example)), got \"\(lines[expected].prefix(40))\"")
            }
            let (start, end) = try timing(block[timingIndex], line: timingIndex + 1, name: name)
            let payload = block[(timingIndex + 1)...].map(String.init).joined(separator: "\n")
            for (speaker, speech) in segments(of: payload) {
                guard !speech.allSatisfy(\.isWhitespace) else { continue }
                if let speaker, previousSpeaker == .some(speaker) {
                    transcript.extendLast(with: speech)
                    transcript.setLast("end", end)
                } else {
                    transcript.append(speaker: speaker, speech: speech, metadata: [MetadataField(key: "start", value: start), MetadataField(key: "end", value: end)])
                }
                previousSpeaker = .some(speaker)
            }
        }
        return [transcript.document(name: name, title: title, metadata: metadata)]
    }

    /// The start and end of a timing line, as HH:MM:SS.mmm; cue settings after the end are ignored.
    private func timing(_ line: Substring, line number: Int, name: String) throws(LoadError) -> (String, String) {
        let parts = line.components(separatedBy: "-->")
        let startText = parts[0].trimmed
        let endText = parts.count > 1 ? String(parts[1].trimmed.prefix { !$0.isWhitespace }) : ""
        guard let start = Self.timestamp(startText, comma: !isWebVTT) else {
            throw .malformed(name, line: number, "bad cue start time \"\(startText)\" (expected \(isWebVTT ? "00:01:02.500" : "00:01:02,500"))")
        }
        guard let end = Self.timestamp(endText, comma: !isWebVTT) else {
            throw .malformed(name, line: number, "bad cue end time \"\(endText)\" (expected \(isWebVTT ? "00:01:02.500" : "00:01:02,500"))")
        }
        return (start, end)
    }

    /// `[HH:]MM:SS.mmm` (SRT: `HH:MM:SS,mmm`) written as HH:MM:SS.mmm, or nil.
    static func timestamp(_ text: String, comma: Bool) -> String? {
        let separator: Character = comma ? "," : "."
        let pieces = text.split(separator: separator, omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces[1].count == 3, pieces[1].allSatisfy(\.isASCII), Int(pieces[1]) != nil else { return nil }
        let clock = pieces[0].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.allSatisfy(\.isASCII) && Int($0) != nil }) else { return nil }
        let numbers = clock.map { Int($0)! }
        let hours = clock.count == 3 ? numbers[0] : 0
        let minutes = numbers[clock.count - 2]
        let seconds = numbers[clock.count - 1]
        guard minutes < 60, seconds < 60, clock.suffix(2).allSatisfy({ $0.count == 2 }), clock.count == 2 || clock[0].count >= 2 else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(hours)):\(two(minutes)):\(two(seconds)).\(pieces[1])"
    }

    /// A cue's words by speaker. Each `<v Name>` starts a voice that lasts to its `</v>` or the
    /// next voice (one cue may hold a short exchange); words outside a voice have no speaker.
    /// A cue without voices may name its speaker with a `Name:` prefix. Other tags are dropped.
    func segments(of payload: String) -> [(speaker: String?, speech: String)] {
        var segments: [(speaker: String?, speech: String)] = []
        var voice: String?
        var text = ""
        var sawVoice = false
        func flush() {
            if !text.allSatisfy(\.isWhitespace) { segments.append((voice, Entities.decode(text))) }
            text = ""
        }
        var rest = Substring(payload)
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else {
                text += rest[open...]
                rest = ""
                break
            }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = tag.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            if let head = name.first, head == "v" || head.hasPrefix("v."), name.count == 2 {
                flush()
                voice = Entities.decode(name[1].trimmed)
                sawVoice = true
            } else if tag == "/v" {
                flush()
                voice = nil
            }
        }
        text += rest
        flush()
        guard !sawVoice, segments.count == 1, let speech = segments.first?.speech else { return segments }
        let bytes = Array(speech.utf8)
        let label = bytes.withUnsafeBufferPointer { buffer -> (String, Int)? in
            guard let paragraph = TextLayout.trimmed(buffer, 0..<buffer.count) else { return nil }
            return SpeakerLabel.match(buffer, paragraph: paragraph).map { ($0.name, $0.contentStart) }
        }
        guard let (speaker, content) = label else { return segments }
        return [(speaker, String(decoding: bytes[content...], as: UTF8.self))]
    }
}
