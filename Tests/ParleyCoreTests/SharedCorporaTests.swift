import Foundation
import ParleyCore
import Testing

/// Integration tests on the real transcripts in ../shared/corpora; they skip in a user's clone,
/// which has no ../shared.
@Suite("Shared corpora")
struct SharedCorporaTests {
    static let debatesFolder = Fixtures.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/debates")

    /// 6,437 labelled paragraphs and 175 distinct labels, counted independently by a Python
    /// script (paragraphs split on blank lines, `^([A-Z][\w.'’ -]{0,59}):\s` at their start).
    @Test("the US presidential debates: every labelled paragraph is a turn",
        .enabled(if: FileManager.default.fileExists(atPath: debatesFolder.path)))
    func debates() throws {
        let sources = try CorpusSource.resolve([Self.debatesFolder.path], relativeTo: "/")
        let corpus = try CorpusBuilder.load(sources, options: ReaderOptions()).0
        #expect(corpus.documents.count == 35)
        #expect(corpus.turnCount == 6437)
        #expect(corpus.speakers.count == 175)
        #expect(corpus.speakers.contains("Audience questioner"))
        #expect(!corpus.turnSpeaker.contains(Corpus.noSpeaker))
    }

    /// Hits counted independently over the whole files with the §4 regex (titles and labels hold
    /// no such word): terrorism 44, terror* 210. The other figures check one code path against
    /// another: per-group counts against totals, one pass against the postings.
    @Test("the debates: query hits match an independent count, and every analysis adds up",
        .enabled(if: FileManager.default.fileExists(atPath: debatesFolder.path)))
    func debatesAnalyses() throws {
        let sources = try CorpusSource.resolve([Self.debatesFolder.path], relativeTo: "/")
        let corpus = try CorpusBuilder.load(sources, options: ReaderOptions()).0
        #expect(corpus.matches(of: try Query("terrorism")).count == 44)
        let terror = corpus.matches(of: try Query("terror*"))
        #expect(terror.count == 210)
        #expect(corpus.matches(of: try Query("/terror.*/")).count == 210)

        let everything = TurnSet(universe: corpus.turnCount, full: true)
        #expect(corpus.frequencyList(n: 1, in: nil) == corpus.frequencyList(n: 1, in: everything))
        #expect(corpus.frequencyList(n: 1, in: nil).reduce(0) { $0 + $1.frequency } == corpus.tokenCount)

        let dispersion = corpus.dispersion(of: terror, by: .doc, in: nil)
        #expect(dispersion.parts.count == 35)
        #expect(dispersion.hits == 210)
        #expect(dispersion.parts.reduce(0) { $0 + $1.tokens } == corpus.tokenCount)

        var trump = TurnSet(universe: corpus.turnCount)
        let trumpID = try #require(corpus.speakerID(named: "Donald J Trump"))
        for turn in 0..<corpus.turnCount where corpus.turnSpeaker[turn] == UInt32(trumpID) { trump.insert(turn) }
        let keyness = corpus.keyness(trump, trump.complement, minimum: 1)
        #expect(keyness.a.tokens + keyness.b.tokens == corpus.tokenCount)
        #expect(keyness.rows.allSatisfy { $0.a + $0.b == corpus.frequency(ofType: $0.type) })
    }
}
