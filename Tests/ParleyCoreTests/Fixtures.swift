import Foundation
import ParleyCore

/// Builds corpora from small in-memory transcripts.
enum Fixtures {
    static func corpus(_ text: String, options: ReaderOptions = ReaderOptions()) throws -> Corpus {
        try CorpusBuilder.build(documents: [("test.txt", Array(text.utf8))], options: options).0
    }

    static func corpus(bytes: [UInt8], options: ReaderOptions = ReaderOptions()) throws -> Corpus {
        try CorpusBuilder.build(documents: [("test.txt", bytes)], options: options).0
    }

    /// (speaker, token count) per turn.
    static func turns(_ corpus: Corpus) -> [(String?, Int)] {
        (0..<corpus.turnCount).map { (corpus.speakerName(ofTurn: $0), corpus.tokens(ofTurn: $0).count) }
    }

    /// The repository's root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
