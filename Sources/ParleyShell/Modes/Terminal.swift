import Foundation

/// Unbuffered writes to the process's standard streams, so output and errors keep their order.
package enum Terminal {
    package static func write(_ text: String, to handle: FileHandle = .standardOutput) {
        handle.write(Data(text.utf8))
    }

    /// The terminal's width: the window size of standard output, else $COLUMNS; nil when
    /// neither says (clamped to the widths `set width` takes).
    package static func columns() -> Int? {
        var size = winsize()
        var columns: Int?
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            columns = Int(size.ws_col)
        } else if let text = ProcessInfo.processInfo.environment["COLUMNS"], let value = Int(text), value > 0 {
            columns = value
        }
        return columns.map { min(max($0, Settings.widthRange.lowerBound), Settings.widthRange.upperBound) }
    }
}
