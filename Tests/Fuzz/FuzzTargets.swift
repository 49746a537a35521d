// libFuzzer targets for Parley's parsers (issue 14): built with `swiftc -sanitize=fuzzer,address`
// by Tests/Fuzz/run.sh, which picks the target with PARLEY_FUZZ_TARGET. Each target feeds the
// input to one parser and checks what must always hold; a crash, a hang past -timeout, or an
// allocation past -rss_limit_mb is a finding.
import Foundation
import ParleyCore
import ParleyNotebook
import ParleyShell

/// The target chosen for this run.
nonisolated(unsafe) private var target = ""
/// A scratch folder that the command targets' sandbox confines them to.
nonisolated(unsafe) private var scratch = ""

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    target = ProcessInfo.processInfo.environment["PARLEY_FUZZ_TARGET"] ?? ""
    guard FuzzTarget.names.contains(target) else {
        FileHandle.standardError.write(Data("PARLEY_FUZZ_TARGET must be one of \(FuzzTarget.names.joined(separator: ", "))\n".utf8))
        exit(2)
    }
    scratch = FileManager.default.temporaryDirectory.appendingPathComponent("parley-fuzz-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    // run.sh asks once for seed inputs of the cache target: real cache files of the seed, one
    // that stores its text and one that reads it from a file beside the folder.
    if let folder = ProcessInfo.processInfo.environment["PARLEY_FUZZ_WRITE_CACHE_SEED"] {
        let cache = IndexCache(folder: folder, minimumBytes: 0)
        if let (corpus, report) = try? CorpusBuilder.build(documents: [("seed.txt", SeedCorpus.corpus.documents[0].text)], options: ReaderOptions()) {
            _ = try? cache.store(corpus, report: report, stamps: [], options: ReaderOptions())
        }
        let texts = folder + ".texts"
        try? FileManager.default.createDirectory(atPath: texts, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: texts + "/seed.txt", contents: Data(SeedCorpus.corpus.documents[0].text))
        // A fixed time, so that the stamps in inputs kept from earlier runs still name the file
        // as it is (`CacheFile.inspect` reads no further than a load would: not past a stale stamp).
        try? FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_609_459_200)], ofItemAtPath: texts + "/seed.txt")
        if let sources = try? CorpusSource.resolve([texts + "/seed.txt"], relativeTo: "/"), let stamps = try? IndexCache.stamps(of: sources),
            let (corpus, report) = try? CorpusBuilder.load(sources, options: ReaderOptions())
        {
            _ = try? cache.store(corpus, report: report, stamps: stamps, options: ReaderOptions())
        }
        exit(0)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzTarget.run(target, Array(UnsafeBufferPointer(start: data, count: size)), scratch: scratch)
    return 0
}

enum FuzzTarget {
    static let readers: [String: TranscriptFormat] = [
        "reader-text": .text, "reader-csv": .csv, "reader-tsv": .tsv, "reader-jsonl": .jsonl,
        "reader-webvtt": .webvtt, "reader-srt": .srt, "reader-chat": .chat, "reader-tei": .tei,
    ]
    static let names = ["command", "filter", "query", "notebook", "cache", "dates", "html"] + readers.keys.sorted()

    static func run(_ target: String, _ bytes: [UInt8], scratch: String) {
        if let format = readers[target] { return read(bytes, as: format) }
        switch target {
        case "command": commands(bytes, scratch: scratch)
        case "filter": command("filter ", bytes, scratch: scratch)
        case "query": query(bytes)
        case "notebook": notebook(bytes)
        case "cache": cache(bytes, scratch: scratch)
        case "dates": dates(bytes)
        case "html": html(bytes, scratch: scratch)
        default: break
        }
    }

    /// A session on the seed, confined like a replayed notebook to the scratch folder (save and
    /// record do nothing, --out and load stay inside), with a time limit per command.
    static func session(scratch: String) -> Session {
        var session = Session.withSeed(baseDirectory: scratch)
        session.pathPolicy = PathPolicy.notebook(scratch + "/fuzz.md", root: scratch)
        session.settings.timeout = 2
        return session
    }

