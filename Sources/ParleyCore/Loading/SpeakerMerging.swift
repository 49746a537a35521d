/// Joins the labels of one document that name the same speaker (DESIGN.md §3): a label that
/// ends with another label of the document (`President of Russia Vladimir Putin` → `Vladimir
/// Putin`, the shared words written alike), a label whose words before a comma are another label (`Sergei Mironov, Leader of
/// …` → `Sergei Mironov`), and a label that differs from another only by its spaces (`VladimirPutin`). Labels
/// in different case styles are never joined: `For Dr. Fauci` is not `DR. FAUCI`.
enum SpeakerMerging {
    static func merge(_ turns: inout [TurnLayout], placeholder: String) {
        var uses: [String: Int] = [:]
        for turn in turns { if let speaker = turn.speaker, speaker != placeholder { uses[speaker, default: 0] += 1 } }
        guard uses.count > 1 else { return }
        let names = uses.keys.sorted()
        let words = Dictionary(uniqueKeysWithValues: names.map { ($0, $0.split { $0.isWhitespace }) })
        let styles = Dictionary(uniqueKeysWithValues: names.map { ($0, SpeakerLabel.caseStyle(of: $0)) })
        var target: [String: String] = [:]
        // Space variants go to the spelling used most (then the one with more words).
        var bySpelling: [String: [String]] = [:]
        for name in names { bySpelling[String(name.filter { !$0.isWhitespace }), default: []].append(name) }
        // (Suffixes compare word for word, case included: `MINISTER MAXIM TOPILIN` is written in
        // another style than `Maxim Topilin`.)
        for variants in bySpelling.values where variants.count > 1 {
            let chosen = variants.max { (uses[$0]!, words[$0]!.count, $1) < (uses[$1]!, words[$1]!.count, $0) }!
            for variant in variants where variant != chosen { target[variant] = chosen }
        }
        for name in names where target[name] == nil {
            if let comma = name.firstIndex(of: ","), !SpeakerLabel.endsWithNameSuffix(name) {
                let head = String(name[..<comma])
                if uses[head] != nil, styles[head] == styles[name] {
                    target[name] = head
                    continue
                }
            }
            let own = words[name]!
            let suffixes = names.filter { other in
                let tail = words[other]!
                return tail.count < own.count && own.suffix(tail.count).elementsEqual(tail) && styles[other] == styles[name]
            }
            if let longest = suffixes.max(by: { (words[$0]!.count, $1) < (words[$1]!.count, $0) }) {
                target[name] = longest
            }
        }
        guard !target.isEmpty else { return }
        func resolve(_ name: String) -> String {
            var name = name
            var steps = 0
            while let next = target[name], steps < target.count {
                name = next
                steps += 1
            }
            return name
        }
        for index in turns.indices {
            if let speaker = turns[index].speaker { turns[index].speaker = resolve(speaker) }
        }
    }
}
