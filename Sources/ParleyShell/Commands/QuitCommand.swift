/// `quit`: ends the session.
struct QuitCommand: Command {
    static let name = "quit"
    static let aliases = ["exit"]
    static let summary = "end the session (Ctrl-D does the same)"
    static let usage = "quit"
    static let example = "quit"
    static let recorded = false

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(0...0, usage: usage)
        return .quit
    }
}
