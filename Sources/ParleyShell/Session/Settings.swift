import ParleyNotebook

/// Settings changed with `set`.
package struct Settings: Sendable, Equatable {
    /// How a table names a document.
    package enum DocumentLabel: String, Sendable, CaseIterable {
        /// The shortest unique form: the file's stem, with as many folders as tell it apart.
        case short
        /// The file name without its extension (and folders), even where two are alike.
        case stem
        /// The document's title, or its short form when it has none.
        case title
        /// The document's `date` metadata, or its short form when it has none.
        case date
        /// The path relative to what was loaded.
        case path
    }

    /// Columns of table output (DESIGN.md §8: 100 unless set). At a terminal the prompt sets
    /// it from the window before each command unless `set width` fixed it.
    package var width = 100
    /// True once `set width` chose the width: the terminal's size no longer changes it.
    package var widthIsFixed = false
    /// Lines of one output a notebook stores before the digest line.
    package var notebookLines = OutputCap.defaultLines
    package var documentLabel = DocumentLabel.short
    /// The longest a command may run before it is stopped as Ctrl-C stops it; nil for no limit.
    package var timeout: Double?
    /// Whether analyses count the turns outside speech (preamble, closing time stamps).
    package var countsPreamble = false
    /// Whether the table format writes counts with thousands separators.
    package var separators = false

    package static let widthRange = 40...400
    package static let notebookLinesRange = 1...1_000_000
    package static let timeoutRange = 0.001...86_400.0

    package init() {}

    /// Name, current value and what each setting does, for `set` and completion.
    package var described: [(name: String, value: String, help: String)] {
        [
            ("width", String(width), "columns of table output (\(Self.widthRange.lowerBound)–\(Self.widthRange.upperBound); at a terminal, its width until set)"),
            ("notebook-lines", String(notebookLines), "lines of one output a notebook stores; the rest is checked by its SHA-256"),
            ("doc-label", documentLabel.rawValue, "how tables name documents: " + DocumentLabel.allCases.map(\.rawValue).joined(separator: ", ")),
            ("timeout", timeout.map { NumberFormat.shortest($0) } ?? "off", "seconds a command may run before it is stopped, or off"),
            ("preamble", countsPreamble ? "on" : "off", "whether analyses count the words outside speech (datelines, times before the first turn, a closing time stamp)"),
            ("separators", separators ? "on" : "off", "thousands separators in the counts of tables on the screen (never in csv, tsv or json)"),
        ]
    }

    /// The values a setting takes, for completion.
    package static func choices(of name: String) -> [String] {
        switch name {
        case "doc-label": DocumentLabel.allCases.map(\.rawValue)
        case "timeout": ["off"]
        case "preamble", "separators": ["on", "off"]
        default: []
        }
    }
}
