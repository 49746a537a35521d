import Glibc

/// A read-only column of fixed-size values, the shape of the corpus's largest columns (one
/// value per token): filled once by a load, or mapped straight from an index cache file, so a
/// cached load copies nothing.
package struct Column<Element: BitwiseCopyable & Sendable>: RandomAccessCollection, Sendable {
    private let storage: ColumnStorage
    package let count: Int

    package var startIndex: Int { 0 }
    package var endIndex: Int { count }

    package subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "Column index out of range")
        return storage.base.load(fromByteOffset: position * MemoryLayout<Element>.stride, as: Element.self)
    }

    /// A column of `count` values written by `initialize`, which must set every one.
    package init(count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Element>) -> Void) {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(count, 1))
        initialize(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
        storage = ColumnStorage(base: UnsafeRawPointer(buffer.baseAddress!), owner: .allocated(UnsafeMutableRawPointer(buffer.baseAddress!)))
        self.count = count
    }

    package init(_ values: [Element]) {
        self.init(count: values.count) { buffer in _ = buffer.initialize(fromContentsOf: values) }
    }

    /// `count` values at `offset` in a mapped file; the column keeps the mapping alive.
    init(mapping: MappedFile, offset: Int, count: Int) {
        storage = ColumnStorage(base: UnsafeRawPointer(mapping.base + offset), owner: .mapping(mapping))
        self.count = count
    }

    package func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base.assumingMemoryBound(to: Element.self), count: count))
    }

    package func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage.base, count: count * MemoryLayout<Element>.stride))
    }
}

/// Who owns a column's memory. Immutable once made, so it can be shared across threads.
final class ColumnStorage: @unchecked Sendable {
    enum Owner {
        case allocated(UnsafeMutableRawPointer)
        case mapping(MappedFile)
    }

    let base: UnsafeRawPointer
    private let owner: Owner

    init(base: UnsafeRawPointer, owner: Owner) {
        self.base = base
        self.owner = owner
    }

    deinit {
        if case .allocated(let pointer) = owner { pointer.deallocate() }
    }
}

/// A whole file mapped read-only into memory, unmapped when the last column using it goes.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer
    let size: Int

    /// Maps `size` bytes of an open file, reading them in now rather than on first use.
    init?(descriptor: Int32, size: Int) {
        guard size > 0 else { return nil }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0)
        guard let address, address != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(address)
        self.size = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }
}
