/// What the words of an unlabelled (dash) turn tell about who speaks it, relative to the
/// document's principal, the one speaker the transcript labels (DESIGN.md §3). Every cue is a
/// shape of address or introduction that transcripts share, never a particular name or phrase.
struct TurnCues: Equatable {
    /// A name the speaker introduces themselves by (`Ilya Petrenko, Russia Today.`, `My name
    /// is Galina Semya`, `I am Irina Ilyicheva, director …`), never a vocative.
    var introduction: String?
    /// The turn addresses the principal at its opening (`Mr President`, `Mr Putin`, `Vladimir
    /// Vladimirovich`, `Your Excellency`, `Comrade Supreme Commander-in-Chief`).
    var addressesPrincipal = false
    /// The same, later in the turn.
    var addressesPrincipalLater = false
    /// The turn opens by addressing someone else by name (`Mr Shoigu, …`), as a chair does.
    var addressesOther = false
    /// The turn opens with a greeting (`Good afternoon`, `Hello`).
    var greets = false
    /// The turn ends by handing the floor on: to the principal, or to someone else.
    var handsOver: HandOver?
    /// The turn ends with a question, which the next speaker answers.
    var asks = false

    enum HandOver: Equatable { case toPrincipal, toOther }

    /// How far into a turn its opening reaches, in characters.
    static let openingLength = 300
    /// How much of a turn's end is read for a hand-over, in characters.
    static let closingLength = 160

    /// The cues of a turn's text, addressed to a principal of this name.
    init(text: String, principal: Principal?) {
        let opening = String(text.prefix(Self.openingLength))
        let words = Self.words(opening)
        if let principal {
            addressesPrincipal = principal.isAddressed(in: words)
            if !addressesPrincipal, text.count > Self.openingLength {
                addressesPrincipalLater = principal.isAddressed(in: Self.words(text))
            }
        }
        introduction = Self.introduction(in: opening, principal: principal)
        addressesOther = !addressesPrincipal && Self.opensWithVocative(words, principal: principal)
        greets = Self.opensWithGreeting(words)
        handsOver = Self.handOver(in: String(text.suffix(Self.closingLength)), principal: principal)
        asks = text.last { !$0.isWhitespace && !"\"”’)".contains($0) } == "?"
    }

    /// The principal's name, as it may be addressed.
    struct Principal: Equatable {
        var first: String
        var last: String

        init?(_ name: String) {
            let words = TurnCues.words(name).filter { !SpeakerLabel.nameSuffixes.contains($0.lowercased()) }
            guard let first = words.first, let last = words.last else { return nil }
            self.first = String(first)
            self.last = String(last)
        }

        /// True when `words` hold a vocative to this person: an honorific with the last name
        /// (`Mr Putin`) or with a role (`Mr President`, `Madam Chair`), `Your Excellency`,
        /// `Comrade` with a rank, or the first name with a patronymic (`Vladimir Vladimirovich`).
        func isAddressed(in words: [Substring]) -> Bool {
            for (index, word) in words.enumerated() {
                guard index + 1 < words.count else { break }
                let next = words[index + 1]
                let lower = word.lowercased()
                if TurnCues.honorifics.contains(lower) || lower == "president" {
                    if next.lowercased() == last.lowercased() { return true }
                    if TurnCues.honorifics.contains(lower), TurnCues.roles.contains(next.lowercased()) { return true }
                }
                if lower == "your", TurnCues.styles.contains(next.lowercased()) { return true }
                if lower == "comrade", next.first?.isUppercase == true { return true }
                if word == first, TurnCues.isPatronymic(next) { return true }
            }
            return false
        }

        func isNamed(by name: String) -> Bool {
            let words = TurnCues.words(name).map { $0.lowercased() }
            return words.contains(last.lowercased())
        }
    }

