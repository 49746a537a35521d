import Foundation
import ParleyCore
import Synchronization

/// A one-line progress bar on standard error for a load that takes longer than about a second:
/// files, bytes, rate and time left, redrawn in place and erased when the load ends. Only the
/// prompt shows one, and only on a terminal; scripts and notebooks never see it.
final class ProgressBar: Sendable {
    /// How long a load runs before the bar appears.
    static let delay = Duration.seconds(1)
    private static let interval: UInt32 = 100_000  // microseconds between redraws

    private let progress: LoadProgress
    private let started = ContinuousClock.now
    private let finished = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts drawing on a thread of its own.
    init(_ progress: LoadProgress) {
        self.progress = progress
        Thread.detachNewThread { [self] in run() }
    }

    /// Stops drawing and erases the bar; returns once it is gone.
    func finish() {
        finished.store(true, ordering: .relaxed)
        stopped.wait()
    }

    private func run() {
        var drawn = false
        while !finished.load(ordering: .relaxed) {
            usleep(Self.interval)
            let elapsed = ContinuousClock.now - started
            guard elapsed >= Self.delay, !finished.load(ordering: .relaxed) else { continue }
            Terminal.write("\r" + Self.line(progress, elapsed: elapsed, width: Self.terminalWidth()) + "\u{1B}[K", to: .standardError)
            drawn = true
        }
        if drawn { Terminal.write("\r\u{1B}[K", to: .standardError) }
        stopped.signal()
    }

    /// "loading [#######.......] 3,120/8,240 files  180/474 MB  52 MB/s  6 s left"
    static func line(_ progress: LoadProgress, elapsed: Duration, width: Int) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let done = progress.bytesDone
        if progress.isIndexing {
            return "indexing \(grouped(progress.totalFiles)) files, \(megabytes(progress.totalBytes)) MB (\(Int(seconds)) s)"
        }
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var details = "\(grouped(progress.filesDone))/\(grouped(progress.totalFiles)) files  "
            + "\(megabytes(done))/\(megabytes(progress.totalBytes)) MB  \(megabytes(Int(rate))) MB/s"
        if rate > 0 { details += "  \(Int((Double(progress.totalBytes - done) / rate).rounded(.up))) s left" }
        let barWidth = max(10, min(40, width - details.count - 13))
        let fraction = progress.totalBytes > 0 ? Double(done) / Double(progress.totalBytes) : 0
        let filled = min(barWidth, Int(fraction * Double(barWidth)))
        return "loading [" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "] " + details
    }

    private static func megabytes(_ bytes: Int) -> String { grouped(bytes / 1_000_000) }

    private static func grouped(_ value: Int) -> String {
        var digits = Array(String(value))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    private static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
