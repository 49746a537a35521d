import Foundation
import ParleyCore
import Testing

@Suite("Loading files")
struct LoadingTests {
    @Test("invalid UTF-8 names the file and the byte offset")
    func invalidUTF8() {
        let bytes = Array("Ann Bell: caf".utf8) + [0xE9] + Array(" ok".utf8)
        #expect(throws: LoadError.invalidUTF8("test.txt", offset: 13)) { try Fixtures.corpus(bytes: bytes) }
        // An overlong encoding and a lone continuation byte are invalid too.
        #expect(throws: LoadError.invalidUTF8("test.txt", offset: 1)) { try Fixtures.corpus(bytes: [0x41, 0xC0, 0x80]) }
        #expect(throws: LoadError.invalidUTF8("test.txt", offset: 0)) { try Fixtures.corpus(bytes: [0x80, 0x41]) }
    }

    @Test("--lenient replaces invalid bytes with U+FFFD and counts them")
    func lenient() throws {
        var options = ReaderOptions()
        options.lenient = true
        let bytes = Array("Ann Bell: caf".utf8) + [0xE9, 0xFF] + Array(" ok".utf8)
        let (corpus, report) = try CorpusBuilder.build(documents: [("x.txt", bytes)], options: options)
        #expect(report.replacedSequences == 2)
        #expect(corpus.text(ofTurn: 0) == "caf\u{FFFD}\u{FFFD} ok")
    }

    @Test("empty and binary files are errors")
    func emptyAndBinary() {
        #expect(throws: LoadError.emptyFile("test.txt")) { try Fixtures.corpus(bytes: []) }
        #expect(throws: LoadError.emptyFile("test.txt")) { try Fixtures.corpus(" \n\u{00A0}\n") }
        #expect(throws: LoadError.binaryFile("test.txt", offset: 3)) { try Fixtures.corpus(bytes: [0x41, 0x42, 0x43, 0x00]) }
    }

    @Test("folders are read recursively, sorted, hidden files skipped; names are relative")
    func folders() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpusFolder = folder.appendingPathComponent("talks")
        try FileManager.default.createDirectory(at: corpusFolder.appendingPathComponent("b"), withIntermediateDirectories: true)
        try "Ann Bell: one.".write(to: corpusFolder.appendingPathComponent("b/2.txt"), atomically: true, encoding: .utf8)
        try "Bob Hale: two three.".write(to: corpusFolder.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try "ignored".write(to: corpusFolder.appendingPathComponent(".hidden.txt"), atomically: true, encoding: .utf8)
        try "ignored".write(to: corpusFolder.appendingPathComponent("notes.pdf"), atomically: true, encoding: .utf8)
        let sources = try CorpusSource.resolve(["talks"], relativeTo: folder.path)
        #expect(sources.map(\.name) == ["talks/a.md", "talks/b/2.txt"])
        let corpus = try CorpusBuilder.load(sources, options: ReaderOptions()).0
        #expect(corpus.tokenCount == 3)
        let globbed = try CorpusSource.resolve(["talks/*.md"], relativeTo: folder.path)
        #expect(globbed.map(\.name) == ["a.md"])
    }

    @Test("a glob of folders reads them recursively; linked folders are read once and a cycle is noted")
    func globsAndLinks() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manager = FileManager.default
        for (path, text) in [("2021-01/a.txt", "Ann Bell: one."), ("2021-02/deep/b.txt", "Bob Hale: two."), ("2020-12/c.txt", "Cy Doe: three.")] {
            let url = folder.appendingPathComponent("briefings/" + path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let globbed = try CorpusSource.resolve(["briefings/2021-*"], relativeTo: folder.path)
        #expect(globbed.map(\.name) == ["2021-01/a.txt", "2021-02/deep/b.txt"])
        // A folder of links: one to a folder, one back to the folder itself (a cycle), and a
        // second link to the same folder, which is read once.
        let linked = folder.appendingPathComponent("linked")
        try manager.createDirectory(at: linked, withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: linked.path + "/jan", withDestinationPath: folder.path + "/briefings/2021-01")
        try manager.createSymbolicLink(atPath: linked.path + "/again", withDestinationPath: folder.path + "/briefings/2021-01")
        try manager.createSymbolicLink(atPath: linked.path + "/loop", withDestinationPath: linked.path)
        var notes: [String] = []
        let sources = try CorpusSource.resolve(["linked"], relativeTo: folder.path, notes: &notes)
        #expect(sources.map(\.name) == ["linked/again/a.txt"])
        #expect(notes == ["skipped linked/loop: a link back to a folder that contains it"])
    }

    @Test("missing paths and folders without transcripts are errors")
    func missing() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: LoadError.pathNotFound("nope")) { try CorpusSource.resolve(["nope"], relativeTo: folder.path) }
        #expect(throws: LoadError.noTranscripts(".")) { try CorpusSource.resolve(["."], relativeTo: folder.path) }
        #expect(throws: LoadError.pathNotFound("x*.txt")) { try CorpusSource.resolve(["x*.txt"], relativeTo: folder.path) }
    }

    @Test("a cancelled load throws and builds nothing")
    func cancelled() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Ann Bell: one.".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let sources = try CorpusSource.resolve([folder.path], relativeTo: "/")
        #expect(throws: LoadError.cancelled) { try CorpusBuilder.load(sources, options: ReaderOptions(), isCancelled: { true }) }
    }
}
