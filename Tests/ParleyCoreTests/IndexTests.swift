@testable import ParleyCore
import Synchronization
import Testing

@Suite("Index (DESIGN.md §2)")
struct IndexTests {
    let corpus: Corpus

    init() throws {
        // Several documents, so the parallel build merges several workers' lexicons.
        let documents = (0..<40).map { index in
            ("d\(index).txt", Array("Ann Bell: the cat \(index) sat.\n\nBob Hale: The Cat’s mat, item \(index % 7).".utf8))
        }
        corpus = try CorpusBuilder.build(documents: documents, options: ReaderOptions()).0
    }

    @Test("the lexicon is sorted by bytes and every type occurs")
    func lexicon() {
        #expect(corpus.lexicon.forms == corpus.lexicon.forms.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect((0..<corpus.lexicon.count).allSatisfy { corpus.frequency(ofType: $0) > 0 })
        #expect(corpus.lexicon.id(of: "cat's") != nil)
    }

    @Test("postings sorted in parallel chunks equal one pass, and ranges per worker equal one count")
    func parallelPostingsAndRanges() throws {
        // 300,000 tokens: enough for one chunk per core.
        var generator = SystemRandomNumberGenerator()
        let types = (0..<300_000).map { _ in UInt32.random(in: 0..<1_000, using: &generator) }
        let (start, postings) = CorpusBuilder.postings(of: Column(types), typeCount: 1_000)
        var expected = [[UInt32]](repeating: [], count: 1_000)
        for (position, type) in types.enumerated() { expected[Int(type)].append(UInt32(position)) }
        #expect(start == expected.reduce(into: [0]) { $0.append($0.last! + UInt32($1.count)) })
        #expect(Array(postings) == expected.flatMap { $0 })

        // The ranges counted by each worker while tokenizing, against one count over all turns.
        #expect(corpus.typeRanges == corpus.typeCounts(in: TurnSet(universe: corpus.turnCount, full: true)).ranges)
    }

    @Test("postings list exactly the positions of each type, in order")
    func postings() {
        var expected = [[UInt32]](repeating: [], count: corpus.lexicon.count)
        for (position, type) in corpus.tokenType.enumerated() { expected[Int(type)].append(UInt32(position)) }
        #expect((0..<corpus.lexicon.count).allSatisfy { Array(corpus.positions(ofType: $0)) == expected[$0] })
        let the = corpus.lexicon.id(of: "the")!
        #expect(corpus.frequency(ofType: the) == 80)
    }

    @Test("deferred postings (load --no-cache) give each type's positions, found by a scan and then built")
    func deferredPostings() throws {
        // 60,000 tokens in 300 documents: several workers' parts, and chunks for the scan.
        let documents = (0..<300).map { index in
            ("d\(index).txt", Array(((0..<200).map { "w\(($0 * 7 + index) % 97)" }.joined(separator: " ") + ".").utf8))
        }
        let deferred = try CorpusBuilder.build(documents: documents, options: ReaderOptions(), deferringPostings: true).0
        #expect(deferred.postings.count == deferred.tokenCount)
        var expected = [[UInt32]](repeating: [], count: deferred.lexicon.count)
        for (position, type) in deferred.tokenType.enumerated() { expected[Int(type)].append(UInt32(position)) }
        // Every type, more than once: the first lists are scans, the rest read the built column.
        for round in 0..<2 {
            for type in 0..<deferred.lexicon.count {
                #expect(deferred.positions(ofType: type) == expected[type], "type \(type), round \(round)")
            }
        }
        #expect(deferred.postings.column.map(Array.init) == expected.flatMap { $0 })
        // The same corpus with its postings built during the load has the same lists.
        let built = try CorpusBuilder.build(documents: documents, options: ReaderOptions()).0
        #expect(built.postings.column.map(Array.init) == expected.flatMap { $0 })
        #expect(built.postingStart == deferred.postingStart)
        // Each type's range (turns holding it), counted per part, summed over the parts.
        #expect(deferred.typeRanges == deferred.typeCounts(in: TurnSet(universe: deferred.turnCount, full: true)).ranges)
        // A scan alone, for a type that occurs and one that does not.
        let w5 = deferred.lexicon.id(of: "w5")!
        #expect(DeferredPostings.positions(of: UInt32(w5), in: deferred.tokenType, count: expected[w5].count) == expected[w5])
        #expect(DeferredPostings.positions(of: UInt32(deferred.lexicon.count), in: deferred.tokenType, count: 0).isEmpty)
    }

