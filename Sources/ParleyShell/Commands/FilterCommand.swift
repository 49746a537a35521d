import ParleyCore

/// `filter EXPR`, `filter`, `filter off`: the selection every later command works on.
struct FilterCommand: Command {
    static let name = "filter"
    static let changesSession = true
    static let summary = "restrict every later command to some turns (filter off clears it)"
    static let usage = "filter [EXPR | off]"
    static let details = """
        EXPR combines terms with and, or, not and parentheses (not binds tightest, then and):
          speaker:NAME     turns of speakers whose name, or its last words, match NAME
                           (speaker:Putin and speaker:"Vladimir Putin" both work; * and ? are
                           wildcards; case does not matter)
          doc:NAME         turns of documents whose name or file name matches (doc:2019*)
          contains:QUERY   turns with at least one hit of QUERY (a word, wildcard, /regex/ or
                           "a phrase"), ignoring case
          in:NAME          turns of a subset made with subset NAME EXPR
          meta:KEY=VALUE   turns whose metadata KEY (the turn's own, else its document's) is
                           VALUE, any case, * and ? allowed; KEY!=VALUE the opposite;
                           KEY~PATTERN a regular expression found in the value; KEY>=V, >,
                           <=, < compare numbers as numbers and anything else by as many
                           first characters as V has (meta:date>=2021-06); info lists keys
        The expression is evaluated over the whole corpus and replaces any earlier filter; one
        that selects no turn is refused and the filter stays as it was. info shows the filter.
        Without arguments, filter shows the active filter.
        """
    static let example = "filter speaker:Putin and contains:terror*"
    static let argumentCompletion = ArgumentCompletion.filter

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let words = arguments.positional
        if words.isEmpty {
            guard let filter = session.filter else {
                return .message("no filter: " + session.describe(TurnSet(universe: session.corpus.turnCount, full: true)))
            }
            return .message("filter \(filter.expression): " + session.describe(filter.turns))
        }
        if words.count == 1, !words[0].quoted, words[0].text == "off" {
            session.filter = nil
            return .status("filter off: " + session.describe(TurnSet(universe: session.corpus.turnCount, full: true)))
        }
        let selection = try FilterExpression.evaluate(words, in: session.corpus, subsets: session.subsets)
        guard !selection.turns.isEmpty else {
            throw CommandError("\(selection.expression) selects no turns; the filter is unchanged",
                columns: words[0].columns.lowerBound..<words[words.count - 1].columns.upperBound)
        }
        session.filter = selection
        return .status("filter \(selection.expression): " + session.describe(selection.turns))
    }
}
