import ParleyCore

/// One verb of the command language: its name, help, options, completion and behaviour. The
/// registry lists every verb; `help`, completion and the README all read from that one list.
package protocol Command {
    static var name: String { get }
    /// Other names that run the same verb (`exit` for `quit`).
    static var aliases: [String] { get }
    /// One line for `help`.
    static var summary: String { get }
    static var usage: String { get }
    /// What `help VERB` says beyond the summary: rules, defaults, formulas.
    static var details: String { get }
    static var example: String { get }
    /// The verb's own options; result commands also get `--format` and `--out`.
    static var options: [OptionSpec] { get }
    /// True when the verb returns a table (and so takes `--format` and `--out`).
    static var producesTable: Bool { get }
    /// What tab completion offers for positional arguments.
    static var argumentCompletion: ArgumentCompletion { get }
    /// False for verbs about the notebook itself (note, save, record, quit), which a recorded
    /// notebook does not hold as cells.
    static var recorded: Bool { get }
    /// True for verbs that change the session (load, filter, subset, alias, set): a notebook
    /// recorded from the middle of a session starts with them.
    static var changesSession: Bool { get }

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult
}

extension Command {
    package static var aliases: [String] { [] }
    package static var details: String { "" }
    package static var options: [OptionSpec] { [] }
    package static var producesTable: Bool { false }
    package static var argumentCompletion: ArgumentCompletion { .none }
    package static var recorded: Bool { true }
    package static var changesSession: Bool { false }

    /// The options as parsed, output options included for result commands.
    package static var allOptions: [OptionSpec] { options + (producesTable ? OptionSpec.output : []) }
}

/// What a command produced.
package enum CommandResult: Sendable, Equatable {
    case table(Table)
    /// Several tables: a summary and its rows (compare, dispersion).
    case report(Report)
    /// Text that answers the command (help, the active filter): standard output.
    case message(String)
    /// What the command did to the session or a file (loaded, filter, wrote): a status line for
    /// standard error, which scripts keep out of their data.
    case status(String)
    case quit
}

/// What completion offers for a verb's positional arguments.
package enum ArgumentCompletion: Sendable {
    case none, verbs, speakers, documents, settings, paths
    /// Corpus words, for queries.
    case words
    /// Filter terms (`speaker:`, `doc:`, `contains:`, `in:`) and their values.
    case filter
    /// What `compare` accepts: speaker names, subset names and `rest`.
    case sides
    /// Built-in groupings (speaker, doc, turn) and metadata keys, for `--by`.
    case groupings
    /// Metadata keys, for `--meta`.
    case metadataKeys
}
