import ParleyCore

/// Tab completion as a pure function of the line: verbs first, then the verb's options, option
/// values, and speaker names or settings as the verb's arguments.
package struct Completer {
    package var corpus: Corpus
    package var settings: Settings

    package init(corpus: Corpus, settings: Settings) {
        self.corpus = corpus
        self.settings = settings
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
        return complete(command.argumentCompletion, text, quoted: quoted, position: previous.count)
    }

    private func complete(_ kind: ArgumentCompletion, _ text: String, quoted: Bool, position: Int) -> [String]? {
        switch kind {
        case .none: return []
        case .paths: return nil
        case .verbs: return matching(CommandRegistry.all.map { $0.name }, text)
        case .settings: return position == 1 ? matching(settings.described.map(\.name), text) : []
        case .documents: return quotedIfNeeded(matching(corpus.documents.map(\.name), text), quoted)
        case .speakers:
            return quotedIfNeeded(matching(corpus.speakers, text), quoted)
        }
    }

    private func quotedIfNeeded(_ names: [String], _ quoted: Bool) -> [String] {
        quoted ? names : names.map { $0.contains(" ") ? "\"\($0)\"" : $0 }
    }

    private func matching(_ names: [String], _ prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix) }.sorted()
    }
}
