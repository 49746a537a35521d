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
        // Candidates share the key or a key less one letter; each pair is then checked, so a
        // collision of the 64-bit bucket hashes costs a comparison, never a false pair.
        // One flat list of (bucket, id), sorted: no array per bucket.
        var entries: [(bucket: UInt64, id: Int)] = []
        entries.reserveCapacity(keys.count * 8)
        for (id, key) in keys.enumerated() where !key.isEmpty {
            entries.append((hash(key, skipping: -1), id))
            guard key.count >= minimumLength else { continue }
            for index in key.indices { entries.append((hash(key, skipping: index), id)) }
        }
        entries.sort { $0.bucket != $1.bucket ? $0.bucket < $1.bucket : $0.id < $1.id }
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].bucket == entries[start].bucket { end += 1 }
            for first in start..<end {
                for second in (first + 1)..<end {
                    let (a, b) = (entries[first].id, entries[second].id)
                    if a != b, root(a) != root(b), keys[a] == keys[b] || isTypo(speakers[a], speakers[b]) { join(a, b) }
                }
            }
            start = end
        }
        // Most names stand alone: only the ids joined to another make a group.
        var grouped: [Int: [Int]] = [:]
        for id in speakers.indices where parent[id] != id {
            let top = root(id)
            if grouped[top] == nil { grouped[top] = [top] }
            grouped[top]!.append(id)
        }
        let order: (Int, Int) -> Bool = { a, b in
            turns[a] != turns[b] ? turns[a] > turns[b] : speakers[a].utf8.lexicographicallyPrecedes(speakers[b].utf8)
        }
        return grouped.values.filter { $0.count > 1 }.map { $0.sorted(by: order) }.sorted { order($0[0], $1[0]) }
    }

    /// A name's letters and digits in lower case, as UTF-8.
    static func key(_ name: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in name.utf8 {
                if byte >= 0x41 && byte <= 0x5A {
                    bytes.append(byte | 0x20)
                } else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    bytes.append(byte)
                }
            }
            return bytes
        }
        for scalar in name.lowercased().unicodeScalars where UTF8Scanning.isWordScalar(scalar) {
            UTF8.encode(scalar) { bytes.append($0) }
        }
        return bytes
    }

    /// FNV-1a of `key` without the byte at `skipping` (none when it is out of range). A key
    /// less one byte and a whole key of the same bytes must meet: that is how an added or a
    /// dropped letter is found (`S. PSAKI`, `MS. PSAKI`).
    private static func hash(_ key: [UInt8], skipping: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, byte) in key.enumerated() where index != skipping { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
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
