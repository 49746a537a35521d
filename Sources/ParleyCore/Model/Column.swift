import Glibc

/// A read-only column of fixed-size values, the shape of the corpus's largest columns (one
/// value per token): filled once, by a load or straight from an index cache file, and shared
/// across threads without copying.
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
        storage = ColumnStorage(allocated: UnsafeMutableRawPointer(buffer.baseAddress!))
        self.count = count
    }

    package init(_ values: [Element]) {
        self.init(count: values.count) { buffer in _ = buffer.initialize(fromContentsOf: values) }
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
    let base: UnsafeRawPointer

    init(allocated base: UnsafeMutableRawPointer) {
        self.base = UnsafeRawPointer(base)
    }

    deinit { UnsafeMutableRawPointer(mutating: base).deallocate() }
}
