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

    /// The files named by `load` arguments: files, folders (recursively, hidden entries
    /// skipped) and glob patterns, with relative paths taken from `base`. A folder's files are
    /// named by the folder's name and their path inside it (`seeds/000.txt`).
    package static func resolve(_ arguments: [String], relativeTo base: String) throws(LoadError) -> [CorpusSource] {
        var sources: [CorpusSource] = []
        var seen: Set<String> = []
        func add(_ path: String, name: String) {
            let key = URL(fileURLWithPath: path).standardizedFileURL.path
            if seen.insert(key).inserted { sources.append(CorpusSource(path: path, name: name)) }
        }
        for argument in arguments {
            let path = argument.hasPrefix("/") ? argument : base + "/" + argument
            if argument.contains(where: { "*?[".contains($0) }) {
                let matches = glob(path)
                let files = matches.filter { isTranscriptFile($0) }
                guard !files.isEmpty else {
                    throw matches.isEmpty ? .pathNotFound(argument) : .noTranscripts(argument)
                }
                for file in files { add(file, name: lastComponent(file)) }
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
            let folderName = lastComponent(URL(fileURLWithPath: path).standardizedFileURL.path)
            let files = transcriptFiles(in: path)
            guard !files.isEmpty else { throw .noTranscripts(argument) }
            for relative in files { add(path + "/" + relative, name: folderName + "/" + relative) }
        }
        return sources
    }

    /// The sum of the files' sizes, for a progress bar (0 for a file that cannot be read).
    package static func totalSize(of sources: [CorpusSource]) -> Int {
        sources.reduce(0) { total, source in
            var status = stat()
            return total + (stat(source.path, &status) == 0 ? Int(status.st_size) : 0)
        }
    }

    private static func isTranscriptFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return false }
        return extensions.contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// Relative paths of the transcript files below `folder`, sorted by bytes.
    private static func transcriptFiles(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if lastComponent(relative).hasPrefix(".") {
                if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                continue
            }
            if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { continue }
            if extensions.contains(URL(fileURLWithPath: relative).pathExtension.lowercased()) { files.append(relative) }
        }
        return files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func lastComponent(_ path: String) -> String {
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
