import Glibc

extension CacheFile {
    /// Writes a cache file (format 6, see `CacheFile`) under a temporary name in the same folder,
    /// then renames it. The texts are compressed and the postings encoded on every core.
    /// Returns the file's size, with each section's size in `sizes` (for the benchmark).
    static func write(
        _ corpus: Corpus, report: LoadReport, stamps: [IndexCache.Stamp], options: ReaderOptions, to path: String,
        sizes: inout [String: Int]
    ) throws(CacheError) -> Int {
        let tokenCount = corpus.tokenCount
        guard let postingColumn = corpus.postings.column else { throw CacheError("the corpus was read from a cache file already") }
        // The sections' bytes, built in parallel: the turns, the types (with where each type's
        // postings start in the postings section), the checkpoints, the postings, the texts.
        let typeCount = corpus.lexicon.count
        let chunkCount = max(1, min(64, typeCount / 1024))
        let chunks = (0..<chunkCount).map { ($0 * typeCount / chunkCount)..<(($0 + 1) * typeCount / chunkCount) }
        let encoded = Parallel.map(chunkCount) { chunk -> (bytes: [UInt8], ends: [Int]) in
            var bytes: [UInt8] = []
            var ends: [Int] = []
            postingColumn.withUnsafeBufferPointer { positions in
                for type in chunks[chunk] {
                    Postings.encode(UnsafeBufferPointer(rebasing: positions[Int(corpus.postingStart[type])..<Int(corpus.postingStart[type + 1])]), into: &bytes)
                    ends.append(bytes.count)
                }
            }
            return (bytes, ends)
        }
        // The encoded pieces are written one after another; the offsets say where each list is.
        var postingOffsets: [UInt64] = [0]
        var postingLength = 0
        for part in encoded {
            let base = UInt64(postingLength)
            postingOffsets += part.ends.map { base + UInt64($0) }
            postingLength += part.bytes.count
        }
        let postingPieces = encoded.map(\.bytes)
        let documents = corpus.documents
        // A text that is its file's bytes unchanged is read from the file again (and checked
        // against its checksum) instead of being stored; the others are compressed.
        let origins = documents.indices.map { index -> TextOrigin? in
            guard corpus.textOrigins.count == documents.count, let origin = corpus.textOrigins[index],
                stamps.indices.contains(origin.source)
            else { return nil }
            return stamps[origin.source].holds(origin, length: documents[index].textLength) ? origin : nil
        }
        let stored = documents.indices.filter { origins[$0] == nil }
        var frames = [[UInt8]](repeating: [], count: documents.count)
        for (index, frame) in zip(stored, TextStorage.compressed(stored.map { documents[$0].text })) {
            guard !frame.isEmpty || documents[index].textLength == 0 else { throw CacheError("a text could not be compressed") }
            frames[index] = frame
        }
        // A text read again from a transcript that changed since the load is blank: not saved.
        guard corpus.isIntact else { throw CacheError("a transcript changed while its index was being saved") }
        var turns: [UInt32] = []
        turns.reserveCapacity(6 * corpus.turnCount + 2)
        // A small section has a checksum per column, so that a load checks each column as it
        // reads it, on every core.
        var turnChecksums: [UInt64] = []
        for column in [corpus.turnFirstToken, corpus.turnSpeaker, corpus.turnDocument, corpus.turnTextStart, corpus.turnTextEnd, corpus.turnCheckpointStart] {
            turns += column
            turnChecksums.append(column.withUnsafeBytes { Checksum.of($0) })
        }
        var offsetWords: [UInt32] = []
        offsetWords.reserveCapacity(2 * postingOffsets.count)
        for offset in postingOffsets { offsetWords += [UInt32(truncatingIfNeeded: offset), UInt32(truncatingIfNeeded: offset >> 32)] }
        let typeColumns = [corpus.postingStart, corpus.typeRanges, offsetWords] + (corpus.lemmas.map { [$0.typeLemma] } ?? [])
        let types = Array(typeColumns.joined())
        let typeChecksums = typeColumns.map { Checksum.of($0) }
        let packedTypes = PackedTokenTypes.pack(corpus.tokenType, bits: PackedTokenTypes.bits(forTypes: typeCount))

        var header = BinaryWriter()
        header.write(ParleyVersion.current)
        header.write(options.cacheKey)
        header.write(stamps.count)
        for stamp in stamps {
            header.write(stamp.path)
            header.write(stamp.name)
            header.write(stamp.size)
            header.write(stamp.modified)
        }
        header.write(report.files)
        header.write(report.bytes)
        header.write(report.replacedSequences)
        header.write(report.skippedFiles.count)
        for skipped in report.skippedFiles { header.write(skipped) }
        header.write(corpus.speakers.count)
        for speaker in corpus.speakers { header.write(speaker) }
        header.write(corpus.lexicon.count)
        for form in corpus.lexicon.forms { header.write(form) }
        header.write(documents.count)
        var frameStart = 0
        var textDigest: UInt64 = 0
        // The load took each text's checksum while it read it; a corpus put together otherwise
        // has them taken here.
        let textChecksums = corpus.textChecksums.count == documents.count ? corpus.textChecksums : documents.map { Checksum.of($0.text) }
        for (index, (document, frame)) in zip(documents, frames).enumerated() {
            let checksum = textChecksums[index]
            textDigest = Checksum.combine(textDigest, checksum)
            header.write(document.name)
            header.write(document.title)
            header.write(document.metadata.count)
            for field in document.metadata {
                header.write(field.key)
                header.write(field.value)
            }
            header.write(document.turns.lowerBound)
            header.write(document.turns.upperBound)
            header.write(frameStart)
            header.write(frame.count)
            header.write(document.textLength)
            header.write(checksum)
            header.write(origins[index].map { $0.source + 1 } ?? 0)
            header.write(origins[index]?.offset ?? 0)
            frameStart += frame.count
        }
        let turnMetadata = corpus.turnMetadata
        header.write(turnMetadata.keys.count)
        for (index, key) in turnMetadata.keys.enumerated() {
            header.write(key)
            header.write(turnMetadata.values[index].count)
            for value in turnMetadata.values[index] { header.write(value) }
            header.write(turnMetadata.columns[index].count)
            for entry in turnMetadata.columns[index] { header.write(UInt64(entry)) }
        }
        header.write(tokenCount)
        header.write(corpus.turnCount)
        header.write(corpus.tokenCheckpoints.count)
        header.write(textDigest)
        let variants = corpus.variantCounts
        header.write(variants.names)
        header.write(variants.groups)
        header.write(corpus.lemmas == nil ? 0 : 1)
        let extraLemmas = corpus.lemmas?.extraForms ?? []
        header.write(extraLemmas.count)
        for form in extraLemmas { header.write(form) }

        // Where each section goes: after the header, each at a multiple of the alignment.
        let lengths = [turns.count * 4, types.count * 4, corpus.tokenCheckpoints.count * 4, packedTypes.count * 8, postingLength, frameStart]
        // The table of sections is part of the header, so its size is known before the offsets:
        // an offset, a length and a count of checksums, then the checksums.
        let checksums: [[UInt64]] = [
            turnChecksums, typeChecksums, corpus.tokenCheckpoints.withUnsafeBytes { [Checksum.of($0)] },
            packedTypes.withUnsafeBytes { BlockChecks.checksums(of: $0) },
            BlockChecks.checksums(ofPieces: postingPieces), BlockChecks.checksums(ofPieces: frames),
        ]
        let blockCounts = checksums.map(\.count)
        let tableLength = blockCounts.reduce(0) { $0 + 24 + 8 * $1 }
        var offsets: [Int] = []
        var next = Self.aligned(Self.prefixLength + header.bytes.count + tableLength)
        for length in lengths {
            offsets.append(next)
            next = Self.aligned(next + length)
        }
        // The last section ends the file: no padding after it.
        let fileSize = offsets.last! + lengths.last!

        for section in Section.allCases {
            header.write(offsets[section.rawValue])
            header.write(lengths[section.rawValue])
            header.write(checksums[section.rawValue].count)
            for checksum in checksums[section.rawValue] { header.write(checksum) }
        }
        var prefix = BinaryWriter()
        prefix.write(magicValue)
        prefix.write(IndexCache.formatVersion)
        prefix.write(header.bytes.count)
        prefix.write(header.bytes.withUnsafeBytes { Checksum.of($0) })
        for section in Section.allCases { sizes[section.name] = lengths[section.rawValue] }
        sizes["header"] = prefix.bytes.count + header.bytes.count

        let temporary = path + ".tmp-\(getpid())"
        // A new file of our own: never through a link left at the temporary name.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CacheError("cannot write \(temporary): \(SystemError.sentence(errno))") }
        // Every piece with the place it goes, written by every core at once (the copy into the
        // page cache is a third of a second for the Supreme Court corpus on one). The gaps
        // between sections are left as holes, which read as zeros.
        var pieces: [Piece] = []
        func add<Element: Sendable>(_ offset: Int, _ array: [Element]) {
            pieces.append(Piece(offset: offset, length: array.count * MemoryLayout<Element>.stride) { body in array.withUnsafeBytes(body) })
        }
        func add(_ offset: Int, pieces list: [[UInt8]]) {
            var next = offset
            for piece in list {
                add(next, piece)
                next += piece.count
            }
        }
        add(0, prefix.bytes)
        add(prefix.bytes.count, header.bytes)
        add(offsets[Section.turns.rawValue], turns)
        add(offsets[Section.types.rawValue], types)
        add(offsets[Section.checkpoints.rawValue], Array(corpus.tokenCheckpoints))
        add(offsets[Section.tokenType.rawValue], packedTypes)
        add(offsets[Section.postings.rawValue], pieces: postingPieces)
        add(offsets[Section.texts.rawValue], pieces: frames)
        let total = pieces.reduce(0) { $0 + $1.length }
        let expected = Section.allCases.reduce(prefix.bytes.count + header.bytes.count) { $0 + lengths[$1.rawValue] }
        var closed = false
        do throws(CacheError) {
            guard total == expected else { throw CacheError("cannot write \(temporary): \(total) bytes of pieces for \(expected)") }
            guard ftruncate(descriptor, off_t(fileSize)) == 0 else {
                throw CacheError("cannot write \(temporary): \(SystemError.sentence(errno))")
            }
            // Runs of consecutive pieces with about the same bytes each.
            let workers = Swift.max(1, Swift.min(Parallel.coreCount, pieces.count))
            var bounds = [0]
            var sum = 0
            for (index, piece) in pieces.enumerated() {
                sum += piece.length
                if bounds.count < workers, sum >= total * bounds.count / workers { bounds.append(index + 1) }
            }
            while bounds.count <= workers { bounds.append(pieces.count) }
            bounds[workers] = pieces.count
            let (runs, all) = (bounds, pieces)
            let failures = Parallel.map(workers) { worker -> Int32? in
                for piece in all[runs[worker]..<runs[worker + 1]] {
                    if let failure = piece.write(to: descriptor) { return failure }
                }
                return nil
            }
            if let failure = failures.lazy.compactMap({ $0 }).first {
                throw CacheError("cannot write \(temporary): \(SystemError.sentence(failure))")
            }
            closed = true
            guard close(descriptor) == 0 else { throw CacheError("cannot write \(temporary): \(SystemError.sentence(errno))") }
            guard rename(temporary, path) == 0 else { throw CacheError("cannot rename \(temporary): \(SystemError.sentence(errno))") }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
        return fileSize
    }

    /// Bytes that go at `offset` of a cache file being written.
    private struct Piece: Sendable {
        let offset: Int
        let length: Int
        let bytes: @Sendable ((UnsafeRawBufferPointer) -> Void) -> Void

        /// Writes the piece at its place; the `errno` of a failed write, or nil.
        func write(to descriptor: Int32) -> Int32? {
            var failure: Int32?
            bytes { buffer in
                var done = 0
                while done < buffer.count {
                    let count = pwrite(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 {
                        failure = count < 0 ? errno : ENOSPC
                        return
                    }
                    done += count
                }
            }
            return failure
        }
    }


    private static func aligned(_ offset: Int) -> Int {
        (offset + sectionAlignment - 1) / sectionAlignment * sectionAlignment
    }
}
