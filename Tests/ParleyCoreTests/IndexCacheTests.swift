import Foundation
@testable import ParleyCore
import Testing

@Suite("Index cache")
struct IndexCacheTests {
    /// Three transcripts in a fresh folder, and a cache in another.
    struct Setup {
        let corpusFolder: URL
        var cache: IndexCache
        var sources: [CorpusSource] { (try? CorpusSource.resolve([corpusFolder.path], relativeTo: "/")) ?? [] }

        init() throws {
            corpusFolder = try Fixtures.temporaryFolder().appendingPathComponent("talks")
            try FileManager.default.createDirectory(at: corpusFolder, withIntermediateDirectories: true)
            let seed = try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("seeds/000_013e30cfbeefef5c.txt"))
            try seed.write(to: corpusFolder.appendingPathComponent("a.txt"))
            try Data("Ann Lee: The court is in session.\n\nBob Ray: May it please the court.\n".utf8)
                .write(to: corpusFolder.appendingPathComponent("b.txt"))
            // CRLF line ends: the text is not the file's bytes, so the cache stores it (the
            // other two are read from their files again).
            try Data("Ann Lee: Thank you, counsel.\r\n".utf8).write(to: corpusFolder.appendingPathComponent("c.md"))
            cache = IndexCache(folder: try Fixtures.temporaryFolder().appendingPathComponent("cache").path, minimumBytes: 0)
        }

        /// Damage found later does not raise the process's stop flag under the other tests.
        mutating func quiet() { cache.stopsCommandsOnDamage = false }

