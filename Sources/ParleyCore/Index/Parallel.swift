import Dispatch
import Glibc

/// Runs independent pieces of work on every core and collects their results in order.
package enum Parallel {
    /// The cores this process may run on.
    package static let coreCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    package static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        // Each iteration writes its own slot and nothing else.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots[index] = transform(index)
        }
        // Move the results out, so the buffer keeps no second reference to them.
        return (0..<count).map { (results.baseAddress! + $0).move()! }
    }
}
