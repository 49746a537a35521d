import Foundation

/// One file to load: where it is, and the name it has in the corpus.
package struct CorpusSource: Sendable, Equatable {
    /// The path to read (absolute, or relative to the process's folder).
    package var path: String
    /// The name shown to users: relative to what was loaded, never absolute.
    package var name: String
    /// The file's size and modification time when the folder walk that found it read them,
    /// so that the cache's stamps need not look the file up again.
    package var status: Status?

    package struct Status: Sendable, Equatable {
        package var size: Int
        /// Nanoseconds since 1970.
        package var modified: Int

        package init(_ status: stat) {
            size = Int(status.st_size)
            modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        }
    }

    package init(path: String, name: String, status: Status? = nil) {
        self.path = path
        self.name = name
        self.status = status
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
        func add(_ path: String, name: String, status: Status? = nil) {
            let key = Path.normalised(path)
            if seen.insert(key).inserted { sources.append(CorpusSource(path: path, name: name, status: status)) }
        }
        // A folder is read once however many links lead to it.
        var walker = FolderWalker(policy: policy)
        func addFolder(_ path: String) throws(LoadError) -> Bool {
            let folderName = lastComponent(Path.normalised(path))
            let files = try walker.transcriptFiles(in: path, shownAs: folderName)
            for file in files { add(path + "/" + file.relative, name: folderName + "/" + file.relative, status: file.status) }
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
            if let status = source.status { return total + status.size }
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
        }.sorted { $0.bytesPrecede($1) }
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

    /// A transcript file found below a folder: its path inside it, its size and time.
    struct Found {
        var relative: String
        var status: CorpusSource.Status
    }

    /// The transcript files below `folder`, sorted by their relative paths' bytes; `shownAs`
    /// names the folder in notes.
    mutating func transcriptFiles(in folder: String, shownAs name: String) throws(LoadError) -> [Found] {
        var files: [Found] = []
        var ancestors: [[UInt64]] = []
        try walk(folder, relative: "", shownAs: name, ancestors: &ancestors, into: &files)
        return files.sorted { $0.relative.bytesPrecede($1.relative) }
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
        _ folder: String, relative: String, shownAs name: String, ancestors: inout [[UInt64]], into files: inout [Found]
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
        // Entries are looked up relative to the open folder: one step each, not the whole path.
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0, let entries = Self.entries(of: descriptor) else {
            notes.append("skipped \(Self.shown(name, relative.dropLast())): \(SystemError.sentence(errno))")
            if descriptor >= 0 { close(descriptor) }
            return
        }
        defer { close(descriptor) }
        // In byte order, so that which of two links to one folder is read does not depend on the disk.
        for (entry, kind) in entries.sorted(by: { $0.name.bytesPrecede($1.name) }) where !entry.hasPrefix(".") {
            let path = folder + "/" + entry
            let isTranscript = CorpusSource.isTranscriptName(entry)
            // The folder's listing says what most entries are; transcripts, links and the
            // unknown are asked (a transcript's size and time stamp its cache).
            var target = stat()
            if kind == UInt8(DT_DIR) {
                target.st_mode = S_IFDIR
            } else if kind == UInt8(DT_REG), !isTranscript {
                continue
            } else if fstatat(descriptor, entry, &target, 0) != 0 {
                // A dangling link, or a folder on the way that cannot be searched.
                if isTranscript { notes.append("skipped \(Self.shown(name, relative + entry)): \(SystemError.sentence(errno))") }
                continue
            }
            let mode = target.st_mode
            if mode & S_IFMT == S_IFREG, !isTranscript { continue }
            switch mode & S_IFMT {
            case S_IFDIR:
                try walk(path, relative: relative + entry + "/", shownAs: name, ancestors: &ancestors, into: &files)
            case S_IFREG:
                guard isTranscript else { continue }
                try confine(path, Self.shown(name, relative + entry))
                guard faccessat(descriptor, entry, R_OK, 0) == 0 else {
                    notes.append("skipped \(Self.shown(name, relative + entry)): \(SystemError.sentence(errno))")
                    continue
                }
                files.append(Found(relative: relative + entry, status: CorpusSource.Status(target)))
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
    private static func entries(of folder: Int32) -> [(name: String, kind: UInt8)]? {
        // The listing gets a descriptor of its own: closing it must not close `folder`.
        let own = dup(folder)
        guard own >= 0 else { return nil }
        guard let stream = fdopendir(own) else {
            close(own)
            return nil
        }
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
