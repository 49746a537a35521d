import Foundation
import ParleyCore

/// Starts Parley: loads the corpus (the built-in seed unless paths are given) and picks the
/// mode: interactive when standard input is a terminal, script otherwise.
package enum Launcher {
    /// Runs Parley and returns the process's exit status.
    package static func run(paths: [String], keepGoing: Bool) -> Int32 {
        let folder = FileManager.default.currentDirectoryPath
        var session = Session.withSeed(baseDirectory: folder)
        if !paths.isEmpty {
            do {
                let sources = try CorpusSource.resolve(paths, relativeTo: folder)
                session.corpus = try CorpusBuilder.load(sources, options: ReaderOptions()).0
                session.corpusLabel = paths.joined(separator: " ")
            } catch {
                Terminal.write("parley: \(error.description)\n", to: .standardError)
                return 2
            }
        }
        if isatty(STDIN_FILENO) == 1 {
            return InteractiveShell().run(&session)
        }
        return ScriptRunner(keepGoing: keepGoing).run(
            &session,
            nextLine: { Swift.readLine(strippingNewline: true) },
            output: { Terminal.write($0) },
            error: { Terminal.write($0, to: .standardError) })
    }
}
