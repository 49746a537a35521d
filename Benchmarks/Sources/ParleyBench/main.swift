import Foundation
import ParleyCore
import ParleyShell

// Times each operation of issue 5 in one process, through the same `Session.execute` the
// prompt uses (parsing, the analysis and rendering the output): warm-up runs first, then the
// median, minimum and maximum of the timed runs. Prints a Markdown table and, with --json,
// writes the figures for Benchmarks/report.py.
//
//     swift run -c release --package-path Benchmarks ParleyBench CORPUS [--runs N] [--load-runs N] [--json FILE]

struct Options {
    var corpus = ""
    var runs = 11
    var warmups = 2
    var loadRuns = 5
    var json: String?
    /// Only the operations whose name contains this (after one load): for profiling one.
    var only: String?
    /// Where to write the bytes each section of the corpus's cache file takes (JSON).
    var cacheSizes: String?

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--runs": runs = Int(rest.popFirst() ?? "") ?? runs
            case "--warmups": warmups = Int(rest.popFirst() ?? "") ?? warmups
            case "--load-runs": loadRuns = Int(rest.popFirst() ?? "") ?? loadRuns
            case "--json": json = rest.popFirst()
            case "--only": only = rest.popFirst()
            case "--cache-sizes": cacheSizes = rest.popFirst()
            default: corpus = argument
            }
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))

