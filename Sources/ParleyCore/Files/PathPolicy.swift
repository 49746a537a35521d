import Glibc

/// Where a session may read and write (DESIGN.md §9, "one path policy"). At the prompt and in a
/// script every path is allowed; while a notebook's cells run (replay, or `--notebook` and
/// `record` running an existing file) the notebook is untrusted input, so every path it names
/// must lie inside the replay root, symbolic links resolved, and it can never write the
/// notebook itself or anything inside a `.git` folder.
package struct PathPolicy: Sendable, Equatable {
    /// The folder every path must lie in, as a real path (symbolic links resolved); nil for any.
    package private(set) var root: String?
    /// What the root is, for messages: "the repository holding the notebook".
    package private(set) var rootDescription: String
    /// Real paths never written: the notebook being run.
    package private(set) var protected: Set<String>
    /// True while a notebook's cells run: `save` and `record` do nothing.
    package private(set) var isNotebook: Bool

    /// Every path allowed: the user's own commands.
    package static let trusting = PathPolicy(root: nil, rootDescription: "", protected: [], isNotebook: false)

    /// The policy for running the notebook at `notebook` (absolute): confined to `root` when
    /// given, else to the nearest folder above the notebook that holds `.git` (the repository),
    /// else to the notebook's own folder; `allowAnyPath` lifts the confinement but still never
    /// writes the notebook.
    package static func notebook(_ notebook: String, root: String? = nil, allowAnyPath: Bool = false) -> PathPolicy {
        let real = realPath(notebook) ?? notebook
        let protected: Set<String> = [real, notebook]
        if allowAnyPath {
            return PathPolicy(root: nil, rootDescription: "", protected: protected, isNotebook: true)
        }
        if let root {
            return PathPolicy(root: realPath(root) ?? root, rootDescription: "the replay root \(root)", protected: protected, isNotebook: true)
        }
        var folder = Path.folder(of: real)
        while true {
            var status = stat()
            if lstat(folder + "/.git", &status) == 0 {
                return PathPolicy(root: folder, rootDescription: "the repository holding the notebook", protected: protected, isNotebook: true)
            }
            if folder == "/" { break }
            folder = Path.folder(of: folder)
        }
        return PathPolicy(root: Path.folder(of: real), rootDescription: "the notebook's folder (it is in no repository)", protected: protected, isNotebook: true)
    }

    /// Checks that `path` (absolute), typed as `typed`, may be read: its real path lies inside
    /// the root.
    package func checkRead(_ path: String, typed: String) throws(PathRefusal) {
        guard root != nil else { return }
        let real = Self.realPath(path) ?? Self.realPath(Path.folder(of: path)).map { $0 + "/" + Path.lastComponent(path) } ?? path
        try confine(real, path: path, typed: typed)
    }

    /// Checks that `path` (absolute), typed as `typed`, may be written: its folder's real path
    /// lies inside the root, and it is not the notebook or inside a `.git` folder.
    package func checkWrite(_ path: String, typed: String) throws(PathRefusal) {
        guard isNotebook || root != nil else { return }
        let folder = Self.realPath(Path.folder(of: path)) ?? Path.folder(of: path)
        let real = (folder == "/" ? "" : folder) + "/" + Path.lastComponent(path)
        if protected.contains(real) || protected.contains(path) || Self.realPath(path).map(protected.contains) == true {
            throw PathRefusal(message: "\(typed) is the notebook being run, which its own cells never write")
        }
        if real.split(separator: "/").contains(".git") {
            throw PathRefusal(message: "\(typed) lies inside a .git folder, which a notebook never writes")
        }
        guard root != nil else { return }
        try confine(real, path: path, typed: typed)
    }

    private func confine(_ real: String, path: String, typed: String) throws(PathRefusal) {
        guard let root, !Self.isInside(real, root) else { return }
        let logical = Path.normalised(path)
        let how = Self.isInside(logical, root) ? " through a symbolic link" : ""
        throw PathRefusal(
            message: "\(typed) leads outside \(rootDescription)\(how); a notebook reads and writes only there (parley replay --allow-any-path lifts this for notebooks you trust)")
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        root == "/" || path == root || path.hasPrefix(root + "/")
    }

    /// The path with every symbolic link resolved, or nil when it does not exist.
    package static func realPath(_ path: String) -> String? {
        guard let resolved = Glibc.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

}

/// A path the policy refuses, in one line.
package struct PathRefusal: Error, Equatable {
    package var message: String
}

/// Absolute paths without `.`, `..` or repeated slashes, by their text (no links resolved).
package enum Path {
    package static func normalised(_ path: String) -> String {
        if isNormal(path) { return path }
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

    /// True for an absolute path with no empty, `.` or `..` part and no slash at the end, which
    /// normalising leaves as it is (most paths a folder walk makes).
    private static func isNormal(_ path: String) -> Bool {
        var previous: UInt8 = 0
        var partStart = true
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") || partStart && dots > 0 && dots <= 2 { return false }
                partStart = true
                dots = 0
            } else if partStart, byte == UInt8(ascii: ".") {
                dots += 1
            } else {
                partStart = false
            }
            previous = byte
        }
        return path.utf8.first == UInt8(ascii: "/") && (path.utf8.count == 1 || previous != UInt8(ascii: "/")) && !(partStart && dots > 0 && dots <= 2)
    }

    /// The folder that holds `path`.
    package static func folder(of path: String) -> String {
        let normal = normalised(path)
        guard let slash = normal.lastIndex(of: "/"), slash != normal.startIndex else { return "/" }
        return String(normal[..<slash])
    }

    /// The last part of `path`.
    package static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
