/// Joins the labels of one document that name the same speaker (DESIGN.md §3): a label that
/// ends with another label of the document (`President of Russia Vladimir Putin` → `Vladimir
/// Putin`, the shared words written alike), a label whose words before a comma are another
/// label (`Sergei Mironov, Leader of …` → `Sergei Mironov`), and a label that differs from
/// another only by its spaces (`VladimirPutin`). Labels in different case styles are never
/// joined: `For Dr. Fauci` is not `DR. FAUCI`.
enum SpeakerMerging {
    /// What merging needs to know of a name.
    struct Facts {
        /// Its words, split at spaces.
        let words: [Substring]
        let style: LabelCandidate.CaseStyle
        /// The name without its spaces.
        let spelling: String
        /// The words before its first comma, unless what follows the last comma is a name
        /// suffix (`Jr.`).
        let commaHead: String?

        init(_ name: String) {
            words = name.split { $0 == " " }
            style = SpeakerLabel.caseStyle(of: name)
            spelling = String(name.filter { $0 != " " })
            commaHead = name.firstIndex(of: ",").flatMap { SpeakerLabel.endsWithNameSuffix(name) ? nil : String(name[..<$0]) }
        }
    }

    /// The facts of the names a reader has met, worked out once: the same speakers come back
    /// in document after document, and taking a name apart by its characters cost about 5 %
    /// of a load from text when it was done in every document.
    final class KnownFacts {
        static let limit = 1 << 16
        fileprivate var facts: [String: Facts] = [:]

        init() {}

        func of(_ name: String) -> Facts {
            if let known = facts[name] { return known }
            let found = Facts(name)
            if facts.count < Self.limit { facts[name] = found }
            return found
        }
    }

    /// Rewrites `speakers` (each turn's index into `names`, -1 for none) so that merged labels
    /// point at the name they join.
    static func merge(_ speakers: inout [Int], names: [String], placeholder: String, known: KnownFacts = KnownFacts()) {
        var uses = [Int](repeating: 0, count: names.count)
        for speaker in speakers where speaker >= 0 { uses[speaker] += 1 }
        let present = names.indices.filter { uses[$0] > 0 && names[$0] != placeholder }
            .sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        guard present.count > 1 else { return }
        var words: [[Substring]] = Array(repeating: [], count: names.count)
        var styles: [LabelCandidate.CaseStyle] = Array(repeating: .mixed, count: names.count)
        var spellings: [String] = Array(repeating: "", count: names.count)
        var commaHeads: [String?] = Array(repeating: nil, count: names.count)
        var byName: [String: Int] = [:]
        // A label can only end with a label that has its last word: compare within these groups.
        var byLastWord: [Substring: [Int]] = [:]
        for id in present {
            let facts = known.of(names[id])
            (words[id], styles[id], spellings[id], commaHeads[id]) = (facts.words, facts.style, facts.spelling, facts.commaHead)
            byName[names[id]] = id
            if let last = words[id].last { byLastWord[last, default: []].append(id) }
        }
        // Preferred: more turns, then more words, then the first name in byte order.
        func preferred(_ a: Int, _ b: Int) -> Bool {
            (uses[a], words[a].count) != (uses[b], words[b].count)
                ? (uses[a], words[a].count) > (uses[b], words[b].count) : names[a].utf8.lexicographicallyPrecedes(names[b].utf8)
        }
        var target = [Int](repeating: -1, count: names.count)
        // Space variants go to the spelling used most.
        var bySpelling: [String: [Int]] = [:]
        for id in present { bySpelling[spellings[id], default: []].append(id) }
        for variants in bySpelling.values where variants.count > 1 {
            let chosen = variants.min(by: preferred)!
            for variant in variants where variant != chosen { target[variant] = chosen }
        }
        for id in present where target[id] < 0 {
            if let commaHead = commaHeads[id], let head = byName[commaHead], styles[head] == styles[id] {
                target[id] = head
                continue
            }
            // Suffixes compare word for word, case included: `MINISTER MAXIM TOPILIN` is written
            // in another style than `Maxim Topilin`.
            let own = words[id]
            guard let last = own.last, let group = byLastWord[last], group.count > 1 else { continue }
            let suffixes = group.filter { other in
                let tail = words[other]
                return tail.count < own.count && own.suffix(tail.count).elementsEqual(tail) && styles[other] == styles[id]
            }
            // The longest label it ends with (ties by name), so chains end at the shortest name.
            if let longest = suffixes.max(by: { (words[$0].count, names[$1]) < (words[$1].count, names[$0]) }) {
                target[id] = longest
            }
        }
        guard target.contains(where: { $0 >= 0 }) else { return }
        var resolved = Array(names.indices)
        for id in present where target[id] >= 0 {
            var next = id
            var steps = 0
            while target[next] >= 0, steps < names.count {
                next = target[next]
                steps += 1
            }
            resolved[id] = next
        }
        for index in speakers.indices where speakers[index] >= 0 { speakers[index] = resolved[speakers[index]] }
    }
}
