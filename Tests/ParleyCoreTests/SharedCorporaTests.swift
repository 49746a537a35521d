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
}