    @Test("postings built on a thread of their own are the same lists; a build for postings let go of stops early")
    func postingsInBackground() throws {
        let documents = (0..<300).map { index in
            ("d\(index).txt", Array(((0..<200).map { "w\(($0 * 7 + index) % 97)" }.joined(separator: " ") + ".").utf8))
        }
        let deferred = try CorpusBuilder.build(documents: documents, options: ReaderOptions(), deferringPostings: true).0
        var expected = [[UInt32]](repeating: [], count: deferred.lexicon.count)
        for (position, type) in deferred.tokenType.enumerated() { expected[Int(type)].append(UInt32(position)) }
        deferred.warmUp()
        deferred.warmUp()  // a second warm-up while the first builds starts nothing
        // Asked for at once, the lists wait for the thread instead of being built twice.
        #expect(deferred.postings.column.map(Array.init) == expected.flatMap { $0 })
        #expect((0..<deferred.lexicon.count).allSatisfy { deferred.positions(ofType: $0) == expected[$0] })

        // 3 M tokens of 1,000 types: 3 or more blocks of at most a million, each asked about first.
        let types: [UInt32] = (0..<(3 << 20)).map { (position: Int) -> UInt32 in UInt32((position &* 7_919 &+ position / 13) % 1_000) }
        let tokenType = Column(types)
        let asked = Atomic<Int>(0)
        #expect(CorpusBuilder.postings(of: tokenType, typeCount: 1_000, isAbandoned: { asked.add(1, ordering: .relaxed).newValue > 1 }) == nil)
        // Abandoned at the second question: each worker stops at its next block, and the
        // placing never starts (at least 3 blocks of counting, 1 check, 3 of placing otherwise).
        #expect(asked.load(ordering: .relaxed) <= 2 + Parallel.coreCount)
        let lists = CorpusBuilder.postings(of: tokenType, typeCount: 1_000, isAbandoned: { false })
        let whole = try #require(lists)
        var counts = [UInt32](repeating: 0, count: 1_001)
        for type in types { counts[Int(type) + 1] += 1 }
        for type in 0..<1_000 { counts[type + 1] += counts[type] }
        #expect(whole.0 == counts)
        #expect(zip(whole.1.dropFirst(), whole.1).allSatisfy { types[Int($0)] != types[Int($1)] || $0 > $1 })
        #expect((0..<1_000).allSatisfy { type in whole.1[Int(counts[type])..<Int(counts[type + 1])].allSatisfy { types[Int($0)] == type } })
    }

    @Test("the positions of several types come merged into corpus order, for a few and for many")
    func positionsOfTypes() {
        var random = SeededGenerator(seed: 8)
        for count in [2, 3, 5, 16, 17, 40] {
            let types = Array(Set((0..<count).map { _ in Int.random(in: 0..<corpus.lexicon.count, using: &random) }))
            let expected = types.flatMap { corpus.positions(ofType: $0) }.sorted()
            #expect(corpus.positions(ofTypes: types) == expected, "\(types.count) types")
        }
    }

    @Test("a turn locator finds the turn of ascending tokens, over empty turns and long jumps")
    func turnLocator() {
        var random = SeededGenerator(seed: 5)
        // 5,000 turns of 0 to 9 tokens: many empty ones, which hold no token.
        let lengths = (0..<5_000).map { _ in UInt32.random(in: 0..<10, using: &random) }
        let firstTokens = lengths.reduce(into: [UInt32(0)]) { $0.append($0.last! + $1) }
        var corpus = self.corpus
        corpus.turnFirstToken = Column(firstTokens)
        let tokenCount = Int(firstTokens.last!)
        var turnOf = [Int](repeating: 0, count: tokenCount)
        for turn in 0..<lengths.count { for token in Int(firstTokens[turn])..<Int(firstTokens[turn + 1]) { turnOf[token] = turn } }
        // Sweeps with small gaps (steps) and large ones (gallops), and repeats of one token.
        for gap in [1, 3, 20, 400] {
            var locator = TurnLocator(corpus)
            var token = Int.random(in: 0..<gap, using: &random)
            while token < tokenCount {
                #expect(locator.advance(to: token) == turnOf[token], "token \(token), gap \(gap)")
                token += Int.random(in: 0...gap, using: &random)
            }
        }
    }