    static let honorifics: Set<String> = [
        "mr", "mister", "mrs", "ms", "miss", "madam", "madame", "dr", "sir", "dear", "monsieur",
        "herr", "frau", "señor", "senor", "signor", "comrade",
    ]
    /// Roles addressed with an honorific instead of a name.
    static let roles: Set<String> = [
        "president", "chairman", "chair", "chairwoman", "chairperson", "speaker", "prime", "secretary",
        "minister", "ambassador", "governor", "mayor", "director", "commissioner", "vice-president",
        "premier", "chancellor", "moderator", "presiding",
    ]
    static let styles: Set<String> = ["excellency", "majesty", "highness", "honour", "honor", "holiness", "grace"]
    static let greetings: [[String]] = [
        ["good", "afternoon"], ["good", "morning"], ["good", "evening"], ["good", "day"], ["hello"], ["hi"],
        ["greetings"],
    ]
    /// Words after `Name,` that make it a vocative (`Anton, please …`), not an introduction.
    static let vocativeFollowers: Set<String> = [
        "please", "you", "your", "i", "we", "thank", "thanks", "what", "how", "why", "could", "can",
        "would", "will", "do", "did", "is", "are", "go", "tell", "let", "if", "my", "as", "and", "but",
        "so", "here", "there", "this", "that", "it", "yes", "no", "good", "welcome", "perhaps",
        "maybe", "just", "now", "come", "have", "has", "where", "when", "who",
    ]

    static let handOverPhrases = [
        "the floor", "go ahead", "over to you", "please go on", "let me introduce", "let us hear", "let's hear",
        "introduce yourself", "your question, please", "ask your question",
    ]
    /// A third person who will speak next: `Dmitry would like to share …`, `Kostya represents …`.
    static let handOverVerbs = [
        " would like to ask", " would like to say", " would like to share", " would like to add",
        " wants to ask", " has a question", " represents ",
    ]

