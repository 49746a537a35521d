/// A regular expression from a query, checked when the query is parsed. A compiled `Regex` is
/// not `Sendable`, so this keeps the source and compiles where it is used.
package struct RegexPattern: Sendable, Equatable {
    package let source: String

    package init(_ source: String) throws(QueryError) {
        guard !source.isEmpty else { throw .invalidRegex(source, reason: "it is empty") }
        do {
            _ = try Regex(source)
        } catch {
            throw .invalidRegex(source, reason: Self.reason(error))
        }
        self.source = source
    }

    /// The expression, matching whole words; case-insensitive unless `caseSensitive`.
    package func compiled(caseSensitive: Bool) -> Regex<AnyRegexOutput> {
        // The source compiled in init, so this cannot fail.
        let regex = try! Regex(source)
        return caseSensitive ? regex : regex.ignoresCase()
    }

    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.trimmingPrefix("error: ").description
    }
}
