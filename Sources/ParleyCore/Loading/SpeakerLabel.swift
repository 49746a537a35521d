/// A paragraph opening that reads as a speaker label by the default rule. Whether the document
/// takes it as one is decided afterwards, from all the document's candidates
/// (`LabelInventory`).
struct LabelCandidate: Equatable {
    /// How a label writes its name: `MS. PSAKI` (upper) or `Jen Psaki` (mixed).
    enum CaseStyle: Equatable { case upper, mixed }

    /// The speaker as the label names them: white space folded, stray spaces in initials
    /// closed up, a role after a comma dropped (`Sergei Mironov, Leader of …` is `Sergei
    /// Mironov`), a name suffix kept (`John G. Roberts, Jr.`).
    var name: String
    /// The name's index among the document's distinct candidate names (`SpeakerLabel.Memo`).
    var nameID: Int
    /// Where the speech starts, after the colon and white space.
    var contentStart: Int
    var style: CaseStyle
    /// The speech opens with a lowercase letter or an opening quote, as a sentence that goes
    /// on after a colon does (`Question: “How much…”`, `Here is the point: we…`).
    var opensLikeContinuation: Bool
}

/// The default rule for speaker labels (DESIGN.md §3): `Label:` then white space, where a label
/// names a person or a role as transcripts print them: initials and titles (`Mr.`, `W. Mitt
/// Romney`, `MS. PSAKI`, `John F . Davis`), name suffixes (`John G. Roberts, Jr.`, `James M.
/// Nabrit, III,`), dotted names (`Lenta.Ru`), non-breaking spaces, and long role labels that end
/// in a name (`Minister of Natural Resources and the Environment Sergei Donskoy`).
enum SpeakerLabel {
    static let maximumCharacters = 100
    static let maximumWords = 12
    /// Lowercase words other than connectors that a role label ending in a name may hold
    /// (`Editor-in-chief of the Kommersant newspaper Sergei Yakovlev`).
    static let maximumCommonWords = 4

