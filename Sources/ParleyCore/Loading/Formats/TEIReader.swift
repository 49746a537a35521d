/// TEI drama (as DraCor and the Folger editions write it). Each `<sp>` is a turn; its speaker
/// is the character its `who` points to, named by `<persName>` (or `<name>`) in the header's
/// `<particDesc>` when that name is a name (not an id) and names one character only, else by
/// the `<speaker>` line; several ids make one joint speaker ("A, B").
/// `<speaker>`, `<stage>`, `<note>`, `<head>` and `<fw>` are not speech. Each turn keeps the
/// `act` and `scene` of the `<div>`s around it; the title is the header's first `<title>` and
/// the author becomes metadata.
struct TEIReader: FormatReader {
    /// A `<speaker>` line as a name: white space folded, a trailing full stop dropped, and
    /// capitals (`FIRST WITCH`) written as a name (`First Witch`) to match the header's names.
    static func displayName(_ line: String) -> String {
        var name = line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if name.hasSuffix(".") { name.removeLast() }
        guard name.contains(where: \.isLetter), !name.contains(where: \.isLowercase) else { return name }
        return name.split(separator: " ").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined(separator: " ")
    }

    private static let notSpeech: Set<Substring> = ["speaker", "stage", "note", "head", "fw", "castList", "figDesc"]

    func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument] {
        var path: [Substring] = []
        var title: String?
        var author = ""
        var names: [String: String] = [:]
        var person: String?
        var personName = ""
        var divisions: [(type: String, number: String)?] = []
        var speech: (who: [String], text: String, speaker: String)?
        var skipDepth = 0
        var sawTEI = false
        var transcript = RenderedTranscript()
        var turns: [(who: [String], speaker: String, text: String, metadata: [MetadataField])] = []
        do throws(XMLScanner.Failure) {
            try XMLScanner.scan(String(decoding: text, as: UTF8.self)) { event in
                switch event {
                case .start(let element, let attributes, _):
                    if path.isEmpty { sawTEI = element == "TEI" || element.hasSuffix(":TEI") }
                    path.append(element)
                    if skipDepth > 0 || (speech != nil && Self.notSpeech.contains(element)) { skipDepth += 1 }
                    switch element {
                    case "person", "personGrp":
                        person = attributes["xml:id"]
                        personName = ""
                    case "div":
                        divisions.append(attributes["type"].map { ($0, attributes["n"] ?? "") })
                    case "sp":
                        let who = (attributes["who"] ?? "").split(whereSeparator: \.isWhitespace).map { String($0.drop { $0 == "#" }) }
                        speech = (who, "", "")
                    case "l", "p", "lb", "lg", "ab":
                        if speech != nil { speech!.text += "\n" }
                    default: break
                    }
                case .end(let element):
                    path.removeLast()
                    if skipDepth > 0 { skipDepth -= 1 }
                    switch element {
                    case "person", "personGrp":
                        if let id = person, !personName.isEmpty, personName != id { names[id] = personName }
                        person = nil
                    case "div":
                        divisions.removeLast()
                    case "sp":
                        if let done = speech {
                            var metadata: [MetadataField] = []
                            for division in divisions.compactMap({ $0 }) where ["act", "scene"].contains(division.type) && !division.number.isEmpty {
                                metadata.append(MetadataField(key: division.type, value: division.number))
                            }
                            turns.append((done.who, done.speaker, done.text, metadata))
                        }
                        speech = nil
                    default: break
                    }
                case .text(let piece):
                    if path.last == "speaker", speech != nil {
                        speech!.speaker += piece
                    } else if speech != nil, skipDepth == 0 {
                        speech!.text += piece
                    } else if person != nil, path.last == "persName" || path.last == "name", personName.isEmpty || path.last == "persName" {
                        personName += piece.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    } else if path.contains("teiHeader"), path.contains("titleStmt"), !path.contains("sourceDesc") {
                        if path.last == "title", title == nil {
                            title = piece.trimmed
                        } else if path.contains("author"), !path.contains("idno") {
                            author += piece
                        }
                    }
                }
            }
        } catch {
            throw .malformed(name, line: error.line, error.message)
        }
        guard sawTEI else { throw .malformed(name, line: 1, "a TEI document's root element is <TEI>") }
        // Some editions give an id as a name (Doctor1_Mac), or one name to two characters: those
        // characters are named by their <speaker> lines instead.
        let uses = Dictionary(names.values.map { ($0, 1) }, uniquingKeysWith: +)
        names = names.filter { id, name in uses[name] == 1 && !(name.contains("_") && !name.contains(" ")) }
        for turn in turns {
            let named = turn.who.map { names[$0] ?? "" }
            var speaker: String?
            if !turn.who.isEmpty, named.allSatisfy({ !$0.isEmpty }) {
                speaker = named.joined(separator: ", ")
            } else if !turn.speaker.trimmed.isEmpty {
                speaker = Self.displayName(turn.speaker)
            } else if !turn.who.isEmpty {
                speaker = turn.who.joined(separator: ", ")
            }
            transcript.append(speaker: speaker, speech: turn.text, metadata: turn.metadata)
        }
        let authorName = author.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let metadata = authorName.isEmpty ? [] : [MetadataField(key: "author", value: authorName)]
        return [transcript.document(name: name, title: title, metadata: metadata)]
    }
}
