import Foundation
import ParleyCore

/// A notebook's charts: SVG files in a folder beside it (`NAME.files/cell-N.svg` for the first
/// chart of the Nth cell, `cell-N-2.svg` for its second), each shown under the cell's output by
/// a Markdown image with a relative link, so the charts travel with the notebook and render on
/// Git hosts. The files are written as `--out` writes (never through a link, never anything but
/// a regular file) and read without following links, a size cap kept: a notebook and its
/// folder may come from a stranger.
package enum NotebookFigures {
    /// The largest chart file replay reads back.
    static let largestFile = 64 << 20

    /// One chart of a cell, rendered.
    package struct Figure: Sendable, Equatable {
        /// The file's name in the folder (`cell-3.svg`).
        package var fileName: String
        package var title: String
        package var svg: String
    }

    /// The folder of a notebook's charts: its path and its name as a link gives it.
    package static func folder(of notebookPath: String) -> (path: String, name: String) {
        let file = notebookPath.split(separator: "/").last.map(String.init) ?? notebookPath
        let base = file.lowercased().hasSuffix(".md") ? String(file.dropLast(3)) : file
        return (Path.folder(of: notebookPath) + "/" + base + ".files", base + ".files")
    }

    /// The figures of cell `cell` (1-based) drawing `charts`.
    package static func figures(cell: Int, charts: [Chart]) -> [Figure] {
        charts.enumerated().map { index, chart in
            Figure(fileName: "cell-\(cell)" + (index == 0 ? "" : "-\(index + 1)") + ".svg", title: chart.title, svg: SVGChartRenderer().render(chart))
        }
    }

    /// The Markdown under the output: for each figure a blank line and its image, `end` the
    /// notebook's line end.
    package static func markdown(_ figures: [Figure], folderName: String, end: String = "\n") -> String {
        figures.map { end + "![" + altText($0.title) + "](" + link(folderName + "/" + $0.fileName) + ")" + end }.joined()
    }

    /// A title as an image's alternative text: one line, brackets and backslashes escaped.
    static func altText(_ title: String) -> String {
        var text = ""
        for character in title {
            switch character {
            case "[", "]", "\\": text += "\\" + String(character)
            case "\n", "\r", "\r\n": text += " "
            default: text.append(character)
            }
        }
        return text
    }

    /// A relative link with everything outside a few safe characters percent-encoded, so that a
    /// notebook named with spaces or brackets still links its charts.
    static func link(_ path: String) -> String {
        var text = ""
        for byte in path.utf8 {
            let safe = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || "-._~/".utf8.contains(byte)
            text += safe ? String(UnicodeScalar(byte)) : "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
        return text
    }

    /// The text of a chart file, or nil when it is missing, not a regular file, a link, too big
    /// or not UTF-8.
    package static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) <= largestFile else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + done, $0.count - done) }
            guard count > 0 else { break }
            done += count
        }
        return String(validating: bytes[..<done], as: UTF8.self)
    }

    /// Writes `figures` into `folder`, made when missing (never through a link); with
    /// `removingOthers`, chart files of ours (`cell-….svg`) that are not among them go.
    package static func write(_ figures: [Figure], into folder: String, removingOthers: Bool) throws(AtomicFile.Failure) {
        var status = stat()
        if lstat(folder, &status) != 0 {
            guard !figures.isEmpty else { return }
            guard mkdir(folder, 0o755) == 0 else { throw AtomicFile.Failure(reason: "cannot make the folder \(folder): " + SystemError.sentence(errno)) }
        } else if status.st_mode & S_IFMT != S_IFDIR {
            throw AtomicFile.Failure(reason: "\(folder) is not a folder (a link or a file), so the charts cannot be written there")
        }
        for figure in figures where read(folder + "/" + figure.fileName) != figure.svg {
            try AtomicFile.write(figure.svg, to: folder + "/" + figure.fileName)
        }
        guard removingOthers, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let kept = Set(figures.map(\.fileName))
        for name in names where isChartFileName(name) && !kept.contains(name) {
            var entry = stat()
            if lstat(folder + "/" + name, &entry) == 0, entry.st_mode & S_IFMT == S_IFREG { unlink(folder + "/" + name) }
        }
    }

    /// `cell-3.svg`, `cell-3-2.svg`.
    static func isChartFileName(_ name: String) -> Bool {
        guard name.hasPrefix("cell-"), name.hasSuffix(".svg") else { return false }
        let middle = name.dropFirst(5).dropLast(4)
        return !middle.isEmpty && middle.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
