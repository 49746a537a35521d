import ParleyCore

/// `subset NAME EXPR`: names a selection of turns for `in:NAME` and `compare`.
struct SubsetCommand: Command {
    static let name = "subset"
    static let changesSession = true
    static let summary = "name a selection of turns for in:NAME and compare (subset lists them)"
    static let usage = "subset [NAME EXPR | NAME off]"
    static let details = """
        EXPR is a filter expression (see help filter), evaluated over the whole corpus, not just
        the active filter; analyses still apply the filter on top. A name starts with a letter and
        holds letters, digits, _ and -; naming an existing subset replaces it. subset NAME off
        removes it. Without arguments, subset lists the subsets with their turns and tokens.
        """
    static let example = "subset putin speaker:Putin"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.filter

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        guard let nameWord = arguments.positional.first else { return .table(list(session)) }
        let name = nameWord.text
        guard let first = name.first, first.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
            !["rest", "off"].contains(name)
        else {
            throw CommandError("a subset name starts with a letter and holds letters, digits, _ and - (not rest or off), got \"\(name)\"", at: nameWord)
        }
        let words = Array(arguments.positional.dropFirst())
        guard !words.isEmpty else {
            throw CommandError("subset \(name) needs an expression, as in subset \(name) speaker:Putin", at: nameWord)
        }
        if words.count == 1, !words[0].quoted, words[0].text == "off" {
            guard session.subsets.removeValue(forKey: name) != nil else {
                throw CommandError.unknown("subset", nameWord, among: session.subsets.keys.sorted())
            }
            return .status("removed subset \(name)")
        }
        let selection = try FilterExpression.evaluate(words, in: session.corpus, subsets: session.subsets)
        guard !selection.turns.isEmpty else {
            throw CommandError("\(selection.expression) selects no turns; no subset made",
                columns: words[0].columns.lowerBound..<words[words.count - 1].columns.upperBound)
        }
        let replaced = session.subsets[name] != nil
        session.subsets[name] = selection
        return .status((replaced ? "replaced" : "subset") + " \(name) = \(selection.expression): " + session.describe(selection.turns))
    }

    private static func list(_ session: Session) -> Table {
        let rows: [[Table.Value]] = session.subsets.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            let subset = session.subsets[name]!
            return [.text(name), .integer(subset.turns.count), .integer(session.corpus.tokenCount(in: subset.turns)), .text(subset.expression)]
        }
        let columns = [Table.Column("name"), Table.Column("turns"), Table.Column("tokens"), Table.Column("expression", flexible: true, shrinkRank: Table.Column.freeText)]
        return Table(columns: columns, rows: rows)
    }
}