        func cacheFiles() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cache.folder).filter { $0.hasSuffix(".parleyindex") }
        }
    }

    /// What a damaged text reads as: spaces, as long as the text.
    static func blank(_ count: Int) -> [UInt8] { [UInt8](repeating: 0x20, count: count) }

    /// Every column, name, text and table of two corpora.
    static func expectSame(_ a: Corpus, _ b: Corpus) {
        #expect(Array(a.tokenType) == Array(b.tokenType))
        #expect(a.tokenCheckpoints == b.tokenCheckpoints)
        #expect(a.turnCheckpointStart == b.turnCheckpointStart)
        #expect((0..<a.lexicon.count).allSatisfy { a.positions(ofType: $0) == b.positions(ofType: $0) })
        #expect(a.postingStart == b.postingStart)
        #expect(a.typeRanges == b.typeRanges)
        #expect(a.turnFirstToken == b.turnFirstToken)
        #expect(a.turnSpeaker == b.turnSpeaker)
        #expect(a.turnDocument == b.turnDocument)
        #expect(a.turnTextStart == b.turnTextStart)
        #expect(a.turnTextEnd == b.turnTextEnd)
        #expect(a.lexicon.forms == b.lexicon.forms)
        #expect(a.speakers == b.speakers)
        #expect(a.documents.map(\.name) == b.documents.map(\.name))
        #expect(a.documents.map(\.title) == b.documents.map(\.title))
        #expect(a.documents.map(\.metadata) == b.documents.map(\.metadata))
        #expect(a.documents.map(\.text) == b.documents.map(\.text))
        #expect(a.documents.map(\.turns) == b.documents.map(\.turns))
        #expect(a.turnMetadata == b.turnMetadata)
    }

    @Test("every format's metadata, per document and per turn, and skipped files come back from the cache")
    func structuredFormats() throws {
        let cache = IndexCache(folder: try Fixtures.temporaryFolder().appendingPathComponent("cache").path, minimumBytes: 0)
        let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/Fixtures")
        let sources = try CorpusSource.resolve(
            [fixtures.appendingPathComponent("formats").path, fixtures.appendingPathComponent("malformed").path], relativeTo: "/")
        var options = ReaderOptions()
        options.lenient = true
        let (built, builtReport, first) = try cache.load(sources, options: options)
        guard case .stored = first else { Issue.record("not stored: \(first)"); return }
        let (cached, cachedReport, second) = try cache.load(sources, options: options)
        #expect(second == .hit)
        #expect(cachedReport == builtReport && cachedReport.skippedFiles.count == 7)
        #expect(cached.turnMetadata.keys.contains("start") && cached.documents.contains { !$0.metadata.isEmpty })
        Self.expectSame(built, cached)
        // Other options are another cache entry.
        options.title = .none
        #expect(try cache.load(sources, options: options).2 != .hit)
        let plain = ReaderOptions()
        let changes: [(inout ReaderOptions) -> Void] = [
            { $0.format = .csv }, { $0.speakerColumn = "who" }, { $0.textColumn = "line" }, { $0.documentColumns = ["episode"] },
        ]
        for change in changes {
            var changed = plain
            change(&changed)
            #expect(changed.cacheKey != plain.cacheKey)
        }
    }

    @Test("the first load builds and saves; the second is a hit with the very same corpus")
    func hit() throws {
        let setup = try Setup()
        let (built, builtReport, first) = try setup.cache.load(setup.sources, options: ReaderOptions())
        let file = setup.cache.folder + "/" + (try setup.cacheFiles()[0])
        let size = try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int
        #expect(first == .stored(bytes: size ?? -1, reason: "absent"))
        let (cached, cachedReport, second) = try setup.cache.load(setup.sources, options: ReaderOptions())
        #expect(second == .hit)
        #expect(cachedReport == builtReport)
        // The seed's 927 tokens, "the court is in session may it please the court", "thank you counsel".
        #expect(cached.tokenCount == 927 + 10 + 3)
        Self.expectSame(built, cached)
        #expect(try setup.cacheFiles().count == 1)
    }

    @Test("a changed file, or other options, is a miss and a rebuild")
    func miss() throws {
        let setup = try Setup()
        _ = try setup.cache.load(setup.sources, options: ReaderOptions())
        let changed = setup.corpusFolder.appendingPathComponent("b.txt")
        try Data("Ann Lee: The court is adjourned for the day.\n".utf8).write(to: changed)
        let (corpus, _, use) = try setup.cache.load(setup.sources, options: ReaderOptions())
        guard case .stored(_, let reason) = use else { Issue.record("expected a rebuild, got \(use)"); return }
        #expect(reason == "stale")
        #expect(corpus.tokenCount == 927 + 7 + 3)
        #expect(corpus.lexicon.id(of: "adjourned") != nil)
        // Same size, new time: still a miss.
        let sameSize = "Ann Lee: The court is adjourned for the DAY.\n"
        try Data(sameSize.utf8).write(to: changed)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: changed.path)
        guard case .stored(_, "stale") = try setup.cache.load(setup.sources, options: ReaderOptions()).2 else {
            Issue.record("a new modification time was not a miss")
            return
        }
        var options = ReaderOptions()
        options.title = .none
        guard case .stored(_, "absent") = try setup.cache.load(setup.sources, options: options).2 else {
            Issue.record("other options found the same cache file")
            return
        }
        #expect(try setup.cacheFiles().count == 2)
    }

    @Test("a damaged, truncated or foreign cache file is detected when opened, deleted and rebuilt", arguments: [
        ("flip a byte in the header", "checksum mismatch in header"),
        ("flip a byte in the turns", "checksum mismatch in turns"),
        ("flip a byte in the types", "checksum mismatch in types"),
        ("truncate", "truncated"),
        ("replace", "not a Parley index cache of this format"),
    ])
    func corrupt(damage: String, expected: String) throws {
        let setup = try Setup()
        let (built, _, _) = try setup.cache.load(setup.sources, options: ReaderOptions())
        let path = setup.cache.folder + "/" + (try setup.cacheFiles()[0])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let sections = try CacheFile.sections(of: path)
        switch damage {
        case "flip a byte in the header": bytes[200] ^= 0x01
        case "flip a byte in the turns": bytes[sections["turns"]!.lowerBound + 5] ^= 0x01
        case "flip a byte in the types": bytes[sections["types"]!.upperBound - 3] ^= 0x01
        case "truncate": bytes = bytes.prefix(bytes.count - 1)
        default: bytes = Data(repeating: 0x2A, count: 4096)
        }
        try bytes.write(to: URL(fileURLWithPath: path))

        guard case .miss(let reason) = setup.cache.lookup(try IndexCache.stamps(of: setup.sources), options: ReaderOptions()) else {
            Issue.record("a damaged file was used")
            return
        }
        #expect(reason == "corrupt: " + expected)
        #expect(!FileManager.default.fileExists(atPath: path))
        let (rebuilt, _, use) = try setup.cache.load(setup.sources, options: ReaderOptions())
        #expect(use != .hit)
        Self.expectSame(built, rebuilt)
        #expect(try setup.cache.load(setup.sources, options: ReaderOptions()).2 == .hit)
    }

    @Test("a byte flipped in a section read lazily is found when it is first read: the corpus is damaged, the file deleted, the next load rebuilds",
        arguments: ["tokenType", "postings", "texts"])
    func lazyDamage(section: String) throws {
        var setup = try Setup()
        setup.quiet()
        let (built, _, _) = try setup.cache.load(setup.sources, options: ReaderOptions())
        let path = setup.cache.folder + "/" + (try setup.cacheFiles()[0])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let range = try #require(try CacheFile.sections(of: path)[section])
        bytes[(range.lowerBound + range.upperBound) / 2] ^= 0x04
        try bytes.write(to: URL(fileURLWithPath: path))
        // Opening reads only the header and the small sections: the damage is not seen yet.
        guard case .hit(let corpus, _) = setup.cache.lookup(try IndexCache.stamps(of: setup.sources), options: ReaderOptions()) else {
            Issue.record("the file did not open")
            return
        }
        #expect(corpus.isIntact)
        // Reading everything finds it.
        _ = corpus.tokenType
        for type in 0..<corpus.lexicon.count { _ = corpus.positions(ofType: type) }
        for document in corpus.documents { _ = document.text }
        #expect(!corpus.isIntact)
        #expect(!FileManager.default.fileExists(atPath: path))
        // What shows a damaged text shows blanks, never reads outside it.
        for turn in 0..<corpus.turnCount where !corpus.tokens(ofTurn: turn).isEmpty {
            let first = corpus.tokens(ofTurn: turn).lowerBound
            let line = corpus.concordanceLine(for: Match(start: UInt32(first), length: 1, turn: UInt32(turn)), width: 20)
            #expect(line.left.count <= 20 && line.right.count <= 20)
            _ = corpus.concordanceLine(for: Match(start: UInt32(first), length: 1, turn: UInt32(turn)), words: 3)
            _ = corpus.surface(ofToken: first, in: turn)
            _ = corpus.text(ofTurn: turn, marking: first..<(first + 1), opening: "[", closing: "]")
        }
        let (rebuilt, _, use) = try setup.cache.load(setup.sources, options: ReaderOptions())
        #expect(use != .hit)
        Self.expectSame(built, rebuilt)
    }

    @Test("a text that is its file's bytes (after a byte order mark) is read from the file, not stored; one normalised is stored")
    func textsFromFiles() throws {
        let folder = try Fixtures.temporaryFolder().appendingPathComponent("talks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plain = "Ann Lee: The court is in session.\n\nBob Ray: May it please the court.\n"
        try Data(plain.utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data([0xEF, 0xBB, 0xBF] + Array("Ann Lee: Thank you.\n".utf8)).write(to: folder.appendingPathComponent("b.txt"))
        let sources = try CorpusSource.resolve([folder.path], relativeTo: "/")
        let cache = IndexCache(folder: try Fixtures.temporaryFolder().appendingPathComponent("cache").path, minimumBytes: 0)
        let (built, _, _) = try cache.load(sources, options: ReaderOptions())
        let path = cache.folder + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: cache.folder).first))
        #expect(try CacheFile.sections(of: path)["texts"]?.count == 0)
        let (cached, _, use) = try cache.load(sources, options: ReaderOptions())
        #expect(use == .hit)
        #expect(cached.documents.map(\.text) == [Array(plain.utf8), Array("Ann Lee: Thank you.\n".utf8)])
        Self.expectSame(built, cached)
        #expect(cached.isIntact)

        // A CRLF file's text is stored: the section is no longer empty, and the text comes back.
        try Data("Cy Doe: Noted.\r\n".utf8).write(to: folder.appendingPathComponent("c.txt"))
        let more = try CorpusSource.resolve([folder.path], relativeTo: "/")
        _ = try cache.load(more, options: ReaderOptions())
        let (again, _, hit) = try cache.load(more, options: ReaderOptions())
        #expect(hit == .hit)
        #expect(again.documents.last?.text == Array("Cy Doe: Noted.\n".utf8))
        let stored = try FileManager.default.contentsOfDirectory(atPath: cache.folder).map { cache.folder + "/" + $0 }
        #expect(try stored.contains { try CacheFile.sections(of: $0)["texts"]!.count > 0 })
    }

    @Test("a transcript rewritten under the same size and time is found when its text is read: the corpus is damaged, the cache deleted, the next load has the new text")
    func changedTranscript() throws {
        var setup = try Setup()
        setup.quiet()
        _ = try setup.cache.load(setup.sources, options: ReaderOptions())
        let path = setup.cache.folder + "/" + (try setup.cacheFiles()[0])
        let file = setup.corpusFolder.appendingPathComponent("b.txt").path
        var before = stat()
        #expect(stat(file, &before) == 0)
        // Same length, same modification time to the nanosecond: the stamps still match.
        try Data("Ann Lee: The COURT is in session.\n\nBob Ray: May it please the court.\n".utf8).write(to: URL(fileURLWithPath: file))
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        guard case .hit(let corpus, _) = setup.cache.lookup(try IndexCache.stamps(of: setup.sources), options: ReaderOptions()) else {
            Issue.record("the cache was not used")
            return
        }
        let document = try #require(corpus.documents.firstIndex { $0.name == "talks/b.txt" })
        #expect(corpus.isIntact)
        #expect(corpus.documents[document].text == Self.blank(corpus.documents[document].textLength))
        #expect(!corpus.isIntact)
        #expect(!FileManager.default.fileExists(atPath: path))
        let (rebuilt, _, use) = try setup.cache.load(setup.sources, options: ReaderOptions())
        #expect(use != .hit)
        #expect(rebuilt.documents[document].text == Array("Ann Lee: The COURT is in session.\n\nBob Ray: May it please the court.\n".utf8))
        // A file gone, or shortened, is damage too.
        for damage in ["remove", "shorten"] {
            _ = try setup.cache.load(setup.sources, options: ReaderOptions())
            guard case .hit(let cached, _) = setup.cache.lookup(try IndexCache.stamps(of: setup.sources), options: ReaderOptions()) else {
                Issue.record("the cache was not used")
                return
            }
            let moved = file + ".moved"
            if damage == "remove" {
                #expect(rename(file, moved) == 0)
            } else {
                #expect(truncate(file, 10) == 0)
            }
            #expect(cached.documents[document].text == Self.blank(cached.documents[document].textLength))
            #expect(!cached.isIntact)
            if damage == "remove" { #expect(rename(moved, file) == 0) }
        }
    }

    @Test("type ids pack into as few bits as the lexicon needs and unpack the same; one outside the lexicon is damage, not a crash")
    func packedTypes() throws {
        let ids = Column<UInt32>((0..<1_000).map { UInt32(($0 * 7_919) % 140_000) })
        let bits = PackedTokenTypes.bits(forTypes: 140_000)
        #expect(bits == 18)
        for (limit, expectDamage) in [(140_000, false), (100_000, true)] {
            let words = PackedTokenTypes.pack(ids, bits: bits)
            #expect(words.count == (1_000 * 18 + 63) / 64)
            let folder = try Fixtures.temporaryFolder()
            let path = folder.appendingPathComponent("ids").path
            try Data(words.withUnsafeBytes { Array($0) }).write(to: URL(fileURLWithPath: path))
            let descriptor = open(path, O_RDONLY)
            defer { close(descriptor) }
            let length = words.count * 8
            let mapping = try #require(MappedFile(descriptor: descriptor, size: length, populate: false))
            let health = CacheHealth(stopsCommands: false)
            let checksums = words.withUnsafeBytes { BlockChecks.checksums(of: $0) }
            let checks = BlockChecks(mapping: mapping, offset: 0, length: length, checksums: checksums, health: health)
            let packed = PackedTokenTypes(checks: checks, count: 1_000, bits: bits, typeCount: limit)
            let column = packed.column
            #expect(health.isDamaged == expectDamage)
            // Every id is what was packed, or 0 where it lies outside the lexicon.
            #expect(zip(column, ids).allSatisfy { $0 == ($1 < limit ? $1 : 0) })
        }
    }

    @Test("a checksum taken over several buffers equals the checksum of their concatenation, wherever they are split")
    func checksumStream() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 31, 32, 33, 100, 1_000, 4_099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = bytes.withUnsafeBytes { Checksum.of($0) }
            for _ in 0..<20 {
                // Cut at random points, some of them next to each other (an empty piece).
                let cuts = ([0, length] + (0..<Int.random(in: 0...6, using: &generator)).map { _ in Int.random(in: 0...length, using: &generator) }).sorted()
                var stream = Checksum.Stream()
                for (start, end) in zip(cuts, cuts.dropFirst()) { stream.add(Array(bytes[start..<end])) }
                #expect(stream.finish() == whole)
            }
        }
        // And a changed byte changes it.
        var stream = Checksum.Stream()
        stream.add([UInt8](repeating: 1, count: 40))
        #expect(stream.finish() != [UInt8](repeating: 1, count: 39).withUnsafeBytes { Checksum.of($0) })
    }

    @Test("pages a decompressed text's frame let go are read again from the file, the same bytes, and pass their checks")
    func releasedPages() throws {
        let path = try Fixtures.temporaryFolder().appendingPathComponent("section").path
        var random = SeededGenerator(seed: 9)
        let bytes = (0..<(5 * BlockChecks.blockSize + 123)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let mapping = try #require(MappedFile(descriptor: descriptor, size: bytes.count))
        let checksums = bytes.withUnsafeBytes { BlockChecks.checksums(of: $0) }
        let checks = BlockChecks(mapping: mapping, offset: 0, length: bytes.count, checksums: checksums, health: CacheHealth(stopsCommands: false))
        // A frame from the middle of one page to the middle of another, then the whole section.
        for range in [1000..<(3 * BlockChecks.blockSize + 77), 0..<bytes.count] {
            #expect(checks.verify(range))
            checks.release(range)
            #expect(Array(UnsafeRawBufferPointer(start: checks.base, count: bytes.count)) == bytes)
        }
        // A block checked after its pages were let go is read from the file and still passes.
        let fresh = BlockChecks(mapping: mapping, offset: 0, length: bytes.count, checksums: checksums, health: CacheHealth(stopsCommands: false))
        #expect(fresh.verifyAll())
        #expect(!fresh.health.isDamaged)
    }

    @Test("a corpus merged from two (load --add) still sees damage to either: a transcript or cache file changed under it")
    func mergedCorpusHealth() throws {
        for damaged in 0..<2 {
            var first = try Fixtures.corpus("Ann Bell: one two.")
            var second = try Fixtures.corpus("Bob Hale: three.")
            let healths = [CacheHealth(stopsCommands: false), CacheHealth(stopsCommands: false)]
            (first.healths, second.healths) = ([healths[0]], [healths[1]])
            let merged = try first.named("a", prefixingNames: true).merged(with: second.named("b", prefixingNames: true), lemmas: .none)
            #expect(merged.isIntact)
            healths[damaged].markDamaged()
            #expect(!merged.isIntact)
        }
    }

    @Test("a lexicon finds every form it holds by its id, and none it does not")
    func lexiconLookup() {
        let forms = ["", "a", "ab", "abc", "b", "ca", "caf\u{E9}", "z", "\u{E9}t\u{E9}"]
        // Sorted by UTF-8 bytes, as the index keeps them.
        #expect(forms == forms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let lexicon = Lexicon(sortedForms: forms)
        for (id, form) in forms.enumerated() { #expect(lexicon.id(of: form) == id) }
        for missing in ["aa", "abcd", "c", "caf", "zz", "\u{E9}"] { #expect(lexicon.id(of: missing) == nil) }
    }

    @Test("the structure check refuses ids and offsets out of range")
    func structure() throws {
        // 70 tokens in Ann's turn: one checkpoint, at the 65th.
        let words = (1...70).map { "w\($0)" }.joined(separator: " ")
        let good = try Fixtures.corpus("Ann: \(words).\n\nBob: four five.\n")
        #expect(good.tokenCheckpoints.count == 1)
        try CacheFile.validate(good)
        var badStart = good
        badStart.tokenCheckpoints = [10_000]
        #expect(throws: CacheFile.Failure.self) { try CacheFile.validate(badStart) }
        var missing = good
        missing.tokenCheckpoints = []
        missing.turnCheckpointStart = [0, 0, 0]
        #expect(throws: CacheFile.Failure.self) { try CacheFile.validate(missing) }
        var badSpeaker = good
        badSpeaker.turnSpeaker = Column([7] + badSpeaker.turnSpeaker.dropFirst())
        #expect(throws: CacheFile.Failure.self) { try CacheFile.validate(badSpeaker) }
        var badPostings = good
        badPostings.postingStart[1] = badPostings.postingStart[2] + 1
        #expect(throws: CacheFile.Failure.self) { try CacheFile.validate(badPostings) }
    }

    @Test("loads below the size threshold are not cached; the least recently used files go first")
    func thresholdAndPruning() throws {
        let setup = try Setup()
        let small = IndexCache(folder: setup.cache.folder, minimumBytes: 1 << 20)
        #expect(try small.load(setup.sources, options: ReaderOptions()).2 == .notUsed)
        #expect(!FileManager.default.fileExists(atPath: setup.cache.folder))
        for title in [ReaderOptions.TitleRule.auto, .none, .first] {
            for lenient in [false, true] {
                for merge in [false, true] {
                    var options = ReaderOptions()
                    options.title = title
                    options.lenient = lenient
                    options.mergeLabelSuffixes = merge
                    _ = try setup.cache.load(setup.sources, options: options)
                }
            }
        }
        #expect(try setup.cacheFiles().count == IndexCache.retainedFiles)
    }

    @Test("the default folder follows XDG_CACHE_HOME, else ~/.cache")
    func defaultFolder() {
        #expect(IndexCache.defaultFolder(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/a"]) == "/x/cache/parley")
        #expect(IndexCache.defaultFolder(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/a"]) == "/home/a/.cache/parley")
        #expect(IndexCache.defaultFolder(environment: [:]) == nil)
    }
}
