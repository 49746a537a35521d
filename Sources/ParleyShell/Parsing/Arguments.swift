/// A command's words sorted into positional arguments, option values and flags, checked
/// against the verb's options.
package struct Arguments: Sendable {
    package var verb: Word
    package var positional: [Word] = []
    package var values: [String: Word] = [:]
    /// Every word of each option's value (one for most options, two for `--window L R`).
    package var valueWords: [String: [Word]] = [:]
    package var optionWords: [String: Word] = [:]
    package var flags: Set<String> = []

    /// Sorts `words` (after the verb) by `options`; an unknown option, a missing value or an
    /// option given twice is an error naming it.
    package init(verb: Word, words: [Word], options: [OptionSpec]) throws(CommandError) {
        self.verb = verb
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.isOption else {
                positional.append(word)
                continue
            }
            guard let spec = options.first(where: { $0.name == word.text }) else {
                throw CommandError.unknown(
                    "option", word, among: options.map(\.name),
                    hint: options.isEmpty
                        ? "\(verb.text) takes no options"
                        : "\(verb.text) takes " + options.map(\.name).joined(separator: ", "))
            }
            guard optionWords[spec.name] == nil else { throw CommandError("\(spec.name) is given twice", at: word) }
            optionWords[spec.name] = word
            guard let placeholder = spec.value else {
                flags.insert(spec.name)
                continue
            }
            var taken: [Word] = []
            while taken.count < spec.arity {
                guard index < words.count, !words[index].isOption else {
                    let got = taken.isEmpty ? "nothing" : "only \(taken.count)"
                    throw CommandError("\(spec.name) expects \(Self.describe(placeholder)), got \(got)", at: taken.last ?? word)
                }
                taken.append(words[index])
                index += 1
            }
            values[spec.name] = taken[0]
            valueWords[spec.name] = taken
        }
    }

    package func has(_ flag: String) -> Bool { flags.contains(flag) }

    package func string(_ name: String) -> String? { values[name]?.text }

    /// A whole number within `range`.
    package func integer(_ name: String, in range: ClosedRange<Int>) throws(CommandError) -> Int? {
        guard let word = values[name] else { return nil }
        guard let value = Int(word.text) else {
            throw CommandError("\(name) expects a number, got \"\(word.text)\"", at: word)
        }
        guard range.contains(value) else {
            throw CommandError("\(name) expects a number from \(range.lowerBound) to \(range.upperBound), got \(value)", at: word)
        }
        return value
    }

    /// A whole number within `range`, or `all` (as `Int.max`).
    package func count(_ name: String, in range: ClosedRange<Int>) throws(CommandError) -> Int? {
        if values[name]?.text == "all" { return Int.max }
        return try integer(name, in: range)
    }

    /// A number (such as 0.05) within `range`.
    package func decimal(_ name: String, in range: ClosedRange<Double>) throws(CommandError) -> Double? {
        guard let word = values[name] else { return nil }
        guard let value = Double(word.text), value.isFinite else {
            throw CommandError("\(name) expects a number, got \"\(word.text)\"", at: word)
        }
        guard range.contains(value) else {
            throw CommandError(
                "\(name) expects a number from \(NumberFormat.shortest(range.lowerBound)) to \(NumberFormat.shortest(range.upperBound)), got \(word.text)",
                at: word)
        }
        return value
    }

    /// One of a fixed set of values.
    package func choice<T: RawRepresentable & CaseIterable>(_ name: String, as type: T.Type) throws(CommandError) -> T?
    where T.RawValue == String {
        guard let word = values[name] else { return nil }
        guard let value = T(rawValue: word.text) else {
            let names = T.allCases.map(\.rawValue)
            throw CommandError("\(name) expects one of \(names.joined(separator: ", ")), got \"\(word.text)\"", at: word)
        }
        return value
    }

    /// Fails unless the number of positional arguments is within `range`.
    package func expectPositional(_ range: ClosedRange<Int>, usage: String) throws(CommandError) {
        if positional.count < range.lowerBound {
            throw CommandError("\(verb.text) is missing an argument; usage: \(usage)", at: verb)
        }
        if positional.count > range.upperBound {
            let extra = positional[range.upperBound]
            throw CommandError("\(verb.text) does not take \"\(extra.text)\" here; usage: \(usage)", at: extra)
        }
    }

    private static func describe(_ placeholder: String) -> String {
        switch placeholder {
        case "N": "a number"
        case "N|all": "a number or all"
        case "L R": "two numbers (tokens to the left and to the right)"
        case "FILE": "a file name"
        case "REGEX": "a regular expression"
        case "NAME": "a name"
        default: placeholder.contains("|") ? "one of " + placeholder.split(separator: "|").joined(separator: ", ") : "a value"
        }
    }
}
