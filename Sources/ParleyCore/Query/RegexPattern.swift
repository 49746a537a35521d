import Foundation

/// A regular expression from a query, a `meta:KEY~PATTERN` filter or `load --label`, in ICU's
/// syntax (the PCRE-like syntax CQP users know). Matching polls Ctrl-C and `set timeout` from
/// inside the engine, so even a pattern that backtracks for ever, `(.*.*)*Q`, stops within
/// milliseconds; a stopped match counts as no match, and the command that asked reports the
/// cancellation.
package struct RegexPattern: Sendable, Equatable {
    package let source: String
    /// The pattern anchored at both ends (whole-word matching), ignoring case and not.
    private let wholeFolded: NSRegularExpression
    private let whole: NSRegularExpression
    /// The pattern as written, for a match anywhere or at the start.
    private let anywhereFolded: NSRegularExpression
    private let anywhere: NSRegularExpression

    /// The longest pattern accepted; matching costs grow with the pattern's size.
    package static let maximumLength = 10_000

    package init(_ source: String) throws(QueryError) {
        guard !source.isEmpty else { throw .invalidRegex(source, reason: "it is empty") }
        guard source.count <= Self.maximumLength else {
            throw .invalidRegex(String(source.prefix(20)) + "…", reason: "it is longer than \(Self.maximumLength) characters")
        }
        self.source = source
        do {
            // Compiled alone first: anchoring must not balance a parenthesis the source left open.
            anywhere = try NSRegularExpression(pattern: source)
            anywhereFolded = try NSRegularExpression(pattern: source, options: .caseInsensitive)
            whole = try NSRegularExpression(pattern: "\\A(?:" + source + ")\\z")
            wholeFolded = try NSRegularExpression(pattern: "\\A(?:" + source + ")\\z", options: .caseInsensitive)
        } catch {
            throw .invalidRegex(source, reason: Self.reason(source))
        }
    }

    /// True when the pattern matches all of `text` (nil when stopped by Ctrl-C or a timeout).
    package func matchesWhole(_ text: String, caseSensitive: Bool) -> Bool? {
        Self.first(caseSensitive ? whole : wholeFolded, in: text, anchored: true).map { $0 != nil }
    }

    /// True when the pattern matches somewhere in `text`, ignoring case.
    package func isFound(in text: String) -> Bool? {
        Self.first(anywhereFolded, in: text, anchored: false).map { $0 != nil }
    }

    /// The match at the start of `text`, case as written: its length in UTF-16 code units and
    /// its first group, if it has one (`load --label`).
    package func prefixMatch(in text: String) -> (length: Int, group: String?)? {
        guard let found = Self.first(anywhere, in: text, anchored: true), let match = found else { return nil }
        let string = text as NSString
        let group = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? string.substring(with: match.range(at: 1)) : nil
        return (match.range.length, group)
    }

    /// The first match (or nil inside, for none); nil outside when Ctrl-C or a timeout stopped it.
    private static func first(_ regex: NSRegularExpression, in text: String, anchored: Bool) -> NSTextCheckingResult?? {
        var found: NSTextCheckingResult?
        var stopped = false
        let options: NSRegularExpression.MatchingOptions = anchored ? [.reportProgress, .anchored] : [.reportProgress]
        regex.enumerateMatches(in: text, options: options, range: NSRange(location: 0, length: text.utf16.count)) { match, _, stop in
            if let match {
                found = match
                stop.pointee = true
            } else if Interruption.isRequested {
                stopped = true
                stop.pointee = true
            }
        }
        if stopped || (found == nil && Interruption.isRequested) { return nil }
        return .some(found)
    }

    /// Why ICU refused `source`, in words: Swift's own parser explains most mistakes; ICU's
    /// error says only that it failed.
    private static func reason(_ source: String) -> String {
        do {
            _ = try Regex(source)
        } catch {
            let text = String(describing: error)
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
            return line.trimmingPrefix("error: ").description
        }
        return "ICU's regular expressions do not accept it"
    }

    package static func == (lhs: RegexPattern, rhs: RegexPattern) -> Bool { lhs.source == rhs.source }
}
