import ParleyCore

/// Tab completion as a pure function of the line: verbs first, then the verb's options, option
/// values, and speaker names or settings as the verb's arguments.
package struct Completer {
    package var corpus: Corpus
    package var settings: Settings
    package var subsetNames: [String]

    /// Corpus words offered at most, so a short prefix on a large corpus stays quick.
    static let wordLimit = 200

    package init(corpus: Corpus, settings: Settings, subsetNames: [String] = []) {
        self.corpus = corpus
        self.settings = settings
        self.subsetNames = subsetNames
    }

    /// A completer for what `session` holds now.
    package init(_ session: Session) {
        self.init(corpus: session.corpus, settings: session.settings, subsetNames: session.subsets.keys.sorted())
    }

    /// Completions for the word `text` that starts after `before` (the line up to that word).
    /// `quoted` is true when the word opens with a quote, so names need no quotes of their own.
    /// Returns nil when file names should be completed instead.
    package func candidates(before: String, text: String, quoted: Bool) -> [String]? {
        let previous = before.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let verbName = previous.first else { return matching(CommandRegistry.names, text) }
        guard let command = CommandRegistry.command(named: verbName) else { return [] }
        let options = command.allOptions
        if let last = previous.last, previous.count > 1, let option = options.first(where: { $0.name == last }), option.value != nil {
            return option.choices.isEmpty ? complete(option.completion, text, quoted: quoted, position: 1) : matching(option.choices, text)
        }
        if text.hasPrefix("-") { return matching(options.map(\.name), text) }
        if command.argumentCompletion == .filter, !(command.name == SubsetCommand.name && previous.count == 1) {
            // A quoted value follows its prefix with no space: `speaker:"Vla` arrives as `speaker:` + `Vla`.
            let glued = before.last.map { $0.isWhitespace } ?? true ? "" : previous.last ?? ""
            return filterTerms(glued: glued, text, quoted: quoted)
        }
        return complete(command.argumentCompletion, text, quoted: quoted, position: previous.count)
    }

    /// Filter terms: the prefixes and keywords, then speaker, document and subset names and
    /// corpus words after their prefix.
    private func filterTerms(glued: String, _ text: String, quoted: Bool) -> [String] {
        let word = glued + text
        guard let colon = word.firstIndex(of: ":") else {
            return matching(["speaker:", "doc:", "contains:", "in:", "meta:", "and", "or", "not", "off"], word)
        }
        let prefix = String(word[...colon])
        let value = String(word[word.index(after: colon)...])
        let names: [String]
        switch prefix {
        case "speaker:": names = speakers(value)
        case "doc:": names = matching(corpus.documents.map(\.name), value)
        case "in:": names = matching(subsetNames, value)
        case "contains:": names = words(value)
        case "meta:": names = matching(corpus.metadataKeys, value)
        default: return []
        }
        // The part of the word readline replaces: after the quote, or the whole word.
        return glued.isEmpty ? quotedIfNeeded(names, quoted).map { prefix + $0 } : quotedIfNeeded(names, quoted)
    }

    /// Corpus words (folded forms) that start with `prefix`, in byte order.
    private func words(_ prefix: String) -> [String] {
        let ids = corpus.lexicon.ids(withPrefix: prefix.lowercased())
        return ids.prefix(Self.wordLimit).map { corpus.lexicon.forms[$0] }
    }

    private func complete(_ kind: ArgumentCompletion, _ text: String, quoted: Bool, position: Int) -> [String]? {
        switch kind {
        case .none: return []
        case .paths: return nil
        case .verbs: return matching(CommandRegistry.all.map { $0.name }, text)
        case .settings: return position == 1 ? matching(settings.described.map(\.name), text) : []
        case .documents: return quotedIfNeeded(matching(corpus.documents.map(\.name), text), quoted)
        case .speakers:
            return quotedIfNeeded(speakers(text), quoted)
        case .words: return text.hasPrefix("/") ? [] : words(text)
        case .sides: return quotedIfNeeded((speakers(text) + matching(subsetNames + ["rest"], text)).sorted(), quoted)
        case .filter: return filterTerms(glued: "", text, quoted: quoted)
        case .groupings: return matching(["speaker", "doc", "turn"] + corpus.metadataKeys, text)
        case .metadataKeys:
            // A list of keys: complete the one after the last comma.
            let done = text.lastIndex(of: ",").map { String(text[...$0]) } ?? ""
            return matching(corpus.metadataKeys, String(text.dropFirst(done.count))).map { done + $0 }
        }
    }

    private func quotedIfNeeded(_ names: [String], _ quoted: Bool) -> [String] {
        quoted ? names : names.map { $0.contains(" ") ? "\"\($0)\"" : $0 }
    }

    /// Speaker names whose whole name or any later word (a last name) starts with `prefix`,
    /// ignoring case: put and Putin both find Vladimir Putin.
    private func speakers(_ prefix: String) -> [String] {
        let lowered = prefix.lowercased()
        return corpus.speakers.filter { name in
            let folded = name.lowercased()
            return folded.hasPrefix(lowered) || folded.split(separator: " ").dropFirst().contains { $0.hasPrefix(lowered) }
        }.sorted()
    }

    private func matching(_ names: [String], _ prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
