import Dispatch
import Glibc

/// One cache file (format 6): a fixed prefix (magic, format version, header length and
/// checksum), a header (Parley version, reader options, source stamps, the load report,
/// speakers, types, documents, turn metadata, and where each section lies with its checksums),
/// then the sections:
///
/// - `turns`, `types` and `checkpoints`: the per-turn and per-type columns and the token
///   checkpoints, read whole when the file is opened (tens of megabytes at most) and checked;
/// - `tokenType`: the type ids packed in as few bits as the lexicon needs (18 for 140,000
///   types), mapped, checked and unpacked into memory the first time an analysis needs them;
/// - `postings`: each type's positions as gaps in a variable-length code, mapped, each list's
///   blocks checked when a query first decodes it;
/// - `texts`: each document's text as a Zstandard frame, mapped, checked and decompressed when a
///   concordance or `turns` first shows it; but a text that is its file's bytes unchanged (most
///   plain transcripts) is not stored: it is read from that file again, and checked against its
///   checksum, when it is first shown.
///
/// Opening reads the header and the small sections only, so a one-off question from a new
/// process costs what it needs and no more. Nothing in the file is trusted: every count is
/// checked against the file's size before anything is allocated, every id and offset is
/// checked before it is used, and a failed check deletes the file (on open) or marks the
/// corpus damaged (later), never a crash or a wrong answer.
package final class CacheFile {
    package enum Failure: Error, Equatable, CustomStringConvertible {
        case absent
        case unreadable(String)
        case truncated
        case notACacheFile
        case malformedHeader
        case checksum(String)
        case structure(String)

        package var description: String {
            switch self {
            case .absent: "no file"
            case .unreadable(let reason): "unreadable: \(reason)"
            case .truncated: "truncated"
            case .notACacheFile: "not a Parley index cache of this format"
            case .malformedHeader: "malformed header"
            case .checksum(let section): "checksum mismatch in \(section)"
            case .structure(let problem): "inconsistent index: \(problem)"
            }
        }
    }

    /// The sections, in file order.
    enum Section: Int, CaseIterable {
        case turns, types, checkpoints, tokenType, postings, texts

        var name: String { String(describing: self) }
        /// Read whole when the file is opened (the others are mapped and read lazily).
        var isEager: Bool { self == .turns || self == .types || self == .checkpoints }
    }

    /// Where a section lies, and the checksum of each of its blocks (one for an eager section).
    struct Placement: Equatable {
        var offset: Int
        var length: Int
        var checksums: [UInt64]
    }

    static let prefixLength = IndexCache.prefixLength
    static var magicValue: UInt64 {
        IndexCache.magic.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
    }

    /// Sections start at multiples of this, so mapped columns are aligned.
    static let sectionAlignment = 4096

    private let descriptor: Int32
    private let size: Int
    private let header: [UInt8]
    /// False only for fuzzing (`inspect`): checksums are not compared, so that random bytes
    /// reach the parsing and structure checks behind them.
    private let checksChecksums: Bool
    /// The file's path, deleted when a lazy check fails.
    private let path: String
    /// Whether damage found later stops the running command (see `CacheHealth`).
    var stopsCommandsOnDamage = true

    /// Opens a cache file and checks its prefix and header checksum. A FIFO or anything else
    /// that is not a regular file is refused without waiting on it.
    init(path: String, checkingChecksums: Bool = true) throws(Failure) {
        checksChecksums = checkingChecksums
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? .absent : .unreadable(SystemError.sentence(errno))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = SystemError.sentence(errno)
            close(descriptor)
            throw .unreadable(reason)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .notACacheFile
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        size = Int(status.st_size)
        var header: [UInt8] = []
        do throws(Failure) {
            guard size >= Self.prefixLength else { throw .truncated }
            var prefix = BinaryReader(try Self.readArray(descriptor, count: Self.prefixLength, at: 0))
            let (magic, version, headerLength, checksum) = try Self.parse { () throws(BinaryReader.Malformed) in
                (try prefix.uint64(), try prefix.uint64(), try prefix.int(limit: Int.max), try prefix.uint64())
            }
            guard magic == Self.magicValue, version == UInt64(IndexCache.formatVersion) else { throw .notACacheFile }
            guard headerLength <= size - Self.prefixLength else { throw .truncated }
            header = try Self.readArray(descriptor, count: headerLength, at: Self.prefixLength)
            guard !checkingChecksums || header.withUnsafeBytes({ Checksum.of($0) }) == checksum else { throw .checksum("header") }
        } catch {
            close(descriptor)
            throw error
        }
        self.header = header
    }

    deinit { close(descriptor) }

    private static func parse<T>(_ body: () throws(BinaryReader.Malformed) -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            throw .malformedHeader
        }
    }

    /// Whatever corpus the file at `path` holds, whatever options and version it names, with no
    /// checksum compared: what the fuzz target feeds random files to, so the header's parser and
    /// the structure checks are tried on every shape of damage. As a load does before it uses a
    /// cache, the stamps are compared with the files they name: nil when one differs.
    package static func inspect(_ path: String) throws(Failure) -> Corpus? {
        let file = try CacheFile(path: path, checkingChecksums: false)
        var reader = BinaryReader(file.header)
        var stamps: [IndexCache.Stamp] = []
        let contents = try Self.parse { () throws(BinaryReader.Malformed) -> Contents in
            _ = try reader.string()
            _ = try reader.string()
            for _ in 0..<(try reader.count(minimumSize: 32)) { stamps.append(try Self.stamp(&reader)) }
            return try Contents(&reader)
        }
        guard stamps.allSatisfy(\.isCurrent) else { return nil }
        let corpus = try file.makeCorpus(contents, stamps: stamps, tokenizer: Tokenizer(skippingNotes: true))
        // Read what a load from the cache reads lazily, as analyses would.
        _ = corpus.tokenType
        for type in 0..<min(corpus.lexicon.count, 64) { _ = corpus.positions(ofType: type) }
        for document in corpus.documents.prefix(8) { _ = document.text }
        return corpus
    }

    /// Where each section of the file at `path` lies, by name (for tests and the benchmark).
    package static func sections(of path: String) throws(Failure) -> [String: Range<Int>] {
        let file = try CacheFile(path: path)
        var reader = BinaryReader(file.header)
        let contents = try Self.parse { () throws(BinaryReader.Malformed) -> Contents in
            _ = (try reader.string(), try reader.string())
            for _ in 0..<(try reader.count(minimumSize: 32)) { _ = try Self.stamp(&reader) }
            return try Contents(&reader)
        }
        var sections = ["header": 0..<(Self.prefixLength + file.header.count)]
        for section in Section.allCases {
            let placement = contents.sections[section.rawValue]
            sections[section.name] = placement.offset..<(placement.offset + placement.length)
        }
        return sections
    }

    /// The corpus, or nil when the file was built from other files, options or another
    /// version of Parley (a stamp that differs ends the read before any column is read).
    func read(expecting stamps: [IndexCache.Stamp], options: ReaderOptions) throws(Failure) -> (Corpus, LoadReport)? {
        try read(options: options, expecting: stamps).map { ($0.0, $0.1) }
    }

    /// The corpus in this file whatever files it was built from, and the stamps it was built
    /// from, to compare with the files' once they are known; nil when another version or
    /// other options made it.
    func readAny(options: ReaderOptions) throws(Failure) -> (Corpus, LoadReport, [IndexCache.Stamp])? {
        try read(options: options, expecting: nil)
    }

    /// The corpus and its stamps; nil when another version or other options made it, or when
    /// `expected` is given and a stamp differs from it.
    private func read(
        options: ReaderOptions, expecting expected: [IndexCache.Stamp]?
    ) throws(Failure) -> (Corpus, LoadReport, [IndexCache.Stamp])? {
        var reader = BinaryReader(header)
        var stamps: [IndexCache.Stamp] = []
        let contents = try Self.parse { () throws(BinaryReader.Malformed) -> Contents? in
            guard try reader.string() == ParleyVersion.current, try reader.string() == options.cacheKey else { return nil }
            let count = try reader.count(minimumSize: 32)
            if let expected, count != expected.count { return nil }
            stamps.reserveCapacity(count)
            for index in 0..<count {
                let stamp = try Self.stamp(&reader)
                if let expected, stamp != expected[index] { return nil }
                stamps.append(stamp)
            }
            return try Contents(&reader)
        }
        guard let contents else { return nil }
        return (try makeCorpus(contents, stamps: stamps, tokenizer: Tokenizer(skippingNotes: !options.keepNotes)), contents.report, stamps)
    }

    /// One source file's stamp, as the header holds it.
    private static func stamp(_ reader: inout BinaryReader) throws(BinaryReader.Malformed) -> IndexCache.Stamp {
        IndexCache.Stamp(path: try reader.string(), name: try reader.string(), size: try reader.int(limit: Int.max), modified: try reader.signed())
    }

    /// What the header says besides the key.
    struct Contents {
        var report: LoadReport
        var speakers: [String]
        var forms: [String]
        var documents: [(name: String, title: String?, metadata: [MetadataField], turns: Range<Int>)]
        /// Where each text's frame lies in the `texts` section, or, for a text read from its
        /// file again, which file (an index into the stamps) and where in it.
        var texts: [(frame: Range<Int>, length: Int, checksum: UInt64, origin: TextOrigin?)]
        var turnMetadataKeys: [String]
        var turnMetadataValues: [[String]]
        var turnMetadataColumns: [[UInt32]]
        var tokenCount: Int
        var turnCount: Int
        var checkpointCount: Int
        var textDigest: UInt64
        var variantCounts: (names: Int, groups: Int)
        /// Whether the types section ends with each type's lemma id, and the lemmas that are not types.
        var hasLemmas: Bool
        var extraLemmas: [String]
        var sections: [Placement]

        init(_ reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            // Every count is checked against the bytes left before anything is allocated for it
            // (a string takes at least its 8-byte length).
            report = LoadReport(files: try reader.int(), bytes: try reader.int(limit: Int.max), replacedSequences: try reader.int(limit: Int.max))
            report.skippedFiles = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
            speakers = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
            forms = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
            documents = []
            texts = []
            for _ in 0..<(try reader.count(minimumSize: 89)) {
                let name = try reader.string()
                let title = try reader.optionalString()
                let metadata = try (0..<reader.count(minimumSize: 16)).map { _ throws(BinaryReader.Malformed) in
                    MetadataField(key: try reader.string(), value: try reader.string())
                }
                let lower = try reader.int()
                let upper = try reader.int()
                guard lower <= upper else { throw BinaryReader.Malformed() }
                let frameStart = try reader.int(limit: Int.max)
                let frameLength = try reader.int(limit: Int.max - frameStart)
                let (length, checksum) = (try reader.int(limit: Int(UInt32.max)), try reader.uint64())
                // 0 for a text stored here, else 1 + the index of the file it is read from.
                let source = try reader.int(limit: Int(Int32.max))
                let offset = try reader.int(limit: Int.max - length)
                texts.append((frameStart..<(frameStart + frameLength), length, checksum, source == 0 ? nil : TextOrigin(source: source - 1, offset: offset)))
                documents.append((name, title, metadata, lower..<upper))
            }
            turnMetadataKeys = []
            turnMetadataValues = []
            turnMetadataColumns = []
            for _ in 0..<(try reader.count(minimumSize: 24)) {
                turnMetadataKeys.append(try reader.string())
                let values = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
                turnMetadataValues.append(values)
                turnMetadataColumns.append(try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in
                    let entry = try reader.uint64()
                    guard entry == UInt64(TurnMetadata.none) || entry < UInt64(values.count) else { throw BinaryReader.Malformed() }
                    return UInt32(entry)
                })
            }
            tokenCount = try reader.int(limit: Int(UInt32.max))
            turnCount = try reader.int(limit: Int(UInt32.max) - 1)
            checkpointCount = try reader.int(limit: Int(UInt32.max))
            textDigest = try reader.uint64()
            variantCounts = (try reader.int(), try reader.int())
            hasLemmas = try reader.int(limit: 1) == 1
            extraLemmas = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
            sections = []
            for _ in Section.allCases {
                let offset = try reader.int(limit: Int.max)
                let length = try reader.int(limit: Int.max - offset)
                let checksums = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.uint64() }
                sections.append(Placement(offset: offset, length: length, checksums: checksums))
            }
            guard reader.isAtEnd else { throw BinaryReader.Malformed() }
        }

        /// The bytes each section must hold, from the counts.
        var expectedLengths: [Section: Int] {
            [
                .turns: 4 * (6 * turnCount + 2), .types: 4 * (2 * forms.count + 1) + 8 * (forms.count + 1) + (hasLemmas ? 4 * forms.count : 0),
                .checkpoints: 4 * checkpointCount,
                .tokenType: (tokenCount * PackedTokenTypes.bits(forTypes: forms.count) + 63) / 64 * 8,
            ]
        }
    }

    /// Checks where the sections lie against the file and the counts, reads the small ones, maps
    /// the file for the rest, and makes the corpus.
    private func makeCorpus(_ contents: Contents, stamps: [IndexCache.Stamp], tokenizer: Tokenizer) throws(Failure) -> Corpus {
        let headerEnd = Self.prefixLength + header.count
        var previousEnd = headerEnd
        for section in Section.allCases {
            let placement = contents.sections[section.rawValue]
            guard placement.offset >= previousEnd, placement.offset % 8 == 0, placement.offset <= size,
                placement.length <= size - placement.offset
            else { throw .truncated }
            if let expected = contents.expectedLengths[section], expected != placement.length { throw .structure("\(section.name) has the wrong length") }
            // A small section has a checksum per column, a mapped one one per block.
            let blocks = switch section {
            case .turns: 6
            case .types: contents.hasLemmas ? 4 : 3
            case .checkpoints: 1
            default: (placement.length + BlockChecks.blockSize - 1) / BlockChecks.blockSize
            }
            guard placement.checksums.count == blocks else { throw .structure("\(section.name) has the wrong number of checksums") }
            previousEnd = placement.offset + placement.length
        }
        guard previousEnd == size else { throw .truncated }
        let (descriptor, checking) = (self.descriptor, checksChecksums)
        let turnCount = contents.turnCount
        let typeCount = contents.forms.count
        // The small sections are read straight into the columns they hold, in parallel:
        // turns: first tokens (n + 1), speakers, documents, text starts, text ends (n each),
        // checkpoint starts (n + 1); types: posting starts (t + 1), ranges (t), posting offsets
        // (t + 1, 64-bit); checkpoints.
        let parts: [(section: Section, count: Int)] =
            [turnCount + 1, turnCount, turnCount, turnCount, turnCount, turnCount + 1].map { (Section.turns, $0) }
            + [(.types, typeCount + 1), (.types, typeCount), (.types, 2 * (typeCount + 1)), (.checkpoints, contents.checkpointCount)]
            + (contents.hasLemmas ? [(.types, typeCount)] : [])
        var starts: [Int] = []
        var expected: [UInt64] = []
        var next: [Section: (offset: Int, column: Int)] = [:]
        for part in parts {
            let (offset, column) = next[part.section] ?? (contents.sections[part.section.rawValue].offset, 0)
            starts.append(offset)
            expected.append(contents.sections[part.section.rawValue].checksums[column])
            next[part.section] = (offset + 4 * part.count, column + 1)
        }
        // Into columns of their own (not mapped: a file truncated under the session must not
        // turn the turn table to zeros under a running analysis), each checked against its
        // checksum as soon as it is read.
        let read = Parallel.map(parts.count) { [starts, expected] index -> Result<Column<UInt32>, Failure> in
            do throws(Failure) {
                let (column, checksum) = try Self.readColumn(descriptor, count: parts[index].count, at: starts[index], summing: checking)
                guard !checking || checksum == expected[index] else { throw .checksum(parts[index].section.name) }
                return .success(column)
            } catch {
                return .failure(error)
            }
        }
        var columns: [Column<UInt32>] = []
        for result in read {
            switch result {
            case .success(let values): columns.append(values)
            case .failure(let failure): throw failure
            }
        }
        let (turnFirstToken, turnSpeaker, turnDocument, turnTextStart, turnTextEnd, turnCheckpointStart) =
            (columns[0], columns[1], columns[2], columns[3], columns[4], columns[5])
        let (postingStart, typeRanges, checkpoints) = (Array(columns[6]), Array(columns[7]), columns[9])
        let postingOffsets: [UInt64] = columns[8].withUnsafeBytes { raw in
            (0...typeCount).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self)) }
        }

        guard let mapping = MappedFile(descriptor: descriptor, size: size, populate: false) else {
            throw .unreadable(SystemError.sentence(errno))
        }
        let health = CacheHealth(path: checksChecksums ? path : nil, stopsCommands: stopsCommandsOnDamage)
        func checks(_ section: Section) -> BlockChecks {
            let placement = contents.sections[section.rawValue]
            return BlockChecks(
                mapping: mapping, offset: placement.offset, length: placement.length,
                checksums: placement.checksums, health: health, checksChecksums: checking)
        }
        // Type ids are checked against the lexicon as they are unpacked.
        let tokenChecks = checks(.tokenType)
        let postingChecks = checks(.postings)
        let textChecks = checks(.texts)
        guard postingOffsets.first == 0, postingOffsets.last == UInt64(contents.sections[Section.postings.rawValue].length),
            zip(postingOffsets, postingOffsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw .structure("postings are out of order") }
        let textsLength = contents.sections[Section.texts.rawValue].length
        var documents: [Document] = []
        documents.reserveCapacity(contents.documents.count)
        for (document, text) in zip(contents.documents, contents.texts) {
            guard text.frame.upperBound <= textsLength else { throw .structure("a text lies outside its section") }
            let storage: TextStorage
            if let origin = text.origin {
                // The text is the file's bytes from `offset` to its end, as the stamp has it.
                guard text.frame.isEmpty, stamps.indices.contains(origin.source), stamps[origin.source].holds(origin, length: text.length)
                else { throw .structure("a text lies outside its file") }
                storage = TextStorage(
                    file: stamps[origin.source].path, offset: origin.offset, count: text.length, checksum: text.checksum, health: health)
            } else {
                guard text.length <= Self.mostBytes(inFrameOf: text.frame.count) else { throw .structure("a text is longer than its frame can hold") }
                storage = TextStorage(checks: textChecks, range: text.frame, count: text.length, checksum: text.checksum)
            }
            documents.append(Document(name: document.name, title: document.title, metadata: document.metadata, storage: storage, turns: document.turns))
        }
        var corpus = Corpus(
            documents: documents, lexicon: Lexicon(sortedForms: contents.forms), speakers: contents.speakers,
            tokenType: Column([]), turnFirstToken: turnFirstToken, turnSpeaker: turnSpeaker, turnDocument: turnDocument,
            turnTextStart: turnTextStart, turnTextEnd: turnTextEnd, postingStart: postingStart,
            postings: Postings(checks: postingChecks, offsets: postingOffsets, count: contents.tokenCount), typeRanges: typeRanges)
        corpus.packedTokenTypes = PackedTokenTypes(
            checks: tokenChecks, count: contents.tokenCount, bits: PackedTokenTypes.bits(forTypes: typeCount), typeCount: typeCount)
        corpus.healths = [health]
        corpus.mappings = [mapping]
        corpus.tokenCheckpoints = checkpoints
        corpus.turnCheckpointStart = turnCheckpointStart
        corpus.tokenizer = tokenizer
        corpus.cachedTextDigest = contents.textDigest
        corpus.cachedVariantCounts = contents.variantCounts
        if contents.hasLemmas {
            guard let lemmas = LemmaLayer(typeLemma: Array(columns[10]), extraForms: contents.extraLemmas, typeCount: typeCount) else {
                throw .structure("a lemma id is out of range")
            }
            corpus.lemmas = lemmas
        }
        guard contents.turnMetadataColumns.allSatisfy({ $0.count == turnCount }) else { throw .structure("turn metadata columns differ in length") }
        corpus.turnMetadata = TurnMetadata(
            turnCount: turnCount, keys: contents.turnMetadataKeys, values: contents.turnMetadataValues,
            columns: contents.turnMetadataColumns)
        try Self.validate(corpus)
        return corpus
    }

    /// The most bytes a Zstandard frame of `length` bytes can decompress to: each block takes at
    /// least 4 bytes (a 3-byte header and the byte an RLE block repeats) and gives at most
    /// 128 KiB. A header claiming a longer text is damage, found before memory is asked for.
    static func mostBytes(inFrameOf length: Int) -> Int {
        length / 4 * (128 << 10)
    }

    /// `count` values read at `offset` straight into a new array.
    static func readArray<Element: BitwiseCopyable>(_ descriptor: Int32, count: Int, at offset: Int) throws(Failure) -> [Element] {
        var failure: Failure?
        let values = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(Failure) {
                try readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer), at: offset)
                initialized = count
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return values
    }

    /// `count` values read at `offset` straight into a new column, with their checksum when
    /// `summing`: taken a piece at a time as each is read, while the piece is still in the
    /// processor's cache, instead of in a second pass over the whole column.
    static func readColumn(
        _ descriptor: Int32, count: Int, at offset: Int, summing: Bool = false
    ) throws(Failure) -> (Column<UInt32>, checksum: UInt64) {
        var failure: Failure?
        var checksum = Checksum.Stream()
        let column = Column<UInt32>(count: count) { buffer in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            let piece = 256 << 10
            do throws(Failure) {
                for start in stride(from: 0, to: bytes.count, by: piece) {
                    let range = start..<min(bytes.count, start + piece)
                    try readFully(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: bytes[range]), at: offset + start)
                    if summing { checksum.add(UnsafeRawBufferPointer(rebasing: bytes[range])) }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return (column, checksum.finish())
    }

    /// Fills `buffer` from `offset` of the open file `descriptor`, or says why it could not.
    static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(Failure) {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw .unreadable(SystemError.sentence(errno)) }
            if count == 0 { throw .truncated }
            done += count
        }
    }
}