    /// Abbreviations that may end in a full stop inside a label.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "st", "jr", "sr",
        "hon", "rev", "lt", "col", "capt", "cpt", "sgt", "adm", "amb", "pres", "sec", "messrs",
        "mme", "mlle", "fr", "esq", "maj", "cmdr", "supt", "insp", "atty", "dir", "v", "vs",
    ]

    /// What may follow a name after a comma and still be part of it.
    static let nameSuffixes: Set<String> = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "esq", "esq."]

    /// Lowercase words that may stand inside a name (`President of Russia Vladimir Putin`).
    static let connectors: Set<String> = [
        "of", "the", "and", "for", "de", "da", "das", "do", "dos", "del", "della", "der", "den",
        "di", "du", "la", "le", "van", "von", "y", "al", "el", "bin", "ibn", "on", "to", "in",
        "at", "ten", "ter", "zu", "with", "i", "e", "et", "und",
    ]

    /// Lowercase words that make a capitalised phrase read as the start of a sentence
    /// (`My question:`, `The answer is:`) rather than a role (`Audience questioner:`).
    static let sentenceWords: Set<String> = [
        "we", "you", "he", "she", "it", "they", "me", "us", "him", "them", "my", "our", "your",
        "his", "her", "its", "their", "this", "that", "these", "those", "a", "an", "is", "are", "was",
        "were", "be", "been", "am", "has", "have", "had", "do", "does", "did", "not", "will", "would",
        "can", "could", "should", "shall", "may", "might", "must", "said", "says", "say", "what",
        "why", "how", "when", "where", "which", "who", "here", "there", "so", "but", "or", "if",
        "as", "from", "by", "one", "point", "question", "answer", "thing", "problem", "fact",
        "reason", "truth", "bottom", "line", "words", "note", "let", "look", "took", "made", "get",
        "got", "make", "take", "see", "saw", "know", "think", "want", "like", "just", "very", "all",
        "now", "then", "again", "more", "most", "also", "only", "even", "still", "ago",
    ]

    /// Words that open a sentence, not a name (`The answer:`, `Another suggestion:`, `You are
    /// right:`, `Here's what's clear:`), when a lowercase word follows or the label is one word.
    static let sentenceOpeners: Set<String> = [
        "my", "our", "your", "his", "her", "its", "their", "the", "a", "an", "this", "that", "these",
        "those", "here", "there", "what", "why", "how", "when", "where", "which", "who", "so", "and",
        "but", "well", "now", "then", "i", "we", "you", "he", "she", "it", "they", "one", "first",
        "second", "third", "fourth", "fifth", "finally", "again", "also", "yes", "no", "okay", "ok",
        "another", "some", "any", "each", "every", "all", "both", "more", "most", "many", "few",
        "other", "next", "last", "lastly", "firstly", "secondly", "thirdly", "besides", "however",
        "still", "thus", "hence", "therefore", "meanwhile", "instead", "indeed", "otherwise",
        "moreover", "furthermore", "plus", "two", "three", "four", "five", "let", "let's", "here's",
        "there's", "what's", "it's", "that's", "i'm", "we're", "you're", "for", "to", "in", "on",
        "at", "as", "if", "with", "from", "by", "after", "before", "put", "said", "take", "make",
        "example", "note", "nevertheless", "nonetheless", "overall", "briefly",
    ]

    /// The label at the start of a paragraph's first line, or nil when its opening does not
    /// read as one.
    static func candidate(_ bytes: UnsafeBufferPointer<UInt8>, paragraph: Range<Int>) -> LabelCandidate? {
        var memo = Memo()
        return candidate(bytes, paragraph: paragraph, memo: &memo)
    }

    /// Analyses of label texts already seen in a document: a transcript repeats its labels
    /// hundreds of times, and the analysis was half of a load's work before it was kept. Keyed
    /// by a hash of the bytes (checked against the bytes on a hit), so a repeat costs no String.
    /// It also numbers the document's speaker names, so that the reader's later steps count
    /// and compare integers, not strings.
    struct Memo {
        fileprivate var analyses: [UInt64: (bytes: [UInt8], analysis: (String, LabelCandidate.CaseStyle)?, id: Int)] = [:]
        /// The analyses of the reader's earlier documents, when it keeps them.
        fileprivate let earlier: Analyses?

        init(earlier: Analyses? = nil) {
            self.earlier = earlier
        }
        /// The distinct speaker names of the document; a candidate's `nameID` indexes this.
        private(set) var names: [String] = []
        private var ids: [String: Int] = [:]

        /// The number of `name`, given it a new one when it is new.
        mutating func id(of name: String) -> Int {
            if let id = ids[name] { return id }
            names.append(name)
            ids[name] = names.count - 1
            return names.count - 1
        }
    }

    /// Analyses of label texts kept across the documents one reader reads: a corpus repeats
    /// its labels from document to document (the same justices in every argument), and an
    /// analysis depends on the label's bytes alone. Bounded, so a corpus of unique openings
    /// does not grow it without end. One reader's: not shared between threads.
    final class Analyses {
        static let limit = 1 << 16
        fileprivate var analyses: [UInt64: (bytes: [UInt8], analysis: (String, LabelCandidate.CaseStyle)?)] = [:]

        init() {}

        fileprivate func keep(hash: UInt64, bytes: UnsafeBufferPointer<UInt8>, analysis: (String, LabelCandidate.CaseStyle)?) {
            guard analyses.count < Self.limit else { return }
            analyses[hash] = (Array(bytes), analysis)
        }
    }

    /// `candidate(_:paragraph:)`, reusing and filling `memo`.
    static func candidate(_ bytes: UnsafeBufferPointer<UInt8>, paragraph: Range<Int>, memo: inout Memo) -> LabelCandidate? {
        guard let (nameEnd, colon) = labelColon(bytes, paragraph) else { return nil }
        let rawBytes = UnsafeBufferPointer(rebasing: bytes[paragraph.lowerBound..<nameEnd])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in rawBytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let analysis: (String, LabelCandidate.CaseStyle)?
        let nameID: Int
        if let known = memo.analyses[hash], known.bytes.elementsEqual(rawBytes) {
            analysis = known.analysis
            nameID = known.id
        } else {
            if let earlier = memo.earlier, let known = earlier.analyses[hash], known.bytes.elementsEqual(rawBytes) {
                analysis = known.analysis
            } else {
                analysis = analyse(String(decoding: rawBytes, as: UTF8.self))
                memo.earlier?.keep(hash: hash, bytes: rawBytes, analysis: analysis)
            }
            nameID = analysis.map { memo.id(of: $0.0) } ?? -1
            memo.analyses[hash] = (Array(rawBytes), analysis, nameID)
        }
        guard let (name, style) = analysis else { return nil }
        let content = TextLayout.trimmed(bytes, (colon + 1)..<paragraph.upperBound)?.lowerBound ?? paragraph.upperBound
        var continuation = false
        if content < paragraph.upperBound {
            let byte = bytes[content]
            if byte < 0x80 {
                continuation = (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
            } else {
                let (first, _) = UTF8Scanning.scalar(in: bytes, at: content)
                continuation = first.properties.isLowercase || openingQuotes.contains(first)
            }
        }
        return LabelCandidate(name: name, nameID: nameID, contentStart: content, style: style, opensLikeContinuation: continuation)
    }

    /// The label and the offset where the speech starts, by the syntactic rule alone (captions
    /// use it for `Name:` prefixes, where each cue is its own paragraph).
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, paragraph: Range<Int>) -> (name: String, contentStart: Int)? {
        candidate(bytes, paragraph: paragraph).map { ($0.name, $0.contentStart) }
    }

    static let openingQuotes: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{201E}", "'"]

    /// The end of the name and the colon of a label-shaped opening, checked on the bytes: the
    /// colon comes within the label's length on the first line, white space or the paragraph's
    /// end follows it, and the opening starts with an uppercase letter and holds only what names
    /// are written with, and at most one parenthesis after the name (`SPEAKER (interpreted):`,
    /// `Vladimir Putin (answering a question):`), which is not part of the name.
    private static func labelColon(_ bytes: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> (Int, Int)? {
        let (first, _) = UTF8Scanning.scalar(in: bytes, at: paragraph.lowerBound)
        guard UTF8Scanning.isUppercaseLetter(first) else { return nil }
        // First the colon (or a parenthesis) on plain bytes: most paragraphs are speech, with
        // none near their start, and more spaces than a label has words (with room for a role
        // after a comma) end the search. A long one-line paragraph is never scanned whole.
        let searchEnd = min(paragraph.upperBound, paragraph.lowerBound + maximumCharacters * 4 + 1)
        var index = paragraph.lowerBound
        var spaces = 0
        while index < searchEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "(") || byte == 0x0A { break }
            if byte == 0x20 {
                spaces += 1
                if spaces > maximumWords * 2 { return nil }
            }
            index += 1
        }
        guard index < searchEnd, index > paragraph.lowerBound, bytes[index] != 0x0A else { return nil }
        let nameEnd = index
        guard isLabelText(bytes, paragraph.lowerBound..<nameEnd) else { return nil }
        var colon = nameEnd
        if bytes[nameEnd] == UInt8(ascii: "(") {
            // A parenthesis after the name, then only white space before the colon.
            var close = nameEnd + 1
            let limit = min(paragraph.upperBound, nameEnd + 300)
            while close < limit, bytes[close] != UInt8(ascii: ")"), bytes[close] != 0x0A { close += 1 }
            guard close < limit, bytes[close] == UInt8(ascii: ")") else { return nil }
            colon = close + 1
            while colon < min(paragraph.upperBound, close + 8), bytes[colon] == 0x20 || bytes[colon] == 0x09 { colon += 1 }
            guard colon < paragraph.upperBound, bytes[colon] == UInt8(ascii: ":") else { return nil }
        }
        if colon + 1 < paragraph.upperBound {
            let (next, _) = UTF8Scanning.scalar(in: bytes, at: colon + 1)
            guard UTF8Scanning.isWhitespace(next) else { return nil }
        }
        return (nameEnd, colon)
    }

    /// Only what names are written with: letters, digits, white space and `.'’-,`.
    private static func isLabelText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte < 0x80 {
                let allowed = (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "'")
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ",")
                guard allowed else { return false }
                index += 1
            } else {
                let (scalar, length) = UTF8Scanning.scalar(in: bytes, at: index)
                guard UTF8Scanning.isWordScalar(scalar) || UTF8Scanning.isWhitespace(scalar) || scalar == "\u{2019}" else { return false }
                index += length
            }
        }
        return true
    }

    /// The speaker named by a label-shaped opening and its case style, or nil when it reads as
    /// something else (a sentence, a list heading).
    static func analyse(_ raw: String) -> (String, LabelCandidate.CaseStyle)? {
        guard raw.unicodeScalars.count <= maximumCharacters else { return nil }
        // Parts between commas; a trailing comma and name suffixes (`, Jr.`) come off the end.
        var parts = raw.split(separator: ",", omittingEmptySubsequences: false).map { closingStrayInitials(words($0)) }
        while let last = parts.last, last.isEmpty, parts.count > 1 { parts.removeLast() }
        var suffixes: [Substring] = []
        while parts.count > 1, let last = parts.last, last.count == 1, nameSuffixes.contains(last[0].lowercased()) {
            suffixes.insert(last[0], at: 0)
            parts.removeLast()
        }
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        // A role after a comma (`Sergei Mironov, Leader of …`) or a comma inside a role
        // (`Minister of Digital Development, Communications and …`) stays part of the label;
        // the document's other labels say which speaker it names (`SpeakerMerging`).
        let named: [Substring]
        if parts.count > 1, isPersonalName(parts[0]), parts.dropFirst().allSatisfy(isRole) {
            named = parts[0]
        } else {
            named = parts.flatMap { $0 }
            guard parts.count == 1 || isRole(named) else { return nil }
        }
        guard isName(named) else { return nil }
        let name = parts.map { $0.joined(separator: " ") }.joined(separator: ", ")
        return (([name] + suffixes.map(String.init)).joined(separator: ", "), caseStyle(named))
    }

    /// Two to five capitalised words, initials or titles, and no connector: `W. Mitt Romney`.
    private static func isPersonalName(_ words: [Substring]) -> Bool {
        (2...5).contains(words.count) && words.allSatisfy { word in
            guard let first = word.unicodeScalars.first else { return false }
            return UTF8Scanning.isUppercaseLetter(first) && isNameWord(word)
        }
    }

    private static func words(_ part: Substring) -> [Substring] {
        part.split { $0.isWhitespace }
    }

    /// `John F . Davis` → `John F. Davis`: a full stop standing alone after an initial.
    private static func closingStrayInitials(_ words: [Substring]) -> [Substring] {
        guard words.contains(".") else { return words }
        var result: [Substring] = []
        for word in words {
            if word == ".", let previous = result.last, previous.count == 1, previous.first?.isUppercase == true {
                result[result.count - 1] = Substring(previous + ".")
            } else {
                result.append(word)
            }
        }
        return result
    }

    /// The words before the first comma name a speaker: capitalised words, initials, titles and
    /// connectors; a lowercase common word only in a short role (`Audience questioner`) or in a
    /// long one that ends in a name.
    private static func isName(_ words: [Substring]) -> Bool {
        guard words.count <= maximumWords, let firstWord = words.first,
            let initial = firstWord.unicodeScalars.first, UTF8Scanning.isUppercaseLetter(initial)
        else { return false }
        var commonWords: [String] = []
        var trailingCapitalised = 0
        for (position, word) in words.enumerated() {
            guard isNameWord(word) else { return false }
            let first = word.unicodeScalars.first!
            if UTF8Scanning.isUppercaseLetter(first) {
                trailingCapitalised += 1
                continue
            }
            trailingCapitalised = 0
            let lower = word.lowercased()
            if position > 0, first.properties.numericType != nil || connectors.contains(lower) { continue }
            commonWords.append(lower)
        }
        let opener = firstWord.lowercased().replacing("\u{2019}", with: "'")
        if words.count == 1 { return !sentenceOpeners.contains(opener) || firstWord.allSatisfy { !$0.isLowercase } }
        guard !commonWords.isEmpty else { return true }
        guard !sentenceOpeners.contains(opener), commonWords.allSatisfy({ !sentenceWords.contains($0) }) else { return false }
        // A role such as "Audience questioner", or a long role that ends in a name.
        return words.count <= 3 || (trailingCapitalised >= 2 && commonWords.count <= maximumCommonWords)
    }

    /// A role after a comma: `Leader of A Just Russia Faction in the State Duma`, `reporter at
    /// VGTRK`, `ship fitter`: words of a name or common words, but nothing of a sentence.
    private static func isRole(_ words: [Substring]) -> Bool {
        guard !words.isEmpty, words.count <= maximumWords,
            !sentenceOpeners.contains(words[0].lowercased())
        else { return false }
        return words.allSatisfy { word in
            // Only lowercase words can make it a sentence: `A Just Russia` is a name.
            guard isNameWord(word), let first = word.unicodeScalars.first else { return false }
            return UTF8Scanning.isUppercaseLetter(first) || !sentenceWords.contains(word.lowercased())
        }
    }

    /// Letters, digits and `'’-`, with full stops only as initials (`W.`, `U.S.`, `B.Moore`), a
    /// title (`Mr.`), or between capitalised parts (`Lenta.Ru`).
    private static func isNameWord(_ word: Substring) -> Bool {
        var hasFullStop = false
        for scalar in word.unicodeScalars {
            if scalar == "." {
                hasFullStop = true
            } else if !(UTF8Scanning.isWordScalar(scalar) || scalar == "'" || scalar == "\u{2019}" || scalar == "-") {
                return false
            }
        }
        guard hasFullStop else { return true }
        let pieces = word.split(separator: ".", omittingEmptySubsequences: false)
        if word.hasSuffix("."), pieces.count == 2, titles.contains(pieces[0].lowercased()) { return true }
        let body = word.hasSuffix(".") ? pieces.dropLast() : pieces[...]
        guard !body.contains(where: \.isEmpty) else { return false }
        // Initials, possibly followed by a name: W. / U.S. / B.Moore / L.rauh.
        if body.dropLast().allSatisfy({ $0.count == 1 }), body.last!.count == 1 || !word.hasSuffix(".") {
            return body.dropLast().allSatisfy { $0.first!.isUppercase } && (body.count > 1 || body[body.startIndex].count == 1)
        }
        // A dotted name: every piece capitalised (Lenta.Ru).
        return !word.hasSuffix(".") && body.allSatisfy { $0.first!.isUppercase }
    }

    /// Upper when every cased letter outside titles (`Mr.`, `Dr.`) is uppercase: `MS. PSAKI`
    /// and `Mr. KIRBY` are both written in the upper-case style.
    private static func caseStyle(_ words: [Substring]) -> LabelCandidate.CaseStyle {
        var letters = 0
        for word in words {
            let bare = word.hasSuffix(".") ? word.dropLast() : word
            if titles.contains(bare.lowercased()), word.hasSuffix(".") || words.count > 1 { continue }
            for scalar in word.unicodeScalars {
                if scalar.value < 0x80 {
                    if scalar.value >= 0x61 && scalar.value <= 0x7A { return .mixed }
                    if scalar.value >= 0x41 && scalar.value <= 0x5A { letters += 1 }
                } else if scalar.properties.isAlphabetic {
                    if scalar.properties.isLowercase { return .mixed }
                    letters += 1
                }
            }
        }
        return letters > 0 ? .upper : .mixed
    }

    /// True for `John G. Roberts, Jr.`: the part after the last comma is a name suffix.
    static func endsWithNameSuffix(_ name: String) -> Bool {
        guard let comma = name.lastIndex(of: ",") else { return false }
        return nameSuffixes.contains(name[name.index(after: comma)...].trimmingPrefix(while: \.isWhitespace).lowercased())
    }

    /// The case style of a speaker's name as a label writes it.
    static func caseStyle(of name: String) -> LabelCandidate.CaseStyle {
        caseStyle(name.split { $0.isWhitespace || $0 == "," })
    }

    /// True when `text` reads as a name by this rule (tests and the dash-turn cues use it).
    static func isPersonName(_ text: String) -> Bool {
        analyse(text) != nil
    }
}