    /// Words of a text: runs of letters, digits, `'`, `’` and `-`.
    static func words(_ text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "\u{2019}" || $0 == "-") }
    }

    /// `Vladimirovich`, `Ivanovna`, `Ilyich`: a Russian patronymic.
    static func isPatronymic(_ word: Substring) -> Bool {
        guard word.first?.isUppercase == true, word.count > 4 else { return false }
        let lower = word.lowercased()
        return ["vich", "vna", "ichna", "ich"].contains { lower.hasSuffix($0) }
    }

    private static func opensWithGreeting(_ words: [Substring]) -> Bool {
        // Skip a leading vocative or "thank you" (`Mr President, good afternoon`).
        let lower = words.prefix(8).map { $0.lowercased() }
        for start in 0..<min(lower.count, 5) {
            for greeting in greetings where lower.count - start >= greeting.count {
                if Array(lower[start..<start + greeting.count]) == greeting { return true }
            }
        }
        return false
    }

    /// `Mr Shoigu, …`, `Colleagues, …`, `Anton Germanovich, …`: an opening vocative to someone.
    private static func opensWithVocative(_ words: [Substring], principal: Principal?) -> Bool {
        guard let first = words.first else { return false }
        let lower = first.lowercased()
        if ["colleagues", "friends", "ladies"].contains(lower) { return true }
        if honorifics.contains(lower), words.count > 1, words[1].first?.isUppercase == true,
            !roles.contains(words[1].lowercased())
        {
            return true
        }
        return words.count > 1 && isPatronymic(words[1]) && first.first?.isUppercase == true
    }

    /// The name in a self-introduction within `opening`, or nil.
    static func introduction(in opening: String, principal: Principal?) -> String? {
        // The first three sentences, and what follows opening vocatives in the first.
        for sentence in sentences(opening, first: 3) {
            if let name = leadingName(sentence), !isPrincipal(name, principal) { return name }
            // `My name is Galina Semya, I work …`: a stated name ends at its clause's comma.
            for clause in sentence.split(separator: ",") {
                if let name = statedName(clause), !isPrincipal(name, principal) { return name }
            }
        }
        return nil
    }

    private static func isPrincipal(_ name: String, _ principal: Principal?) -> Bool {
        principal?.isNamed(by: name) ?? false
    }

    /// Sentences of a text, split after `.`, `!` and `?` followed by white space (the first
    /// `first` of them, when given); a leading vocative clause (`Mr President, …`) opens a
    /// sentence of its own too.
    private static func sentences(_ text: String, first limit: Int = .max) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if ".!?".contains(character), next < text.endIndex, text[next].isWhitespace {
                result.append(text[start..<next])
                start = text.index(after: next)
                index = start
                continue
            }
            index = next
        }
        if start < text.endIndex { result.append(text[start...]) }
        result = Array(result.prefix(limit))
        // "Mr President, colleagues, I am …": what follows the opening vocatives is a sentence too.
        if let first = result.first {
            var rest = first[...]
            var remainders: [Substring] = []
            while let comma = rest.firstIndex(of: ","), isVocativeChunk(rest[..<comma]) {
                rest = rest[rest.index(after: comma)...].drop { $0.isWhitespace }
                remainders.append(rest)
            }
            result.insert(contentsOf: remainders, at: 1)
        }
        return result
    }

    private static func isVocativeChunk(_ chunk: Substring) -> Bool {
        let words = words(String(chunk)).map { $0.lowercased() }
        guard let first = words.first, words.count <= 4 else { return false }
        return honorifics.contains(first) || ["colleagues", "friends", "ladies", "your", "good", "hello", "hi", "thank"].contains(first)
    }

    /// `Ilya Petrenko, Russia Today …`: two to four capitalised words opening the sentence,
    /// then a comma and a description rather than a request.
    private static func leadingName(_ sentence: Substring) -> String? {
        guard let comma = sentence.firstIndex(of: ",") else { return nil }
        let candidate = sentence[..<comma]
        let words = candidate.split(separator: " ", omittingEmptySubsequences: false)
        guard (2...4).contains(words.count) else { return nil }
        for word in words {
            guard let initial = word.unicodeScalars.first, UTF8Scanning.isUppercaseLetter(initial),
                word.unicodeScalars.allSatisfy({ UTF8Scanning.isWordScalar($0) || "'’-.".unicodeScalars.contains($0) })
            else { return nil }
        }
        let lower = words[0].lowercased().trimmingCharacters(in: ".")
        guard !honorifics.contains(lower), !roles.contains(lower), !styles.contains(lower),
            !SpeakerLabel.sentenceOpeners.contains(lower), !["thank", "good", "hello", "your", "dear"].contains(lower),
            !isPatronymic(words.last!), SpeakerLabel.isPersonName(String(candidate))
        else { return nil }
        let after = Self.words(String(sentence[sentence.index(after: comma)...])).first?.lowercased()
        if let after, vocativeFollowers.contains(after) { return nil }
        return String(candidate)
    }

    /// `My name is Galina Semya`, `I am Irina Ilyicheva, director …`, `This is Anna Lee from …`.
    private static func statedName(_ sentence: Substring) -> String? {
        let words = words(String(sentence))
        let lower = words.map { $0.lowercased() }
        for index in lower.indices {
            var start: Int?
            var minimum = 2
            if index + 3 <= lower.count, lower[index] == "my", lower[index + 1] == "name", lower[index + 2] == "is" {
                start = index + 3
                minimum = 1
            } else if index + 2 <= lower.count, lower[index] == "i", lower[index + 1] == "am" {
                start = index + 2
            } else if lower[index] == "i'm" || lower[index] == "i’m" {
                start = index + 1
            }
            guard let start else { continue }
            var end = start
            while end < words.count, end - start < 4, words[end].first?.isUppercase == true,
                !SpeakerLabel.connectors.contains(lower[end])
            {
                end += 1
            }
            guard end - start >= minimum else { continue }
            let name = words[start..<end].joined(separator: " ")
            guard !roles.contains(lower[start]), !honorifics.contains(lower[start]) else { continue }
            return name
        }
        return nil
    }

    /// `Mr Shoigu, please.`, `You have the floor.`, `Please go ahead.` at a turn's end.
    private static func handOver(in closing: String, principal: Principal?) -> HandOver? {
        let trimmed = closing.trimmingCharacters(in: " \n\t.!…")
        let last = sentences(trimmed).last.map(String.init) ?? trimmed
        let lower = last.lowercased()
        let words = words(last)
        let cue = lower.hasSuffix(", please") || lower.hasPrefix("please, ") || handOverPhrases.contains { lower.contains($0) }
            || (words.first?.first?.isUppercase == true && words.first.map { !["i", "we", "you"].contains($0.lowercased()) } == true
                && handOverVerbs.contains { lower.contains($0) })
        guard cue else { return nil }
        if let principal, principal.isAddressed(in: words) { return .toPrincipal }
        return .toOther
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var start = startIndex
        var end = endIndex
        while start < end, set.contains(self[start]) { start = index(after: start) }
        while end > start, set.contains(self[index(before: end)]) { end = index(before: end) }
        return String(self[start..<end])
    }
}
