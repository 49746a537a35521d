import ParleyCore

/// Rewrites the relative paths of a command line (`load` paths, `--out FILE`, `--stopwords
/// FILE`) so that they name the same files from another folder: a notebook records paths
/// relative to itself, whatever folder they were typed in.
package enum PathRewriter {
    /// A path as one line wrote it and as the other does.
    package struct Replacement: Sendable, Equatable {
        package var from: String
        package var to: String
    }

    /// A rewritten line and the paths it changed.
    package struct Rewrite: Sendable, Equatable {
        package var line: String
        package var replacements: [Replacement]
    }

    /// `line` with each relative path typed relative to `typedFolder` made relative to `folder`.
    package static func rewrite(_ line: String, from typedFolder: String, to folder: String) -> Rewrite {
        guard typedFolder != folder, let words = try? CommandLexer.words(line), let verb = words.first,
            let command = CommandRegistry.command(named: verb.text)
        else { return Rewrite(line: line, replacements: []) }
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
        var replacements: [Replacement] = []
        for word in paths.reversed() where !word.text.hasPrefix("/") && !word.text.isEmpty {
            let path = relative(Path.normalised(typedFolder + "/" + word.text), from: Path.normalised(folder))
            let written = path.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "#" })
                ? "\"" + path.replacing("\"", with: "") + "\"" : path
            characters.replaceSubrange(word.columns, with: Array(written))
            if path != word.text { replacements.append(Replacement(from: word.text, to: path)) }
        }
        return Rewrite(line: String(characters), replacements: replacements.reversed())
    }

    /// `text` with each replacement's `from` written as its `to` where it stands as a whole
    /// path (between spaces, quotes or punctuation), longest first so that a path is never
    /// replaced inside a longer one.
    package static func replace(_ replacements: [Replacement], in text: String) -> String {
        var characters = Array(text)
        for replacement in replacements.sorted(by: { $0.from.count > $1.from.count }) {
            let from = Array(replacement.from)
            var index = 0
            var result: [Character] = []
            while index < characters.count {
                let end = index + from.count
                if end <= characters.count, characters[index..<end].elementsEqual(from),
                    index == 0 || " \"'(\n".contains(characters[index - 1]),
                    end == characters.count || " \"':,;)\n".contains(characters[end])
                {
                    result += replacement.to
                    index = end
                } else {
                    result.append(characters[index])
                    index += 1
                }
            }
            characters = result
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
