import Foundation
import Testing

/// The index cache and the progress bar as a script sees them: the cache in $XDG_CACHE_HOME,
/// the same output from text and from the cache, and nothing on standard error.
@Suite("Index cache through the built binary")
struct CacheModeTests {
    static let debates = ParleyProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/debates")

    static let eve = ParleyProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/childes-eve")

    @Test("load --add reads the second corpus through its own cache and leaves the first corpus's cache file untouched",
        .enabled(if: FileManager.default.fileExists(atPath: debates.path) && FileManager.default.fileExists(atPath: eve.path)))
    func cachePerCorpus() throws {
        let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("parley-xdg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cacheHome) }
        let environment = ["XDG_CACHE_HOME": cacheHome.path]
        let folder = cacheHome.appendingPathComponent("parley")
        let first = try ParleyProcess.run(input: "load \(Self.debates.path) --as debates\n", environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let debatesCache = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        let path = folder.appendingPathComponent(debatesCache).path
        let written = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // A second process: the target from its cache, the reference added from text (then cached).
        let script = "load \(Self.debates.path) --as debates\nload \(Self.eve.path) --add --as eve\ninfo --format json\nkeywords debates --reference eve --top 3 --format csv\n"
        let both = try ParleyProcess.run(input: script, environment: environment)
        #expect(both.status == 0, "\(both.stderr)")
        #expect(both.stderr.contains("added eve (20 documents"))
        #expect(both.stdout.contains("\"corpus\": \"debates + eve\""))
        #expect(both.stdout.contains("side,type,a,b,range_a,range_b,"))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".parleyindex") }
        #expect(files.count == 2)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == written)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        // The same session again: both from their caches, the same answers.
        let again = try ParleyProcess.run(input: script, environment: environment)
        #expect(again.stdout == both.stdout)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == written)
    }

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
