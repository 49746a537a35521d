import Foundation

/// Unbuffered writes to the process's standard streams, so output and errors keep their order.
package enum Terminal {
    package static func write(_ text: String, to handle: FileHandle = .standardOutput) {
        handle.write(Data(text.utf8))
    }
}
