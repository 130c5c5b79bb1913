import Foundation
import ODFPackage
@testable import Templating
import TestSupport
import Testing

/// Filling a template that LibreOffice wrote, with markers split the way editing splits them.
@Suite struct FillTests {
    @Test func markersSplitOverSpansBookmarksAndSpacesAreFilled() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        let texts = try Rendering.paragraphs(filled)
        #expect(texts.contains("Aktenzeichen: 50/2403/XV/2013 (fett)"))
        #expect(texts.contains("Körperschaft: Rhein-Kreis Neuss"))
        #expect(texts.contains("Kursiv: Hinweis Ende"))
        #expect(texts.contains("Abstand: 50/2403/XV/2013"))
        #expect(texts.contains("Zwei: 50/2403/XV/2013 und Hinweis."))
        #expect(!texts.joined().contains("{{"), "no marker is left: \(texts)")
    }

    @Test func theValueTakesTheFormattingOfTheMarkersFirstCharacter() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        let paragraph = try #require(try Rendering.paragraph(filled, startingWith: "Aktenzeichen"))
        let bold = paragraph.childElements.first { $0.is(ODFNamespace.text, "span") }
        #expect(bold?.attribute(ODFNamespace.text, "style-name") == "T1")
        #expect(bold?.textContent == "50/2403/XV/2013", "the first brace was bold, so the whole value is")
        let italic = try #require(try Rendering.paragraph(filled, startingWith: "Kursiv"))
        #expect(italic.childElements.first { $0.is(ODFNamespace.text, "span") }?.textContent == "Hinweis")
    }

    @Test func theBookmarkInsideAMarkerSurvives() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        let paragraph = try #require(try Rendering.paragraph(filled, startingWith: "Körperschaft"))
        #expect(paragraph.descendantElements { $0.is(ODFNamespace.text, "bookmark") }.count == 1)
    }

    @Test func aTableRowRepeatsPerItemInOrder() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        let table = try #require(try filled.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.table, "table") }.first)
        let rows = table.descendantElements { $0.is(ODFNamespace.table, "table-row") }
        let cells = rows.map { row in row.childElements.map(\.textContent) }
        #expect(cells == [
            ["Gremium", "Termin"],
            ["Sozialausschuss", "1/31.01.2013"],
            ["Kreisausschuss", "2/27.02.2013"],
            ["Kreistag", "3/06.03.2013"],
        ])
    }

    @Test func paragraphsBetweenBlockMarkersRepeatAndTheMarkerParagraphsGo() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        let texts = try Rendering.paragraphs(filled)
        let start = try #require(texts.firstIndex(of: "Punkt 1: Sozialausschuss"))
        #expect(Array(texts[start...]) == ["Punkt 1: Sozialausschuss", "Punkt 2: Kreisausschuss", "Punkt 3: Kreistag", "Schluss"])
    }

    @Test func anEmptyListLeavesNoRowsAndNoParagraphs() throws {
        var data = Rendering.data
        if case .map(var map) = data { map["items"] = .list([]); data = .map(map) }
        let filled = try Rendering.splitMarkers().render(data)
        let texts = try Rendering.paragraphs(filled)
        #expect(!texts.contains { $0.hasPrefix("Punkt") })
        #expect(texts.last == "Schluss")
        let rows = try filled.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.table, "table-row") }
        #expect(rows.count == 1, "only the header row is left")
    }

    @Test func headersAndFootersAreFilled() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        #expect(try Rendering.paragraphs(filled, "styles.xml").contains("Kopf: Sitzungsvorlage Nr. 50/2403/XV/2013"))
    }

    @Test func nothingOfTheTemplateMachineryIsLeft() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        for part in ["content.xml", "styles.xml"] {
            let xml = String(decoding: try filled.data(part)!, as: UTF8.self)
            #expect(!xml.contains(Template.namespace), "\(part) still mentions the placeholder namespace")
        }
        #expect(!filled.contains("Thumbnails/thumbnail.png"), "the preview of the unfilled template is dropped")
    }

    @Test func aCompiledTemplateFillsManyDocumentsWithoutChanging() throws {
        let template = try Rendering.splitMarkers()
        let first = try template.render(Rendering.data)
        var other = Rendering.data
        if case .map(var map) = other { map["reference"] = "61/0001/XV/2013"; other = .map(map) }
        let second = try template.render(other)
        let again = try template.render(Rendering.data)
        #expect(try Rendering.paragraphs(first).contains("Aktenzeichen: 50/2403/XV/2013 (fett)"))
        #expect(try Rendering.paragraphs(second).contains("Aktenzeichen: 61/0001/XV/2013 (fett)"))
        #expect(try first.packageData() == again.packageData(), "the same data gives the same bytes")
    }

    @Test func theFilledDocumentIsAValidPackage() throws {
        let filled = try Rendering.splitMarkers().render(Rendering.data)
        let reopened = try ODFDocument(bytes: try filled.packageData(), source: "filled")
        #expect(try reopened.xml("content.xml").root.is(ODFNamespace.office, "document-content"))
    }
}

/// Block scopes built from small templates: a list item, text inside one paragraph.
@Suite struct BlockScopeTests {
    @Test func bothEndsInOneListItemRepeatTheItem() throws {
        let template = try Rendering.template(body: "<text:list><text:list-item><text:p>{{#each items}}{{ name }}</text:p><text:p>am {{ date }}{{/each}}</text:p></text:list-item></text:list>")
        let filled = try template.render(Rendering.data)
        let items = try filled.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "list-item") }
        #expect(items.map(\.textContent) == ["Sozialausschussam 31.01.2013", "Kreisausschussam 27.02.2013", "Kreistagam 06.03.2013"])
    }

    @Test func bothEndsInOneParagraphRepeatTheTextBetween() throws {
        let template = try Rendering.template(body: "<text:p>Gremien: {{#each items}}{{ name }}{{/each}}.</text:p>")
        let filled = try template.render(Rendering.data)
        #expect(try Rendering.paragraphs(filled) == ["Gremien: SozialausschussKreisausschussKreistag."])
    }
}
