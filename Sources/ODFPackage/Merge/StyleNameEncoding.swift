/// Turns a style's display name into a `style:name` the way LibreOffice does: every character
/// that may not appear in an XML NCName becomes `_hex_` (a space is `_20_`, „(“ is `_28_`).
enum StyleNameEncoding {
    /// The encoded name for `displayName`; an empty display name gives `_`.
    static func encode(_ displayName: String) -> String {
        var result = ""
        for (offset, scalar) in displayName.unicodeScalars.enumerated() {
            if isNameCharacter(scalar, first: offset == 0) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_" + String(scalar.value, radix: 16) + "_"
            }
        }
        return result.isEmpty ? "_" : result
    }

    /// True for a character XML 1.0 (5th edition) allows in an NCName at this position.
    static func isNameCharacter(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        let value = scalar.value
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0x5F: return true  // A-Z a-z _
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
            0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            return true
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040:  // - . 0-9 and combining marks
            return !first
        default:
            return false
        }
    }

    /// True when `text` is a valid NCName (what automatic style names and identifiers must be).
    static func isNCName(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        return text.unicodeScalars.enumerated().allSatisfy { isNameCharacter($1, first: $0 == 0) }
    }
}
