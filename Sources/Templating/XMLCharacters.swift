/// What XML 1.0 can hold: every value goes through this check before it reaches a document.
enum XMLCharacters {
    /// The first character XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
    /// U+FFFE, U+FFFF), with its position counted in Unicode scalars.
    static func firstForbidden(in text: String) -> (offset: Int, scalar: Unicode.Scalar)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value
            let allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
            if !allowed { return (offset, scalar) }
        }
        return nil
    }

    /// The character's code point as written in messages, `U+000B`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "U+" + hex
    }
}
