import Foundation
import ParleyCore
@testable import ParleyShell
import Testing

/// Every command gives the same bytes on a corpus loaded from text and on one loaded from the
/// index cache: the seed folder always, the debates of ../shared when it is there.
@Suite("Index cache through the shell")
struct CacheTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let debates = root.deletingLastPathComponent().appendingPathComponent("shared/corpora/debates").path

    static var corpora: [String] {
        [root.appendingPathComponent("seeds").path] + (FileManager.default.fileExists(atPath: debates) ? [debates] : [])
    }

    /// One of each verb, most of them with their options, on the corpus's two biggest speakers.
    static func commands(_ corpus: Corpus) -> [String] {
        let speakers = corpus.speakerStatistics(in: nil).sorted { $0.tokens > $1.tokens }.prefix(2).map { "\"\($0.speaker)\"" }
        let (first, second) = (speakers[0], speakers[1])
        return [
            "info", "speakers", "speakers --sort name --format csv", "turns --limit 30", "turns --speaker \(first) --format json",
            "kwic terror*", "kwic the --sort 1R,2R --limit 40", "kwic \"we are\" --format tsv", "kwic /terror.*/ --sort speaker,node",
            "count the --by speaker", "count terror* --by doc", "count \"the *\"",
            "freq --top 50", "freq --ngram 2 --top 30", "freq --ngram 3 --stopwords en --top 20", "freq --by speaker --top 5",
            "freq --min 3 --format json",
            "collocates the", "collocates we --window 2 3 --top 15", "dispersion the", "dispersion terror* --by turn",
            "compare \(first) \(second)", "compare \(first) rest --top 15 --format json",
            "filter speaker:\(first) or contains:terror*", "info", "freq --top 20", "kwic we --limit 10",
            "subset mine speaker:\(second)", "compare mine rest --top 10", "filter off", "dispersion we --by speaker",
            // Issue 16: patterns, lemmas (the layer is stored in the cache), breakdowns, clusters.
            #"kwic [lower="the"] []{0,2} [lower="of"] --limit 20"#, #"count <turn> [lower="thank"|lower="well"]"#,
            #"count [lower="t.*" & word="[A-Z].*"] --by match"#, #"count [speaker=".*a.*" & lower="we"] within doc"#,
            "count {be} --by match", #"kwic [lemma="have"] --sample 5 --seed 3"#, "freq --by lemma --top 15",
            "count the --by 2R", "clusters the --side both --size 2..3", "collocates the --sort right --top 10",
            "freq --ngram 2 --range docs --min-range 2 --top 10", "kwic we --context 3w --limit 5",
        ]
    }

    static func outputs(_ commands: [String], in session: inout Session) -> [String] {
        commands.map { line in
            do {
                return try session.execute(line)?.text ?? ""
            } catch {
                return "error: \(error)"
            }
        }
    }

    @Test("the cache for a load's arguments is read while the folder is walked, and never answers for files that changed")
    func prefetchedCache() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("parley-prefetch-\(UUID().uuidString)")
        let talks = base.appendingPathComponent("talks")
        try FileManager.default.createDirectory(at: talks, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        // 100 turns of "the court heard" in a.txt: 200 of "the" after one more file of 50.
        try String(repeating: "Ann Lee: the court heard it.\n\n", count: 100).write(to: talks.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        var session = Session.withSeed(baseDirectory: base.path)
        session.indexCache = IndexCache(folder: base.appendingPathComponent("cache").path, minimumBytes: 0)
        func count(_ word: String) throws -> String? {
            _ = try session.execute("load talks")
            #expect(BackgroundWrites.waitForAll().isEmpty)
            return try session.execute("count \(word) --format tsv")?.text.split(separator: "\n").last.map { String($0.split(separator: "\t")[1]) }
        }
        #expect(try count("court") == "100")
        #expect(try count("court") == "100")
        let files = { try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("cache").path).filter { $0.hasSuffix(".parleyindex") } }
        #expect(try files().count == 1)
        // A file added to the folder: the same cache file is stale, and rebuilt with it.
        try String(repeating: "Bo Li: the court sat.\n\n", count: 50).write(to: talks.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        #expect(try count("court") == "150")
        #expect(try files().count == 1)
        // A file changed in place, to the same size: its time stamps it.
        let changed = String(repeating: "Bo Li: the court ate.\n\n", count: 50)
        #expect(changed.utf8.count == String(repeating: "Bo Li: the court sat.\n\n", count: 50).utf8.count)
        sleep(1)
        try changed.write(to: talks.appendingPathComponent("b.txt"), atomically: false, encoding: .utf8)
        #expect(try count("sat") == "0")
        #expect(try count("ate") == "50")
        // A damaged file (a byte of its header) is deleted and the corpus built and saved
        // again, byte for byte what it was.
        let file = URL(fileURLWithPath: base.appendingPathComponent("cache/" + (try files().first ?? "")).path)
        let original = try Data(contentsOf: file)
        var bytes = original
        bytes[100] ^= 0x10
        try bytes.write(to: file)
        #expect(try count("court") == "150")
        #expect(try count("heard") == "100")
        #expect(try Data(contentsOf: file) == original)
    }

    @Test("every command gives the same output from text and from the cache", arguments: corpora)
    func sameOutput(path: String) throws {
        let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cache-\(UUID().uuidString)").path
        var fromText = Session.withSeed(baseDirectory: "/")
        var fromCache = Session.withSeed(baseDirectory: "/")
        fromCache.indexCache = IndexCache(folder: cacheFolder, minimumBytes: 0)
        let loadText = try fromText.execute("load \"\(path)\" --no-cache")
        // The first load builds and saves; the second must come from the cache.
        #expect(try fromCache.execute("load \"\(path)\"") == loadText)
        // The file is written on a thread of its own, as the prompt comes back.
        #expect(BackgroundWrites.waitForAll().isEmpty)
        // The file for the load's arguments holds these very files.
        let stamps = try IndexCache.stamps(of: try CorpusSource.resolve([path], relativeTo: "/"))
        let cache = IndexCache(folder: cacheFolder, minimumBytes: 0)
        guard case .corpus(_, _, let cached) = cache.prefetch(arguments: [Path.normalised(path)], options: ReaderOptions()).wait(),
            cached == stamps
        else {
            Issue.record("the first load did not save a usable cache file")
            return
        }
        #expect(try fromCache.execute("load \"\(path)\"") == loadText)

        let commands = Self.commands(fromText.corpus)
        let expected = Self.outputs(commands, in: &fromText)
        let actual = Self.outputs(commands, in: &fromCache)
        for (command, (want, got)) in zip(commands, zip(expected, actual)) {
            #expect(got == want, "\(command)")
            #expect(!want.hasPrefix("error:"), "\(command): \(want)")
        }
    }
}
