import Foundation
import ParleyCore
import Testing

/// Each reader on a small fixture in Tests/Fixtures/formats. Every expected value is read off
/// the fixture by hand: speakers in order, tokens counted by the §4 rule, metadata as written.
@Suite("Transcript formats")
struct FormatReaderTests {
    static let formats = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/formats")
    static let malformed = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures/malformed")

    static func load(_ file: String, _ configure: (inout ReaderOptions) -> Void = { _ in }) throws -> Corpus {
        var options = ReaderOptions()
        configure(&options)
        let sources = try CorpusSource.resolve([formats.appendingPathComponent(file).path], relativeTo: "/")
        return try CorpusBuilder.load(sources, options: options).0
    }

    static func turns(_ corpus: Corpus) -> [(String?, Int)] { Fixtures.turns(corpus) }

    static func value(_ corpus: Corpus, _ key: String, turn: Int) -> String? {
        corpus.metadataValue(corpus.metadataLookup(key), turn: turn)
    }

    @Test("Markdown briefing: front matter, all-caps labels with non-breaking spaces, Q questions, wrapped lines")
    func briefing() throws {
        let corpus = try Self.load("briefing.md")
        let document = corpus.documents[0]
        // YAML's \_ is a non-breaking space; a title's white space is folded to single spaces.
        #expect(document.title == "Press Briefing by Press Secretary Jen Psaki, June 2, 2021")
        #expect(document.metadata.map(\.key) == ["tags", "date", "title", "source_url"])
        #expect(document.metadata[1].value == "2021-06-02")
        let turns = Self.turns(corpus)
        // The place and time before the first label are preamble; a wrapped line continues its paragraph.
        #expect(turns.map(\.0) == [nil, "MS. PSAKI", "DR. JHA", "Q", "MS. PSAKI", "Q", "MS. PSAKI"])
        #expect(turns.map(\.1) == [11, 15, 4, 10, 5, 4, 2])
        // "Q Follow-up:" is a question, not a speaker called "Q Follow-up".
        #expect(corpus.text(ofTurn: 5) == "Follow-up: and in June?")
        #expect(corpus.text(ofTurn: 3) == "Thanks, Jen. On vaccines: how many doses have been given?")
        // --no-questions: the first Q paragraph continues Dr. Jha's turn, Q itself now a word
        // (4 + 11 tokens); "Q Follow-up:" is mixed case among upper-case labels and used once
        // before a lowercase word, so it is speech that continues Ms. Psaki's turn (5 + 5).
        let plain = try Self.load("briefing.md") { $0.questions = false }
        #expect(Self.turns(plain).map(\.0) == [nil, "MS. PSAKI", "DR. JHA", "MS. PSAKI", "MS. PSAKI"])
        #expect(Self.turns(plain).map(\.1) == [11, 15, 4 + 11, 5 + 5, 2])
    }

    @Test("CSV: RFC 4180 quoting with an embedded line break, columns by their names, other columns as metadata")
    func csv() throws {
        let corpus = try Self.load("episodes.csv")
        #expect(corpus.documents.count == 1)
        // Row 4 has no text, so it is no turn.
        #expect(Self.turns(corpus).map(\.0) == ["Michael", "Jim", "Dwight", "Pam"])
        #expect(corpus.text(ofTurn: 2) == "Quote: \"Bears, beets, Battlestar Galactica.\"")
        #expect(corpus.turnMetadata.keys == ["id", "season", "episode", "director"])
        #expect(Self.value(corpus, "director", turn: 3) == "Randall Einhorn")
    }

    @Test("CSV: --doc-col groups rows into documents; a column with one value per document is the document's")
    func csvDocuments() throws {
        let corpus = try Self.load("episodes.csv") { $0.documentColumns = ["season", "episode"] }
        #expect(corpus.documents.map(\.name) == ["episodes.csv#01/01", "episodes.csv#01/02", "episodes.csv#02/01"])
        #expect(corpus.documents.map(\.turns.count) == [2, 1, 1])
        #expect(corpus.documents[0].metadata == [MetadataField(key: "season", value: "01"), MetadataField(key: "episode", value: "01"), MetadataField(key: "director", value: "Ken Kwapis")])
        #expect(corpus.documents[0].title == "season 01, episode 01")
        #expect(corpus.turnMetadata.keys == ["id"])
    }

