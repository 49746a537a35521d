import Foundation
import Testing

/// The index cache and the progress bar as a script sees them: the cache in $XDG_CACHE_HOME,
/// the same output from text and from the cache, and nothing on standard error.
@Suite("Index cache through the built binary")
struct CacheModeTests {
    static let debates = ParleyProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/debates")

    @Test("a 3 MB load is cached in XDG_CACHE_HOME/parley and read back with the same output",
        .enabled(if: FileManager.default.fileExists(atPath: debates.path)))
    func cachedLoad() throws {
        let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("parley-xdg-\(UUID().uuidString)")
        let environment = ["XDG_CACHE_HOME": cacheHome.path]
        let script = "info\nkwic terror* --limit 5\nfreq --top 10\n"
        let first = try ParleyProcess.run([Self.debates.path], input: script, environment: environment)
        let files = try FileManager.default.contentsOfDirectory(atPath: cacheHome.appendingPathComponent("parley").path)
        #expect(files.count == 1 && files[0].hasSuffix(".parleyindex"))
        let second = try ParleyProcess.run([Self.debates.path], input: script, environment: environment)
        let uncached = try ParleyProcess.run(input: "load \(Self.debates.path) --no-cache\n" + script, environment: environment)
        #expect(first.status == 0 && second.status == 0 && uncached.status == 0)
        // Standard error holds the load's status line and nothing else: no progress bar, no warning.
        #expect(first.stderr.hasPrefix("parley: loaded 35 documents, 6437 turns, 175 speakers, 530759 tokens, "))
        #expect(first.stderr.split(separator: "\n").count == 1)
        #expect(second.stderr == first.stderr && uncached.stderr == first.stderr)
        #expect(second.stdout == first.stdout && uncached.stdout == first.stdout)
        // 45 tokens sit in 39 transcription notes ([inaudible], (LAUGHTER), [sic]), which are
        // not words: 530,804 − 45, checked by an independent count over the files.
        #expect(first.stdout.hasPrefix("corpus                 debates\n"))
    }
}
