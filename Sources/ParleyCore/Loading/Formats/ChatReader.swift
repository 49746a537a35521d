/// CHAT (`.cha`, TalkBank/CHILDES). Each `*SPK:` main tier is a turn; a tab-indented line
/// continues the tier above. `@Participants` gives each code's name and role: the speaker is
/// the name when there is one, else the code, and every turn keeps `code` and `role` as
/// metadata. `%` dependent tiers are skipped. Other `@` headers are document metadata (keys in
/// lower case; `@Date` written as an ISO date).
///
/// The turn's text is its words as spoken: CHAT codes are not words, so `[…]` scopes
/// (`[/]`, `[+ IMP]`, `[: saw]`, `[* +ed]`), `&`-fragments, fillers and events (`&-uh`,
/// `&~ss`, `&=laughs`), unintelligible and untranscribed speech (`xxx`, `yyy`, `www`),
/// omitted words (`0`, `0is`), pauses (`(.)`), special form markers (`@o`), `<` `>` scope
/// brackets, linkers and terminators (`+...`, `+/.`, `‡`, `„`), and media bullets are left
/// out; shortenings are spelt out (`(be)cause` → `because`), and compounds and multi-word
/// forms joined with `+` or `_` are one word written with a hyphen (`choo_choo` → `choo-choo`).
struct ChatReader: FormatReader {
    func read(_ text: [UInt8], name: String) throws(LoadError) -> [ReadDocument] {
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        var metadata: [MetadataField] = []
        var participants: [String: (name: String?, role: String)] = [:]
        var tiers: [(line: Int, code: Substring, text: String)] = []
        var inMainTier = false
        for (offset, line) in lines.enumerated() {
            let number = offset + 1
            if line.hasPrefix("\t") || (line.hasPrefix(" ") && !line.allSatisfy(\.isWhitespace)) {
                if inMainTier { tiers[tiers.count - 1].text += " " + line.trimmed }
                continue
            }
            inMainTier = false
            if line.hasPrefix("*") {
                guard let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) > 1 else {
                    throw .malformed(name, line: number, "a main tier starts with *CODE: (as in *CHI:), got \"\(line.prefix(20))\"")
                }
                let code = line[line.index(after: line.startIndex)..<colon]
                guard code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                    throw .malformed(name, line: number, "a speaker code has letters and digits only, got \"\(code)\"")
                }
                tiers.append((number, code, String(line[line.index(after: colon)...])))
                inMainTier = true
            } else if line.hasPrefix("@") {
                let header = line.dropFirst()
                let colon = header.firstIndex(of: ":")
                let key = (colon.map { header[..<$0] } ?? header).trimmed
                let value = colon.map { header[header.index(after: $0)...].trimmed } ?? ""
                if key == "Participants" {
                    for entry in value.split(separator: ",") {
                        let words = entry.split(whereSeparator: \.isWhitespace).map(String.init)
                        guard words.count >= 2 else {
                            throw .malformed(name, line: number, "each participant is CODE [Name] Role, got \"\(entry.trimmed)\"")
                        }
                        let personName = words.count >= 3 ? words[1..<(words.count - 1)].joined(separator: " ").replacing("_", with: " ") : nil
                        participants[words[0]] = (personName, words[words.count - 1])
                    }
                } else if !["UTF8", "Begin", "End", "ID", "Tape Location", "Comment", "Bg", "Eg", "G"].contains(key), !value.isEmpty {
                    let lower = key.lowercased()
                    let value = lower == "date" ? Self.isoDate(value) ?? value : value
                    if let index = metadata.firstIndex(where: { $0.key == lower }) {
                        metadata[index].value += "; " + value
                    } else {
                        metadata.append(MetadataField(key: lower, value: value))
                    }
                }
            } else if line.hasPrefix("%") || line.allSatisfy(\.isWhitespace) {
                continue
            } else {
                throw .malformed(name, line: number, "a CHAT line starts with @ (a header), * (a main tier) or % (a dependent tier)")
            }
        }
        var transcript = RenderedTranscript()
        for tier in tiers {
            let code = String(tier.code)
            guard let participant = participants[code] else {
                throw .malformed(name, line: tier.line, "speaker code \(code) is not in @Participants")
            }
            transcript.append(
                speaker: participant.name ?? code, speech: Self.words(of: tier.text),
                metadata: [MetadataField(key: "code", value: code), MetadataField(key: "role", value: participant.role.replacing("_", with: " "))])
        }
        return [transcript.document(name: name, title: nil, metadata: metadata)]
    }

    /// A main tier's spoken words, without CHAT's codes (see the type's documentation).
    static func words(of tier: String) -> String {
        var kept: [String] = []
        var scalars = tier.unicodeScalars[...]
        // Media bullets: \u{15}start_end\u{15}.
        var withoutBullets = String.UnicodeScalarView()
        var inBullet = false
        for scalar in scalars {
            if scalar == "\u{15}" { inBullet.toggle(); continue }
            if !inBullet { withoutBullets.append(scalar) }
        }
        scalars = withoutBullets[...]
        var text = String(scalars)
        // [...] scopes, nested never; an unclosed one runs to the end.
        while let open = text.firstIndex(of: "[") {
            let close = text[open...].firstIndex(of: "]").map { text.index(after: $0) } ?? text.endIndex
            text.replaceSubrange(open..<close, with: " ")
        }
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            var word = Substring(word)
            word = word.drop { $0 == "<" }
            while word.hasSuffix(">") { word = word.dropLast() }
            guard !word.isEmpty else { continue }
            if word.hasPrefix("&") || word.hasPrefix("+") || word.hasPrefix("0") || word == "(.)" || word == "(..)" || word == "(...)" {
                continue
            }
            if word.hasPrefix("(") && word.hasSuffix(")") && word.dropFirst().dropLast().allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) {
                continue  // a timed pause: (2.5)
            }
            if let at = word.firstIndex(of: "@") { word = word[..<at] }
            let bare = word.lowercased()
            if bare == "xxx" || bare == "yyy" || bare == "www" || bare.hasPrefix("xxx@") { continue }
            let spelled = String(word.compactMap { character -> Character? in
                switch character {
                case "(", ")", "\u{2021}", "\u{201E}", "\u{2308}", "\u{2309}", "\u{230A}", "\u{230B}": nil
                case "_", "+": "-"
                default: character
                }
            })
            if !spelled.isEmpty { kept.append(spelled) }
        }
        return kept.joined(separator: " ")
    }

    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// `15-OCT-1962` as `1962-10-15`.
    static func isoDate(_ value: String) -> String? {
        let parts = value.split(separator: "-")
        guard parts.count == 3, let day = Int(parts[0]), let month = months.firstIndex(of: parts[1].uppercased()), parts[2].count == 4, Int(parts[2]) != nil else { return nil }
        return "\(parts[2])-\(month < 9 ? "0" : "")\(month + 1)-\(day < 10 ? "0" : "")\(day)"
    }
}
