/// A word pattern with `*` (any run of characters, possibly none) and `?` (exactly one
/// character), matched against the whole word.
package struct Wildcard: Sendable, Equatable {
    package let pattern: String
    private let characters: [Character]

    package init(_ pattern: String) {
        self.pattern = pattern
        characters = Array(pattern)
    }

    /// The characters before the first `*` or `?`: every match starts with them.
    package var literalPrefix: String {
        String(pattern.prefix { $0 != "*" && $0 != "?" })
    }

    /// The same pattern in lower case, to match folded forms.
    package var folded: Wildcard { Wildcard(pattern.lowercased()) }

    /// True when the pattern matches all of `word`.
    package func matches(_ word: String) -> Bool {
        let text = Array(word)
        // Greedy matching with one backtrack point: the last `*` seen.
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < characters.count, characters[p] == "?" || (characters[p] != "*" && characters[p] == text[t]) {
                p += 1
                t += 1
            } else if p < characters.count, characters[p] == "*" {
                star = p
                p += 1
                resume = t
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}
