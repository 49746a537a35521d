import ParleyCore
import ParleyShell
import Testing

@Suite("Tab completion")
struct CompleterTests {
    let completer = Completer(corpus: SeedCorpus.corpus, settings: Settings())

    @Test("the first word completes to verbs")
    func verbs() {
        #expect(completer.candidates(before: "", text: "sp", quoted: false) == ["speakers"])
        #expect(completer.candidates(before: "", text: "", quoted: false)?.contains("turns") == true)
    }

    @Test("options of the verb, and their values")
    func options() {
        #expect(completer.candidates(before: "turns ", text: "--s", quoted: false) == ["--speaker"])
        #expect(completer.candidates(before: "turns --format ", text: "c", quoted: false) == ["chart", "csv"])
        #expect(completer.candidates(before: "speakers --out ", text: "x", quoted: false) == nil)
    }

    @Test("speaker names, quoted when they contain spaces")
    func speakers() {
        #expect(completer.candidates(before: "turns --speaker ", text: "Vla", quoted: false) == ["\"Vladimir Putin\""])
        #expect(completer.candidates(before: "alias ", text: "Il", quoted: true) == ["Ilya Petrenko"])
        #expect(completer.candidates(before: "help ", text: "tu", quoted: false) == ["turns"])
        #expect(completer.candidates(before: "set ", text: "w", quoted: false) == ["width"])
    }

    @Test("speaker names complete from a last name too, ignoring case")
    func lastNames() {
        #expect(completer.candidates(before: "turns --speaker ", text: "put", quoted: false) == ["\"Vladimir Putin\""])
        #expect(completer.candidates(before: "compare ", text: "PETR", quoted: false) == ["\"Ilya Petrenko\""])
        #expect(completer.candidates(before: "filter ", text: "speaker:vlad", quoted: false) == ["speaker:\"Vladimir Putin\""])
        #expect(completer.candidates(before: "turns --speaker ", text: "imir", quoted: false) == [])
    }

    @Test("queries complete to corpus words; filters to terms, then names after the prefix")
    func queriesAndFilters() {
        // The seed's types starting with "terror", by the §4 regex in Python: terrorism, terrorists.
        #expect(completer.candidates(before: "kwic ", text: "terror", quoted: false) == ["terrorism", "terrorists"])
        #expect(completer.candidates(before: "filter ", text: "sp", quoted: false) == ["speaker:"])
        #expect(completer.candidates(before: "filter ", text: "speaker:Vl", quoted: false) == ["speaker:\"Vladimir Putin\""])
        #expect(completer.candidates(before: "filter speaker:", text: "Il", quoted: true) == ["Ilya Petrenko"])
        #expect(completer.candidates(before: "filter speaker:Putin ", text: "a", quoted: false) == ["and"])
        #expect(completer.candidates(before: "compare ", text: "re", quoted: false) == ["rest"])
        let withSubset = Completer(corpus: SeedCorpus.corpus, settings: Settings(), subsetNames: ["early"])
        #expect(withSubset.candidates(before: "filter ", text: "in:e", quoted: false) == ["in:early"])
    }

    @Test("metadata keys complete after meta:, --meta and --by")
    func metadataKeys() throws {
        let text = "speaker,text,season,director\nAnn,Hello.,1,Ken\nBob,Hi.,2,Greg\n"
        let corpus = try CorpusBuilder.build(documents: [("talk.csv", Array(text.utf8))], options: ReaderOptions()).0
        let completer = Completer(corpus: corpus, settings: Settings())
        #expect(completer.candidates(before: "filter ", text: "me", quoted: false) == ["meta:"])
        #expect(completer.candidates(before: "filter ", text: "meta:se", quoted: false) == ["meta:season"])
        #expect(completer.candidates(before: "turns --meta ", text: "d", quoted: false) == ["director"])
        #expect(completer.candidates(before: "turns --meta ", text: "season,d", quoted: false) == ["season,director"])
        #expect(completer.candidates(before: "freq --by ", text: "s", quoted: false) == ["season", "speaker"])
        #expect(completer.candidates(before: "load x.csv --format ", text: "s", quoted: false) == ["srt"])
    }
}
