import CReadline
import Foundation
import ParleyCore
import Synchronization

/// GNU readline behind a small interface: read a line with a prompt, remember history in a file,
/// complete with a `Completer`. This is the only file that touches readline.
final class LineEditor {
    /// Lines kept in the history file.
    static let historyLimit: Int32 = 1000

    private let historyPath: String?

    /// What completion sees; readline's callback is a C function and cannot capture context.
    private static let completion = Mutex<Completer?>(nil)

    init(historyPath: String?) {
        self.historyPath = historyPath
        parley_rl_configure("parley", { text, start, _ in LineEditor.complete(text, start) })
        using_history()
        stifle_history(Self.historyLimit)
        if let historyPath { _ = read_history(historyPath) }
    }

    /// The history file: `$XDG_STATE_HOME/parley/history`, by default under ~/.local/state.
    static func defaultHistoryPath() -> String? { StateFolder.path("history") }

    /// Installs the Ctrl-C handler: at the prompt it clears the line; during a command it
    /// raises the flag that `Interruption.isRequested` reads.
    static func installInterruptHandler() { Interruption.installHandler(exitWhenIdle: false) }

    /// Updates what tab completion offers.
    func update(_ completer: Completer) {
        Self.completion.withLock { $0 = completer }
    }

    /// One line, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard let raw = parley_readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a line to the history and the history file (capped at `historyLimit` lines).
    func remember(_ line: String) {
        // Completion leaves a space after the last word; the history keeps what was meant.
        var line = line
        while line.last?.isWhitespace == true { line.removeLast() }
        guard !line.isEmpty else { return }
        add_history(line)
        guard let historyPath else { return }
        if FileManager.default.fileExists(atPath: historyPath) {
            _ = append_history(1, historyPath)
        } else {
            _ = write_history(historyPath)
        }
        _ = history_truncate_file(historyPath, Self.historyLimit)
    }

    private static func complete(_ text: UnsafePointer<CChar>?, _ start: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        let word = text.map { String(cString: $0) } ?? ""
        let line = Array(String(cString: parley_rl_line_buffer()).utf8)
        let cut = min(Int(start), line.count)
        var before = String(decoding: line[..<cut], as: UTF8.self)
        let quoted = before.last == "\"" || before.last == "'"
        if quoted { before.removeLast() }
        guard let candidates = completion.withLock({ $0?.candidates(before: before, text: word, quoted: quoted) }) else {
            return nil  // readline completes file names
        }
        parley_rl_completion_over()
        guard !candidates.isEmpty else { return nil }
        // A term's prefix (`speaker:`) and a metadata key (`meta:date`, awaiting =, ~ or >=) go on without a space.
        if candidates.count == 1, candidates[0].hasSuffix(":") || candidates[0].hasPrefix("meta:") { parley_rl_suppress_append() }
        var substitution = candidates.count == 1 ? candidates[0] : commonPrefix(candidates)
        // Names found by a last name or in another case share no prefix with what was typed:
        // keep the typed text and list them.
        if candidates.count > 1, !substitution.lowercased().hasPrefix(word.lowercased()) { substitution = word }
        let all = [substitution] + (candidates.count == 1 ? [] : candidates)
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: all.count + 1)
        for (index, candidate) in all.enumerated() { array[index] = strdup(candidate) }
        array[all.count] = nil
        return array
    }

    private static func commonPrefix(_ names: [String]) -> String {
        guard var prefix = names.first else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
