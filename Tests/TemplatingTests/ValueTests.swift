import Foundation
import ODFPackage
@testable import Templating
import TestSupport
import Testing

/// How values are written into the XML: escaped, with their white space kept, never re-read.
@Suite struct ValueTests {
    private func fill(_ value: String) throws -> (ODFDocument, XMLNode) {
        let template = try Rendering.template(body: "<text:p>Wert: {{ value }}</text:p>")
        let filled = try template.render(["value": .string(value)])
        let paragraph = try #require(try filled.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "p") }.first)
        return (filled, paragraph)
    }

    @Test func xmlSpecialCharactersAreEscaped() throws {
        let (filled, paragraph) = try fill(#"Müller & Söhne <GmbH> „Zitat“ "x" 'y'"#)
        #expect(paragraph.textContent == #"Wert: Müller & Söhne <GmbH> „Zitat“ "x" 'y'"#)
        let xml = String(decoding: try filled.data("content.xml")!, as: UTF8.self)
        #expect(xml.contains("Müller &amp; Söhne &lt;GmbH&gt;"))
    }

    @Test func aValueThatLooksLikeAMarkerIsPrintedAsIs() throws {
        let (_, paragraph) = try fill("{{ reference }} und {{#each x}}")
        #expect(paragraph.textContent == "Wert: {{ reference }} und {{#each x}}")
    }

    @Test func lineBreaksTabsAndSpaceRunsBecomeODFElements() throws {
        let (_, paragraph) = try fill("Zeile 1\nZeile 2\r\nA\tB   C")
        let names = paragraph.children.map { $0.isElement ? $0.localName : "#text" }
        #expect(names == ["#text", "line-break", "#text", "line-break", "#text", "tab", "#text", "s", "#text"])
        let spaces = try #require(paragraph.childElements.first { $0.is(ODFNamespace.text, "s") })
        #expect(spaces.attribute(ODFNamespace.text, "c") == "2")
        #expect(ParagraphText(paragraph).displayText == "Wert: Zeile 1\nZeile 2\nA\tB   C")
    }

    @Test("characters XML 1.0 forbids give an error naming the path and position",
          arguments: ["\u{0}", "\u{1}", "\u{8}", "\u{B}", "\u{C}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"])
    func forbiddenCharacters(_ character: String) throws {
        let template = try Rendering.template(body: "<text:p>{{ value }}</text:p>")
        let errors = try #require(throws: TemplateErrors.self) { try template.render(["value": .string("ab" + character + "c")]) }
        let error = try #require(errors.errors.first)
        #expect(error.code == .forbiddenCharacter)
        #expect(error.path == "value")
        #expect(error.message.contains("an Stelle 3"))
    }

    /// The check that reads eight bytes at once finds a forbidden character at every position
    /// of a word and across word ends, misses none of the allowed ones that share its tests
    /// (tab, line breaks, other characters beginning with EF), and agrees with a reading by
    /// Unicode scalars on random strings.
    @Test func theWordWiseCheckAgreesWithAScalarReading() {
        func reference(_ text: String) -> Int? {
            text.unicodeScalars.enumerated().first { _, scalar in
                let value = scalar.value
                return !(value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF))
            }?.offset
        }
        let fillers = ["a", "ä", "\t", "\n", "\r", "\u{FFFD}", "\u{FEFF}", "€"]
        for forbidden in ["\u{0}", "\u{B}", "\u{1F}", "\u{FFFE}", "\u{FFFF}"] {
            for position in 0 ..< 20 {
                for filler in fillers {
                    let text = String(repeating: filler, count: position) + forbidden + String(repeating: filler, count: 19 - position)
                    #expect(XMLCharacters.firstForbidden(in: text)?.offset == position, "\(forbidden.unicodeScalars.first!.value) after \(position) × \(filler.debugDescription)")
                }
            }
        }
        for filler in fillers {
            #expect(XMLCharacters.firstForbidden(in: String(repeating: filler, count: 37)) == nil, "\(filler.debugDescription)")
        }
        var generator = SplitMix64(seed: 80_808_080)
        let pools: [ClosedRange<UInt32>] = [0x0...0x1F, 0x20...0x7E, 0x80...0x7FF, 0xEFFF...0xF0FF, 0xFF00...0xFFFF, 0x1F300...0x1F6FF]
        for _ in 0 ..< 2_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0 ..< Int(generator.next() % 40) {
                let pool = pools[Int(generator.next() % UInt64(pools.count))]
                // Forbidden ones rarely, so that most strings are long and clean or nearly so.
                if pool == pools[0], generator.next() % 8 != 0 { continue }
                if let scalar = Unicode.Scalar(pool.lowerBound + UInt32(generator.next() % UInt64(pool.count))) { scalars.append(scalar) }
            }
            let text = String(scalars)
            #expect(XMLCharacters.firstForbidden(in: text)?.offset == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func valuesInAttributesAreEscaped() throws {
        var data = LanguageTests.data()
        if case .map(var map) = data { map["reference"] = #"A&B <"x"> 'y'"#; data = .map(map) }
        let filled = try Template(contentsOf: Paths.fixture("language.odt")).render(data)
        let reparsed = try XMLDocument(parsing: filled.data("content.xml")!, partName: "content.xml")
        let field = try #require(reparsed.root.descendantElements { $0.is(ODFNamespace.text, "user-field-decl") && $0.attribute(ODFNamespace.text, "name") == "reference" }.first)
        #expect(field.attribute(ODFNamespace.office, "string-value") == #"A&B <"x"> 'y'"#)
    }

    @Test("random values in a LibreOffice template give schema-valid documents",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func randomValuesGiveValidDocuments() throws {
        var generator = SplitMix64(seed: 6_032_013)
        let template = try Rendering.splitMarkers()
        let folder = TemporaryFolder()
        var checked = 0
        while checked < 3 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<40 {
                if let scalar = Unicode.Scalar(UInt32(0x20 + generator.next() % 0x2FF0)) { scalars.append(scalar) }
            }
            scalars.append(contentsOf: "\n\t  &<>\"".unicodeScalars)
            var data = Rendering.data
            if case .map(var map) = data { map["note"] = .string(String(scalars)); data = .map(map) }
            let output = folder.file("random-\(checked).odt")
            try template.render(data).write(to: output)
            let outcome = try ExternalTools.odfcheck(output, ["--no-pdf"])
            #expect(outcome.status == 0, "\(outcome.output)")
            checked += 1
        }
    }

    @Test func germanDefaultsForDatesNumbersAndFlags() throws {
        let template = try Rendering.template(body: "<text:p>{{ d }} | {{ n }} | {{ b }} | {{ l }}</text:p>")
        let filled = try template.render([
            "d": .date(CivilDate(year: 2013, month: 3, day: 6)!), "n": .number(Decimal(string: "1234.5")!),
            "b": true, "l": ["a", "b"],
        ])
        #expect(try Rendering.paragraphs(filled) == ["06.03.2013 | 1234,5 | ja | a, b"])
    }

    /// Random strings from every class of character, forbidden ones included, as values: each
    /// gives a clear error or a document whose XML is well-formed and shows the value unchanged.
    @Test func randomValuesGiveAnErrorOrAWellFormedDocument() throws {
        var generator = SplitMix64(seed: 20_130_306)
        let pools: [ClosedRange<UInt32>] = [0x0...0x1F, 0x20...0x7E, 0x80...0x2FF, 0x2000...0x206F, 0xE000...0xFFFF, 0x1F300...0x1F6FF, 0x10000...0x10FFFF]
        let template = try Rendering.template(body: "<text:p>{{ value }}</text:p>")
        var errors = 0, documents = 0
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 24) {
                let pool = pools[Int(generator.next() % UInt64(pools.count))]
                let raw = pool.lowerBound + UInt32(generator.next() % UInt64(pool.count))
                if let scalar = Unicode.Scalar(raw) { scalars.append(scalar) }
            }
            let value = String(scalars)
            do {
                let filled = try template.render(["value": .string(value)])
                let reparsed = try XMLDocument(parsing: filled.data("content.xml")!, partName: "content.xml")
                let paragraph = try #require(reparsed.root.descendantElements { $0.is(ODFNamespace.text, "p") }.first)
                let expected = value.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                #expect(ParagraphText(paragraph).displayText == expected)
                documents += 1
            } catch let failure as TemplateErrors {
                #expect(failure.errors.allSatisfy { $0.code == .forbiddenCharacter && $0.path == "value" })
                errors += 1
            }
        }
        #expect(errors > 0 && documents > 0, "both outcomes occur: \(errors) errors, \(documents) documents")
    }
}
