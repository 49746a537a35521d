import Foundation
@testable import ParleyCore
import Testing

/// Inputs that once crashed, hung or exhausted a load (issue 14), each in the shape that did it.
@Suite("Hostile input to the readers and the cache")
struct HostileInputTests {
    private func load(_ paths: [String], notes: inout [String]) throws(LoadError) -> Corpus {
        let sources = try CorpusSource.resolve(paths, relativeTo: "/", notes: &notes)
        return try CorpusBuilder.load(sources, options: ReaderOptions()).0
    }

    private func load(_ path: String) throws(LoadError) -> Corpus {
        var notes: [String] = []
        return try load([path], notes: &notes)
    }

    private func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("a JSON string with two high surrogates in a row is two U+FFFD, not an arithmetic trap")
    func loneSurrogates() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = try write(#"{"speaker": "Ann", "text": "a\ud800\ud800b \ud83d\ude00 c\udc00"}"# + "\n", to: "x.jsonl", in: folder)
        let corpus = try load(path)
        let text = String(decoding: corpus.documents[0].text, as: UTF8.self)
        // The pair in the middle is one emoji; every other surrogate stands alone.
        #expect(text.contains("a\u{FFFD}\u{FFFD}b \u{1F600} c\u{FFFD}"))
    }

    @Test("JSON nested 100,000 deep is a one-line error, not a stack overflow")
    func deepJSON() throws {
        let folder = try Fixtures.temporaryFolder()
        let deep = #"{"speaker": "Ann", "text": "hi", "x": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}\n"
        let path = try write(deep, to: "deep.jsonl", in: folder)
        #expect(throws: LoadError.malformed("deep.jsonl", line: 1, "objects and arrays nest more than 64 levels deep at column 102")) {
            try load(path)
        }
    }

    @Test("a device, a FIFO and a socket are refused or skipped, never read", .timeLimit(.minutes(1)))
    func specialFiles() throws {
        #expect(throws: LoadError.notRegular("zero", kind: .characterDevice)) { try load("/dev/zero") }
        let folder = try Fixtures.temporaryFolder()
        _ = try write("Ann Lee: Hello.\n", to: "a.txt", in: folder)
        // A FIFO named like a transcript: opening it to read would wait for a writer forever.
        #expect(mkfifo(folder.appendingPathComponent("pipe.txt").path, 0o600) == 0)
        var notes: [String] = []
        let corpus = try load([folder.path], notes: &notes)
        #expect(corpus.documents.map(\.name) == [folder.lastPathComponent + "/a.txt"])
        #expect(notes == ["skipped \(folder.lastPathComponent)/pipe.txt: a FIFO (named pipe), not a file"])
        #expect(throws: LoadError.notRegular("pipe.txt", kind: .fifo)) { try load(folder.appendingPathComponent("pipe.txt").path) }
        // The same through a glob.
        notes = []
        _ = try load([folder.path + "/*.txt"], notes: &notes)
        #expect(notes == ["skipped pipe.txt: a FIFO (named pipe), not a file"])
    }

    @Test("a 10 GB sparse file is refused by its size before a byte is read")
    func hugeSparseFile() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("huge.txt").path
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
        #expect(descriptor >= 0)
        #expect(ftruncate(descriptor, 10_000_000_000) == 0)
        close(descriptor)
        defer { unlink(path) }
        #expect(throws: LoadError.tooLarge("huge.txt", bytes: 10_000_000_000, limit: FileReading.maximumSize)) { try load(path) }
        #expect(LoadError.tooLarge("huge.txt", bytes: 10_000_000_000, limit: FileReading.maximumSize).description
            == "huge.txt is 10.0 GB; Parley reads transcripts of up to 2.1 GB")
    }

    @Test("a NUL is found where it is, in the first piece read or a later one")
    func nulWhileStreaming() throws {
        let folder = try Fixtures.temporaryFolder()
        for offset in [10, FileReading.pieceSize + 3] {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: FileReading.pieceSize * 2)
            bytes[offset] = 0
            let path = folder.appendingPathComponent("nul.txt").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: LoadError.binaryFile("nul.txt", offset: offset)) { try load(path) }
        }
    }

    @Test("a CSV of 100,000 columns loads, its columns metadata", .timeLimit(.minutes(1)))
    func wideCSV() throws {
        let folder = try Fixtures.temporaryFolder()
        let columns = (0..<100_000).map { "c\($0)" }
        var text = (["speaker", "text"] + columns).joined(separator: ",") + "\n"
        for row in 0..<3 { text += (["Ann", "hello there"] + columns.indices.map { "\($0 % 7 == 0 ? row : 0)" }).joined(separator: ",") + "\n" }
        let corpus = try load(try write(text, to: "wide.csv", in: folder))
        #expect(corpus.turnCount == 3)
        // Columns whose three values agree are the document's; the rest (every 7th) each turn's.
        #expect(corpus.documents[0].metadata.count == 100_000 - 14_286)
        #expect(corpus.turnMetadata.keys.count == 14_286)
        #expect(corpus.metadataSummary(limit: 3).count == 100_000)
    }

    @Test("a table of more cells than Parley reads is refused in one line")
    func tooManyCells() throws {
        let folder = try Fixtures.temporaryFolder()
        let header = (["speaker", "text"] + (0..<2_000).map { "c\($0)" }).joined(separator: ",") + "\n"
        let row = String(repeating: ",", count: 2_001) + "\n"
        let path = try write(header + String(repeating: row, count: 10_001), to: "cells.csv", in: folder)
        #expect(throws: LoadError.malformed("cells.csv", line: 1, "the table has 10002 rows of 2002 columns, more than the 20000000 cells Parley reads")) {
            try load(path)
        }
    }

    @Test("paths normalise to absolute ones without empty, . or .. parts; normal ones are left as they are")
    func normalisedPaths() {
        let cases = [
            ("/a/b", "/a/b"), ("/", "/"), ("", "/"), ("a/b", "/a/b"), ("/a//b/", "/a/b"), ("/a/./b", "/a/b"), ("/a/../b", "/b"),
            ("/..", "/"), ("/a/.", "/a"), ("/a/..", "/"), ("/.hidden/..x/.../x.", "/.hidden/..x/.../x."), ("/a/b/", "/a/b"),
        ]
        for (path, expected) in cases { #expect(Path.normalised(path) == expected, "\(path)") }
        #expect(Path.folder(of: "/a/b.txt") == "/a")
        #expect(Path.folder(of: "/b.txt") == "/")
    }

    @Test("a column list in an error is cut to a dozen names")
    func longColumnList() {
        let error = LoadError.missingColumn("x.csv", what: "text", tried: ["text"], available: (0..<100).map { "c\($0)" })
        #expect(error.description == "x.csv has no text column (looked for text); its columns are c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, … (100 in all); name one with --text-col")
    }
}

