/// How a notebook stores a long output (DESIGN.md §8): its first lines, then one line saying how
/// many were left out with the SHA-256 of the whole output, so a replay still compares all of
/// it while the notebook stays small enough to read and to render on a Git host.
package enum OutputCap {
    /// The stored lines of an output when no setting says otherwise.
    package static let defaultLines = 200

    /// `output` as a notebook stores it: whole when it has at most `lines` lines, otherwise its
    /// first `lines` lines and the digest line.
    package static func stored(_ output: String, lines limit: Int) -> String {
        var capture = Capture(lines: limit)
        capture.append(output)
        return capture.stored
    }

    /// The line that stands for the lines left out.
    package static func digestLine(omitted: Int, total: Int, digest: String) -> String {
        "parley: \(omitted) more line\(omitted == 1 ? "" : "s") not stored; the whole output has \(total) lines, SHA-256 \(digest)\n"
    }

    /// An output as it is written, a piece at a time: the first lines are kept, the rest only
    /// counted and hashed, so an output of millions of lines costs a notebook 200 of them.
    package struct Capture: Sendable {
        package let limit: Int
        /// The first `limit` lines, as written.
        private var kept = ""
        private var lineCount = 0
        /// Whether the last piece ended without a line break.
        private var openLine = false
        private var hasher = SHA256()
        private var isEmpty = true

        package init(lines limit: Int) { self.limit = limit }

        package mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            isEmpty = false
            hasher.update(text.utf8)
            let utf8 = text.utf8
            var start = utf8.startIndex
            for index in utf8.indices where utf8[index] == 0x0A {
                let end = utf8.index(after: index)
                if lineCount < limit { kept += text[start..<end] }
                lineCount += 1
                start = end
            }
            if start < utf8.endIndex {
                if lineCount < limit { kept += text[start...] }
                openLine = true
            } else {
                openLine = false
            }
        }

        /// The lines of the output so far, counting an unfinished last line.
        package var lines: Int { lineCount + (openLine ? 1 : 0) }

        /// What the notebook stores.
        package var stored: String {
            guard lines > limit else { return kept }
            return kept + OutputCap.digestLine(omitted: lines - limit, total: lines, digest: hasher.hex())
        }
    }
}
