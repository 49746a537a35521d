import Foundation

/// One file to load: where it is, and the name it has in the corpus.
package struct CorpusSource: Sendable, Equatable {
    /// The path to read (absolute, or relative to the process's folder).
    package var path: String
    /// The name shown to users: relative to what was loaded, never absolute.
    package var name: String

    package init(path: String, name: String) {
        self.path = path
        self.name = name
    }

    /// The file extensions read as transcripts, in any of the formats.
    package static let extensions = Set(TranscriptFormat.byExtension.keys)

    /// True when the last part of `path` ends in one of `extensions` (any case).
    static func isTranscriptName(_ path: String) -> Bool {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? Substring(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return false }
        return extensions.contains(name[name.utf8.index(after: dot)...].lowercased())
    }

    /// The files named by `load` arguments: files, folders (recursively, hidden entries
    /// skipped) and glob patterns, with relative paths taken from `base`. A folder's files are
    /// named by the folder's name and their path inside it (`seeds/000.txt`).
    package static func resolve(_ arguments: [String], relativeTo base: String) throws(LoadError) -> [CorpusSource] {
        var notes: [String] = []
        return try resolve(arguments, relativeTo: base, notes: &notes)
    }

    /// The same, saying in `notes` what was passed over: symbolic links that lead back into a
    /// folder being read (a cycle), each once.
    package static func resolve(
        _ arguments: [String], relativeTo base: String, notes: inout [String], policy: PathPolicy = .trusting
    ) throws(LoadError) -> [CorpusSource] {
        func check(_ path: String, typed: String) throws(LoadError) {
            do {
                try policy.checkRead(path, typed: typed)
            } catch {
                throw .refused(error.message)
            }
        }
        var sources: [CorpusSource] = []
        var seen: Set<String> = []
        func add(_ path: String, name: String) {
            let key = Path.normalised(path)
            if seen.insert(key).inserted { sources.append(CorpusSource(path: path, name: name)) }
        }
        // A folder is read once however many links lead to it.
        var walker = FolderWalker(policy: policy)
        func addFolder(_ path: String) throws(LoadError) -> Bool {
            let folderName = lastComponent(Path.normalised(path))
            let files = try walker.transcriptFiles(in: path, shownAs: folderName)
            for relative in files { add(path + "/" + relative, name: folderName + "/" + relative) }
            return !files.isEmpty
        }
        for argument in arguments {
            let path = argument.hasPrefix("/") ? argument : base + "/" + argument
            if !argument.contains(where: { "*?[".contains($0) }) { try check(path, typed: argument) }
            if argument.contains(where: { "*?[".contains($0) }) {
                // The folder the pattern starts in is checked before it is listed.
                let fixed = path.prefix { !"*?[".contains($0) }
                let start = fixed.lastIndex(of: "/").map { String(fixed[..<$0]) } ?? base
                try check(start.isEmpty ? "/" : start, typed: argument)
                let matches = glob(path)
                var found = false
                // A glob may name folders (2021-*), which are read as a folder path is.
                for match in matches {
                    var status = stat()
                    guard stat(match, &status) == 0 else { continue }
                    try check(match, typed: lastComponent(match))
                    if status.st_mode & S_IFMT == S_IFDIR {
                        found = try addFolder(match) || found
                    } else if isTranscriptName(match) {
                        guard status.st_mode & S_IFMT == S_IFREG else {
                            notes.append("skipped \(Visible.echo(lastComponent(match), limit: 300)): \(FileKind(mode: status.st_mode).rawValue), not a file")
                            continue
                        }
                        add(match, name: lastComponent(match))
                        found = true
                    }
                }
                guard found else { throw matches.isEmpty ? .pathNotFound(argument) : .noTranscripts(argument) }
                continue
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw .pathNotFound(argument)
            }
            if !isFolder.boolValue {
                add(path, name: lastComponent(path))
                continue
            }
            guard try addFolder(path) else { throw .noTranscripts(argument) }
        }
        notes += walker.notes
        return sources
    }

    /// The sum of the files' sizes, for a progress bar (0 for a file that cannot be read).
    package static func totalSize(of sources: [CorpusSource]) -> Int {
        sources.reduce(0) { total, source in
            var status = stat()
            return total + (stat(source.path, &status) == 0 ? Int(status.st_size) : 0)
        }
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// Walks folders for transcript files: hidden entries skipped, symbolic links to folders
/// followed, each real folder read once, and a link back into a folder being read (a cycle)
/// noted and skipped.
struct FolderWalker {
    /// Where a notebook may read: a link out of the replay root is an error.
    let policy: PathPolicy
    /// The real folders read so far, by device and inode.
    private var read: Set<[UInt64]> = []
    /// What was passed over, one line each.
    private(set) var notes: [String] = []

    init(policy: PathPolicy = .trusting) { self.policy = policy }

    /// Relative paths of the transcript files below `folder`, sorted by bytes; `shownAs` names
    /// the folder in notes.
    mutating func transcriptFiles(in folder: String, shownAs name: String) throws(LoadError) -> [String] {
        var files: [String] = []
        var ancestors: [[UInt64]] = []
        try walk(folder, relative: "", shownAs: name, ancestors: &ancestors, into: &files)
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private func confine(_ path: String, _ shown: @autoclosure () -> String) throws(LoadError) {
        guard policy.root != nil else { return }
        do {
            try policy.checkRead(path, typed: shown())
        } catch {
            throw .refused(error.message)
        }
    }

    private mutating func walk(
        _ folder: String, relative: String, shownAs name: String, ancestors: inout [[UInt64]], into files: inout [String]
    ) throws(LoadError) {
        // Checked before the folder is listed: a link out of the root is never followed.
        try confine(folder, Self.shown(name, relative.dropLast()))
        var status = stat()
        guard stat(folder, &status) == 0 else { return }
        let key = [UInt64(status.st_dev), UInt64(status.st_ino)]
        if ancestors.contains(key) {
            notes.append("skipped \(Self.shown(name, relative.dropLast())): a link back to a folder that contains it")
            return
        }
        guard read.insert(key).inserted else { return }
        ancestors.append(key)
        defer { ancestors.removeLast() }
        guard let entries = Self.entries(of: folder) else {
            notes.append("skipped \(Self.shown(name, relative.dropLast())): \(SystemError.sentence(errno))")
            return
        }
        // In byte order, so that which of two links to one folder is read does not depend on the disk.
        for (entry, kind) in entries.sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }) where !entry.hasPrefix(".") {
            let path = folder + "/" + entry
            let isTranscript = CorpusSource.isTranscriptName(entry)
            // The folder's listing says what most entries are; links and the unknown are asked.
            var mode: mode_t
            switch kind {
            case UInt8(DT_REG): mode = S_IFREG
            case UInt8(DT_DIR): mode = S_IFDIR
            default:
                var target = stat()
                guard stat(path, &target) == 0 else {
                    // A dangling link, or a folder on the way that cannot be searched.
                    if isTranscript { notes.append("skipped \(Self.shown(name, relative + entry)): \(SystemError.sentence(errno))") }
                    continue
                }
                mode = target.st_mode
            }
            if mode & S_IFMT == S_IFREG, !isTranscript { continue }
            switch mode & S_IFMT {
            case S_IFDIR:
                try walk(path, relative: relative + entry + "/", shownAs: name, ancestors: &ancestors, into: &files)
            case S_IFREG:
                guard isTranscript else { continue }
                try confine(path, Self.shown(name, relative + entry))
                guard access(path, R_OK) == 0 else {
                    notes.append("skipped \(Self.shown(name, relative + entry)): \(SystemError.sentence(errno))")
                    continue
                }
                files.append(relative + entry)
            default:
                // A FIFO named talk.txt would block the load; a device would feed it forever.
                if isTranscript {
                    notes.append("skipped \(Self.shown(name, relative + entry)): \(FileKind(mode: mode).rawValue), not a file")
                }
            }
        }
    }

    /// The names in `folder` with what the listing says each is (DT_REG, DT_DIR, DT_LNK, or
    /// DT_UNKNOWN where the file system does not say), or nil (with errno set) when it cannot be
    /// read.
    private static func entries(of folder: String) -> [(name: String, kind: UInt8)]? {
        guard let stream = opendir(folder) else { return nil }
        defer { closedir(stream) }
        var names: [(name: String, kind: UInt8)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != ".", name != ".." { names.append((name, entry.pointee.d_type)) }
        }
        return names
    }

    /// A path inside the folder as notes show it: control characters escaped.
    private static func shown(_ name: String, _ relative: some StringProtocol) -> String {
        Visible.echo(relative.isEmpty ? name : name + "/" + relative, limit: 300)
    }
}
