import Dispatch

/// Runs independent pieces of work on every core and collects their results in order.
enum Parallel {
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        // Each iteration writes its own slot and nothing else.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots[index] = transform(index)
        }
        return results.map { $0! }
    }
}
