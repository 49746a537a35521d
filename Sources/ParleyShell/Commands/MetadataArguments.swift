import ParleyCore

/// How commands name metadata: `--meta KEY[,KEY…]` columns and `--by` groupings that may be a
/// metadata key as well as a built-in grouping.
enum MetadataArguments {
    /// The keys a `--meta` option names, resolved without regard to case.
    static func columns(_ arguments: Arguments, in corpus: Corpus) throws(CommandError) -> [Corpus.MetadataLookup] {
        guard let word = arguments.values["--meta"] else { return [] }
        var lookups: [Corpus.MetadataLookup] = []
        for name in word.text.split(separator: ",") {
            lookups.append(corpus.metadataLookup(try key(String(name), word: word, in: corpus)))
        }
        return lookups
    }

    /// The corpus's spelling of metadata key `name`, or an error listing the keys.
    static func key(_ name: String, word: Word, in corpus: Corpus) throws(CommandError) -> String {
        if let key = corpus.metadataKey(named: name.trimmingPrefix(while: \.isWhitespace).description) { return key }
        let keys = corpus.metadataKeys
        throw CommandError.unknown(
            "metadata key", Word(text: name, columns: word.columns), among: keys,
            hint: keys.isEmpty ? "this corpus has no metadata" : "\"info\" lists the keys")
    }

    /// The grouping the `--by` option names, or nil without one.
    static func grouping(_ arguments: Arguments, builtIn: [String], in corpus: Corpus) throws(CommandError) -> Grouping? {
        guard let word = arguments.values["--by"] else { return nil }
        return try grouping(word, builtIn: builtIn, in: corpus)
    }

    /// The grouping `--by` names: one of `builtIn`, or a metadata key.
    static func grouping(_ word: Word, builtIn: [String], in corpus: Corpus) throws(CommandError) -> Grouping {
        if builtIn.contains(word.text), let grouping = Grouping.builtIn[word.text] { return grouping }
        if let key = corpus.metadataKey(named: word.text) { return .metadata(corpus.metadataGroups(key)) }
        let keys = corpus.metadataKeys
        let near = Suggestions.nearest(to: word.text, among: builtIn + keys)
        var message = "no metadata key \"\(word.text)\": --by takes \(builtIn.joined(separator: ", "))"
        let listed = keys.prefix(20).joined(separator: ", ") + (keys.count > 20 ? " and \(keys.count - 20) more (info lists them)" : "")
        message += keys.isEmpty ? "; this corpus has no metadata keys" : " or one of the keys " + listed
        if !near.isEmpty { message += "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: " or ") + "?" }
        throw CommandError(message, at: word)
    }

    /// A metadata value as a table cell.
    static func cell(_ lookup: Corpus.MetadataLookup, turn: Int, in corpus: Corpus) -> Table.Value {
        corpus.metadataValue(lookup, turn: turn).map(Table.Value.text) ?? .null
    }

    static let option = OptionSpec("--meta", value: "KEY[,KEY…]", completion: .metadataKeys, help: "add a column for each of these metadata keys (info lists them)")
}
