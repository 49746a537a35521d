import Glibc

/// A read-only column of fixed-size values, the shape of the corpus's largest columns (one
/// value per token): filled once by a load, or mapped straight from an index cache file, so a
/// cached load copies nothing.
///
/// Its accessors are inlinable so that loops over a column in other modules (the shell's
/// commands) are specialised as loops over an array are, not run through generic witnesses.
package struct Column<Element: BitwiseCopyable & Sendable>: RandomAccessCollection, Sendable {
    package typealias Index = Int
    package typealias Indices = Range<Int>

    @usableFromInline let storage: ColumnStorage
    package let count: Int

    @inlinable package var startIndex: Int { 0 }
    @inlinable package var endIndex: Int { count }
    @inlinable package var indices: Range<Int> { 0..<count }
    @inlinable package func index(after index: Int) -> Int { index + 1 }
    @inlinable package func index(before index: Int) -> Int { index - 1 }

    @inlinable package subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "Column index out of range")
        return storage.base.load(fromByteOffset: position * MemoryLayout<Element>.stride, as: Element.self)
    }

    /// A column of `count` values written by `initialize`, which must set every one.
    package init(count: Int, initializingWith initialize: (UnsafeMutableBufferPointer<Element>) -> Void) {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(count, 1))
        initialize(UnsafeMutableBufferPointer(rebasing: buffer[0..<count]))
        storage = ColumnStorage(allocated: UnsafeMutableRawPointer(buffer.baseAddress!))
        self.count = count
    }

    /// A column of the first `count` values of `buffer`, which it now owns (from `allocate`).
    init(adopting buffer: UnsafeMutableBufferPointer<Element>, count: Int) {
        storage = ColumnStorage(allocated: UnsafeMutableRawPointer(buffer.baseAddress!))
        self.count = count
    }

    package init(_ values: [Element]) {
        self.init(count: values.count) { buffer in _ = buffer.initialize(fromContentsOf: values) }
    }

    /// `count` values at `offset` in a mapped file; the column keeps the mapping alive.
    init(mapping: MappedFile, offset: Int, count: Int) {
        storage = ColumnStorage(mapping: mapping, offset: offset)
        self.count = count
    }

    /// False when the file this column is mapped from has shrunk or lost pages under it: its
    /// values can no longer be trusted (and reading past the file's end would fault).
    package var isIntact: Bool { storage.mapping?.isIntact ?? true }

    @inlinable package func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base.assumingMemoryBound(to: Element.self), count: count))
    }

    @inlinable package func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage.base, count: count * MemoryLayout<Element>.stride))
    }
}

extension Column: Equatable where Element: Equatable {
    package static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}

extension Column: ExpressibleByArrayLiteral {
    package init(arrayLiteral elements: Element...) { self.init(elements) }
}

/// Who owns a column's memory. Immutable once made, so it can be shared across threads.
@usableFromInline final class ColumnStorage: @unchecked Sendable {
    @usableFromInline let base: UnsafeRawPointer
    /// The mapped file the values live in, or nil for memory of the column's own.
    let mapping: MappedFile?

    init(allocated base: UnsafeMutableRawPointer) {
        self.base = UnsafeRawPointer(base)
        mapping = nil
    }

    init(mapping: MappedFile, offset: Int) {
        base = mapping.base + offset
        self.mapping = mapping
    }

    deinit {
        if mapping == nil { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }
}

/// A file mapped read-only into memory, unmapped when the last column using it goes. The file
/// stays open so that a change under the session is seen (`isIntact`), and the mapping is
/// guarded: a page lost to a truncation by another program reads as zeros and stops the command
/// (`Interruption.isCacheDamage`) instead of killing the process with SIGBUS.
final class MappedFile: @unchecked Sendable {
    let base: UnsafeRawPointer
    let size: Int
    private let descriptor: Int32

    /// Maps `size` bytes of an open file (kept open: the mapping owns a duplicate); with
    /// `populate`, reading them in now rather than on first use.
    init?(descriptor: Int32, size: Int, populate: Bool = true) {
        guard size > 0 else { return nil }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), descriptor, 0)
        guard let address, address != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(address)
        self.size = size
        self.descriptor = dup(descriptor)
        _ = Interruption.guardMapping(address, size: size)
    }

    /// True while the file is still at least as long as what is mapped, and no page was lost.
    var isIntact: Bool {
        var status = stat()
        return !Interruption.isDamaged(base) && fstat(descriptor, &status) == 0 && Int(status.st_size) >= size
    }

    deinit {
        Interruption.unguardMapping(UnsafeMutableRawPointer(mutating: base))
        munmap(UnsafeMutableRawPointer(mutating: base), size)
        close(descriptor)
    }
}

/// A column while a load fills it: values appended one at a time into memory that doubles when
/// full, for loops that run once per token, where an array's checks for uniqueness and bounds
/// on every append are a measurable share of the load. It grows with `realloc`, which moves a
/// large block by remapping its pages rather than copying them into fresh ones. Owned by one
/// worker at a time.
final class ColumnBuilder<Element: BitwiseCopyable>: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = Swift.max(capacity, 16)
        base = Self.reallocate(nil, capacity: self.capacity)
    }

    deinit { free(base) }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { grow() }
        base[count] = value
        count += 1
    }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Lets go of the values and of the memory they took.
    func release() {
        capacity = 16
        count = 0
        free(base)
        base = Self.reallocate(nil, capacity: capacity)
    }

    @inline(never)
    private func grow() {
        capacity *= 2
        base = Self.reallocate(base, capacity: capacity)
    }

    private static func reallocate(_ pointer: UnsafeMutablePointer<Element>?, capacity: Int) -> UnsafeMutablePointer<Element> {
        guard let memory = realloc(pointer, capacity * MemoryLayout<Element>.stride) else {
            fatalError("out of memory for a column of \(capacity) values")
        }
        return memory.bindMemory(to: Element.self, capacity: capacity)
    }
}
