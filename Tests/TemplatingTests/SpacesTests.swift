import Foundation
import Testing
@testable import Templating

/// The template language trims spaces as Foundation's `trimmingCharacters(in: .whitespaces)` does,
/// without Foundation.
@Suite struct SpacesTests {
    static let samples: [String] = [
        "", " ", "\t\t", "title", "  title  ", "\tdate | date: \"d. MMMM yyyy\" ",
        "\u{00A0}nbsp\u{00A0}", "\u{2007}figure\u{202F}", "\u{3000}ideographic\u{3000}", "\u{1680}ogham",
        "line\n", "\nline", "\r\ncrlf\r\n", "\u{200B}zero width\u{200B}", "\u{FEFF}bom",
        " \u{301}combining", "é ", " Größe ÄÖÜ ß ", "in the  middle", "\u{85}next line\u{85}", "\u{2028}separator",
    ]

    @Test(arguments: samples)
    func sameAsFoundation(_ text: String) {
        #expect(Array(text.trimmingSpaces().unicodeScalars) == Array(text.trimmingCharacters(in: .whitespaces).unicodeScalars))
        let inner = Substring("x\(text)x").dropFirst().dropLast()
        #expect(Array(inner.trimmingSpaces().unicodeScalars) == Array(inner.trimmingCharacters(in: .whitespaces).unicodeScalars))
    }

    @Test func everyScalarFoundationTrimsIsTrimmedAndNoOther() {
        let trimmed = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { "\($0)x".trimmingSpaces() == "x" }
        let foundation = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter { CharacterSet.whitespaces.contains($0) }
        #expect(trimmed == foundation)
        #expect(trimmed.count == 19, "the 17 space separators, the tab and U+200B")
        for space in trimmed {
            let text = "\(space)a\(space)"
            #expect(text.trimmingSpaces() == "a", "U+\(String(space.value, radix: 16))")
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "U+\(String(space.value, radix: 16))")
        }
    }
}
