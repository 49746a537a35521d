import Foundation
import ParleyCore

/// Starts Parley: sets up the notebook the session records into, loads the corpus (the
/// built-in seed unless paths are given) and picks the mode: interactive when standard input is
/// a terminal, script otherwise.
package enum Launcher {
    /// Runs Parley and returns the process's exit status.
    package static func run(
        paths: [String], keepGoing: Bool, quiet: Bool = false, notebook: String?, trust: NotebookTrust = NotebookTrust()
    ) -> Int32 {
        let folder = FileManager.default.currentDirectoryPath
        var session = Session.withSeed(baseDirectory: folder)
        let interactive = isatty(STDIN_FILENO) == 1
        session.indexCache = .standard()
        session.showsProgress = interactive && isatty(STDERR_FILENO) == 1
        session.warmsUpCorpora = interactive
        // In a script, SIGINT while waiting for input ends the run at once with 130; during a
        // command it stops the command, and the run ends with 130 after it.
        Interruption.installHandler(exitWhenIdle: !interactive)
        // A write past the file size limit (ulimit -f) fails with EFBIG and is reported, instead
        // of the signal ending the process with nothing said.
        signal(SIGXFSZ, SIG_IGN)
        var greeting: String?
        if let notebook {
            do throws(NotebookFileError) {
                greeting = try session.record(into: Path.normalised(notebook.hasPrefix("/") ? notebook : folder + "/" + notebook), trust: trust)
            } catch {
                Terminal.write("parley: \(notebook): \(error.message)\n", to: .standardError)
                return 2
            }
        } else if interactive, let path = sessionNotebookPath() {
            // A session file that cannot be made leaves the session unrecorded, not refused.
            if let recorder = try? SessionRecorder.recording(into: path, existing: nil) { session.recorder = recorder }
        }
        if !paths.isEmpty {
            let line = "load " + paths.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
            Interruption.setBusy(true)
            var discarded = DiscardSink()
            let performed = session.perform(line, display: &discarded)
            Interruption.setBusy(false)
            if performed.error == .cancelled { return ScriptRunner.interruptedStatus }
            if let error = performed.error {
                Terminal.write("parley: \(error.message)\n", to: .standardError)
                return 2
            }
            if !quiet, !interactive { Terminal.write(SessionRecorder.marked(performed.status), to: .standardError) }
        }
        if !interactive, !quiet, let greeting { Terminal.write("parley: \(greeting)\n", to: .standardError) }
        if interactive {
            return finish(InteractiveShell(quiet: quiet).run(&session, greeting: greeting))
        }
        var output = DescriptorSink(descriptor: STDOUT_FILENO)
        let status = ScriptRunner(keepGoing: keepGoing, quiet: quiet).run(
            &session,
            nextLine: { Swift.readLine(strippingNewline: true) },
            output: &output,
            error: { Terminal.write($0, to: .standardError) })
        // Everything is written (the output unbuffered, the notebook appended): end here rather
        // than free a corpus of gigabytes and unmap its cache, which a one-off question from a
        // script or CI would otherwise wait for.
        output.flush()
        exit(finish(status))
    }

    /// Waits for the cache files still being written, warning of any that failed; returns
    /// `status`.
    package static func finish(_ status: Int32) -> Int32 {
        for failure in BackgroundWrites.waitForAll() {
            Terminal.write("parley: warning: the index cache was not saved: \(failure)\n", to: .standardError)
        }
        return status
    }

    /// A new file in `$XDG_STATE_HOME/parley/sessions/` (default ~/.local/state), named by the
    /// time the session started; nil when that folder cannot be made.
    static func sessionNotebookPath() -> String? {
        guard let folder = StateFolder.path("sessions", isFolder: true) else { return nil }
        pruneSessions(in: folder, keeping: keptSessions - 1)
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let stamp = String(format: "%04d-%02d-%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
        return folder + "/\(stamp)-\(getpid()).md"
    }

    /// How many session notebooks the state folder keeps, the newest.
    package static let keptSessions = 100

    /// Deletes all but the newest `count` session notebooks in `folder`: files named as
    /// `sessionNotebookPath` names them, whose names sort by time. Other files stay.
    package static func pruneSessions(in folder: String, keeping count: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let sessions = names.filter { name in
            name.hasSuffix(".md") && name.count > 22
                && name.prefix(17).allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-") }
        }.sorted()
        for name in sessions.dropLast(count) { unlink(folder + "/" + name) }
    }
}
