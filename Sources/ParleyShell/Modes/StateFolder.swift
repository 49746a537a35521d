import Foundation
import ParleyCore

/// Parley's folder for state: `$XDG_STATE_HOME/parley`, by default `~/.local/state/parley`.
enum StateFolder {
    /// The path of `name` inside the state folder, creating the folders `name` needs; nil when
    /// there is no home or the folder cannot be made.
    static func path(_ name: String, isFolder: Bool = false) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg
        } else if let home = environment["HOME"] {
            state = home + "/.local/state"
        } else {
            return nil
        }
        let path = state + "/parley/" + name
        let folder = isFolder ? path : Path.folder(of: path)
        guard Folders.create(folder) == nil else { return nil }
        return path
    }

    /// True for a notebook in the folder where Parley records sessions: the user's own record,
    /// written by Parley and by nobody else.
    static func holdsSession(_ notebook: String) -> Bool {
        guard let sessions = path("sessions", isFolder: true), let folder = PathPolicy.realPath(sessions),
            let real = PathPolicy.realPath(notebook)
        else { return false }
        return real.hasPrefix(folder + "/")
    }
}