/// The index cache against files made to hurt it.
@Suite("Hostile index caches")
struct HostileCacheTests {
    private func setup() throws -> (sources: [CorpusSource], cache: IndexCache, path: String) {
        let setup = try IndexCacheTests.Setup()
        let sources = setup.sources
        let stamps = try IndexCache.stamps(of: sources)
        _ = try setup.cache.load(sources, options: ReaderOptions())
        return (sources, setup.cache, setup.cache.path(for: stamps, options: ReaderOptions()))
    }

    @Test("a header claiming 2^40 skipped files, its checksum made to match, is rejected before any allocation and deleted")
    func craftedCount() throws {
        let (sources, cache, path) = try setup()
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = bytes[16..<24].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        var header = Array(bytes[32..<(32 + headerLength)])
        // The header starts with the version, the options, the stamps and the load report; the
        // count of skipped files follows the report's three numbers.
        var reader = BinaryReader(header)
        _ = try reader.string()
        _ = try reader.string()
        let stamps = try reader.int()
        for _ in 0..<stamps {
            _ = try reader.string()
            _ = try reader.string()
            _ = try reader.int(limit: .max)
            _ = try reader.signed()
        }
        let countOffset = reader.position + 24
        for index in 0..<8 { header[countOffset + index] = UInt8(truncatingIfNeeded: (1 << 40) >> (8 * index)) }
        let checksum = header.withUnsafeBytes { Checksum.of($0) }
        bytes.replaceSubrange(32..<(32 + headerLength), with: header)
        for index in 0..<8 { bytes[24 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(index))) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        guard case .miss(let reason) = cache.lookup(try IndexCache.stamps(of: sources), options: ReaderOptions()) else {
            Issue.record("the crafted file was used")
            return
        }
        #expect(reason == "corrupt: malformed header")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Rewrites the header of the cache file at `path` with `edit`, its checksum made to match,
    /// so that the file passes the header check and reaches the checks behind it.
    private func rewriteHeader(of path: String, _ edit: (inout [UInt8]) throws -> Void) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = bytes[16..<24].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        var header = Array(bytes[32..<(32 + headerLength)])
        try edit(&header)
        let checksum = header.withUnsafeBytes { Checksum.of($0) }
        bytes.replaceSubrange(32..<(32 + headerLength), with: header)
        for index in 0..<8 { bytes[24 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * UInt64(index))) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Where each document's text length lies in `header`, parsed as `CacheFile.Contents` reads it.
    private func textLengthOffsets(in header: [UInt8]) throws -> [Int] {
        var reader = BinaryReader(header)
        _ = (try reader.string(), try reader.string())
        for _ in 0..<(try reader.int()) { _ = (try reader.string(), try reader.string(), try reader.int(limit: .max), try reader.signed()) }
        _ = (try reader.int(), try reader.int(limit: .max), try reader.int(limit: .max))  // the load report
        for _ in 0..<3 {  // skipped files, speakers, types
            for _ in 0..<(try reader.int()) { _ = try reader.string() }
        }
        var offsets: [Int] = []
        for _ in 0..<(try reader.int()) {
            _ = (try reader.string(), try reader.optionalString())
            for _ in 0..<(try reader.int()) { _ = (try reader.string(), try reader.string()) }
            _ = (try reader.int(), try reader.int(), try reader.int(limit: .max), try reader.int(limit: .max))  // turns, frame
            offsets.append(reader.position)
            _ = (try reader.int(limit: .max), try reader.uint64(), try reader.int(), try reader.int(limit: .max))
        }
        return offsets
    }

    private func write(_ value: Int, at offset: Int, in header: inout [UInt8]) {
        for index in 0..<8 { header[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * index)) }
    }

