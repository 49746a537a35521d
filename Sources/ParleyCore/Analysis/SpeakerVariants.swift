/// Speaker names that are likely spellings of one name: the same but for case, spaces or
/// punctuation (`Mr. KIRBY`, `MR. KIRBY`; `VladimirPutin`), or one letter added, dropped,
/// changed or swapped in a word of three letters or more or in a title (`S. PSAKI` and `MS.
/// PSAKI`, `MODEARTOR` and `MODERATOR`, `MR. DEESE` and `MS. DEESE`). Initials are not
/// compared that way: `George W Bush` and `George HW Bush` are two people.
package enum SpeakerVariants {
    /// Shorter keys than this are not compared by letters: `Q` and `A` are not variants.
    static let minimumLength = 5

    /// Groups of speaker ids that look like one name, each group ordered by turns (most first,
    /// then by name) so that its first member is the spelling to keep; groups ordered by that.
    package static func groups(_ speakers: [String], turns: [Int]) -> [[Int]] {
        let keys = speakers.map(key)
        var parent = Array(speakers.indices)
        func root(_ id: Int) -> Int {
            var id = id
            while parent[id] != id { id = parent[id] }
            return id
        }
        func join(_ a: Int, _ b: Int) {
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        // Candidates share the key or a key less one letter; each pair is then checked.
        var buckets: [[UInt8]: [Int]] = [:]
        for (id, key) in keys.enumerated() where !key.isEmpty {
            buckets[key, default: []].append(id)
            guard key.count >= minimumLength else { continue }
            for index in key.indices {
                var shorter = key
                shorter.remove(at: index)
                buckets[shorter, default: []].append(id)
            }
        }
        for members in buckets.values where members.count > 1 {
            for (position, a) in members.enumerated() {
                for b in members[(position + 1)...] where a != b && root(a) != root(b) {
                    if keys[a] == keys[b] || isTypo(speakers[a], speakers[b]) { join(a, b) }
                }
            }
        }
        var grouped: [Int: [Int]] = [:]
        for id in speakers.indices { grouped[root(id), default: []].append(id) }
        let order: (Int, Int) -> Bool = { a, b in
            turns[a] != turns[b] ? turns[a] > turns[b] : speakers[a].utf8.lexicographicallyPrecedes(speakers[b].utf8)
        }
        return grouped.values.filter { $0.count > 1 }.map { $0.sorted(by: order) }.sorted { order($0[0], $1[0]) }
    }

    /// A name's letters and digits in lower case.
    static func key(_ name: String) -> [UInt8] {
        Array(name.lowercased().unicodeScalars.filter { UTF8Scanning.isWordScalar($0) }.map(String.init).joined().utf8)
    }

    /// The same words but one, which is one edit from its counterpart and is a word of three
    /// letters or more or a title.
    static func isTypo(_ a: String, _ b: String) -> Bool {
        let wordsA = words(a)
        let wordsB = words(b)
        guard wordsA.count == wordsB.count else { return false }
        let differing = zip(wordsA, wordsB).filter { $0 != $1 }
        guard differing.count == 1, let (x, y) = differing.first else { return false }
        let title = SpeakerLabel.titles.contains(String(decoding: x, as: UTF8.self))
            || SpeakerLabel.titles.contains(String(decoding: y, as: UTF8.self))
        guard title || min(x.count, y.count) >= 3 else { return false }
        return isOneEditApart(x, y, minimum: 1)
    }

    private static func words(_ name: String) -> [[UInt8]] {
        name.lowercased().split { !($0.isLetter || $0.isNumber) }.map { Array($0.utf8) }
    }

    /// One insertion, deletion, substitution or swap of neighbours (Damerau).
    static func isOneEditApart(_ a: [UInt8], _ b: [UInt8], minimum: Int = minimumLength) -> Bool {
        guard min(a.count, b.count) >= minimum, abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < min(a.count, b.count), a[i] == b[i] { i += 1 }
        if a.count == b.count {
            if a[(i + 1)...] == b[(i + 1)...] { return true }
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
        }
        let (long, short) = a.count > b.count ? (a, b) : (b, a)
        return long[(i + 1)...] == short[i...]
    }
}
