/// `set [NAME VALUE]`: shows or changes a setting.
struct SetCommand: Command {
    static let name = "set"
    static let summary = "show settings, or change one (set width 120)"
    static let usage = "set [NAME VALUE]"
    static let details = "Settings last for the session. width: columns of table output (default 100)."
    static let example = "set width 120"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.settings

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...2, usage: usage)
        guard let nameWord = arguments.positional.first else {
            let rows = session.settings.described.map { [Table.Value.text($0.name), .text($0.value), .text($0.help)] }
            return .table(Table(columns: [.init("setting"), .init("value"), .init("meaning", flexible: true)], rows: rows))
        }
        let names = session.settings.described.map(\.name)
        guard names.contains(nameWord.text) else { throw CommandError.unknown("setting", nameWord, among: names) }
        guard arguments.positional.count == 2 else { throw CommandError("set \(nameWord.text) expects a value; usage: \(usage)", at: nameWord) }
        let valueWord = arguments.positional[1]
        let range = Settings.widthRange
        guard let width = Int(valueWord.text), range.contains(width) else {
            throw CommandError("width expects a number from \(range.lowerBound) to \(range.upperBound), got \"\(valueWord.text)\"", at: valueWord)
        }
        session.settings.width = width
        return .message("width = \(width)")
    }
}