    @Test("a header claiming a stored text of 2.5 GB, its checksum made to match, is refused at open: no frame holds that much (found by fuzzing)")
    func textLongerThanItsFrame() throws {
        let (sources, cache, path) = try setup()
        let frame = try #require(try CacheFile.sections(of: path)["texts"])
        // The third document (CRLF) is the one stored in the file, as a frame of a few dozen bytes.
        #expect(frame.count < 100)
        #expect(CacheFile.mostBytes(inFrameOf: frame.count) < 4 << 20)
        try rewriteHeader(of: path) { header in
            write(0xA000_0000, at: try textLengthOffsets(in: header)[2], in: &header)
        }
        guard case .miss(let reason) = cache.lookup(try IndexCache.stamps(of: sources), options: ReaderOptions()) else {
            Issue.record("the crafted file was used")
            return
        }
        #expect(reason == "corrupt: inconsistent index: a text is longer than its frame can hold")
        #expect(!FileManager.default.fileExists(atPath: path))
        // The input the fuzzer found (the seed's cache with its text's length so changed) is refused.
        let input = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fuzz/regressions/cache/text-longer-than-its-frame")
        let copy = try Fixtures.temporaryFolder().appendingPathComponent("x.parleyindex").path
        try Data(contentsOf: input).write(to: URL(fileURLWithPath: copy))
        #expect(throws: CacheFile.Failure.structure("a text is longer than its frame can hold")) { try CacheFile.inspect(copy) }
    }

