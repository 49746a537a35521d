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
        let candidate = String(decoding: UnsafeBufferPointer(rebasing: bytes[paragraph.lowerBound..<colon]), as: UTF8.self)
        guard isLabel(candidate) else { return nil }
        let content = TextLayout.trimmed(bytes, after..<paragraph.upperBound)?.lowerBound ?? paragraph.upperBound
        return (candidate, content)
    }

    /// True when `text` reads as a speaker label by the default rule.
    static func isLabel(_ text: String) -> Bool {
        guard !text.isEmpty, text.unicodeScalars.count <= maximumCharacters else { return false }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard (1...maximumWords).contains(words.count) else { return false }
        var lowercaseWords: [String] = []
        for (position, word) in words.enumerated() {
            guard let first = word.unicodeScalars.first else { return false }
            guard word.unicodeScalars.allSatisfy(isLabelScalar) else { return false }
            if word.contains("."), !isInitialsOrTitle(word) { return false }
            if UTF8Scanning.isUppercaseLetter(first) { continue }
            if position == 0 { return false }
            if first.properties.numericType != nil || connectors.contains(String(word)) { continue }
            lowercaseWords.append(String(word))
        }
        guard !lowercaseWords.isEmpty else { return true }
        // A role such as "Audience questioner": short, and not the start of a sentence.
        return words.count <= 3 && !sentenceOpeners.contains(words[0].lowercased())
            && lowercaseWords.allSatisfy { !sentenceWords.contains($0) }
    }

    private static func isLabelScalar(_ scalar: Unicode.Scalar) -> Bool {
        UTF8Scanning.isWordScalar(scalar) || scalar == "." || scalar == "'" || scalar == "\u{2019}" || scalar == "-"
    }

    /// `W.`, `U.S.`, `Mr.`, `DR.`: initials, or a known title ending in a full stop.
    private static func isInitialsOrTitle(_ word: Substring) -> Bool {
        guard word.hasSuffix(".") else { return false }
        let parts = word.dropLast().split(separator: ".", omittingEmptySubsequences: false)
        if parts.allSatisfy({ $0.count == 1 }) { return true }
        return parts.count == 1 && titles.contains(parts[0].lowercased())
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
            if word.contains("."), !isInitialsOrTitle(word) { return nil }
        }
        return candidate
    }
}
