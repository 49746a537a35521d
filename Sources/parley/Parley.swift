import ArgumentParser
import Foundation
import ParleyShell

/// The `parley` process: parse arguments, then hand over to `ParleyShell`.
@main
struct Parley: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "A research shell for transcript corpora.",
        discussion: """
            With no PATH, opens on the built-in seed transcript. Reads commands at a prompt when \
            standard input is a terminal, and as a script otherwise (type "help" for the commands). \
            Exit status: 0 success, 1 a command failed, 2 bad usage or an unreadable corpus.
            """,
        version: "0.1.0")

    @Argument(help: "Transcript files or folders to load instead of the built-in seed.")
    var paths: [String] = []

    @Flag(help: "In script mode, run every line even after a failed one (the exit status is still 1).")
    var keepGoing = false

    func run() throws {
        let status = Launcher.run(paths: paths, keepGoing: keepGoing)
        if status != 0 { throw ExitCode(status) }
    }

    /// Like ArgumentParser's `main`, but bad usage exits with 2 (DESIGN.md §7), not 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
