/// Text from untrusted input (a command line, a file name, a transcript) made safe to show: a
/// message is one line whose control characters are written as escapes and whose echoes of the
/// input are cut short; text for a terminal has its control characters replaced by visible
/// stand-ins, so a transcript cannot move the cursor, change colours or retitle the window.
package enum Visible {
    /// The most characters of input a message echoes.
    package static let echoLimit = 80

    /// `text` as one line: line breaks, tabs and other control characters as escapes (`\n`,
    /// `\t`, `\u{1B}`), and every quoted span ("…") longer than `echoLimit` cut to it.
    package static func message(_ text: String) -> String {
        var out = ""
        var quoted: String?
        func flush(closing: Bool) {
            guard let span = quoted else { return }
            out += cut(span) + (closing ? "\"" : "")
            quoted = nil
        }
        for scalar in text.unicodeScalars {
            let shown = escaped(scalar)
            if quoted != nil {
                if scalar == "\"" {
                    flush(closing: true)
                } else {
                    quoted! += shown
                }
            } else {
                out += shown
                if scalar == "\"" { quoted = "" }
            }
        }
        flush(closing: false)
        return out
    }

    /// Input echoed in a message: control characters escaped, cut to `limit` characters.
    package static func echo(_ text: some StringProtocol, limit: Int = echoLimit) -> String {
        cut(String(text.unicodeScalars.map(escaped).joined()), limit: limit)
    }

    /// `text` for a terminal: each control character other than a line break or a tab becomes a
    /// one-column stand-in (U+2400…U+241F for C0, U+2421 for DEL, U+FFFD for C1), so columns
    /// stay aligned and nothing reaches the terminal as a command.
    package static func terminal(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.append(scalar)
            case 0..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F: out.append("\u{2421}")
            case 0x80..<0xA0: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// True for a character that a message or a notebook line must not hold as it is: C0 and C1
    /// controls, DEL, and the Unicode line and paragraph separators.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x2028, 0x2029: true
        default: false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\0": return "\\0"
        default:
            guard isControl(scalar) else { return String(scalar) }
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    private static func cut(_ text: String, limit: Int = echoLimit) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}
