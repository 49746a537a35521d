/// Joins the labels of one document that name the same speaker (DESIGN.md §3): a label that
/// ends with another label of the document (`President of Russia Vladimir Putin` → `Vladimir
/// Putin`, the shared words written alike), a label whose words before a comma are another
/// label (`Sergei Mironov, Leader of …` → `Sergei Mironov`), and a label that differs from
/// another only by its spaces (`VladimirPutin`). Labels in different case styles are never
/// joined: `For Dr. Fauci` is not `DR. FAUCI`.
enum SpeakerMerging {
    /// Rewrites `speakers` (each turn's index into `names`, -1 for none) so that merged labels
    /// point at the name they join.
    static func merge(_ speakers: inout [Int], names: [String], placeholder: String) {
        var uses = [Int](repeating: 0, count: names.count)
        for speaker in speakers where speaker >= 0 { uses[speaker] += 1 }
        let present = names.indices.filter { uses[$0] > 0 && names[$0] != placeholder }
            .sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        guard present.count > 1 else { return }
        var words: [[Substring]] = Array(repeating: [], count: names.count)
        var styles: [LabelCandidate.CaseStyle] = Array(repeating: .mixed, count: names.count)
        var byName: [String: Int] = [:]
        // A label can only end with a label that has its last word: compare within these groups.
        var byLastWord: [Substring: [Int]] = [:]
        for id in present {
            words[id] = names[id].split { $0 == " " }
            styles[id] = SpeakerLabel.caseStyle(of: names[id])
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
        for id in present { bySpelling[String(names[id].filter { $0 != " " }), default: []].append(id) }
        for variants in bySpelling.values where variants.count > 1 {
            let chosen = variants.min(by: preferred)!
            for variant in variants where variant != chosen { target[variant] = chosen }
        }
        for id in present where target[id] < 0 {
            let name = names[id]
            if let comma = name.firstIndex(of: ","), !SpeakerLabel.endsWithNameSuffix(name),
                let head = byName[String(name[..<comma])], styles[head] == styles[id]
            {
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
