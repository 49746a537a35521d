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
                throw .malformed(name, line: blockStart + 1, "expected a cue timing line (00:00:01.000 --> 00:00:04.000), got \"\(first.prefix(40))\"")
            }
            let (start, end) = try timing(block[timingIndex], line: timingIndex + 1, name: name)
            let payload = block[(timingIndex + 1)...].map(String.init).joined(separator: "\n")
            let (speaker, speech) = cue(payload)
            guard !speech.allSatisfy(\.isWhitespace) else { continue }
            if let speaker, previousSpeaker == .some(speaker) {
                transcript.extendLast(with: speech)
                transcript.setLast("end", end)
            } else {
                transcript.append(speaker: speaker, speech: speech, metadata: [MetadataField(key: "start", value: start), MetadataField(key: "end", value: end)])
            }
            previousSpeaker = .some(speaker)
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

    /// A cue's speaker and its words: the voice tag's name, else a `Name:` prefix.
    private func cue(_ payload: String) -> (String?, String) {
        var voice: String?
        var out = ""
        var rest = Substring(payload)
        // Every tag goes (voice, class, italics, inline time stamps); the first voice names the speaker.
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: ">") else {
                out += rest[open...]
                rest = ""
                break
            }
            let tag = rest[rest.index(after: open)..<close]
            if voice == nil, tag.hasPrefix("v"), let space = tag.firstIndex(where: { $0 == " " || $0 == "\t" }),
                tag[..<space].allSatisfy({ $0 != "/" }), tag[..<space] == "v" || tag[..<space].hasPrefix("v.")
            {
                voice = Entities.decode(tag[space...].trimmed)
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        let speech = Entities.decode(out)
        if let voice, !voice.isEmpty { return (voice, speech) }
        let bytes = Array(speech.utf8)
        let label = bytes.withUnsafeBufferPointer { buffer -> (String, Int)? in
            guard let paragraph = TextLayout.trimmed(buffer, 0..<buffer.count),
                let (name, content) = SpeakerLabel.match(buffer, paragraph: paragraph)
            else { return nil }
            return (name, content)
        }
        if let (name, content) = label {
            return (name, String(decoding: bytes[content...], as: UTF8.self))
        }
        return (nil, speech)
    }
}
