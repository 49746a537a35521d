import Foundation
import ParleyCore
import ParleyNotebook

/// `parley export NOTEBOOK.md --html FILE.html`: a notebook as one self-contained HTML page that
/// opens in any browser without a network: the notes' Markdown as HTML, each cell's commands,
/// its tables as HTML tables (read back from the text tables the notebook stores, columns found
/// by the dashes under their headings), other output as preformatted text, and its charts as
/// images embedded in the page (`data:` URLs, so that an SVG from a stranger's notebook cannot
/// run a script). Nothing in the notebook reaches the page unescaped: raw HTML in notes is shown
/// as text, and links keep only http, https, mailto and relative targets. Deterministic: the same
/// notebook and charts give the same bytes.
package enum HTMLExport {
    package struct Failure: Error, Equatable {
        package var message: String
    }

    /// Writes the page for the notebook at `notebookPath` to `htmlPath`; the old file stays when
    /// anything fails.
    package static func run(notebook notebookPath: String, html htmlPath: String) throws(Failure) {
        let notebook: Notebook
        do throws(NotebookFileError) {
            notebook = try NotebookRunner.read(notebookPath).notebook
        } catch {
            throw Failure(message: error.message)
        }
        let page = render(notebook, folder: NotebookFigures.folder(of: notebookPath), title: Self.title(of: notebook, path: notebookPath))
        do {
            try AtomicFile.write(page, to: htmlPath)
        } catch {
            throw Failure(message: "cannot write \(htmlPath): \(error.reason)")
        }
    }

    /// The first heading of the notes, or the file's name.
    static func title(of notebook: Notebook, path: String) -> String {
        for case .prose(let text) in notebook.blocks {
            for line in text.split(separator: "\n") where line.hasPrefix("# ") {
                return String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
            }
        }
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The page for `notebook`, whose charts are in `folder`.
    package static func render(_ notebook: Notebook, folder: (path: String, name: String), title: String) -> String {
        var body = ""
        for block in notebook.blocks {
            switch block {
            case .prose(let text): body += MarkdownHTML.render(text)
            case .cell(let cell): body += self.cell(cell, folder: folder)
            }
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Parley \(escape(ParleyVersion.current))">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; color: #1a1a1a; }
            pre, code { font-family: ui-monospace, monospace; font-size: 0.9em; }
            pre { background: #f6f6f6; padding: 0.6rem 0.8rem; overflow-x: auto; }
            .cell { margin: 1.2rem 0; }
            .command { background: #eef3f8; border-left: 3px solid #0072B2; margin-bottom: 0.3rem; }
            table { border-collapse: collapse; margin: 0.4rem 0 0.8rem; font-size: 0.9em; }
            th, td { padding: 0.15rem 0.6rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
            th { border-bottom: 2px solid #888; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            figure { margin: 0.6rem 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
            .missing { color: #a00; }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// A cell: its commands, then for each command its output.
    static func cell(_ cell: Notebook.Cell, folder: (path: String, name: String)) -> String {
        var html = "<section class=\"cell\">\n<pre class=\"command\">"
            + cell.commands.map { escape($0) }.joined(separator: "\n") + "</pre>\n"
        // A single command that drew a chart shows the picture, not its block characters.
        let chartOnly = !cell.figures.allSatisfy(\.isWhitespace) && cell.commands.count(where: { !$0.allSatisfy(\.isWhitespace) }) == 1
        if let output = cell.output, !chartOnly {
            let body = output.body.replacing("\r\n", with: "\n")
            // A cell of several commands marks each one's output with `parley> COMMAND`.
            var pieces: [[Substring]] = [[]]
            for line in body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(body.hasSuffix("\n") ? 1 : 0) {
                if line.hasPrefix("parley> "), cell.commands.count > 1 {
                    pieces.append([line])
                } else {
                    pieces[pieces.count - 1].append(line)
                }
            }
            for piece in pieces where !piece.isEmpty { html += outputHTML(piece) }
        }
        for line in cell.figures.replacing("\r\n", with: "\n").split(separator: "\n") where !line.allSatisfy(\.isWhitespace) {
            html += figure(String(line), folder: folder)
        }
        return html + "</section>\n"
    }

    /// Output lines: text tables as tables, the rest as preformatted text.
    static func outputHTML(_ lines: [Substring]) -> String {
        var html = ""
        var text: [Substring] = []
        func flushText() {
            if !text.isEmpty { html += "<pre class=\"output\">" + text.map { escape(String($0)) }.joined(separator: "\n") + "</pre>\n" }
            text.removeAll()
        }
        var index = 0
        while index < lines.count {
            if index + 1 < lines.count, let spans = columnSpans(lines[index + 1]), spans.count > 0 {
                flushText()
                var rows: [Substring] = []
                var end = index + 2
                while end < lines.count, !lines[end].allSatisfy(\.isWhitespace) {
                    rows.append(lines[end])
                    end += 1
                }
                html += table(header: lines[index], rows: rows, spans: spans)
                index = end
                continue
            }
            text.append(lines[index])
            index += 1
        }
        flushText()
        return html
    }

    /// Where the columns of a text table start, from the line of dashes under its header.
    static func columnSpans(_ line: Substring) -> [Int]? {
        let characters = Array(line)
        guard characters.contains("-"), characters.allSatisfy({ $0 == "-" || $0 == " " }), characters.first == "-" else { return nil }
        var starts: [Int] = []
        for (offset, character) in characters.enumerated() where character == "-" && (offset == 0 || characters[offset - 1] == " ") {
            starts.append(offset)
        }
        return starts
    }

    static func table(header: Substring, rows: [Substring], spans: [Int]) -> String {
        func cells(_ line: Substring) -> [String] {
            let characters = Array(line)
            return spans.indices.map { column in
                let start = min(spans[column], characters.count)
                let end = column + 1 < spans.count ? min(spans[column + 1], characters.count) : characters.count
                return String(characters[start..<max(start, end)]).trimmingCharacters(in: .whitespaces)
            }
        }
        var html = "<table>\n<thead><tr>" + cells(header).map { "<th>" + escape($0) + "</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + cells(row).map { cell in
                (isNumber(cell) ? "<td class=\"n\">" : "<td>") + escape(cell) + "</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    static func isNumber(_ text: String) -> Bool {
        !text.isEmpty && Double(text) != nil && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }
    }

    /// A chart's image line as a figure with the SVG embedded; only the notebook's own chart
    /// folder is read.
    static func figure(_ line: String, folder: (path: String, name: String)) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let split = trimmed.range(of: "](", options: .backwards) else { return "" }
        let alt = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<split.lowerBound])
            .replacing("\\[", with: "[").replacing("\\]", with: "]").replacing("\\\\", with: "\\")
        let link = String(trimmed[split.upperBound...].dropLast()).removingPercentEncoding ?? ""
        let prefix = folder.name + "/"
        guard link.hasPrefix(prefix), NotebookFigures.isChartFileName(String(link.dropFirst(prefix.count))),
            let svg = NotebookFigures.read(folder.path + "/" + link.dropFirst(prefix.count))
        else {
            return "<p class=\"missing\">(chart not found: " + escape(link) + ")</p>\n"
        }
        return "<figure><img alt=\"" + escape(alt) + "\" src=\"data:image/svg+xml;base64," + Base64.encode(Array(svg.utf8)) + "\">"
            + "<figcaption>" + escape(alt) + "</figcaption></figure>\n"
    }

    static func escape(_ text: String) -> String { SVGWriter.escape(text) }
}

/// Standard Base64 (RFC 4648), with padding.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], alphabet[Int(value & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], 0x3D, 0x3D]
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)], 0x3D]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The Markdown of notes, as HTML: headings, paragraphs, lists, block quotes, fenced code,
/// rules, and inline code, emphasis, strong and links. Raw HTML is escaped (shown as text); the
/// comments Parley writes (`<!-- parley … -->`) are left out.
enum MarkdownHTML {
    static func render(_ text: String) -> String {
        let lines = text.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var html = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        func flushParagraph() {
            if !paragraph.isEmpty { html += "<p>" + inline(paragraph.joined(separator: " ")) + "</p>\n" }
            paragraph.removeAll()
        }
        func flushList() {
            if let current = list {
                let tag = current.ordered ? "ol" : "ul"
                html += "<\(tag)>\n" + current.items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</\(tag)>\n"
            }
            list = nil
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!--") {
                // A comment, perhaps over several lines: left out.
                flushParagraph()
                flushList()
                while index < lines.count, !lines[index].contains("-->") { index += 1 }
                index += 1
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                flushList()
                let marker = String(trimmed.prefix { $0 == trimmed.first })
                var code: [String] = []
                index += 1
                while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix(marker) {
                    code.append(lines[index])
                    index += 1
                }
                html += "<pre><code>" + HTMLExport.escape(code.joined(separator: "\n")) + "</code></pre>\n"
                index += 1
                continue
            }
            if trimmed.isEmpty {
                flushParagraph()
                flushList()
            } else if let level = heading(trimmed) {
                flushParagraph()
                flushList()
                let content = trimmed.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                html += "<h\(level)>" + inline(content) + "</h\(level)>\n"
            } else if trimmed == "---" || trimmed == "***" || trimmed == "___" {
                flushParagraph()
                flushList()
                html += "<hr>\n"
            } else if let item = listItem(trimmed) {
                flushParagraph()
                if list == nil || list!.ordered != item.ordered {
                    flushList()
                    list = (item.ordered, [])
                }
                list!.items.append(item.text)
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                flushList()
                html += "<blockquote><p>" + inline(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)) + "</p></blockquote>\n"
            } else if list != nil, line.hasPrefix("  ") {
                list!.items[list!.items.count - 1] += " " + trimmed
            } else {
                flushList()
                paragraph.append(trimmed)
            }
            index += 1
        }
        flushParagraph()
        flushList()
        return html
    }

    static func heading(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.count == hashes || line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return (false, String(line.dropFirst(2))) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9, line.dropFirst(digits.count).hasPrefix(". ") {
            return (true, String(line.dropFirst(digits.count + 2)))
        }
        return nil
    }

    /// Inline Markdown: `code`, **strong**, *emphasis* and _emphasis_, [links](target); the rest
    /// escaped.
    static func inline(_ text: String) -> String {
        let characters = Array(text)
        var html = ""
        var index = 0
        func find(_ marker: [Character], from start: Int) -> Int? {
            var position = start
            while position + marker.count <= characters.count {
                if Array(characters[position..<(position + marker.count)]) == marker { return position }
                position += 1
            }
            return nil
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, "\\`*_[]()#!<>".contains(characters[index + 1]) {
                html += HTMLExport.escape(String(characters[index + 1]))
                index += 2
                continue
            }
            if character == "`", let end = find(["`"], from: index + 1) {
                html += "<code>" + HTMLExport.escape(String(characters[(index + 1)..<end])) + "</code>"
                index = end + 1
                continue
            }
            if character == "*" || character == "_", index + 1 < characters.count, characters[index + 1] == character,
                let end = find([character, character], from: index + 2), end > index + 2
            {
                html += "<strong>" + inline(String(characters[(index + 2)..<end])) + "</strong>"
                index = end + 2
                continue
            }
            if character == "*" || character == "_", let end = find([character], from: index + 1), end > index + 1,
                characters[index + 1] != " ", character == "*" || index == 0 || !characters[index - 1].isLetter
            {
                html += "<em>" + inline(String(characters[(index + 1)..<end])) + "</em>"
                index = end + 1
                continue
            }
            let image = character == "!" && index + 1 < characters.count && characters[index + 1] == "["
            if character == "[" || image, let close = find(["]", "("], from: index + 1), let end = find([")"], from: close + 2) {
                let label = String(characters[(index + (image ? 2 : 1))..<close])
                let target = String(characters[(close + 2)..<end]).trimmingCharacters(in: .whitespaces)
                if isSafe(target) {
                    // Images in notes are linked, not fetched: the page needs no network.
                    html += "<a href=\"" + HTMLExport.escape(target) + "\">" + inline(label) + "</a>"
                } else {
                    html += inline(label)
                }
                index = end + 1
                continue
            }
            html += HTMLExport.escape(String(character))
            index += 1
        }
        return html
    }

    /// A link target a page may follow: http(s), mailto, or a relative path or anchor.
    static func isSafe(_ target: String) -> Bool {
        let lower = target.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return true }
        guard let colon = lower.firstIndex(of: ":") else { return true }
        // A colon after a slash, ? or # is part of a relative path, not a scheme.
        return lower[..<colon].contains { $0 == "/" || $0 == "?" || $0 == "#" }
    }
}
