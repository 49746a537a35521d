/// Decoding and classifying single Unicode scalars straight from UTF-8 bytes, so that readers
/// and the tokenizer never build a `String` for text they only look at.
enum UTF8Scanning {
    /// The encoded length of the scalar at `index` and whether it is white space; only a scalar
    /// above ASCII is decoded.
    @inline(__always)
    static func whitespace(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, isSpace: Bool) {
        let byte = bytes[index]
        if byte < 0x80 { return (1, byte == 0x20 || (0x09...0x0D).contains(byte)) }
        let (scalar, length) = scalar(in: bytes, at: index)
        return (length, isWhitespace(scalar))
    }

    /// The scalar starting at `index` and its encoded length. Input is valid UTF-8 (the loader
    /// checks), so no validation happens here.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 {
            let value = (b0 & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 2)
        }
        if b0 < 0xF0 {
            let value = (b0 & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                | UInt32(bytes[index + 2] & 0x3F)
            return (Unicode.Scalar(value) ?? "\u{FFFD}", 3)
        }
        let value = (b0 & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
            | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
        return (Unicode.Scalar(value) ?? "\u{FFFD}", 4)
    }

    /// Letters, marks and digits: `[\p{L}\p{M}\p{N}]`.
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x30 && value <= 0x39)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Unicode White_Space, which includes U+00A0 NO-BREAK SPACE.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// True when the scalar is an uppercase or titlecase letter.
    @inline(__always)
    static func isUppercaseLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x41 && scalar.value <= 0x5A }
        let category = scalar.properties.generalCategory
        return category == .uppercaseLetter || category == .titlecaseLetter
    }
}
