/// Rewrites the relative paths of a command line (`load` paths, `--out FILE`, `--stopwords
/// FILE`) so that they name the same files from another folder: a notebook records paths
/// relative to itself, whatever folder they were typed in.
package enum PathRewriter {
    /// `line` with each relative path typed relative to `typedFolder` made relative to `folder`.
    package static func rewrite(_ line: String, from typedFolder: String, to folder: String) -> String {
        guard typedFolder != folder, let words = try? CommandLexer.words(line), let verb = words.first,
            let command = CommandRegistry.command(named: verb.text)
        else { return line }
        var paths: [Word] = []
        var index = 1
        while index < words.count {
            let word = words[index]
            index += 1
            if word.isOption, let spec = command.allOptions.first(where: { $0.name == word.text }) {
                let values = words[index..<min(words.count, index + spec.arity)]
                if spec.value?.contains("FILE") == true { paths += values.filter { $0.text != "en" } }
                index += spec.arity
            } else if !word.isOption, command.argumentCompletion == .paths {
                paths.append(word)
            }
        }
        var characters = Array(line)
        for word in paths.reversed() where !word.text.hasPrefix("/") && !word.text.isEmpty {
            let path = relative(Path.normalised(typedFolder + "/" + word.text), from: Path.normalised(folder))
            let written = path.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "#" })
                ? "\"" + path.replacing("\"", with: "") + "\"" : path
            characters.replaceSubrange(word.columns, with: Array(written))
        }
        return String(characters)
    }

    /// The path of `target` as seen from `folder`; both absolute and normalised.
    static func relative(_ target: String, from folder: String) -> String {
        let to = target.split(separator: "/")
        let from = folder.split(separator: "/")
        var common = 0
        while common < min(to.count, from.count), to[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// Absolute paths without `.`, `..` or repeated slashes.
package enum Path {
    package static func normalised(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The folder that holds `path`.
    package static func folder(of path: String) -> String {
        let normal = normalised(path)
        guard let slash = normal.lastIndex(of: "/"), slash != normal.startIndex else { return "/" }
        return String(normal[..<slash])
    }
}
