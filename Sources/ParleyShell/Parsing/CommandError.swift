import ParleyCore

/// A command that could not run: one line saying what was wrong and what would be right, and
/// the columns of the offending word when there is one. The message is always one line: control
/// characters in it are escaped and echoed input is cut to 80 characters (`Visible.message`).
package struct CommandError: Error, Equatable, CustomStringConvertible {
    package private(set) var message: String
    package var columns: Range<Int>?

    package init(_ message: String, at word: Word? = nil) {
        self.message = Visible.message(message)
        columns = word?.columns
    }

    package init(_ message: String, columns: Range<Int>?) {
        self.message = Visible.message(message)
        self.columns = columns
    }

    package var description: String { message }

    /// Ctrl-C stopped the command; the session is as it was before it.
    package static let cancelled = CommandError("cancelled; the session is as it was before the command")

    /// The command ran past the time limit of `set timeout`; the session is as it was.
    package static func timedOut(_ seconds: Double) -> CommandError {
        CommandError("stopped after the time limit of \(NumberFormat.shortest(seconds)) s (set timeout); the session is as it was before the command")
    }

    /// A transcript the corpus reads texts from, or its mapped index cache, changed under the
    /// session; the corpus was loaded again, and the command did not run.
    package static let cacheChanged = CommandError(
        "a transcript this corpus reads its texts from, or its index cache file, changed under the session (another program truncated or rewrote it); "
            + "the corpus was loaded again from its transcripts: run the command again")

    /// True for a command stopped by Ctrl-C or the time limit, which a notebook does not record:
    /// how far it got depends on the moment, not on the notebook.
    package var isCancellation: Bool {
        self == Self.cancelled || self == Self.cacheChanged || message.hasPrefix("stopped after the time limit of ")
    }

    /// True for a command stopped by the time limit (a failure in a script, not an interruption).
    package var isTimeout: Bool { message.hasPrefix("stopped after the time limit of ") }

    /// `unknown X "foo"; did you mean "bar"?`, with the nearest names when any are close.
    package static func unknown(_ what: String, _ word: Word, among names: [String], hint: String? = nil) -> CommandError {
        var message = "unknown \(what) \"\(word.text)\""
        // A word far longer than any name is near none of them (and costs its length squared).
        let near = word.text.count > 64 ? [] : Suggestions.nearest(to: word.text, among: names)
        if !near.isEmpty { message += "; did you mean " + near.map { "\"\($0)\"" }.joined(separator: " or ") + "?" }
        if let hint { message += near.isEmpty ? "; " + hint : " (\(hint))" }
        return CommandError(message, at: word)
    }
}

/// Nearest names by edit distance, for "did you mean" hints.
package enum Suggestions {
    package static func nearest(to text: String, among names: [String], limit: Int = 2) -> [String] {
        let lowered = text.lowercased()
        let scored = names.map { name -> (Int, String) in
            let candidate = name.lowercased()
            if candidate.hasPrefix(lowered) || (lowered.count >= 3 && candidate.contains(lowered)) { return (0, name) }
            // A name of several words is also near when one of its words is ("Putn", "Vladimir Putin").
            let words = candidate.split(separator: " ").map(String.init)
            let parts = words.count > 1 ? [candidate] + words : [candidate]
            return (parts.map { distance(Array(lowered), Array($0)) }.min()!, name)
        }
        let threshold = max(1, min(3, text.count / 3))
        return scored.filter { $0.0 <= threshold }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .prefix(limit).map(\.1)
    }

    /// Edit distance counting a swap of two neighbouring letters as one edit (kwci → kwic),
    /// as well as an insertion, a deletion or a substitution (optimal string alignment).
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = Swift.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = Swift.min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
