/// What XML 1.0 can hold: every value goes through this check before it reaches a document.
enum XMLCharacters {
    /// The first character XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
    /// U+FFFE, U+FFFF), with its position counted in Unicode scalars.
    static func firstForbidden(in text: String) -> (offset: Int, scalar: Unicode.Scalar)? {
        // Most values are clean: a pass over the UTF-8 bytes finds that without decoding. A
        // forbidden control character is one byte below 0x20; U+FFFE and U+FFFF are EF BF BE/BF.
        var text = text
        let clean = text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20, byte != 0x9, byte != 0xA, byte != 0xD { return false }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                index += 1
            }
            return true
        }
        if clean { return nil }
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
