/// The default rule for speaker labels (DESIGN.md §3): `Label:` then white space, where a label
/// is 1–6 words starting with an uppercase letter, at most 60 characters, with no sentence
/// punctuation inside except initials and titles (`Mr.`, `W. Mitt Romney`, `MS. PSAKI`).
enum SpeakerLabel {
    static let maximumCharacters = 60
    static let maximumWords = 6

    /// Abbreviations that may end in a full stop inside a label.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "st", "jr", "sr",
        "hon", "rev", "lt", "col", "capt", "cpt", "sgt", "adm", "amb", "pres", "sec", "messrs",
        "mme", "mlle", "fr", "esq", "maj", "cmdr", "supt", "insp", "atty", "dir", "v", "vs",
    ]

    /// Lowercase words that may stand inside a name (`President of Russia Vladimir Putin`).
    static let connectors: Set<String> = [
        "of", "the", "and", "for", "de", "da", "das", "do", "dos", "del", "della", "der", "den",
        "di", "du", "la", "le", "van", "von", "y", "al", "el", "bin", "ibn", "on", "to", "in",
        "at", "ten", "ter", "zu",
    ]

    /// Lowercase words that make a short capitalised phrase read as the start of a sentence
    /// (`My question:`, `The answer is:`) rather than a role (`Audience questioner:`).
    static let sentenceWords: Set<String> = [
        "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "them", "my", "our", "your",
        "his", "her", "its", "their", "this", "that", "these", "those", "a", "an", "is", "are", "was",
        "were", "be", "been", "am", "has", "have", "had", "do", "does", "did", "not", "will", "would",
        "can", "could", "should", "shall", "may", "might", "must", "said", "says", "say", "what",
        "why", "how", "when", "where", "which", "who", "here", "there", "so", "but", "or", "if",
        "as", "with", "from", "by", "one", "point", "question", "answer", "thing", "problem", "fact",
        "reason", "truth", "bottom", "line", "words", "note",
    ]

    /// Words that open a sentence, not a name, when a lowercase word follows (`The answer:`).
    static let sentenceOpeners: Set<String> = [
        "my", "our", "your", "his", "her", "its", "their", "the", "a", "an", "this", "that", "these",
        "those", "here", "there", "what", "why", "how", "when", "where", "which", "who", "so", "and",
        "but", "well", "now", "then", "i", "we", "you", "he", "she", "it", "they", "one", "first",
        "second", "finally", "again", "also", "yes", "no", "okay", "ok",
    ]

    /// The label at the start of a paragraph's first line and the offset where the speech
    /// starts, or nil when the paragraph does not start with a label.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, paragraph: Range<Int>) -> (name: String, contentStart: Int)? {
        let lineEnd = TextLayout.firstLineEnd(bytes, paragraph)
        let searchEnd = min(lineEnd, paragraph.lowerBound + maximumCharacters * 4 + 1)
        var colon = paragraph.lowerBound
        while colon < searchEnd, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < searchEnd, colon > paragraph.lowerBound else { return nil }
        let after = colon + 1
        if after < paragraph.upperBound {
            let (next, _) = UTF8Scanning.scalar(in: bytes, at: after)
            guard UTF8Scanning.isWhitespace(next) else { return nil }
        }
        guard isLabel(bytes, paragraph.lowerBound..<colon) else { return nil }
        let candidate = String(decoding: UnsafeBufferPointer(rebasing: bytes[paragraph.lowerBound..<colon]), as: UTF8.self)
        let content = TextLayout.trimmed(bytes, after..<paragraph.upperBound)?.lowerBound ?? paragraph.upperBound
        return (candidate, content)
    }

    /// True when `bytes[range]` reads as a speaker label by the default rule. It works on the
    /// bytes, not a `String`: the loader asks this of every paragraph with a colon.
    static func isLabel(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        var scalars = 0
        var spaces = 0
        for index in range {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 { scalars += 1 }
            if byte == 0x20 { spaces += 1 }
        }
        guard scalars <= maximumCharacters, spaces < maximumWords else { return false }
        var words: [Range<Int>] = []
        words.reserveCapacity(spaces + 1)
        var wordStart = range.lowerBound
        for index in range where bytes[index] == 0x20 {
            words.append(wordStart..<index)
            wordStart = index + 1
        }
        words.append(wordStart..<range.upperBound)
        var lowercaseWords: [String] = []
        for (position, word) in words.enumerated() {
            guard !word.isEmpty else { return false }
            var index = word.lowerBound
            var hasFullStop = false
            while index < word.upperBound {
                let (scalar, length) = UTF8Scanning.scalar(in: bytes, at: index)
                guard isLabelScalar(scalar) else { return false }
                if scalar == "." { hasFullStop = true }
                index += length
            }
            if hasFullStop, !isInitialsOrTitle(bytes, word) { return false }
            let (first, _) = UTF8Scanning.scalar(in: bytes, at: word.lowerBound)
            if UTF8Scanning.isUppercaseLetter(first) { continue }
            if position == 0 { return false }
            let text = string(bytes, word)
            if first.properties.numericType != nil || connectors.contains(text) { continue }
            lowercaseWords.append(text)
        }
        guard !lowercaseWords.isEmpty else { return true }
        // A role such as "Audience questioner": short, and not the start of a sentence.
        return words.count <= 3 && !sentenceOpeners.contains(string(bytes, words[0]).lowercased())
            && lowercaseWords.allSatisfy { !sentenceWords.contains($0) }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        UTF8Scanning.isWordScalar(scalar) || scalar == "." || scalar == "'" || scalar == "\u{2019}" || scalar == "-"
    }

    /// `W.`, `U.S.`, `Mr.`, `DR.`: initials, or a known title ending in a full stop.
    private static func isInitialsOrTitle(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        guard bytes[word.upperBound - 1] == UInt8(ascii: ".") else { return false }
        var parts = 1
        var allInitials = true
        var partScalars = 0
        for index in word.dropLast() {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                allInitials = allInitials && partScalars == 1
                parts += 1
                partScalars = 0
            } else if byte & 0xC0 != 0x80 {
                partScalars += 1
            }
        }
        if allInitials && partScalars == 1 { return true }
        return parts == 1 && titles.contains(string(bytes, word.dropLast()).lowercased())
    }

    private static func isInitialsOrTitle(_ word: Substring) -> Bool {
        var word = String(word)
        return word.withUTF8 { isInitialsOrTitle($0, 0..<$0.count) }
    }

    /// The speaker of a dash turn that opens with a self-introduction: 2–4 capitalised words
    /// followed by a comma (`Ilya Petrenko, Russia Today in English.`).
    static func selfIntroduction(_ bytes: UnsafeBufferPointer<UInt8>, content: Range<Int>) -> String? {
        let limit = min(content.upperBound, content.lowerBound + maximumCharacters * 4)
        var comma = content.lowerBound
        while comma < limit, bytes[comma] != UInt8(ascii: ","), bytes[comma] != 0x0A { comma += 1 }
        guard comma < limit, bytes[comma] == UInt8(ascii: ",") else { return nil }
        let candidate = String(decoding: UnsafeBufferPointer(rebasing: bytes[content.lowerBound..<comma]), as: UTF8.self)
        let words = candidate.split(separator: " ", omittingEmptySubsequences: false)
        guard (2...4).contains(words.count) else { return nil }
        for word in words {
            guard let first = word.unicodeScalars.first, UTF8Scanning.isUppercaseLetter(first),
                word.unicodeScalars.allSatisfy(isLabelScalar)
            else { return nil }
            if word.utf8.contains(UInt8(ascii: ".")), !isInitialsOrTitle(word) { return nil }
        }
        return candidate
    }
}
