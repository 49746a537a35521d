import Synchronization

/// How far a load has got, updated by the workers as each file is tokenized and read by
/// whoever shows it (the shell's progress bar).
package final class LoadProgress: Sendable {
    package let totalFiles: Int
    package let totalBytes: Int
    private let files = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let indexing = Atomic<Bool>(false)

    package init(totalFiles: Int, totalBytes: Int) {
        self.totalFiles = totalFiles
        self.totalBytes = totalBytes
    }

    package var filesDone: Int { files.load(ordering: .relaxed) }
    package var bytesDone: Int { bytes.load(ordering: .relaxed) }
    /// True once every file is tokenized and the index is being built.
    package var isIndexing: Bool { indexing.load(ordering: .relaxed) }

    func fileDone(bytes count: Int) {
        files.add(1, ordering: .relaxed)
        bytes.add(count, ordering: .relaxed)
    }

    func startIndexing() { indexing.store(true, ordering: .relaxed) }
}
