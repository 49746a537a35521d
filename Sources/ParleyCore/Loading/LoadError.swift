/// Why a load failed. Each case has one line of wording, built in `description`.
package enum LoadError: Error, Equatable, CustomStringConvertible {
    case pathNotFound(String)
    case noTranscripts(String)
    case emptyFile(String)
    case binaryFile(String, offset: Int)
    case invalidUTF8(String, offset: Int)
    case unreadable(String, reason: String)
    /// A file too large to be a transcript, refused before it is read.
    case tooLarge(String, bytes: Int, limit: Int)
    /// A path named in `load` that is a FIFO, a device or a socket: only regular files are read.
    case notRegular(String, kind: FileKind)
    case invalidLabelPattern(String, reason: String)
    /// A file that breaks its format's rules, with the line where it does.
    case malformed(String, line: Int, String)
    /// A column or field that `--speaker-col`, `--text-col` or `--doc-col` named, or that the
    /// reader looked for by its common names, is not there.
    case missingColumn(String, what: String, tried: [String], available: [String])
    /// A path the session's policy does not let a notebook read.
    case refused(String)
    case cancelled

    package var description: String {
        switch self {
        case .pathNotFound(let path):
            "no such file or folder: \(path)"
        case .noTranscripts(let path):
            "no transcripts in \(path) (looked for " + TranscriptFormat.byExtension.keys.sorted().map { "." + $0 }.joined(separator: " ") + ")"
        case .emptyFile(let path):
            "\(path) is empty: a transcript needs some text"
        case .binaryFile(let path, let offset):
            "\(path) is not a text file (NUL byte at byte offset \(offset))"
        case .invalidUTF8(let path, let offset):
            "\(path) is not valid UTF-8 at byte offset \(offset) (use load --lenient to replace bad bytes with U+FFFD)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .tooLarge(let path, let bytes, let limit):
            "\(path) is \(Self.size(bytes)); Parley reads transcripts of up to \(Self.size(limit))"
        case .notRegular(let path, let kind):
            "\(path) is \(kind.rawValue), not a file; only regular files are read"
        case .invalidLabelPattern(let pattern, let reason):
            "--label expects a regular expression, got \"\(pattern)\": \(reason)"
        case .malformed(let path, let line, let message):
            "\(path):\(line): \(message)"
        case .missingColumn(let path, let what, let tried, let available):
            "\(path) has no \(what) column (looked for \(tried.joined(separator: ", "))); its columns are "
                + Self.list(available) + "; name one with --\(what == "document" ? "doc" : what)-col"
        case .refused(let message):
            message
        case .cancelled:
            "load cancelled; the previous corpus is still loaded"
        }
    }

    /// The first names of a long list, and how many there are in all.
    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(12).map { Visible.echo($0, limit: 40) }.joined(separator: ", ")
        return names.count > 12 ? shown + ", … (\(names.count) in all)" : shown
    }

    /// A size in bytes as people read it, with one decimal: 512 bytes, 3.2 MB, 10.0 GB.
    static func size(_ bytes: Int) -> String {
        guard bytes >= 1_000_000 else { return "\(bytes) bytes" }
        let (unit, name) = bytes < 1_000_000_000 ? (100_000, "MB") : (100_000_000, "GB")
        let tenths = (bytes + unit / 2) / unit
        return "\(tenths / 10).\(tenths % 10) \(name)"
    }
}
