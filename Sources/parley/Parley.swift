import ArgumentParser
import Foundation
import ParleyCore
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
        version: ParleyVersion.current,
        subcommands: [Replay.self, Export.self])

    @Argument(help: "Transcript files or folders to load instead of the built-in seed.")
    var paths: [String] = []

    @Flag(help: "In script mode, run every line even after a failed one (the exit status is still 1).")
    var keepGoing = false

    @Flag(name: .shortAndLong, help: "Print no status lines (loaded …, filter …, wrote …); results and errors only.")
    var quiet = false

    @Option(help: ArgumentHelp(
        "Record the session into this notebook, running it first when it exists.", valueName: "file"))
    var notebook: String?

    @Option(help: ArgumentHelp(
        "The folder an existing --notebook's paths must lie in (default: the repository holding it).", valueName: "dir"))
    var root: String?

    @Flag(help: "Let an existing --notebook's cells read and write outside its repository (for notebooks you trust).")
    var allowAnyPath = false

    func run() throws {
        let trust = NotebookTrust(root: root.map(Parley.absolute), allowAnyPath: allowAnyPath)
        let status = Launcher.run(paths: paths, keepGoing: keepGoing, quiet: quiet, notebook: notebook, trust: trust)
        if status != 0 { throw ExitCode(status) }
    }

    /// `path` made absolute against the current folder.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Like ArgumentParser's `main`, but bad usage exits with 2 (DESIGN.md §7), not 64.
    static func main() {
        // A root command with positional paths does not look for subcommands itself.
        let arguments = Array(CommandLine.arguments.dropFirst())
        let subcommands: [String: any ParsableCommand.Type] = ["replay": Replay.self, "export": Export.self]
        let type: any ParsableCommand.Type = arguments.first.flatMap { subcommands[$0] } ?? Parley.self
        do {
            var command = try type.parseAsRoot(type == Parley.self ? arguments : Array(arguments.dropFirst()))
            try command.run()
        } catch {
            let code = type.exitCode(for: error)
            if code == .success || error is ExitCode { type.exit(withError: error) }
            FileHandle.standardError.write(Data((type.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// `parley replay FILE…`: check notebooks, or bring their outputs up to date.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley replay",
        abstract: "Run notebooks and compare every output block.",
        discussion: """
            Each notebook runs in a fresh session on the built-in seed, with relative paths \
            starting at the notebook's folder. Differences are shown as unified diffs with the \
            cell's line. A notebook is untrusted input: every path it names must lie inside the \
            repository holding it (or --root), save and record do nothing, and it never writes \
            itself, .git or anything but regular files. Exit status: 0 all match, 1 an output \
            differs, 2 a notebook cannot be read, parsed or written.
            """)

    @Argument(help: "The notebooks (Markdown files).")
    var files: [String]

    @Flag(help: "Rewrite output blocks that differ, and add missing ones, leaving every other byte.")
    var update = false

    @Option(help: ArgumentHelp("Also write a JUnit XML report: one test case per cell, the diff as its failure.", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp(
        "The folder every path a notebook names must lie in (default: the repository holding the notebook).", valueName: "dir"))
    var root: String?

    @Flag(help: "Let the notebooks read and write outside the replay root (for notebooks you trust).")
    var allowAnyPath = false

    func run() throws {
        var replay = NotebookReplay(
            update: update, junitPath: junit, workingDirectory: FileManager.default.currentDirectoryPath,
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            error: { FileHandle.standardError.write(Data($0.utf8)) })
        replay.trust = NotebookTrust(root: root.map(Parley.absolute), allowAnyPath: allowAnyPath)
        let status = Launcher.finish(replay.run(files))
        if status != 0 { throw ExitCode(status) }
    }
}

/// `parley export NOTEBOOK --html FILE`: a notebook as one self-contained web page.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley export",
        abstract: "Write a notebook as one self-contained HTML page.",
        discussion: """
            The page holds the notes as HTML, each cell's commands, its tables as HTML tables and \
            its charts embedded as images, and opens in any browser without a network. It shows \
            what the notebook stores: run parley replay first to check that it is current. Raw \
            HTML in the notes is shown as text and charts are embedded as images, so a notebook \
            from someone else cannot put a script in the page. Exit status: 0 written, 2 the \
            notebook cannot be read or the page cannot be written (an old page is kept).
            """)

    @Argument(help: "The notebook (a Markdown file).")
    var notebook: String

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file"))
    var html: String

    func run() throws {
        do throws(HTMLExport.Failure) {
            try HTMLExport.run(notebook: Parley.absolute(notebook), html: Parley.absolute(html))
        } catch {
            FileHandle.standardError.write(Data("parley: \(notebook): \(error.message)\n".utf8))
            throw ExitCode(2)
        }
    }
}
