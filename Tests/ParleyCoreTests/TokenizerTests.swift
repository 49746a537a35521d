import ParleyCore
import Testing

@Suite("Tokenizer (DESIGN.md §4)")
struct TokenizerTests {
    let tokenizer = Tokenizer()

    @Test("an internal apostrophe joins; a final one does not")
    func apostrophes() {
        #expect(tokenizer.tokens(of: "haven't") == ["haven't"])
        #expect(tokenizer.tokens(of: "the United States' contribution") == ["the", "United", "States", "contribution"])
        #expect(tokenizer.tokens(of: "'quoted'") == ["quoted"])
    }

    @Test("curly and straight apostrophes give the same type")
    func curlyApostrophe() {
        #expect(tokenizer.tokens(of: "It’s") == ["It’s"])
        #expect(tokenizer.types(of: "It’s It's") == ["it's", "it's"])
    }

    @Test("hyphens join words; a dangling hyphen does not")
    func hyphens() {
        #expect(tokenizer.tokens(of: "counter-terrorist well-trained") == ["counter-terrorist", "well-trained"])
        #expect(tokenizer.tokens(of: "pre- and post-war -- x") == ["pre", "and", "post-war", "x"])
    }

    @Test("letters outside ASCII, and full Unicode lowercase")
    func unicode() {
        #expect(tokenizer.tokens(of: "Tayyip Erdoğan,") == ["Tayyip", "Erdoğan"])
        #expect(tokenizer.types(of: "Erdoğan ÉCOLE") == ["erdoğan", "école"])
        // U+0130 lowercases to "i" + U+0307 (full mapping, not simple).
        #expect(tokenizer.types(of: "İ") == ["i\u{307}"])
    }

    @Test("full stops and percent signs are not part of tokens")
    func punctuation() {
        #expect(tokenizer.tokens(of: "the U.N. Security Council") == ["the", "U", "N", "Security", "Council"])
        #expect(tokenizer.tokens(of: "almost 90% of") == ["almost", "90", "of"])
        #expect(tokenizer.tokens(of: "Why \"seems\"? It's") == ["Why", "seems", "It's"])
    }

    @Test("non-breaking and other Unicode spaces separate tokens")
    func spaces() {
        #expect(tokenizer.tokens(of: "Putin:\u{00A0}Why\u{2003}now") == ["Putin", "Why", "now"])
    }

    @Test("combining marks stay inside the token")
    func marks() {
        #expect(tokenizer.tokens(of: "cafe\u{301} x") == ["cafe\u{301}", "x"])
    }
}
