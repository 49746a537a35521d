import ParleyCore

/// `alias TARGET SOURCE…`: merges speakers by hand.
struct AliasCommand: Command {
    static let name = "alias"
    static let changesSession = true
    static let summary = "merge speakers: count SOURCE… as TARGET"
    static let usage = "alias TARGET SOURCE…"
    static let details = """
        TARGET may be an existing speaker or a new name. The merge lasts until the next load.
        Quote names that contain spaces.
        """
    static let example = "alias \"Vladimir Putin\" Putin \"President Putin\""
    static let argumentCompletion = ArgumentCompletion.speakers

    static func run(_ arguments: Arguments, in session: inout Session) throws(CommandError) -> CommandResult {
        try arguments.expectPositional(2...Int.max, usage: usage)
        let corpus = session.corpus
        let target = arguments.positional[0].text
        guard !target.isEmpty else { throw CommandError("alias expects a speaker name, got \"\"", at: arguments.positional[0]) }
        var sources: [Int] = []
        for word in arguments.positional.dropFirst() {
            guard let id = corpus.speakerID(named: word.text) else {
                throw CommandError.unknown("speaker", word, among: corpus.speakers, hint: "\"speakers\" lists them")
            }
            if word.text != target, !sources.contains(id) { sources.append(id) }
        }
        let turns = corpus.turnSpeaker.lazy.filter { sources.contains(Int($0)) }.count
        session.corpus = corpus.mergingSpeakers(sources, into: target)
        let names = sources.map { "\"\(corpus.speakers[$0])\"" }.joined(separator: ", ")
        return .status("merged \(names) into \"\(target)\" (\(CorpusSummary.counted(turns, "turn"))); "
            + CorpusSummary.counted(session.corpus.speakers.count, "speaker"))
    }

    /// A name as the command language reads it back: quoted when it holds a space or a quote.
    static func quoted(_ name: String) -> String {
        guard name.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "'" || $0 == "#" }) || name.isEmpty else { return name }
        return name.contains("\"") ? "'\(name)'" : "\"\(name)\""
    }
}
