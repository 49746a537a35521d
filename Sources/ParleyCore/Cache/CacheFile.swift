import Dispatch
import Glibc

/// One cache file: a fixed prefix (magic, format version, header length and checksum), a
/// header (Parley version, reader options, source stamps, the load report, speakers, types,
/// documents, and each section's length and checksum), then the corpus's columns as raw
/// `UInt32`s and the documents' texts, each read in bulk straight into its array.
package final class CacheFile {
    package enum Failure: Error, CustomStringConvertible {
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

    /// The columns, in file order. The first `tokenColumns`, one value per token, are mapped
    /// into memory straight from the file; the others are read into arrays.
    static let columnNames = [
        "tokenType", "postings", "turnFirstToken", "turnSpeaker", "turnDocument",
        "turnTextStart", "turnTextEnd", "postingStart", "typeRanges", "tokenCheckpoints", "turnCheckpointStart",
    ]
    static let tokenColumns = 2

    static func columns(of corpus: Corpus) -> [Column<UInt32>] {
        [corpus.tokenType, corpus.postings]
            + [
                corpus.turnFirstToken, corpus.turnSpeaker, corpus.turnDocument, corpus.turnTextStart,
                corpus.turnTextEnd, corpus.postingStart, corpus.typeRanges, corpus.tokenCheckpoints, corpus.turnCheckpointStart,
            ].map { Column($0) }
    }

    /// Where the columns start: after the header, at a multiple of 8 so every column is aligned.
    static func bodyStart(headerLength: Int) -> Int { (prefixLength + headerLength + 7) / 8 * 8 }

    private let descriptor: Int32
    private let size: Int
    private let header: [UInt8]
    /// False only for fuzzing (`inspect`): checksums are not compared, so that random bytes
    /// reach the parsing and structure checks behind them.
    private let checksChecksums: Bool

    /// Opens a cache file and checks its prefix and header checksum.
    init(path: String, checkingChecksums: Bool = true) throws(Failure) {
        checksChecksums = checkingChecksums
        // Not blocking on open: a FIFO at the cache's path is refused, not waited on.
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

    static let prefixLength = IndexCache.prefixLength
    static var magicValue: UInt64 {
        IndexCache.magic.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * $1.offset) }
    }

    private static func parse<T>(_ body: () throws(BinaryReader.Malformed) -> T) throws(Failure) -> T {
        do {
            return try body()
        } catch {
            throw .malformedHeader
        }
    }

    /// Whatever corpus the file at `path` holds, whatever files, options and version it names,
    /// with no checksum compared: what the fuzz target feeds random files to, so the header's
    /// parser and the structure checks are tried on every shape of damage.
    package static func inspect(_ path: String) throws(Failure) -> Corpus {
        let file = try CacheFile(path: path, checkingChecksums: false)
        var reader = BinaryReader(file.header)
        let contents = try Self.parse { () throws(BinaryReader.Malformed) -> Contents in
            _ = try reader.string()
            _ = try reader.string()
            for _ in 0..<(try reader.count(minimumSize: 32)) {
                _ = (try reader.string(), try reader.string(), try reader.int(limit: Int.max), try reader.signed())
            }
            return try Contents(&reader)
        }
        guard contents.end(after: Self.bodyStart(headerLength: file.header.count)) == file.size else { throw .truncated }
        return try file.load(contents, tokenizer: Tokenizer(skippingNotes: true))
    }

    /// The corpus, or nil when the file was built from other files, options or another
    /// version of Parley.
    func read(expecting stamps: [IndexCache.Stamp], options: ReaderOptions) throws(Failure) -> (Corpus, LoadReport)? {
        var reader = BinaryReader(header)
        let contents = try Self.parse { () throws(BinaryReader.Malformed) -> Contents? in
            guard try reader.string() == ParleyVersion.current, try reader.string() == options.cacheKey else { return nil }
            let count = try reader.count(minimumSize: 32)
            guard count == stamps.count else { return nil }
            for stamp in stamps {
                let cached = IndexCache.Stamp(
                    path: try reader.string(), name: try reader.string(), size: try reader.int(limit: Int.max),
                    modified: try reader.signed())
                guard cached == stamp else { return nil }
            }
            return try Contents(&reader)
        }
        guard let contents else { return nil }
        guard contents.end(after: Self.bodyStart(headerLength: header.count)) == size else { throw .truncated }
        return (try load(contents, tokenizer: Tokenizer(skippingNotes: !options.keepNotes)), contents.report)
    }

    /// What the header says besides the key.
    private struct Contents {
        var report: LoadReport
        var speakers: [String]
        var forms: [String]
        var documents: [Document]
        var textLengths: [Int]
        var turnMetadataKeys: [String]
        var turnMetadataValues: [[String]]
        var turnMetadataColumns: [[UInt32]]
        var columnCounts: [Int]
        var columnChecksums: [UInt64]
        var textChecksum: UInt64

        init(_ reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            // Every count is checked against the bytes left before anything is allocated for it
            // (a string takes at least its 8-byte length).
            report = LoadReport(files: try reader.int(), bytes: try reader.int(limit: Int.max), replacedSequences: try reader.int(limit: Int.max))
            report.skippedFiles = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
            speakers = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
            forms = try (0..<reader.count(minimumSize: 8)).map { _ throws(BinaryReader.Malformed) in try reader.string() }
            documents = []
            textLengths = []
            for _ in 0..<(try reader.count(minimumSize: 41)) {
                let name = try reader.string()
                let title = try reader.optionalString()
                let metadata = try (0..<reader.count(minimumSize: 16)).map { _ throws(BinaryReader.Malformed) in
                    MetadataField(key: try reader.string(), value: try reader.string())
                }
                let lower = try reader.int()
                let upper = try reader.int()
                guard lower <= upper else { throw BinaryReader.Malformed() }
                textLengths.append(try reader.int())
                documents.append(Document(name: name, title: title, metadata: metadata, text: [], turns: lower..<upper))
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
            columnCounts = []
            columnChecksums = []
            for _ in CacheFile.columnNames {
                columnCounts.append(try reader.int(limit: Int(UInt32.max) + 1))
                columnChecksums.append(try reader.uint64())
            }
            textChecksum = try reader.uint64()
            guard reader.isAtEnd else { throw BinaryReader.Malformed() }
        }

        func columnOffsets(after start: Int) -> [Int] {
            columnCounts.reduce(into: [start]) { $0.append($0.last! + 4 * $1) }
        }

        func end(after start: Int) -> Int {
            columnOffsets(after: start).last! + textLengths.reduce(0, +)
        }
    }

    private enum Section: Sendable {
        case tokenColumn(Column<UInt32>)
        case column([UInt32])
        case texts([[UInt8]])
        case failed(Failure)
    }

    /// Maps the token columns and reads the rest, in parallel (the texts are the largest), checks
    /// every section's checksum, and checks the structure the analyses index by. The mapping is
    /// guarded (see `MappedFile`): a file truncated under the session stops a command instead of
    /// taking the session down.
    private func load(_ contents: Contents, tokenizer: Tokenizer) throws(Failure) -> Corpus {
        let offsets = contents.columnOffsets(after: Self.bodyStart(headerLength: header.count))
        guard let mapping = MappedFile(descriptor: descriptor, size: offsets[Self.tokenColumns]) else {
            throw .unreadable(SystemError.sentence(errno))
        }
        let mapped = (0..<Self.tokenColumns).map { Column<UInt32>(mapping: mapping, offset: offsets[$0], count: contents.columnCounts[$0]) }
        let descriptor = self.descriptor
        let checks = checksChecksums
        let sections = Parallel.map(contents.columnCounts.count + 1) { task -> Section in
            do throws(Failure) {
                guard task > 0 else { return .texts(try Self.readTexts(descriptor, contents, at: offsets.last!, checking: checks)) }
                let index = task - 1
                if index < Self.tokenColumns {
                    guard !checks || mapped[index].withUnsafeBytes({ Checksum.of($0) }) == contents.columnChecksums[index] else {
                        throw .checksum(Self.columnNames[index])
                    }
                    return .tokenColumn(mapped[index])
                }
                let column: [UInt32] = try Self.readArray(descriptor, count: contents.columnCounts[index], at: offsets[index])
                guard !checks || Checksum.of(column) == contents.columnChecksums[index] else { throw .checksum(Self.columnNames[index]) }
                return .column(column)
            } catch {
                return .failed(error)
            }
        }
        var tokenColumns: [Column<UInt32>] = []
        var columns: [[UInt32]] = []
        var documents = contents.documents
        for section in sections {
            switch section {
            case .failed(let failure): throw failure
            case .tokenColumn(let column): tokenColumns.append(column)
            case .column(let column): columns.append(column)
            case .texts(let texts): for index in documents.indices { documents[index].text = texts[index] }
            }
        }
        var corpus = Corpus(
            documents: documents, lexicon: Lexicon(sortedForms: contents.forms), speakers: contents.speakers,
            tokenType: tokenColumns[0], tokenCheckpoints: columns[7], turnCheckpointStart: columns[8],
            tokenizer: tokenizer,
            turnFirstToken: columns[0], turnSpeaker: columns[1],
            turnDocument: columns[2], turnTextStart: columns[3], turnTextEnd: columns[4], postingStart: columns[5],
            postings: tokenColumns[1], typeRanges: columns[6])
        corpus.cachedTextDigest = contents.textChecksum
        guard contents.turnMetadataColumns.allSatisfy({ $0.count == corpus.turnCount }) else { throw .structure("turn metadata columns differ in length") }
        corpus.turnMetadata = TurnMetadata(
            turnCount: corpus.turnCount, keys: contents.turnMetadataKeys, values: contents.turnMetadataValues,
            columns: contents.turnMetadataColumns)
        try Self.validate(corpus)
        return corpus
    }

    private static func readTexts(_ descriptor: Int32, _ contents: Contents, at start: Int, checking: Bool) throws(Failure) -> [[UInt8]] {
        var offset = start
        var checksum: UInt64 = 0
        var texts: [[UInt8]] = []
        texts.reserveCapacity(contents.textLengths.count)
        for length in contents.textLengths {
            let text: [UInt8] = try readArray(descriptor, count: length, at: offset)
            checksum = Checksum.combine(checksum, Checksum.of(text))
            texts.append(text)
            offset += length
        }
        guard !checking || checksum == contents.textChecksum else { throw .checksum("texts") }
        return texts
    }

    /// `count` values read at `offset` straight into a new array.
    private static func readArray<Element: BitwiseCopyable>(_ descriptor: Int32, count: Int, at offset: Int) throws(Failure) -> [Element] {
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

    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(Failure) {
        adviseHugePages(buffer)
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw .unreadable(SystemError.sentence(errno)) }
            if count == 0 { throw .truncated }
            done += count
        }
    }

    /// Asks for huge pages for a large buffer about to be filled (the turn columns, 6.6 MB each
    /// on the Supreme Court corpus): 4 KiB pages cost one page fault each.
    private static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        let page = 4096
        guard buffer.count >= 4 << 20, let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + page - 1) / page * page
        let end = (Int(bitPattern: base) + buffer.count) / page * page
        madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
    }
}
