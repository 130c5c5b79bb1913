/// What XML 1.0 can hold: every value goes through this check before it reaches a document.
enum XMLCharacters {
    /// The first character XML 1.0 forbids (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F,
    /// U+FFFE, U+FFFF), with its position counted in Unicode scalars.
    static func firstForbidden(in text: String) -> (offset: Int, scalar: Unicode.Scalar)? {
        // Most values are clean: a pass over the UTF-8 bytes finds that without decoding.
        var text = text
        let clean = text.withUTF8(isClean)
        if clean { return nil }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let value = scalar.value
            let allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
            if !allowed { return (offset, scalar) }
        }
        return nil
    }

    /// Whether UTF-8 `bytes` hold no character XML forbids: a forbidden control character is
    /// one byte below 0x20, U+FFFE and U+FFFF are EF BF BE / EF BF BF.
    ///
    /// Eight bytes are tested at once for a byte below 0x20 or equal to 0xEF (the borrow tests
    /// `hasless` and `haszero` of Sean Anderson's "Bit Twiddling Hacks"); only a word with one
    /// is looked at byte by byte, since tabs and line breaks are allowed and most EF bytes begin
    /// other characters.
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func forbiddenAt(_ index: Int) -> Bool {
            let byte = bytes[index]
            if byte < 0x20 { return byte != 0x9 && byte != 0xA && byte != 0xD }
            return byte == 0xEF && index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE
        }
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let below = (word &- 0x20 &* ones) & ~word & highs
            let eight = word ^ (0xEF &* ones)
            let equal = (eight &- ones) & ~eight & highs
            if below | equal != 0 {
                for offset in index ..< index + 8 where forbiddenAt(offset) { return false }
            }
            index += 8
        }
        while index < bytes.count {
            if forbiddenAt(index) { return false }
            index += 1
        }
        return true
    }

    /// The character's code point as written in messages, `U+000B`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        return "U+" + hex
    }
}
