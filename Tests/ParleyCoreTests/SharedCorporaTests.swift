import Foundation
import ParleyCore
import Testing

/// Integration tests on the real transcripts in ../shared/corpora; they skip in a user's clone,
/// which has no ../shared.
@Suite("Shared corpora")
struct SharedCorporaTests {
    static let corpora = Fixtures.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    static let debatesFolder = corpora.appendingPathComponent("debates")
    static var present: Bool { FileManager.default.fileExists(atPath: corpora.path) }

    static func load(_ path: String, _ configure: (inout ReaderOptions) -> Void = { _ in }) throws -> Corpus {
        var options = ReaderOptions()
        configure(&options)
        let sources = try CorpusSource.resolve([corpora.appendingPathComponent(path).path], relativeTo: "/")
        return try CorpusBuilder.load(sources, options: options).0
    }

    static func turnCount(_ corpus: Corpus, of speaker: String) -> Int {
        guard let id = corpus.speakerID(named: speaker) else { return 0 }
        return corpus.turnSpeaker.lazy.filter { $0 == UInt32(id) }.count
    }

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
        #expect(try corpus.matches(of: try Query("terrorism")).count == 44)
        let terror = try corpus.matches(of: try Query("terror*"))
        #expect(terror.count == 210)
        #expect(try corpus.matches(of: try Query("/terror.*/")).count == 210)

        let everything = TurnSet(universe: corpus.turnCount, full: true)
        #expect(try corpus.frequencyList(n: 1, in: nil) == corpus.frequencyList(n: 1, in: everything))
        #expect(try corpus.frequencyList(n: 1, in: nil).frequencies.reduce(0) { $0 + Int($1) } == corpus.tokenCount)

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

    // The figures below are printed by Tests/Scripts/shared_corpus_counts.py, which counts with
    // Python's csv, json and xml.etree modules and regular expressions, not with Parley's code.

    /// Paragraphs opening with Q and white space, and with three labels. Dash turns and label
    /// merging are switched off so that every figure is a plain count of paragraph openings.
    @Test("White House briefings: front matter titles and dates, Q questions, all-caps labels", .enabled(if: present))
    func whitehouse() throws {
        let corpus = try Self.load("whitehouse") {
            $0.dashTurns = false
            $0.mergeLabelSuffixes = false
        }
        #expect(corpus.documents.count == 1154)
        #expect(corpus.documents.allSatisfy { $0.title != nil && $0.metadata.contains { $0.key == "date" } })
        #expect(Self.turnCount(corpus, of: "Q") == 54183)
        #expect(Self.turnCount(corpus, of: "MS. JEAN-PIERRE") == 24044)
        #expect(Self.turnCount(corpus, of: "MS. PSAKI") == 17654)
        #expect(Self.turnCount(corpus, of: "MR. KIRBY") == 6629)
        let condition = try #require(try MetadataCondition("date>=2021-06"))
        let june = corpus.turns(withMetadata: "date", where: condition.holds(for:))
        let documents = Set(june.members.map { corpus.turnDocument[$0] })
        #expect(documents.count == 1013)
    }

    /// With the default rules, in-speech phrases with a colon ("On evictions:", "Pillar four:")
    /// are not speakers: the mixed-case speakers left are typos of upper-case labels (Mr. KIRBY,
    /// Dr. WALENSKY, Mr. ZIENTS) and Unknown. Before the per-document check there were about 125.
    @Test("White House briefings: no phrase with a colon becomes a speaker", .enabled(if: present))
    func whitehousePhrases() throws {
        let corpus = try Self.load("whitehouse")
        let mixed = corpus.speakers.filter { $0 != $0.uppercased() }
        #expect(mixed.count <= 10, "\(mixed)")
        for phrase in ["On evictions", "Pillar four", "Here’s what’s clear", "Newsweek", "For Dr. Fauci", "Day two"] {
            #expect(!corpus.speakers.contains(phrase), "\(phrase)")
        }
        // Notes are not words: no token "inaudible" is left, while the text holds 3,063 of them
        // (a regular expression over the files counts (inaudible) 2,216, (Inaudible.) 500,
        // (Inaudible) 341, (inaudible.) 5 and [inaudible] 1).
        #expect(corpus.lexicon.id(of: "inaudible").map { corpus.frequency(ofType: $0) } ?? 0 == 0)
        #expect(corpus.notes(matching: try #require(NoteQuery("(inaudible)"))).count == 3063)
    }

    @Test("The Office: one turn per CSV row with text, episodes as documents with --doc-col", .enabled(if: present))
    func office() throws {
        let corpus = try Self.load("office/schrute.csv") { $0.documentColumns = ["season", "episode"] }
        #expect(corpus.turnCount == 54756)
        #expect(corpus.speakers.count == 757)
        #expect(corpus.documents.count == 186)
        #expect(Self.turnCount(corpus, of: "Michael") == 10880)
        #expect(Self.turnCount(corpus, of: "Dwight") == 6803)
        #expect(corpus.turns(withMetadata: "season") { $0 == "03" }.count == 6353)
    }

    @Test("CHILDES Eve: one turn per main tier, speakers by code", .enabled(if: present))
    func childes() throws {
        let corpus = try Self.load("childes-eve")
        #expect(corpus.documents.count == 20)
        #expect(corpus.turnCount == 26920)
        #expect(corpus.speakers == ["CHI", "COL", "FAT", "GLO", "MOT", "RIC", "URS"])
        let expected = ["CHI": 12113, "MOT": 10450, "COL": 2925, "RIC": 341, "FAT": 759, "URS": 1, "GLO": 331]
        for (code, count) in expected { #expect(Self.turnCount(corpus, of: code) == count, "\(code)") }
    }

    @Test("Shakespeare in TEI: one turn per <sp>, titles from the header", .enabled(if: present))
    func shakespeare() throws {
        let corpus = try Self.load("shakespeare-tei")
        #expect(corpus.documents.map(\.title) == ["Hamlet", "Macbeth", "Othello", "Romeo and Juliet"])
        #expect(corpus.documents.map(\.turns.count) == [1138, 649, 1182, 841])
        #expect(Self.turnCount(corpus, of: "Hamlet") == 358)
    }

    @Test("WebVTT: runs of one voice are turns, cues without a voice are turns of their own", .enabled(if: present))
    func webVTT() throws {
        let corpus = try Self.load("webvtt")
        #expect(corpus.documents.map(\.name) == ["webvtt/Confuse-A-Cat.vtt", "webvtt/Parrot_Sketch.vtt", "webvtt/PythonDocumentary.vtt", "webvtt/Short.vtt"])
        #expect(corpus.documents.map(\.turns.count) == [40, 76, 769, 9])
        // 6 + 5 + 0 + 2 voices; Short.vtt's two are also in Parrot_Sketch.vtt.
        #expect(corpus.speakers.count == 11)
    }
}
