/// One option a verb accepts: `--name VALUE`, or a flag when it takes no value.
package struct OptionSpec: Sendable {
    package var name: String
    /// The placeholder for the value (`N`, `FILE`), or nil for a flag.
    package var value: String?
    package var help: String
    /// Values offered by tab completion.
    package var choices: [String]
    /// What completion offers for the value when there are no fixed choices.
    package var completion: ArgumentCompletion
    /// How many words the value takes (`--window L R` takes two).
    package var arity: Int

    package init(
        _ name: String, value: String? = nil, arity: Int = 1, choices: [String] = [], completion: ArgumentCompletion = .none,
        help: String
    ) {
        self.name = name
        self.value = value
        self.arity = value == nil ? 0 : arity
        self.help = help
        self.choices = choices
        self.completion = value == "FILE" ? .paths : completion
    }

    /// `--format table|csv|tsv|json` and `--out FILE`, which every result command takes.
    package static let output: [OptionSpec] = [
        OptionSpec("--format", value: "table|csv|tsv|json|svg|chart", choices: OutputFormat.allCases.map(\.rawValue),
            help: "how to write the result (default table; with --out, taken from the file's extension); svg and chart draw it (see help plot)"),
        OptionSpec("--out", value: "FILE", help: "write the result to FILE instead of the screen"),
    ]
}
