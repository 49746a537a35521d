import ParleyCore

/// `collocates QUERY`: the words that keep company with a query, with association measures.
struct CollocatesCommand: Command {
    static let name = "collocates"
    static let summary = "words near a query's hits, ranked by log-likelihood, MI, MI3, t or logDice"
    static let usage = "collocates QUERY [--window L R] [--sort freq|left|right|ll|mi|mi3|t|logdice] [--min N] [--top N|all] [--case]"
    static let details = QueryArgument.help + """

        The window is L words before and R words after each hit (default 5 5), inside its turn; a
        word in the windows of two hits counts once. In the active filter's turns, with N their
        tokens, W the tokens in the windows, f_A the hits and f_B the collocate's frequency:
          cooccurrence  O11, occurrences of the collocate in the windows
          left, right   its occurrences in the windows before the hits and after them (AntConc's
                        FreqL and FreqR; a word in both kinds of window counts in each)
          frequency     f_B
          expected      E11 = W × f_B / N
          ll            signed log-likelihood G² over (O11, W − O11, f_B − O11, N − W − f_B + O11):
                        2 Σ O ln(O/E) over the four cells, E = row total × column total / N,
                        0 ln 0 = 0; negative when O11 < E11
          mi            log2(O11 / E11)
          mi3           3 log2(O11) − log2(E11)
          t             (O11 − E11) / √O11
          logdice       14 + log2(2 O11 / (f_A + f_B))
        Rows need O11 ≥ --min (default 3) and are sorted by --sort (default ll; --measure is the
        same): freq (O11), left, right or a measure, highest first, ties by word.
        """
    static let example = "collocates terrorism --window 3 3 --measure logdice"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.words

    enum Measure: String, CaseIterable { case freq, left, right, ll, mi, mi3, t, logdice }

    static let windowRange = 0...20
    static let options = [
        OptionSpec("--window", value: "L R", arity: 2, help: "words before and after each hit (default 5 5, each 0–20)"),
        OptionSpec("--sort", value: "freq|left|right|ll|mi|mi3|t|logdice", choices: Measure.allCases.map(\.rawValue),
            help: "sort by cooccurrence (freq), left or right frequency, or a measure (default ll)"),
        OptionSpec("--measure", value: "freq|left|right|ll|mi|mi3|t|logdice", choices: Measure.allCases.map(\.rawValue),
            help: "the same as --sort"),
        OptionSpec("--min", value: "N", help: "only collocates seen at least N times in the windows (default 3)"),
        OptionSpec("--top", value: "N|all", help: "show the N best rows (default 20), or all"),
        QueryArgument.caseOption,
    ]

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        let query = try QueryArgument.parse(arguments, usage: usage)
        let (left, right) = try window(arguments)
        if let measure = arguments.values["--measure"], arguments.values["--sort"] != nil {
            throw CommandError("--measure and --sort say the same; give one", at: measure)
        }
        let sort = try arguments.choice("--sort", as: Measure.self)
        let measured = try arguments.choice("--measure", as: Measure.self)
        let measure = sort ?? measured ?? .ll
        let minimum = try arguments.integer("--min", in: 1...Int(Int32.max)) ?? 3
        let top = try arguments.count("--top", in: 1...Int(Int32.max)) ?? 20
        let corpus = session.corpus
        let matches = try QueryArgument.matches(of: query, arguments, in: session)
        let collocation = corpus.collocates(of: matches, left: left, right: right, in: session.analysisSelection, minimum: minimum)
        let key: (CollocateRow) -> Double = switch measure {
        case .freq: { Double($0.cooccurrence) }
        case .left: { Double($0.left) }
        case .right: { Double($0.right) }
        case .ll: \.logLikelihood
        case .mi: \.mutualInformation
        case .mi3: \.mi3
        case .t: \.tScore
        case .logdice: \.logDice
        }
        let rows = collocation.rows.sorted { key($0) != key($1) ? key($0) > key($1) : $0.type < $1.type }.prefix(top)
        let table: [[Table.Value]] = rows.map { row in
            [
                .text(corpus.lexicon.forms[row.type]), .integer(row.cooccurrence), .integer(row.left), .integer(row.right),
                .integer(row.frequency),
                .decimal(row.expected, places: 3), .decimal(row.logLikelihood, places: 2),
                .decimal(row.mutualInformation, places: 3), .decimal(row.mi3, places: 3),
                .decimal(row.tScore, places: 3), .decimal(row.logDice, places: 3),
            ]
        }
        let columns = ["collocate", "cooccurrence", "left", "right", "frequency", "expected", "ll", "mi", "mi3", "t", "logdice"].map {
            Table.Column($0, flexible: $0 == "collocate")
        }
        return .table(Table(columns: columns, rows: table))
    }

    private static func window(_ arguments: Arguments) throws(CommandError) -> (Int, Int) {
        guard let words = arguments.valueWords["--window"] else { return (5, 5) }
        var sides: [Int] = []
        for word in words {
            guard let value = Int(word.text), windowRange.contains(value) else {
                throw CommandError("--window expects two numbers from 0 to 20, got \"\(word.text)\"", at: word)
            }
            sides.append(value)
        }
        guard sides[0] + sides[1] > 0 else {
            throw CommandError("--window 0 0 holds no words; give at least one side a width", at: words[0])
        }
        return (sides[0], sides[1])
    }
}
