@testable import ParleyCore
@testable import ParleyShell
import Testing

@Suite("Load progress bar")
struct ProgressBarTests {
    @Test("the bar shows files, megabytes, rate and time left, and fits the width")
    func line() {
        let progress = LoadProgress(totalFiles: 8240, totalBytes: 474_000_000)
        for _ in 0..<2060 { progress.fileDone(bytes: 57_524) }  // a quarter: 118,499,440 bytes
        let line = ProgressBar.line(progress, elapsed: .seconds(2), width: 100)
        // 118 MB in 2 s is 59 MB/s; the other 355,500,560 bytes take 6.00004 s more, shown as 7 s (rounded
        // up). The text takes 48 columns, so the bar gets 100 - 48 - 13 = 39, a quarter of them filled: 9.
        #expect(line == "loading [" + String(repeating: "#", count: 9) + String(repeating: ".", count: 30) + "] "
            + "2,060/8,240 files  118/474 MB  59 MB/s  7 s left")
        #expect(line.count <= 100)
        progress.startIndexing()
        #expect(ProgressBar.line(progress, elapsed: .seconds(5), width: 100) == "indexing 8,240 files, 474 MB (5 s)")
    }
}
