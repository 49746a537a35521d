/// `help [VERB]`: the list of verbs, or one verb's usage, rules, options and an example.
struct HelpCommand: Command {
    static let name = "help"
    static let summary = "list the commands, or explain one (help load) or the query language (help query)"
    static let usage = "help [VERB|query]"
    static let example = "help turns"
    static let argumentCompletion = ArgumentCompletion.verbs

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...1, usage: usage)
        guard let word = arguments.positional.first else { return .message(overview) }
        if word.text == "query" || word.text == "queries" || word.text == "cqp" { return .message(QueryHelp.page) }
        guard let command = CommandRegistry.command(named: word.text) else {
            throw CommandError.unknown("command", word, among: CommandRegistry.names)
        }
        return .message(page(command))
    }

    static var overview: String {
        let width = CommandRegistry.all.map { $0.name.count }.max() ?? 0
        let lines = CommandRegistry.all.map { $0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
        return (["Commands (help VERB for details):"] + lines.map { "  " + $0 }
            + ["", "Words are separated by spaces; \"…\" or '…' group words; # starts a comment.",
                "help query explains queries: words, wildcards, regexes, phrases, lemmas and CQP patterns."]).joined(separator: "\n")
    }

    static func page(_ command: any Command.Type) -> String {
        var lines = ["usage: \(command.usage)", "", command.summary]
        if !command.details.isEmpty { lines += ["", command.details] }
        let options = command.allOptions
        if !options.isEmpty {
            let labels = options.map { $0.name + ($0.value.map { " " + $0 } ?? "") }
            let width = labels.map(\.count).max() ?? 0
            lines += ["", "options:"]
            lines += zip(labels, options).map { "  " + $0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $1.help }
        }
        if !command.aliases.isEmpty { lines += ["", "also: " + command.aliases.joined(separator: ", ")] }
        lines += ["", "example: \(command.example)"]
        return lines.joined(separator: "\n")
    }
}
