import Foundation
import ParleyCore
import ParleyNotebook

/// Where rendered text goes, a piece at a time (DESIGN.md §9, "streams, not strings"): the
/// terminal, a pager, standard output, a file, a notebook's capped record. A concordance of
/// millions of lines passes through and is never one `String`.
package protocol TextSink {
    /// Takes `text`; false when the sink wants no more (the pager quit, the disk is full).
    mutating func write(_ text: String) -> Bool
    /// Passes on what is buffered (before something is written to another stream).
    mutating func flush()
    /// Takes text that holds Parley's own colour codes (SGR escapes) and nothing else of control
    /// characters: a terminal sink writes it as it is, where `write` would make the escapes
    /// visible. The caller has made everything else in it visible already.
    mutating func writeStyled(_ text: String) -> Bool
}

extension TextSink {
    package mutating func flush() {}
    package mutating func writeStyled(_ text: String) -> Bool { write(text) }
}

/// Collects everything written, for short outputs and tests.
package struct StringSink: TextSink {
    package var text = ""

    package init() {}

    package mutating func write(_ text: String) -> Bool {
        self.text += text
        return true
    }
}

/// Takes everything and keeps nothing (replay's display: only the record matters).
package struct DiscardSink: TextSink {
    package init() {}
    package mutating func write(_ text: String) -> Bool { true }
}

/// Writes into two sinks; goes on into the other when one stops.
package struct Tee<First: TextSink, Second: TextSink>: TextSink {
    package var first: First
    package var second: Second
    private var firstOpen = true
    private var secondOpen = true

    package init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    package mutating func write(_ text: String) -> Bool {
        if firstOpen { firstOpen = first.write(text) }
        if secondOpen { secondOpen = second.write(text) }
        return firstOpen || secondOpen
    }
}

extension OutputCap.Capture: TextSink {
    package mutating func write(_ text: String) -> Bool {
        append(text)
        return true
    }
}

/// Buffered writes to a file descriptor (standard output), flushed every 64 KB and at the end;
/// at a terminal, control characters are made visible first (`Visible.terminal`). A write that
/// fails (a closed pipe) stops the sink.
package struct DescriptorSink: TextSink {
    private let descriptor: Int32
    private let sanitises: Bool
    private var buffer: [UInt8] = []
    package private(set) var failed = false

    package init(descriptor: Int32) {
        self.descriptor = descriptor
        sanitises = isatty(descriptor) == 1
        buffer.reserveCapacity(1 << 16)
    }

    package mutating func write(_ text: String) -> Bool {
        guard !failed else { return false }
        buffer.append(contentsOf: (sanitises ? Visible.terminal(text) : text).utf8)
        if buffer.count >= 1 << 16 { flush() }
        return !failed
    }

    package mutating func writeStyled(_ text: String) -> Bool {
        guard !failed else { return false }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
        return !failed
    }

    /// Writes out what is buffered.
    package mutating func flush() {
        guard !failed, !buffer.isEmpty else { return }
        failed = !Descriptors.writeAll(descriptor, buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Whole writes to a file descriptor.
package enum Descriptors {
    /// Writes every byte, retrying after a signal; false on an error (EPIPE, ENOSPC, EFBIG).
    package static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }
}