    @Test("CSV: a named column that is not there is an error listing the columns")
    func csvMissingColumn() throws {
        #expect(throws: LoadError.missingColumn("episodes.csv", what: "speaker", tried: ["who_said"], available: ["id", "season", "episode", "character", "text", "director"])) {
            try Self.load("episodes.csv") { $0.speakerColumn = "who_said" }
        }
        let corpus = try Self.load("episodes.csv") { $0.speakerColumn = "DIRECTOR" }
        #expect(corpus.speakers == ["Greg Daniels", "Ken Kwapis", "Randall Einhorn"])
    }

    @Test("TSV: tab-separated with speaker and utterance columns")
    func tsv() throws {
        let corpus = try Self.load("meeting.tsv")
        #expect(Self.turns(corpus).map(\.0) == ["Ann", "Bob", "Ann"])
        #expect(Self.turns(corpus).map(\.1) == [4, 3, 2])
        #expect(Self.value(corpus, "minute", turn: 2) == "2")
    }

    @Test("JSON Lines: nested objects become dotted keys, arrays are joined, null is left out")
    func jsonLines() throws {
        let corpus = try Self.load("interview.jsonl")
        #expect(Self.turns(corpus).map(\.0) == ["Interviewer", "Rosa", "Interviewer"])
        #expect(corpus.text(ofTurn: 1) == "In Ponce, by the sea \u{2014} \"la perla\".")
        #expect(Self.value(corpus, "meta.date", turn: 2) == "2020-03-08")
        #expect(Self.value(corpus, "tags", turn: 1) == "childhood, place")
        #expect(corpus.metadataKey(named: "note") == nil)
    }

    @Test("WebVTT: voices, one turn per run of cues, cues without a voice, two voices in a cue, entities, NOTE blocks, times")
    func webVTT() throws {
        let corpus = try Self.load("sketch.vtt")
        #expect(corpus.documents[0].title == "Dead parrot")
        #expect(Self.turns(corpus).map(\.0) == ["Praline", "Shopkeeper", nil, "Praline", "Shopkeeper", "Praline"])
        #expect(corpus.text(ofTurn: 5) == "Never mind that.")
        #expect(corpus.text(ofTurn: 0) == "Hello, I wish to register a complaint. Hello? Miss?")
        #expect(corpus.text(ofTurn: 1) == "What do you mean, \"miss\"?")
        #expect(corpus.text(ofTurn: 2) == "[Laughter] from the audience")
        #expect(corpus.text(ofTurn: 3) == "I'm sorry, I have a cold.")
        // A merged turn keeps the first cue's start and the last cue's end; MM:SS.mmm is padded.
        #expect((Self.value(corpus, "start", turn: 0), Self.value(corpus, "end", turn: 0)) == ("00:00:01.000", "00:00:06.500"))
        #expect(Self.value(corpus, "start", turn: 2) == "00:00:08.000")
    }

    @Test("SRT: Name: prefixes as Zoom writes them, merged into turns")
    func srt() throws {
        let corpus = try Self.load("standup.srt")
        #expect(Self.turns(corpus).map(\.0) == ["Maria Lopez", "Tom"])
        #expect(Self.turns(corpus).map(\.1) == [5, 3])
        #expect(Self.value(corpus, "start", turn: 1) == "00:00:05.500")
    }

    @Test("CHAT: main tiers are turns, @Participants names speakers, % tiers and codes are not words")
    func chat() throws {
        let corpus = try Self.load("eve.cha")
        // CHI has a name (Eve); MOT has only a role, so it keeps its code.
        #expect(Self.turns(corpus).map(\.0) == ["Eve", "MOT", "Eve", "MOT"])
        #expect(corpus.text(ofTurn: 0) == "more cookie .")
        #expect(corpus.text(ofTurn: 1) == "you want want another graham-cracker ?")
        #expect(corpus.text(ofTurn: 2) == "because I seed it .")
        // A tab-indented line continues the tier; 0is (an omitted word) is not a word.
        #expect(corpus.text(ofTurn: 3) == "that is that right ?")
        #expect(Self.value(corpus, "role", turn: 1) == "Mother")
        #expect(Self.value(corpus, "code", turn: 0) == "CHI")
        #expect(corpus.documents[0].metadata.first { $0.key == "date" }?.value == "1962-10-15")
        #expect(corpus.lexicon.id(of: "xxx") == nil && corpus.lexicon.id(of: "uh") == nil && corpus.lexicon.id(of: "saw") == nil)
    }

    @Test("TEI drama: <sp> turns named from the header, stage directions left out, act and scene kept")
    func tei() throws {
        let corpus = try Self.load("scene.xml")
        #expect(corpus.documents[0].title == "The Tragedy of Testing")
        #expect(corpus.documents[0].metadata == [MetadataField(key: "author", value: "A. N. Author")])
        // gd1's persName is its id, so its <speaker> line names it; two ids make a joint speaker.
        #expect(Self.turns(corpus).map(\.0) == ["Hamlet", "Horatio", "First Gravedigger", "Hamlet, Horatio"])
        #expect(Self.turns(corpus).map(\.1) == [13, 4, 5, 1])
        #expect(corpus.text(ofTurn: 1) == "E'en so, my lord.")
        #expect(corpus.lexicon.id(of: "skull") == nil && corpus.lexicon.id(of: "enter") == nil)
        #expect((Self.value(corpus, "act", turn: 0), Self.value(corpus, "scene", turn: 3)) == ("5", "1"))
    }

    @Test("a folder mixes formats; --format reads every file as one format")
    func mixedFolder() throws {
        let corpus = try Self.load(".")
        #expect(corpus.documents.map(\.name) == [
            "formats/briefing.md", "formats/episodes.csv", "formats/eve.cha", "formats/interview.jsonl",
            "formats/meeting.tsv", "formats/scene.xml", "formats/sketch.vtt", "formats/standup.srt",
        ])
        #expect(corpus.turnCount == 7 + 4 + 4 + 3 + 3 + 4 + 6 + 2)
        // Read as CSV, the TSV file is one column: there is no speaker column to find.
        #expect(throws: LoadError.missingColumn("meeting.tsv", what: "speaker", tried: ["speaker", "character", "name", "speaker_name", "who"], available: ["speaker\tutterance\tminute"])) {
            try Self.load("meeting.tsv") { $0.format = .csv }
        }
    }

    @Test("format detection: content first, then the extension")
    func detection() {
        #expect(TranscriptFormat.detect(name: "a.txt", text: Array("WEBVTT\n\n".utf8)) == .webvtt)
        #expect(TranscriptFormat.detect(name: "a", text: Array("@UTF8\n@Begin\n".utf8)) == .chat)
        #expect(TranscriptFormat.detect(name: "play", text: Array("<?xml version=\"1.0\"?>\n<TEI>".utf8)) == .tei)
        #expect(TranscriptFormat.detect(name: "subs", text: Array("1\n00:00:01,000 --> 00:00:02,000\nHi\n".utf8)) == .srt)
        #expect(TranscriptFormat.detect(name: "x.TSV", text: Array("a\tb\n".utf8)) == .tsv)
        #expect(TranscriptFormat.detect(name: "notes", text: Array("Ann: hello\n".utf8)) == .text)
    }

    @Test("malformed input: an error with the file and line, and the load fails as a whole",
        arguments: [
            ("unclosed-quote.csv", "unclosed-quote.csv:3: the quote that opens a field here is never closed"),
            ("bad-timestamp.vtt", "bad-timestamp.vtt:6: bad cue end time \"00:00:3.5\" (expected 00:01:02.500)"),
            ("unbalanced.xml", "unbalanced.xml:5: </p> closes <l>, opened on line 5"),
            ("bad-object.jsonl", "bad-object.jsonl:2: expected , or } after a value at column 44"),
            ("bad-timing.srt", "bad-timing.srt:6: expected a cue timing line (00:00:01,000 --> 00:00:04,000), got \"00:00:02,000 -> 00:00:03,000\""),
            ("unknown-speaker.cha", "unknown-speaker.cha:4: speaker code MOT is not in @Participants"),
            ("bad-front-matter.md", "bad-front-matter.md:4: front matter lines are key: value, got \"Hello, this is not a field.\""),
        ])
    func malformed(file: String, message: String) throws {
        let sources = try CorpusSource.resolve([Self.malformed.appendingPathComponent(file).path], relativeTo: "/")
        do {
            _ = try CorpusBuilder.load(sources, options: ReaderOptions())
            Issue.record("\(file) loaded")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("--lenient skips malformed files, says why, and keeps every other file")
    func lenient() throws {
        var options = ReaderOptions()
        options.lenient = true
        let sources = try CorpusSource.resolve([Self.formats.path, Self.malformed.path], relativeTo: "/")
        let (corpus, report) = try CorpusBuilder.load(sources, options: options)
        #expect(corpus.documents.count == 8)
        #expect(corpus.turnCount == 33)
        #expect(report.skippedFiles.count == 7)
        #expect(report.skippedFiles.contains("malformed/unclosed-quote.csv:3: the quote that opens a field here is never closed"))
        // When every file is malformed, nothing is left to load: that is the first file's error.
        let broken = try CorpusSource.resolve([Self.malformed.path], relativeTo: "/")
        #expect(throws: LoadError.malformed("malformed/bad-front-matter.md", line: 4, "front matter lines are key: value, got \"Hello, this is not a field.\"")) {
            try CorpusBuilder.load(broken, options: options)
        }
    }
}
