import Glibc

extension CacheFile {
    /// Writes a cache file under a temporary name in the same folder, then renames it.
    static func write(
        _ corpus: Corpus, report: LoadReport, stamps: [IndexCache.Stamp], options: ReaderOptions, to path: String
    ) throws(CacheError) -> Int {
        let columns = columns(of: corpus)
        let checksums = Parallel.map(columns.count) { index in columns[index].withUnsafeBytes { Checksum.of($0) } }
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
        header.write(corpus.documents.count)
        var textChecksum: UInt64 = 0
        for document in corpus.documents {
            header.write(document.name)
            header.write(document.title)
            header.write(document.metadata.count)
            for field in document.metadata {
                header.write(field.key)
                header.write(field.value)
            }
            header.write(document.turns.lowerBound)
            header.write(document.turns.upperBound)
            header.write(document.text.count)
            textChecksum = Checksum.combine(textChecksum, Checksum.of(document.text))
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
        for (column, checksum) in zip(columns, checksums) {
            header.write(column.count)
            header.write(checksum)
        }
        header.write(textChecksum)
        var prefix = BinaryWriter()
        prefix.write(magicValue)
        prefix.write(IndexCache.formatVersion)
        prefix.write(header.bytes.count)
        prefix.write(header.bytes.withUnsafeBytes { Checksum.of($0) })

        let temporary = path + ".tmp-\(getpid())"
        // A new file of our own: never through a link left at the temporary name.
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw CacheError("cannot write \(temporary): \(SystemError.sentence(errno))") }
        var written = 0
        var closed = false
        do throws(CacheError) {
            // Non-throwing, so it can run inside `withUnsafeBytes`; nil when all was written.
            func write(_ bytes: UnsafeRawBufferPointer) -> CacheError? {
                var done = 0
                while done < bytes.count {
                    let count = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                    if count < 0, errno == EINTR { continue }
                    if count <= 0 { return CacheError("cannot write \(temporary): \(SystemError.sentence(errno))") }
                    done += count
                }
                written += bytes.count
                return nil
            }
            let padding = [UInt8](repeating: 0, count: bodyStart(headerLength: header.bytes.count) - prefixLength - header.bytes.count)
            for piece in [prefix.bytes, header.bytes, padding] { if let error = piece.withUnsafeBytes(write) { throw error } }
            for column in columns { if let error = column.withUnsafeBytes(write) { throw error } }
            for document in corpus.documents { if let error = document.text.withUnsafeBytes(write) { throw error } }
            closed = true
            guard close(descriptor) == 0 else { throw CacheError("cannot write \(temporary): \(SystemError.sentence(errno))") }
            guard rename(temporary, path) == 0 else { throw CacheError("cannot rename \(temporary): \(SystemError.sentence(errno))") }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
        return written
    }
}
