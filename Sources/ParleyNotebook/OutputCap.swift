/// How a notebook stores a long output (DESIGN.md §8): its first lines, then one line saying how
/// many were left out with the SHA-256 of the whole output, so a replay still compares all of
/// it while the notebook stays small enough to read and to render on a Git host.
package enum OutputCap {
    /// The stored lines of an output when no setting says otherwise.
    package static let defaultLines = 200

    /// `output` as a notebook stores it: whole when it has at most `lines` lines, otherwise its
    /// first `lines` lines and the digest line.
    package static func stored(_ output: String, lines limit: Int) -> String {
        let utf8 = output.utf8
        var count = 0
        var cut: String.Index?
        for index in utf8.indices where utf8[index] == 0x0A {
            count += 1
            if count == limit { cut = utf8.index(after: index) }
        }
        if !output.isEmpty, utf8.last != 0x0A { count += 1 }
        guard count > limit else { return output }
        let kept = cut.map { String(output[..<$0]) } ?? ""
        return kept + digestLine(omitted: count - limit, total: count, digest: SHA256.hex(utf8))
    }

    /// The line that stands for the lines left out.
    package static func digestLine(omitted: Int, total: Int, digest: String) -> String {
        "parley: \(omitted) more line\(omitted == 1 ? "" : "s") not stored; the whole output has \(total) lines, SHA-256 \(digest)\n"
    }
}
