import ParleyCore

/// `--stopwords en|FILE`, for freq and compare: the Snowball English list, or the words in a file.
enum StopWordArguments {
    static let option = OptionSpec("--stopwords", value: "en|FILE", help: "leave out the built-in English stop words, or those in FILE")

    /// The type ids `--stopwords` leaves out.
    static func types(_ arguments: Arguments, _ session: Session) throws(CommandError) -> Set<Int> {
        guard let word = arguments.values["--stopwords"] else { return [] }
        let words: [String]
        if word.text == "en" {
            words = StopWords.english
        } else {
            let path = try session.readable(word)
            let text: String
            do throws(LoadError) {
                text = try StopWords.read(path, name: word.text)
            } catch {
                throw CommandError("--stopwords expects en or a readable UTF-8 file: \(error.description)", at: word)
            }
            words = StopWords.parse(text)
        }
        return Set(words.compactMap { session.corpus.lexicon.id(of: $0) })
    }
}