    @Test("a text length one more than its frame or file holds is damage when the text is read: blank, the corpus not intact", arguments: [1, 2])
    func textLengthOffByOne(document: Int) throws {
        var setup = try IndexCacheTests.Setup()
        setup.quiet()
        let stamps = try IndexCache.stamps(of: setup.sources)
        let (built, _, _) = try setup.cache.load(setup.sources, options: ReaderOptions())
        let path = setup.cache.path(for: stamps, options: ReaderOptions())
        let length = built.documents[document].textLength
        try rewriteHeader(of: path) { header in
            write(length + 1, at: try textLengthOffsets(in: header)[document], in: &header)
            if document == 1 {
                // A text read from its file must end where the file does: the stamp claims one byte more too.
                var reader = BinaryReader(header)
                _ = (try reader.string(), try reader.string(), try reader.int())
                for stamp in 0..<3 {
                    _ = (try reader.string(), try reader.string())
                    if stamp == document { write(stamps[stamp].size + 1, at: reader.position, in: &header) }
                    _ = (try reader.int(limit: .max), try reader.signed())
                }
            }
        }
        // The file opens (the turns lie inside the longer text), and reading the text finds the damage.
        let file = try CacheFile(path: path)
        file.stopsCommandsOnDamage = false  // the damage must not stop the other tests' commands
        let corpus = try #require(try file.readAny(options: ReaderOptions())?.0)
        #expect(corpus.documents[document].textLength == length + 1)
        #expect(corpus.isIntact)
        #expect(corpus.documents[document].text == IndexCacheTests.blank(length + 1))
        #expect(!corpus.isIntact)
        // The other texts read as they were.
        #expect(corpus.documents[0].text == built.documents[0].text)
    }

    @Test("a string whose length runs up to 8 bytes past the header's end is refused, not read past it (found by fuzzing)")
    func stringPastTheEnd() throws {
        // A length of 8, then only 4 bytes: before the fix the reader checked the length against
        // what was left before the length itself, 8 bytes more than after it.
        var reader = BinaryReader([8, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62, 0x63, 0x64])
        #expect(throws: BinaryReader.Malformed.self) { try reader.string() }
        // The input the fuzzer found, as a whole cache file, is refused.
        let input = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fuzz/regressions/cache/string-length-past-the-end")
        let folder = try Fixtures.temporaryFolder()
        let path = folder.appendingPathComponent("x.parleyindex").path
        try Data(contentsOf: input).write(to: URL(fileURLWithPath: path))
        #expect(throws: CacheFile.Failure.self) { try CacheFile.inspect(path) }
    }

    @Test("a cache truncated under a session that mapped it is seen as changed, and the next load rebuilds it")
    func truncatedUnderSession() throws {
        let (sources, cache, path) = try setup()
        let (corpus, _, use) = try cache.load(sources, options: ReaderOptions())
        #expect(use == .hit)
        #expect(corpus.isIntact)
        // Reading the lost pages here would raise the process-wide stop flag (SIGBUS, turned
        // into zero pages) under the other tests; the binary's test reads them.
        #expect(truncate(path, 100) == 0)
        #expect(!corpus.isIntact)
        guard case .stored(_, let reason) = try cache.load(sources, options: ReaderOptions()).2 else {
            Issue.record("the truncated file was used")
            return
        }
        #expect(reason == "corrupt: truncated")
    }

    @Test("a FIFO at the cache's path is refused at once and removed", .timeLimit(.minutes(1)))
    func fifoAtCachePath() throws {
        let (sources, cache, path) = try setup()
        unlink(path)
        #expect(mkfifo(path, 0o600) == 0)
        guard case .miss(let reason) = cache.lookup(try IndexCache.stamps(of: sources), options: ReaderOptions()) else {
            Issue.record("the FIFO was used")
            return
        }
        #expect(reason == "corrupt: not a Parley index cache of this format")
        var status = stat()
        #expect(stat(path, &status) != 0)
    }
}
