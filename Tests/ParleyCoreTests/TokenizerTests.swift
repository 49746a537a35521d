@testable import ParleyCore
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

    @Test("the loader's path finds the tokens of the general rule, each with its form", arguments: [false, true])
    func scannedTokens(skippingNotes: Bool) {
        let tokenizer = Tokenizer(skippingNotes: skippingNotes)
        // Pieces that meet at every offset of the sixteen-byte windows: words of each length and
        // case, joiners, brackets that may open notes, letters and spaces above ASCII, symbols.
        let pieces = [
            "a", "Z", "of", "The", "COURT", "justice", "Constitution", "supercalifragilistic", "42", "x9",
            " ", "  ", "\n", "\t", ".", ",", "--", "-", "'", "’", "it's", "don’t", "well-", "-known",
            "(Laughter)", "[inaudible]", "(", "[", ")", "]", "é", "Erdoğan", "İ", "ÉCOLE", "\u{00A0}",
            "\u{2003}", "“", "”", "😀", "cafe\u{301}", "%", "Ü",
        ]
        var random = SplitMix64(seed: skippingNotes ? 7 : 11)
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 40) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            var bytes = Array(text.utf8)
            // A range that may stop short of the text's end: the path reads whole windows past it.
            // (Both at character boundaries, as a turn's range is.)
            func boundary(_ offset: Int) -> Int {
                var offset = offset
                while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
                return offset
            }
            let lower = bytes.isEmpty ? 0 : boundary(Int(random.next() % UInt64(bytes.count / 4 + 1)))
            let upper = bytes.isEmpty ? 0 : boundary(lower + Int(random.next() % UInt64(bytes.count - lower + 1)))
            bytes.withUnsafeMutableBufferPointer { mutable in
                let buffer = UnsafeBufferPointer(mutable)
                var expected: [Range<Int>] = []
                tokenizer.forEachToken(in: buffer, range: lower..<upper) { expected.append($0) }
                var found: [Range<Int>] = []
                tokenizer.forEachScannedToken(in: buffer, range: lower..<upper) { token, form in
                    found.append(token)
                    guard lower <= token.lowerBound, token.lowerBound < token.upperBound, token.upperBound <= upper else {
                        Issue.record("token \(token) outside \(lower)..<\(upper) in \(text.debugDescription)")
                        return
                    }
                    let surface = Array(buffer[token])
                    let ascii = surface.allSatisfy { $0 < 0x80 }
                    switch form {
                    case .short(let key):
                        #expect(ascii && surface.count <= 7)
                        #expect(key == Self.packed(surface), "\(text.debugDescription) at \(token)")
                    case .ascii:
                        #expect(ascii && surface.count > 7)
                        // Whether the loader folds it before interning it.
                        let upper = surface.withUnsafeBufferPointer { ASCIIWord.hasUppercase($0.baseAddress!, count: $0.count) }
                        #expect(upper == surface.contains { (0x41...0x5A).contains($0) })
                    case .other:
                        #expect(!ascii || surface.count > 7)
                    }
                }
                #expect(found == expected, "\(text.debugDescription) in \(lower)..<\(upper)")
            }
        }
    }

    /// A short form's key worked out byte by byte: lower-cased bytes, the first lowest, and the
    /// length in the top byte.
    static func packed(_ bytes: [UInt8]) -> UInt64 {
        var key = UInt64(bytes.count) << 56
        for (offset, byte) in bytes.enumerated() {
            let lower = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            key |= UInt64(lower) << UInt64(8 * offset)
        }
        return key
    }
}

/// A small seeded generator (SplitMix64), so the random texts are the same on every run.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
