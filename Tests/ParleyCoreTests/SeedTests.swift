import Foundation
import ParleyCore
import Testing

/// The seed must give exactly the table of DESIGN.md §3. The figures were also computed
/// independently with a short Python script (the regex of §4, paragraphs split by hand).
@Suite("The seed transcript")
struct SeedTests {
    let corpus: Corpus

    init() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("seeds").path
        let sources = try CorpusSource.resolve([path], relativeTo: "/")
        corpus = try CorpusBuilder.load(sources, options: ReaderOptions()).0
    }

    @Test("five turns with the expected speakers and sizes")
    func turns() {
        let expected: [(String?, Int)] = [
            ("Vladimir Putin", 29), ("Ilya Petrenko", 39), ("Vladimir Putin", 5),
            ("Ilya Petrenko", 128), ("Vladimir Putin", 726),
        ]
        #expect(Fixtures.turns(corpus).map(\.0) == expected.map(\.0))
        #expect(Fixtures.turns(corpus).map(\.1) == expected.map(\.1))
    }

    @Test("turns start where the table says")
    func starts() {
        #expect(corpus.text(ofTurn: 0).hasPrefix("First of all, regarding the United States'"))
        #expect(corpus.text(ofTurn: 1).hasPrefix("Ilya Petrenko, Russia Today in English."))
        #expect(corpus.text(ofTurn: 2) == "Why \"seems\"? It's simply evident.")
        #expect(corpus.text(ofTurn: 3).hasPrefix("Nevertheless, Donald Trump likes to say"))
        #expect(corpus.text(ofTurn: 4).hasSuffix("react urgently."))
        // DESIGN.md says seven paragraphs; the file has six (lines 13 to 23), with the same 726 tokens.
        #expect(corpus.text(ofTurn: 4).components(separatedBy: "\n\n").count == 6)
    }

    @Test("totals: 1 document, 5 turns, 2 speakers, 927 tokens, 391 types")
    func totals() {
        #expect(corpus.documents.count == 1)
        #expect(corpus.turnCount == 5)
        #expect(corpus.speakers == ["Ilya Petrenko", "Vladimir Putin"])
        #expect(corpus.tokenCount == 927)
        #expect(corpus.typeCount() == 391)
    }

    @Test("per speaker: Putin 760 / 332, Petrenko 167 / 120")
    func speakers() {
        let statistics = corpus.speakerStatistics()
        #expect(statistics.contains(SpeakerStatistics(speaker: "Vladimir Putin", turns: 3, tokens: 760, types: 332)))
        #expect(statistics.contains(SpeakerStatistics(speaker: "Ilya Petrenko", turns: 2, tokens: 167, types: 120)))
    }

    @Test("the title is not a turn and its 13 tokens are not counted")
    func title() {
        #expect(corpus.documents[0].title?.hasPrefix("BRICS Summit: Putin Stresses") == true)
        #expect(Tokenizer().tokens(of: corpus.documents[0].title!).count == 13)
        #expect(corpus.documents[0].name == "seeds/000_013e30cfbeefef5c.txt")
    }

    @Test("the most frequent types: the 71, of 33, to 27, in 26, we 25")
    func topTypes() {
        let counts: [(form: String, count: Int)] = (0..<corpus.lexicon.count).map { type in
            (corpus.lexicon.forms[type], corpus.frequency(ofType: type))
        }
        let top = counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.form < $1.form }.prefix(5)
        #expect(top.map { $0.form } == ["the", "of", "to", "in", "we"])
        #expect(top.map { $0.count } == [71, 33, 27, 26, 25])
    }
}