    /// Up to eight lines run in one session, as a script would run them.
    static func commands(_ bytes: [UInt8], scratch: String) {
        var session = session(scratch: scratch)
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).prefix(8) {
            var sink = DiscardSink()
            let performed = session.perform(String(line), display: &sink)
            check(performed)
            Interruption.clear()
            if performed.quit { break }
        }
    }

    static func command(_ verb: String, _ bytes: [UInt8], scratch: String) {
        var session = session(scratch: scratch)
        var sink = DiscardSink()
        check(session.perform(verb + String(decoding: bytes, as: UTF8.self), display: &sink))
        Interruption.clear()
    }

    /// Every error is one line: no control character (line breaks included) in it.
    static func check(_ performed: Performed) {
        guard let message = performed.error?.message else { return }
        precondition(!message.unicodeScalars.contains(where: Visible.isControl), "an error of more than one line: \(message.debugDescription)")
    }

    static func query(_ bytes: [UInt8]) {
        guard let query = try? Query(String(decoding: bytes, as: UTF8.self)) else { return }
        let corpus = SeedCorpus.corpus
        let matches = (try? corpus.matches(of: query)) ?? []
        precondition(matches.allSatisfy { Int($0.start) + Int($0.length) <= corpus.tokenCount && $0.length >= 1 })
        // A pattern's matches stay in their turn unless it says within doc, and come in corpus order.
        if query.tokenPattern?.withinDocument != true {
            precondition(matches.allSatisfy { Int($0.start) + Int($0.length) <= corpus.tokens(ofTurn: Int($0.turn)).upperBound })
        }
        precondition(zip(matches, matches.dropFirst()).allSatisfy { $0.start < $1.start })
        Interruption.clear()
    }

    /// The parser keeps every byte: what it read gives back the text it read.
    static func notebook(_ bytes: [UInt8]) {
        guard let text = String(validating: bytes, as: UTF8.self), let notebook = try? Notebook(parsing: text) else { return }
        precondition(notebook.text == text, "the notebook does not give back its text")
        for case .cell(let cell) in notebook.blocks { _ = cell.commands }
    }

    static func read(_ bytes: [UInt8], as format: TranscriptFormat) {
        var options = ReaderOptions()
        options.format = format
        guard let (corpus, _) = try? CorpusBuilder.build(documents: [("fuzz", bytes)], options: options) else { return }
        // Every token and turn lies inside its document's text.
        for turn in 0..<corpus.turnCount {
            let text = corpus.documents[Int(corpus.turnDocument[turn])].text
            precondition(Int(corpus.turnTextEnd[turn]) <= text.count)
            let tokens = corpus.tokens(ofTurn: turn)
            // Found again from the text, every token is where the index says, of its type.
            let ranges = corpus.tokenRanges(tokens, inTurn: turn)
            precondition(ranges.count == tokens.count && ranges.allSatisfy { $0.upperBound <= text.count })
        }
    }

    /// Any text as a date, a time or a period: read, labelled and read back, never a crash; a
    /// calendar period's label reads back as the same period.
    static func dates(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        if let moment = Moment(text) {
            for unit in PeriodUnit.allCases {
                guard let ordinal = moment.period(unit) else { continue }
                let period = Period(unit: unit, ordinal: ordinal, isOffset: moment.day == nil)
                let label = period.label
                // Labels of years past 9998 (an ISO week of 9999-12-31) are not four digits.
                if !period.isOffset, [.year, .quarter, .month, .week, .day].contains(unit), (1...9998).contains(moment.year) {
                    precondition(Period(parsing: label) == period, "\(label) does not read back as \(period)")
                }
            }
        }
        if let period = Period(parsing: text) {
            precondition(Period(parsing: period.label) == period, "\(period.label) does not read back")
            _ = try? MetadataCondition("date=" + text)?.holds(for: "2021-06-30")
        }
    }

    /// Any text as a notebook made into a page: never a crash, and nothing in it becomes a
    /// script or a link to a script.
    static func html(_ bytes: [UInt8], scratch: String) {
        guard let text = String(validating: bytes, as: UTF8.self), let notebook = try? Notebook(parsing: text) else { return }
        let page = HTMLExport.render(notebook, folder: (scratch + "/fuzz.files", "fuzz.files"), title: text)
        let lower = page.lowercased()
        precondition(!lower.contains("<script") && !lower.contains("javascript:") && !lower.contains("<iframe"), "markup from the notebook reached the page")
    }

    /// A cache file of any bytes, checksums not compared: refused or read, never a crash.
    static func cache(_ bytes: [UInt8], scratch: String) {
        let path = scratch + "/fuzz.parleyindex"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        if let corpus = try? CacheFile.inspect(path) {
            // What passed the structure check can be analysed.
            _ = try? corpus.frequencyList(n: 2, in: nil, top: 5)
            _ = try? corpus.matches(of: try! Query("the"))
        }
    }
}
