import ParleyCore
import Synchronization

/// How tables name documents (`set doc-label`): by default the shortest form that still tells
/// them apart, so that a table spends its width on what the rows say.
package enum DocumentLabels {
    /// One label per document of `corpus`.
    package static func labels(_ corpus: Corpus, _ style: Settings.DocumentLabel) -> [String] {
        switch style {
        case .path: return corpus.documents.map(\.name)
        case .stem: return corpus.documents.map { stem($0.name) }
        case .short: return shortest(corpus.documents.map(\.name))
        case .title:
            let short = shortest(corpus.documents.map(\.name))
            return corpus.documents.indices.map { corpus.documents[$0].title ?? short[$0] }
        case .date:
            let short = shortest(corpus.documents.map(\.name))
            return corpus.documents.indices.map { index in
                corpus.documents[index].metadata.first { $0.key.lowercased() == "date" }?.value ?? short[index]
            }
        }
    }

    /// `debates/2020/first.txt` → `first`; a row group of a spreadsheet keeps its value:
    /// `office.csv#1,2` → `office#1,2`.
    package static func stem(_ name: String) -> String {
        trailing(name, components: 1)
    }

    /// Each name's stem, with as many of its folders in front as it takes to differ from
    /// every other name's label; the full name where nothing shorter is unique.
    package static func shortest(_ names: [String]) -> [String] {
        var depth = [Int](repeating: 1, count: names.count)
        var labels = names.map { trailing($0, components: 1) }
        while true {
            var seen: [String: [Int]] = [:]
            for (index, label) in labels.enumerated() { seen[label, default: []].append(index) }
            var changed = false
            for (_, indices) in seen where indices.count > 1 {
                for index in indices where labels[index] != names[index] {
                    depth[index] += 1
                    labels[index] = trailing(names[index], components: depth[index])
                    changed = true
                }
            }
            if !changed { return labels }
        }
    }

    /// The last `count` path components of a document name, without the file's extension;
    /// the whole name once `count` covers it.
    private static func trailing(_ name: String, components count: Int) -> String {
        // ASCII names (nearly all) are cut as bytes: the same cuts, without Character
        // searches, which cost milliseconds over thousands of documents.
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTrailing(name, components: count) }
        let (file, value) = name.firstIndex(of: "#").map { (name[..<$0], name[$0...]) } ?? (Substring(name), "")
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        guard count <= parts.count else { return name }
        var last = parts[parts.count - 1]
        if let dot = last.lastIndex(of: "."), dot != last.startIndex { last = last[..<dot] }
        return (parts[(parts.count - count)..<(parts.count - 1)] + [last]).joined(separator: "/") + value
    }

    /// `trailing` for a name of ASCII bytes only.
    private static func asciiTrailing(_ name: String, components count: Int) -> String {
        let bytes = Array(name.utf8)
        let fileEnd = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        let slashes = bytes[..<fileEnd].indices.filter { bytes[$0] == UInt8(ascii: "/") }
        guard count <= slashes.count + 1 else { return name }
        let start = count == slashes.count + 1 ? 0 : slashes[slashes.count - count] + 1
        let lastStart = slashes.last.map { $0 + 1 } ?? 0
        var end = fileEnd
        if let dot = bytes[lastStart..<fileEnd].lastIndex(of: UInt8(ascii: ".")), dot != lastStart { end = dot }
        return String(decoding: bytes[start..<end] + bytes[fileEnd...], as: UTF8.self)
    }
}

/// The labels of one corpus's documents by style, made on first use: naming 8,240 documents
/// costs milliseconds, too much to pay on every command. A session makes a new one whenever its
/// corpus changes; copies of a session share it, which is right while they share the corpus.
final class DocumentLabelCache: Sendable {
    private let labels = Mutex<[Settings.DocumentLabel: [String]]>([:])

    func labels(_ corpus: Corpus, _ style: Settings.DocumentLabel) -> [String] {
        if let known = labels.withLock({ $0[style] }) { return known }
        let made = DocumentLabels.labels(corpus, style)
        labels.withLock { $0[style] = made }
        return made
    }
}

extension Session {
    /// The label of each document in tables, as `set doc-label` chose.
    var documentLabels: [String] { documentLabelCache.labels(corpus, settings.documentLabel) }
}
