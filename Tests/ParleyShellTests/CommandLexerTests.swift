import ParleyShell
import Testing

@Suite("Command lexer (DESIGN.md §5)")
struct CommandLexerTests {
    @Test("quotes group words and are removed; apostrophes inside words stay")
    func quotes() throws {
        let words = try CommandLexer.words(#"turns --speaker "Vladimir Putin" speaker:'A B' haven't"#)
        #expect(words.map(\.text) == ["turns", "--speaker", "Vladimir Putin", "speaker:A B", "haven't"])
        #expect(words.map(\.quoted) == [false, false, true, true, false])
        #expect(words[2].columns == 16..<32)
    }

    @Test("# starts a comment at the start of a word")
    func comments() throws {
        #expect(try CommandLexer.words("info # the totals").map(\.text) == ["info"])
        #expect(try CommandLexer.words("# only a comment").isEmpty)
        #expect(try CommandLexer.words("load a#b").map(\.text) == ["load", "a#b"])
    }

    @Test("an unbalanced quote points at the quote")
    func unbalanced() {
        #expect(throws: CommandError("unbalanced quote: the \" here has no closing \"", columns: 16..<17)) {
            try CommandLexer.words(#"turns --speaker "Vladimir"#)
        }
    }
}
