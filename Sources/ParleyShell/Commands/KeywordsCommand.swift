import ParleyCore

/// `keywords TARGET [--reference NAME]`: AntConc's keyword list: one loaded corpus against the
/// others, or against a reference corpus loaded beside it.
struct KeywordsCommand: Command {
    static let name = "keywords"
    static let summary = "keywords of a loaded corpus against the others, or against a --reference corpus"
    static let usage = "keywords TARGET [--reference NAME] [--sort g2|log_ratio|pct_diff|bic] [--min-log-ratio X] [--min-range N] [--stopwords en|FILE] [--top N|all] …"
    static let details = """
        TARGET and NAME are the names of corpora loaded together (load PATH --as NAME, then load
        PATH --add --as NAME; info lists them). TARGET's turns are side A; side B is the corpus
        --reference names, or every other corpus loaded. Both are limited to the active filter.
        The table is compare's, with its options and formulas (help compare): each side's
        summary, then the keywords of each side with G², BIC, Log Ratio and its interval, %DIFF
        and each side's range. keywords debates --reference briefings --stopwords en --sort
        log_ratio --min-range 5 is a keyword list to publish.
        """
    static let example = "keywords debates --reference briefings --top 20"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.sides
    static let options = [
        OptionSpec("--reference", value: "NAME", help: "the reference corpus (default: every other corpus loaded)"),
    ] + CompareCommand.keywordOptions

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(1...1, usage: usage)
        let corpus = session.corpus
        let names = corpus.corpusNames
        let target = arguments.positional[0]
        guard names.count >= 2 else {
            throw CommandError(
                "keywords compares corpora loaded together, and \(names.count == 1 ? "one is" : "none is") loaded: load PATH --as NAME, then load PATH --add --as NAME",
                at: target)
        }
        func turns(of word: Word) throws(CommandError) -> TurnSet {
            guard let name = names.first(where: { $0.lowercased() == word.text.lowercased() }) else {
                throw CommandError.unknown("corpus", word, among: names, hint: "\"info\" lists them")
            }
            return corpus.turns(withMetadata: Corpus.corpusKey) { $0 == name }
        }
        let within = session.analysisSelection ?? TurnSet(universe: corpus.turnCount, full: true)
        let a = try turns(of: target).intersection(within)
        guard !a.isEmpty else { throw CommandError("\(target.text) has no turns in the selection", at: target) }
        let referenceName: String
        let b: TurnSet
        if let reference = arguments.values["--reference"] {
            guard reference.text.lowercased() != target.text.lowercased() else {
                throw CommandError("--reference names the target itself; name another corpus: " + names.joined(separator: ", "), at: reference)
            }
            b = try turns(of: reference).intersection(within)
            referenceName = reference.text
        } else {
            b = within.intersection(a.complement)
            referenceName = "rest"
        }
        guard !b.isEmpty else { throw CommandError("the reference has no turns in the selection", at: arguments.values["--reference"] ?? target) }
        return try CompareCommand.keywords(a, b, names: (target.text, referenceName), arguments, session)
    }
}
