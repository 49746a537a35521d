/// Settings changed with `set`.
package struct Settings: Sendable, Equatable {
    /// Columns of table output (DESIGN.md §8: 100 unless set).
    package var width = 100

    package static let widthRange = 40...400

    package init() {}

    /// Name, current value and what each setting does, for `set` and completion.
    package var described: [(name: String, value: String, help: String)] {
        [("width", String(width), "columns of table output (\(Self.widthRange.lowerBound)–\(Self.widthRange.upperBound))")]
    }
}
