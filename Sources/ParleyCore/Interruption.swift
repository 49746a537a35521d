import CInterrupt
import Foundation

/// Ctrl-C as long-running work sees it: one flag for the process, raised by the SIGINT handler
/// (CInterrupt) and polled by every loop that can run for long, which then stops early; the
/// command that ran it reports the cancellation and its partial result is thrown away.
package enum Interruption {
    /// True once SIGINT arrived since the last `clear`. Cheap enough to poll every few
    /// thousand iterations.
    @inline(__always)
    package static var isRequested: Bool { parley_interrupted() != 0 }

    /// Forgets an earlier SIGINT (before the next line or command).
    package static func clear() { parley_clear_interrupt() }

    /// Installs the handler. With `exitWhenIdle` (script mode), SIGINT while no command runs
    /// ends the process with status 130 at once.
    package static func installHandler(exitWhenIdle: Bool) { parley_install_sigint_handler(exitWhenIdle ? 1 : 0) }

    /// Marks whether a command runs (SIGINT then cancels it instead of ending the process).
    package static func setBusy(_ busy: Bool) { parley_set_busy(busy ? 1 : 0) }

    /// True when the flag was raised by the time limit rather than by Ctrl-C.
    package static var isTimeout: Bool { parley_stop_reason() == PARLEY_STOP_TIMEOUT }

    /// True when the flag was raised because a mapped index cache lost a page (another program
    /// truncated the file under the session).
    package static var isCacheDamage: Bool { parley_stop_reason() == PARLEY_STOP_DAMAGE }

    /// Stops the running command because the cache it reads failed a check.
    static func raiseCacheDamage() { parley_raise_stop(PARLEY_STOP_DAMAGE) }

    /// True once the guarded mapping at `base` lost a page.
    static func isDamaged(_ base: UnsafeRawPointer) -> Bool { parley_mapping_damaged(UnsafeMutableRawPointer(mutating: base)) != 0 }

    static func guardMapping(_ base: UnsafeMutableRawPointer, size: Int) -> Bool { parley_guard_mapping(base, size) != 0 }

    static func unguardMapping(_ base: UnsafeMutableRawPointer) { parley_unguard_mapping(base) }

    /// Runs `body` with a time limit: after `seconds` the flag is raised as Ctrl-C raises it, so
    /// every loop that polls it stops. No limit when `seconds` is nil.
    package static func withTimeLimit<Result, Failure: Error>(
        _ seconds: Double?, _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        guard let seconds, seconds > 0 else { return try body() }
        parley_arm_timeout(max(1, Int((seconds * 1000).rounded())))
        defer { parley_disarm_timeout() }
        return try body()
    }
}

extension Interruption {
    /// True every 4,096th index once SIGINT arrived: a loop polls this and stops.
    @inline(__always)
    package static func stops(at index: Int) -> Bool {
        index & 0xFFF == 0 && isRequested
    }
}

extension Array where Element: Sendable {
    /// Sorts stably by `areInIncreasingOrder`, polling Ctrl-C between pieces of work of at most
    /// 16,384 elements, so that sorting millions of lines stops within milliseconds. Returns
    /// false when interrupted, leaving the elements in some order.
    package mutating func interruptibleSort(by areInIncreasingOrder: (Element, Element) -> Bool) -> Bool {
        let run = 1 << 14
        guard count > run else {
            sort(by: areInIncreasingOrder)
            return !Interruption.isRequested
        }
        // Sorted runs first (Swift's sort is stable), then bottom-up merges of neighbouring runs.
        for start in stride(from: 0, to: count, by: run) {
            if Interruption.isRequested { return false }
            self[start..<Swift.min(count, start + run)].sort(by: areInIncreasingOrder)
        }
        // Each pass appends the merged runs to `target`: no copy of the array on first write.
        var source = self
        var target: [Element] = []
        target.reserveCapacity(count)
        var width = run
        while width < count {
            target.removeAll(keepingCapacity: true)
            for start in stride(from: 0, to: count, by: 2 * width) {
                let middle = Swift.min(count, start + width)
                let end = Swift.min(count, start + 2 * width)
                var (left, right) = (start, middle)
                while left < middle || right < end {
                    if target.count & 0xFFF == 0, Interruption.isRequested {
                        // Releasing millions of elements (each an array, say) takes a second.
                        Interruption.discard((consume source, consume target))
                        return false
                    }
                    // Take from the right only when it is strictly smaller: stable.
                    if right < end, left == middle || areInIncreasingOrder(source[right], source[left]) {
                        target.append(source[right])
                        right += 1
                    } else {
                        target.append(source[left])
                        left += 1
                    }
                }
            }
            swap(&source, &target)
            width *= 2
        }
        self = source
        return true
    }
}

extension Interruption {
    /// Frees `value` on a thread of its own, for work stopped by Ctrl-C and for large buffers
    /// of finished work: releasing millions of lines or gigabytes of table takes longer than the
    /// user should wait for the prompt. The thread starts
    /// freeing a moment later, so that it does not hold the allocator while the stopped command
    /// unwinds and the prompt is drawn.
    package static func discard<Value: Sendable>(_ value: consuming Value) {
        let box = Box(value)
        Thread.detachNewThread { [box] in
            usleep(250_000)
            box.value = nil
        }
    }

    private final class Box<Value: Sendable>: @unchecked Sendable {
        var value: Value?
        init(_ value: consuming Value) { self.value = value }
    }
}
