import Foundation
@testable import ParleyCore
import Testing

/// Front matter, metadata conditions and the corner cases of the structured readers.
@Suite("Metadata and structured sources")
struct MetadataTests {
    static func corpus(_ name: String, _ text: String, _ configure: (inout ReaderOptions) -> Void = { _ in }) throws -> Corpus {
        var options = ReaderOptions()
        configure(&options)
        return try CorpusBuilder.build(documents: [(name, Array(text.utf8))], options: options).0
    }

    @Test("front matter: quoted and plain scalars, lists, block scalars, nested maps, comments")
    func frontMatter() throws {
        let text = """
            ---
            title: 'It''s a "briefing"'   # a comment
            date: 2021-06-02
            tags: [press, covid]
            speakers:
              - Jen Psaki
              - "Dr. Jha"
            summary: >
              Folded into
              one line.
            venue:
              room: Brady
              city: Washington
            escaped: "tab\\there \\u00e9"
            ---

            MS. PSAKI:  Hello.
            """
        let (fields, bodyStart) = try #require(try FrontMatter.parse(Array(text.utf8), name: "a.md"))
        #expect(fields.map(\.key) == ["title", "date", "tags", "speakers", "summary", "venue.room", "venue.city", "escaped"])
        #expect(fields.map(\.value) == [
            "It's a \"briefing\"", "2021-06-02", "press, covid", "Jen Psaki, Dr. Jha", "Folded into one line.", "Brady",
            "Washington", "tab\there \u{E9}",
        ])
        #expect(String(decoding: Array(text.utf8)[bodyStart...], as: UTF8.self) == "\nMS. PSAKI:  Hello.")
    }

    @Test("a rule at the top of a plain transcript is not front matter; a bad line in front matter is an error")
    func notFrontMatter() throws {
        #expect(try FrontMatter.parse(Array("---\nAnn: hello\n\nBob: hi\n".utf8), name: "a.txt") == nil)
        #expect(try FrontMatter.parse(Array("Ann: hello\n---\n".utf8), name: "a.txt") == nil)
        #expect(try FrontMatter.parse(Array("---\n\nA paragraph between rules.\n\n---\n".utf8), name: "a.md") == nil)
        #expect(throws: LoadError.malformed("a.md", line: 3, "front matter lines are key: value, got \"just words\"")) {
            try FrontMatter.parse(Array("---\ntitle: x\njust words\n---\n".utf8), name: "a.md")
        }
        // The turns still come out right when a transcript opens with a rule (a paragraph of its own).
        let corpus = try Self.corpus("a.txt", "---\n\nAnn: hello\n\nBob: hi\n")
        #expect(Fixtures.turns(corpus).map(\.0) == [nil, "Ann", "Bob"])
    }

    @Test("metadata conditions: = with wildcards and any case, !=, ~ as a regular expression, ordered at the bound's precision")
    func conditions() throws {
        let equal = try #require(try MetadataCondition("title=*briefing*"))
        #expect(equal.key == "title" && equal.holds(for: "Press Briefing by Jen Psaki") && !equal.holds(for: "Press gaggle"))
        let notEqual = try #require(try MetadataCondition("role!=mother"))
        #expect(notEqual.holds(for: "Father") && !notEqual.holds(for: "Mother"))
        let pattern = try #require(try MetadataCondition("title~gaggle|briefing"))
        #expect(pattern.holds(for: "Press Gaggle en route") && !pattern.holds(for: "Statement"))
        let from = try #require(try MetadataCondition("date>=2021-06"))
        #expect(from.holds(for: "2021-06-01") && from.holds(for: "2022-01-01") && !from.holds(for: "2021-05-31"))
        let through = try #require(try MetadataCondition("date<=2021-06"))
        #expect(through.holds(for: "2021-06-30") && !through.holds(for: "2021-07-01"))
        let before = try #require(try MetadataCondition("date<2021-06"))
        #expect(!before.holds(for: "2021-06-01") && before.holds(for: "2021-05-31"))
        // Numbers compare as numbers: 10 is above 9, and 09 is 9.
        let season = try #require(try MetadataCondition("season>9"))
        #expect(season.holds(for: "10") && !season.holds(for: "09"))
        #expect(try MetadataCondition("date") == nil)
        #expect(throws: QueryError.self) { try MetadataCondition("title~(") }
    }

    @Test("filters see a turn's own value first, then its document's")
    func lookup() throws {
        let corpus = try Self.corpus("talk.csv", "speaker,text,season,part\nAnn,One two.,1,a\nBob,Three.,1,b\n")
        #expect(corpus.documents[0].metadata == [MetadataField(key: "season", value: "1")])
        #expect(corpus.turnMetadata.keys == ["part"])
        #expect(corpus.turns(withMetadata: "season") { $0 == "1" }.count == 2)
        #expect(corpus.turns(withMetadata: "part") { $0 == "b" }.members == [1])
        let groups = corpus.metadataGroups("part")
        #expect(groups.names == ["a", "b"] && groups.turnGroup == [0, 1])
        #expect(corpus.metadataKey(named: "PART") == "part")
        #expect(corpus.exampleValues(of: "part", limit: 1) == (["a"], 2))
    }

    @Test("CSV corners: a blank line, CRLF, a quote inside an unquoted field; text after a closing quote and a short row are errors")
    func csvCorners() throws {
        let corpus = try Self.corpus("a.csv", "speaker,text\r\nAnn,say 5\" more\r\n\r\nBob,\"a, b\"\r\n")
        #expect(Fixtures.turns(corpus).map(\.0) == ["Ann", "Bob"])
        #expect(corpus.text(ofTurn: 0) == "say 5\" more")
        #expect(throws: LoadError.malformed("a.csv", line: 2, "a quoted field must end at a separator or the end of the line, not with text after its closing quote")) {
            try Self.corpus("a.csv", "speaker,text\nAnn,\"quoted\" tail\n")
        }
        #expect(throws: LoadError.malformed("a.csv", line: 3, "this row has 1 fields; the header has 2")) {
            try Self.corpus("a.csv", "speaker,text\nAnn,fine\nBob\n")
        }
    }

    @Test("XML corners: comments, CDATA, entities and a second root")
    func xmlCorners() throws {
        var texts: [String] = []
        try XMLScanner.scan("<?xml version=\"1.0\"?><!-- note --><a x='1 > 0'>b &amp; <![CDATA[<c>]]>&#x2019;</a>") { event in
            if case .text(let text) = event { texts.append(text) }
        }
        #expect(texts.joined() == "b & <c>\u{2019}")
        #expect(throws: XMLScanner.Failure.self) { try XMLScanner.scan("<a></a>\n<b></b>") { _ in } }
        do {
            try XMLScanner.scan("<a>\n<b>\n</a>") { _ in }
            Issue.record("unbalanced XML scanned")
        } catch {
            #expect(error.line == 3 && error.message == "</a> closes <b>, opened on line 2")
        }
    }

    @Test("caption times: VTT's optional hours and SRT's comma; anything else is rejected")
    func timestamps() {
        #expect(CaptionReader.timestamp("01:02.500", comma: false) == "00:01:02.500")
        #expect(CaptionReader.timestamp("1:01:02.500", comma: false) == nil)
        #expect(CaptionReader.timestamp("101:01:02.500", comma: false) == "101:01:02.500")
        #expect(CaptionReader.timestamp("00:01:02,500", comma: true) == "00:01:02.500")
        #expect(CaptionReader.timestamp("00:61:02.500", comma: false) == nil)
        #expect(CaptionReader.timestamp("00:01:02.5", comma: false) == nil)
    }
}
