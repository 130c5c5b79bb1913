/// Trimming of spaces in the template language: what Foundation's `CharacterSet.whitespaces`
/// holds, without Foundation.
extension StringProtocol {
    /// The text without the spaces and tabs at its start and end: tabs (U+0009), every character
    /// of Unicode's category Zs (space separators, such as U+0020, the no-break space U+00A0 and
    /// U+3000) and the zero width space U+200B, the set `trimmingCharacters(in: .whitespaces)`
    /// removes (it keeps U+200B from the days it was in Zs). Line breaks stay.
    ///
    /// Written out because Foundation's trimming goes through `NSString` on Linux, and its first
    /// call makes the Swift runtime look up protocol conformances by scanning every conformance
    /// record of the program: about a quarter of a million instructions of each worker's template
    /// compile (callgrind, `vorlage-bench peers`, one document).
    func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Self.isSpace($0) })!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return String(self) }
        // Scalar by scalar: a combining mark after a leading space stays, as in Foundation.
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }

    /// A tab, a space separator (category Zs) or the zero width space.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
}