    @Test("forms sorted by their first eight bytes, then all of them, come in byte order")
    func sortedByBytes() {
        var random = SeededGenerator(seed: 11)
        // Shared prefixes of up to 12 bytes, NUL and bytes above 127, empty and short forms.
        let alphabet: [UInt8] = [0, 1, 0x61, 0x62, 0x7F, 0x80, 0xC3, 0xFF]
        var table = ByteStringTable()
        var forms: [[UInt8]] = [[]]
        for _ in 0..<3_000 {
            let shared = Array(repeating: UInt8(0x61), count: Int.random(in: 0...12, using: &random))
            forms.append(shared + (0..<Int.random(in: 0...4, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        }
        for form in forms { _ = form.withUnsafeBufferPointer { table.intern($0) } }
        let sorted = CorpusBuilder.sortedByBytes(table).map { Array(table.bytes(of: $0)) }
        let expected = Set(forms).sorted { $0.lexicographicallyPrecedes($1) }
        #expect(sorted == expected)
    }

    @Test("every ASCII word, short, 8 to 15 bytes or longer, in any case, is the type of its folded surface")
    func wordTypes() throws {
        var random = SeededGenerator(seed: 23)
        // Few letters and shared prefixes, so words collide in the loader's caches of forms
        // and differ only in their last bytes, their case or their length.
        let letters = Array("abAB19".utf8)
        var text = "Ann Lee:"
        for _ in 0..<6_000 {
            let length = [3, 7, 8, 9, 12, 15, 16, 20].randomElement(using: &random)!
            let word = (0..<length).map { index in index < 5 ? UInt8(ascii: "a") : letters.randomElement(using: &random)! }
            text += " " + String(decoding: word, as: UTF8.self)
        }
        let built = try CorpusBuilder.build(documents: [("w.txt", Array((text + "\n").utf8))], options: ReaderOptions()).0
        let tokens = built.tokens(ofTurn: 0)
        #expect(tokens.count == 6_000)
        let types = built.tokenType
        for token in tokens {
            #expect(built.lexicon.forms[Int(types[token])] == built.surface(ofToken: token, in: 0).lowercased())
        }
        // As many types as distinct folded words.
        let words = Set(text.split(separator: " ").dropFirst(2).map { $0.lowercased() })
        #expect(built.lexicon.count == words.count)
    }

    @Test("the digest of the texts taken while loading equals one taken over the documents after")
    func textDigest() {
        #expect(corpus.textChecksums == corpus.documents.map { Checksum.of($0.text) })
        let digest = corpus.documents.reduce(UInt64(0)) { Checksum.combine($0, Checksum.of($1.text)) }
        #expect(corpus.cachedTextDigest == digest)
        #expect(corpus.textDigest == digest)
    }

    @Test("surface forms come back from the text")
    func surfaces() {
        let turn = 1
        let tokens = corpus.tokens(ofTurn: turn).map { corpus.surface(ofToken: $0, in: turn) }
        #expect(tokens == ["The", "Cat’s", "mat", "item", "0"])
    }

    @Test("turn sets: union, intersection, complement, members")
    func turnSets() {
        var a = TurnSet(universe: 130)
        var b = TurnSet(universe: 130)
        for turn in [0, 64, 129] { a.insert(turn) }
        for turn in [64, 100] { b.insert(turn) }
        #expect(a.union(b).members == [0, 64, 100, 129])
        #expect(a.intersection(b).members == [64])
        #expect(a.complement.count == 127)
        #expect(TurnSet(universe: 130, full: true).count == 130)
        #expect(TurnSet(universe: 130).isEmpty)
    }

    @Test("alias merges speakers and renumbers them")
    func merging() {
        let bob = corpus.speakerID(named: "Bob Hale")!
        let merged = corpus.mergingSpeakers([bob], into: "Ann Bell")
        #expect(merged.speakers == ["Ann Bell"])
        #expect(merged.speakerStatistics().first?.tokens == corpus.tokenCount)
    }

    @Test("token offsets found again from every 64th agree with tokenizing each turn whole, notes and long turns included")
    func checkpoints() throws {
        // A turn of 300 words with notes in the line and on lines of their own, a short turn,
        // and one of exactly 65 tokens (a checkpoint at its last).
        var long = ""
        for index in 0..<300 {
            long += "w\(index)" + (index % 37 == 0 ? " (Laughter.) " : index % 53 == 0 ? "\n[inaudible]\n" : " ")
        }
        let exact = (0..<65).map { "e\($0)" }.joined(separator: " ")
        let corpus = try Fixtures.corpus("Ann Lee: " + long + "\n\nBob Ray: hi.\n\nAnn Lee: " + exact + "\n")
        #expect(corpus.tokens(ofTurn: 0).count >= 300)
        // A checkpoint per full 64 tokens after a turn's first.
        #expect(corpus.tokenCheckpoints.count == (0..<corpus.turnCount).reduce(0) { $0 + (corpus.tokens(ofTurn: $1).count - 1) / 64 })
        #expect(corpus.tokenCheckpoints.count >= 5)
        let tokenizer = Tokenizer(skippingNotes: true)
        for turn in 0..<corpus.turnCount {
            let text = corpus.documents[0].text
            var whole: [Range<Int>] = []
            text.withUnsafeBufferPointer { bytes in
                tokenizer.forEachToken(in: bytes, range: Int(corpus.turnTextStart[turn])..<Int(corpus.turnTextEnd[turn])) { whole.append($0) }
            }
            let tokens = corpus.tokens(ofTurn: turn)
            #expect(corpus.tokenRanges(tokens, inTurn: turn) == whole)
            for (offset, token) in tokens.enumerated() {
                #expect(corpus.tokenRanges(token..<(token + 1), inTurn: turn) == [whole[offset]], "turn \(turn), token \(offset)")
                #expect(corpus.lexicon.forms[Int(corpus.tokenType[token])] == corpus.surface(ofToken: token, in: turn).lowercased())
            }
        }
        // The first token at or after an offset: the one after a note.
        let afterNote = Int(corpus.turnTextStart[0]) + long.utf8.count / 2
        let next = corpus.firstToken(startingAtOrAfter: afterNote, inTurn: 0)
        #expect(corpus.tokenRanges(next..<(next + 1), inTurn: 0)[0].lowerBound >= afterNote)
        #expect(corpus.tokenRanges((next - 1)..<next, inTurn: 0)[0].lowerBound < afterNote)
    }
}
