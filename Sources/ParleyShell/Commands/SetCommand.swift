/// `set [NAME VALUE]`: shows or changes a setting.
struct SetCommand: Command {
    static let name = "set"
    static let changesSession = true
    static let summary = "show settings, or change one (set width 120)"
    static let usage = "set [NAME VALUE]"
    static let details = """
        Settings last for the session.
          width N            columns of table output: 100 in scripts and notebooks, the
                             terminal's width at the prompt until set
          notebook-lines N   lines of one output stored in a notebook (default 200); a longer
                             output is stored as its first N lines and a line with its SHA-256,
                             and replay still compares all of it
          doc-label L        how tables name documents: short (the file stem, with folders only
                             where two stems are alike), stem, title, date (the date metadata),
                             or path (as loaded)
          timeout S          stop any command that runs longer than S seconds (0.5, 30), as
                             Ctrl-C would, and report it as an error; off (the default) for
                             no limit. For scripts and CI: a slow query never hangs the run
          preamble on|off    whether freq, count, kwic, collocates, clusters, compare and
                             dispersion count the words outside speech: in a document with
                             speakers, the turns without one before the first speaker's turn (a
                             dateline, the room, the time) and after the last (END 2:28 P.M.
                             EST); off (the default) leaves them out, and info says how many
                             tokens they hold. turns, speakers and filters see every turn
          separators on|off  thousands separators (12,345) in the counts of tables on the
                             screen; csv, tsv and json keep plain numbers (default off)
        """
    static let example = "set width 120"
    static let producesTable = true
    static let argumentCompletion = ArgumentCompletion.settings

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...2, usage: usage)
        guard let nameWord = arguments.positional.first else {
            let rows = session.settings.described.map { [Table.Value.text($0.name), .text($0.value), .text($0.help)] }
            return .table(Table(columns: [.init("setting"), .init("value"), .init("meaning", flexible: true, shrinkRank: Table.Column.freeText)], rows: rows))
        }
        let names = session.settings.described.map(\.name)
        guard names.contains(nameWord.text) else { throw CommandError.unknown("setting", nameWord, among: names) }
        guard arguments.positional.count == 2 else { throw CommandError("set \(nameWord.text) expects a value; usage: \(usage)", at: nameWord) }
        let valueWord = arguments.positional[1]
        switch nameWord.text {
        case "width":
            session.settings.width = try number(valueWord, in: Settings.widthRange, for: "width")
            session.settings.widthIsFixed = true
        case "notebook-lines":
            session.settings.notebookLines = try number(valueWord, in: Settings.notebookLinesRange, for: "notebook-lines")
        case "timeout":
            if valueWord.text == "off" {
                session.settings.timeout = nil
            } else {
                guard let seconds = Double(valueWord.text), Settings.timeoutRange.contains(seconds) else {
                    throw CommandError("timeout expects seconds from 0.001 to 86400, or off, got \"\(valueWord.text)\"", at: valueWord)
                }
                session.settings.timeout = seconds
            }
        case "preamble":
            session.settings.countsPreamble = try onOff(valueWord, for: "preamble")
        case "separators":
            session.settings.separators = try onOff(valueWord, for: "separators")
        default:
            guard let label = Settings.DocumentLabel(rawValue: valueWord.text) else {
                throw CommandError.unknown("doc-label", valueWord, among: Settings.DocumentLabel.allCases.map(\.rawValue))
            }
            session.settings.documentLabel = label
        }
        return .status("\(nameWord.text) = \(valueWord.text)")
    }

    private static func onOff(_ word: Word, for name: String) throws(CommandError) -> Bool {
        switch word.text {
        case "on": return true
        case "off": return false
        default: throw CommandError("\(name) expects on or off, got \"\(word.text)\"", at: word)
        }
    }

    private static func number(_ word: Word, in range: ClosedRange<Int>, for name: String) throws(CommandError) -> Int {
        guard let value = Int(word.text), range.contains(value) else {
            throw CommandError("\(name) expects a number from \(range.lowerBound) to \(range.upperBound), got \"\(word.text)\"", at: word)
        }
        return value
    }
}