struct Figure: Codable {
    var operation: String
    var command: String
    var target: Double?
    var runs: [Double]  // milliseconds
    var median: Double { runs.sorted()[runs.count / 2] }
    var minimum: Double { runs.min() ?? 0 }
    var maximum: Double { runs.max() ?? 0 }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func execute(_ line: String, in session: inout Session) -> String {
    do {
        // A load's answer is a status line; any text will do to show the command ran.
        return try session.execute(line)?.text ?? ""
    } catch {
        FileHandle.standardError.write(Data("parley-bench: \(line): \(error.message)\n".utf8))
        exit(1)
    }
}

/// With `fresh`, each run starts from a new session on the seed, so a load does not run while
/// the session still holds the previous large corpus; `prepare` runs before each run, untimed.
func time(
    _ operation: String, _ command: String, target: Double?, runs: Int, warmups: Int, fresh: Bool = false,
    prepare: () -> Void = {}, in session: inout Session
) -> Figure? {
    if let only = options.only, !operation.contains(only) { return nil }
    for _ in 0..<warmups {
        if fresh { session = newSession() }
        prepare()
        _ = execute(command, in: &session)
    }
    var figure = Figure(operation: operation, command: command, target: target, runs: [])
    for _ in 0..<runs {
        if fresh { session = newSession() }
        prepare()
        let start = ContinuousClock.now
        let output = execute(command, in: &session)
        figure.runs.append(milliseconds(ContinuousClock.now - start))
        precondition(!output.isEmpty)
    }
    FileHandle.standardError.write(Data("\(operation): median \(String(format: "%.1f", figure.median)) ms\n".utf8))
    return figure
}

guard !options.corpus.isEmpty else {
    FileHandle.standardError.write(Data("usage: ParleyBench CORPUS [--runs N] [--warmups N] [--load-runs N] [--json FILE]\n".utf8))
    exit(2)
}
let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-cache-\(getpid())").path
defer { try? FileManager.default.removeItem(atPath: cacheFolder) }
func newSession() -> Session {
    var session = Session.withSeed(baseDirectory: FileManager.default.currentDirectoryPath)
    session.indexCache = IndexCache(folder: cacheFolder)
    // In session as at the prompt.
    session.warmsUpCorpora = true
    return session
}
var session = newSession()
let corpus = "\"\(options.corpus)\""
var figures: [Figure] = []

// Loads: from text (one warm-up, so the files are in the page cache as they are for the
// peers), then the load that writes the cache, then loads from the cache.
if options.only != nil {
    // From the cache, as the full run's operations are: written by the first load, read by the second.
    _ = execute("load \(corpus)", in: &session)
    _ = BackgroundWrites.waitForAll()
    session = newSession()
    _ = execute("load \(corpus)", in: &session)
}
if let figure = time("load from text", "load \(corpus) --no-cache", target: 8000, runs: options.loadRuns, warmups: 1, fresh: true, in: &session) { figures.append(figure) }
// Each run starts with no cache file (the previous run's written and deleted first), so each
// is a first load; the median of several, as for the other loads.
if let figure = time(
    "first load, writing the cache", "load \(corpus)", target: nil, runs: options.loadRuns, warmups: 0, fresh: true,
    prepare: {
        _ = BackgroundWrites.waitForAll()
        try? FileManager.default.removeItem(atPath: cacheFolder)
    }, in: &session)
{
    figures.append(figure)
}
// The prompt came back before the cache was written: the loads below time reading it.
_ = BackgroundWrites.waitForAll()
if let figure = time("load again with the index cache", "load \(corpus)", target: 1000, runs: options.loadRuns, warmups: 0, fresh: true, in: &session) { figures.append(figure) }
// At the prompt a load from the cache starts unpacking the token types on a thread of its own
// (Corpus.warmUp) while the user types the next command; the questions below are timed after
// it, as a user's would be, not while it shares the cores.
_ = session.corpus.tokenType

let operations: [(String, String, Double?)] = [
    ("count a frequent word", "count court", 20),
    ("first 25 kwic lines, frequent word", "kwic court --limit 25", 20),
    ("count a rare word", "count cancellations", 20),
    ("first 25 kwic lines, rare word", "kwic cancellations --limit 25", 20),
    ("count a wildcard", "count constitution*", 20),
    ("first 25 kwic lines, wildcard", "kwic constitution* --limit 25", 20),
    ("count a phrase", "count \"may it please the court\"", 20),
    ("first 25 kwic lines, phrase", "kwic \"may it please the court\" --limit 25", 20),
    ("freq --top 100, whole corpus", "freq --top 100", 50),
    ("compare two justices", "compare \"Antonin Scalia\" \"Ruth Bader Ginsburg\"", 300),
    ("collocates court", "collocates court", 500),
    ("dispersion court", "dispersion court", 500),
    // Issue 16: CQP patterns, lemmas, breakdowns and clusters.
    ("pattern with a gap", "count [lower=\"may\"] []{0,3} [lower=\"court\"]", 100),
    ("pattern: regex & word condition", "count [lower=\"constitution.*\" & word=\"[A-Z].*\"]", 100),
    ("pattern: turn start", "count <turn> [lower=\"thank\"] [lower=\"you\"]", 100),
    ("pattern: first 25 kwic lines with a gap", "kwic [lower=\"may\"] []{0,3} [lower=\"court\"] --limit 25", 100),
    ("lemma query {go}", "count {go}", 20),
    // For comparison only: a regex is one pass over the lexicon, not a word query.
    ("word query go|went|gone|going|goes", "count /go|went|gone|going|goes/", nil),
    ("breakdown of a phrase with *", "count \"the court *\" --by match", 200),
    ("breakdown by 1R of a frequent word", "count court --by 1R", 200),
    ("clusters court", "clusters court", 200),
    ("kwic sample of 25 of a frequent word", "kwic court --sample 25", 200),
]
for (operation, command, target) in operations {
    if let figure = time(operation, command, target: target, runs: options.runs, warmups: options.warmups, in: &session) { figures.append(figure) }
}
_ = execute("filter speaker:\"Antonin Scalia\"", in: &session)
if let figure = time("freq --top 100, one justice's turns", "freq --top 100", target: 150, runs: options.runs, warmups: options.warmups, in: &session) { figures.append(figure) }
_ = execute("filter off", in: &session)

// The slow corners of issue 15, fewer runs: each takes seconds.
let exportPath = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bench-turns-\(getpid()).json").path
defer { try? FileManager.default.removeItem(atPath: exportPath) }
let corners: [(String, String, Double?)] = [
    ("bigrams, whole corpus", "freq --ngram 2 --top 25", 2000),
    ("trigrams, whole corpus", "freq --ngram 3 --top 25", 4000),
    ("kwic the, all lines sorted by 1R, first 25 shown", "kwic the --sort 1R --limit 25", 400),
    ("every turn exported as JSON", "turns --format json --out \"\(exportPath)\"", 5000),
]
let cornerRuns = max(3, options.runs / 3)
for (operation, command, target) in corners {
    if let figure = time(operation, command, target: target, runs: cornerRuns, warmups: 1, in: &session) { figures.append(figure) }
}

func format(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
}
print("| operation | command | median (ms) | min–max (ms) | runs | target (ms) |")
print("|---|---|--:|--:|--:|--:|")
for figure in figures {
    let target = figure.target.map(format) ?? "—"
    print("| \(figure.operation) | `\(figure.command.replacingOccurrences(of: "|", with: "\\|"))` | \(format(figure.median)) | \(format(figure.minimum))–\(format(figure.maximum)) | \(figure.runs.count) | \(target) |")
}
// The cache file's sections, written once more from the loaded corpus (the stamps and load
// report are a few bytes of its header).
if let path = options.cacheSizes {
    var sizes: [String: Int] = [:]
    // The corpus in the session came from the cache; the writer needs one built from text.
    _ = execute("load \(corpus) --no-cache", in: &session)
    let folder = cacheFolder + "-sizes"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The files' stamps, as a load writes them: a text that is its file's bytes is named by
    // its file instead of stored, so without them every text would be counted as stored.
    do {
        let stamps = try IndexCache.stamps(of: try CorpusSource.resolve([options.corpus], relativeTo: FileManager.default.currentDirectoryPath))
        try IndexCache(folder: folder).store(
            session.corpus, report: LoadReport(files: session.corpus.documents.count, bytes: 0, replacedSequences: 0), stamps: stamps,
            options: ReaderOptions(), sizes: &sizes)
    } catch {
        FileHandle.standardError.write(Data("parley-bench: cannot write the cache to measure its sections: \(error)\n".utf8))
        exit(1)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(sizes).write(to: URL(fileURLWithPath: path))
}
if let json = options.json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(figures).write(to: URL(fileURLWithPath: json))
}
