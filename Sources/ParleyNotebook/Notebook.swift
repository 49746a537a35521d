/// A notebook (DESIGN.md §8): Markdown prose and cells, where a cell is a fenced `parley` block
/// of commands followed by a fenced `output` block. Every byte that is not an output body is
/// kept as written, so rewriting outputs changes nothing else.
package struct Notebook: Sendable, Equatable {
    /// A run of the source: prose (any Markdown, other fences included) or a cell.
    package enum Block: Sendable, Equatable {
        case prose(String)
        case cell(Cell)
    }

    /// One `parley` block and its `output` block, with the raw text around them.
    package struct Cell: Sendable, Equatable {
        /// The 1-based line of the ```` ```parley ```` fence.
        package var line: Int
        package var opening: String
        /// The commands, one per line, as written.
        package var source: String
        package var closing: String
        /// The output block, when the cell has one.
        package var output: Output?
        /// The charts under the output block, as Markdown images of files beside the notebook
        /// (`NAME.files/cell-N.svg`), each after a blank line; empty when there are none.
        package var figures = ""

        /// The command lines of the cell: split at line feeds only (a CR before one is dropped),
        /// never at U+2028 or U+0085, which a command may hold and which must not split it.
        package var commands: [String] {
            source.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { line in
                String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
        }
    }

    /// An `output` block: the text between the cell and it (blank lines), its fences and body.
    package struct Output: Sendable, Equatable {
        package var line: Int
        package var gap: String
        package var opening: String
        package var body: String
        package var closing: String

        package init(line: Int, gap: String, opening: String, body: String, closing: String) {
            self.line = line
            self.gap = gap
            self.opening = opening
            self.body = body
            self.closing = closing
        }
    }

    package var blocks: [Block]

    /// Reads a notebook's text; fails on an unclosed fence or an output block with no cell.
    package init(parsing text: String) throws(NotebookError) {
        blocks = try NotebookParser(text).parse()
    }

    /// The notebook's text: the source itself when nothing changed.
    package var text: String {
        blocks.map { block in
            switch block {
            case .prose(let text): text
            case .cell(let cell):
                cell.opening + cell.source + cell.closing
                    + (cell.output.map { $0.gap + $0.opening + $0.body + $0.closing } ?? "") + cell.figures
            }
        }.joined()
    }
}

/// What is wrong with a notebook's Markdown, with the line it is on.
package enum NotebookError: Error, Equatable, CustomStringConvertible {
    case unclosedFence(line: Int)
    case outputWithoutCell(line: Int)

    package var description: String {
        switch self {
        case .unclosedFence(let line): "line \(line): this code fence is never closed"
        case .outputWithoutCell(let line): "line \(line): an output block must follow a parley block"
        }
    }
}

/// Splits Markdown into prose and cells, line by line.
private struct NotebookParser {
    let lines: [String]

    init(_ text: String) {
        var lines: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            // "\r\n" is one Character in Swift.
            if character == "\n" || character == "\r\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        self.lines = lines
    }

    /// The fence characters and info string of a line that opens a fence, or nil.
    static func fence(_ line: String) -> (marker: String, info: String)? {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3, let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let marker = trimmed.prefix { $0 == first }
        guard marker.count >= 3 else { return nil }
        let info = trimmed.dropFirst(marker.count).trimmingCharacters(in: \.isWhitespace)
        if first == "`", info.contains("`") { return nil }
        return (String(marker), info)
    }

    /// A line that is a Markdown image of a chart Parley wrote: `![…](NAME.files/cell-N.svg)`.
    static func isFigure(_ line: String) -> Bool {
        let trimmed = Substring(line).trimmingCharacters { $0.isWhitespace }
        guard trimmed.hasPrefix("!["), trimmed.hasSuffix(".svg)"), let open = trimmed.ranges(of: "](").last else { return false }
        let link = trimmed[open.upperBound...].dropLast()
        guard let slash = link.ranges(of: ".files/cell-").last else { return false }
        let name = link[slash.upperBound...].dropLast(4)
        return !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") } && !link.contains(" ")
    }

    static func closes(_ line: String, _ marker: String) -> Bool {
        let trimmed = line.drop { $0 == " " }.trimmingCharacters(in: \.isWhitespace)
        return trimmed.count >= marker.count && trimmed.allSatisfy { $0 == marker.first }
    }

    func parse() throws(NotebookError) -> [Notebook.Block] {
        var blocks: [Notebook.Block] = []
        var prose = ""
        var index = 0
        func block(from start: Int, marker: String) throws(NotebookError) -> (body: String, closing: String, next: Int) {
            var end = start + 1
            while end < lines.count, !Self.closes(lines[end], marker) { end += 1 }
            guard end < lines.count else { throw .unclosedFence(line: start + 1) }
            return (lines[(start + 1)..<end].joined(), lines[end], end + 1)
        }
        while index < lines.count {
            guard let (marker, info) = Self.fence(lines[index]) else {
                prose += lines[index]
                index += 1
                continue
            }
            let (body, closing, next) = try block(from: index, marker: marker)
            switch info.split(separator: " ").first {
            case "parley":
                if !prose.isEmpty { blocks.append(.prose(prose)) }
                prose = ""
                blocks.append(.cell(Notebook.Cell(line: index + 1, opening: lines[index], source: body, closing: closing)))
            case "output":
                // The output belongs to the cell just before it, with only blank lines between.
                guard case .cell(var cell) = blocks.last, cell.output == nil, prose.allSatisfy(\.isWhitespace) else {
                    throw .outputWithoutCell(line: index + 1)
                }
                cell.output = Notebook.Output(line: index + 1, gap: prose, opening: lines[index], body: body, closing: closing)
                prose = ""
                // Charts under the output: a blank line, then an image of a cell's chart file.
                var after = next
                while after + 1 < lines.count, lines[after].allSatisfy(\.isWhitespace), Self.isFigure(lines[after + 1]) {
                    cell.figures += lines[after] + lines[after + 1]
                    after += 2
                }
                blocks[blocks.count - 1] = .cell(cell)
                index = after
                continue
            default:
                prose += lines[index..<next].joined()
            }
            index = next
        }
        if !prose.isEmpty { blocks.append(.prose(prose)) }
        return blocks
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in predicate: (Character) -> Bool) -> String {
        String(drop(while: predicate).reversed().drop(while: predicate).reversed())
    }
}
