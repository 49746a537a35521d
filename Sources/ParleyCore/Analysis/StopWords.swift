/// Stop word lists for `freq --stopwords`.
package enum StopWords {
    /// The Snowball English stop word list (snowballstem.org, 174 words), in folded form.
    package static let english: [String] = """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
        she her hers herself it its itself they them their theirs themselves what which who whom
        this that these those am is are was were be been being have has had having do does did
        doing would should could ought i'm you're he's she's it's we're they're i've you've we've
        they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't
        aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't
        shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's
        where's why's how's a an the and but if or because as until while of at by for with about
        against between into through during before after above below to from up down in out on
        off over under again further then once here there when where why how all any both each
        few more most other some such no nor not only own same so than too very
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// The types of a stop word file's words: one or more per line, `#` starting a comment.
    package static func parse(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).flatMap { line in
            Tokenizer().types(of: String(line.prefix { $0 != "#" }))
        }
    }

    /// The text of a stop word file: a regular file of valid UTF-8 (a byte order mark dropped),
    /// read as transcripts are, so a FIFO or a device is refused and a huge file is not read.
    package static func read(_ path: String, name: String) throws(LoadError) -> String {
        let bytes = try FileReading.bytes(of: path, name: name)
        return String(decoding: try SourceText.normalise(bytes, name: name, lenient: false).text, as: UTF8.self)
    }
}
