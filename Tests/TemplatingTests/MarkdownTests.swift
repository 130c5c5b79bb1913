import Foundation
import ODFPackage
@testable import Templating
import TestSupport
import Testing

/// Markdown as a clerk writes it, converted into the blocks and styles of a LibreOffice document.
@Suite struct MarkdownTests {
    /// The LibreOffice letter fixture opened for converting into, with short ways to read it.
    struct Letter {
        let document: ODFDocument
        let content: XMLDocument
        let styles: XMLDocument

        init() throws {
            document = try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt"))
            content = try document.xml("content.xml")
            styles = try document.xml("styles.xml")
        }

        func converter(bodyStyle: String? = "Vorlage_20_Text") -> MarkdownConverter {
            MarkdownConverter(content: content, styles: styles, bodyStyle: bodyStyle)
        }

        func convert(_ markdown: String, bodyStyle: String? = "Vorlage_20_Text") throws(MarkdownError) -> [XMLNode] {
            var converter = converter(bodyStyle: bodyStyle)
            return try converter.blocks(for: markdown)
        }

        var officeStyles: XMLNode { styles.root.firstChild(ODFNamespace.office, "styles")! }

        /// Every named style of `office:styles` called `name` (a list style when `family` is nil).
        func named(_ name: String, family: String? = "paragraph") -> [XMLNode] {
            officeStyles.childElements.filter { element in
                guard element.attribute(ODFNamespace.style, "name") == name else { return false }
                guard let family else { return element.is(ODFNamespace.text, "list-style") }
                return element.is(ODFNamespace.style, "style") && element.attribute(ODFNamespace.style, "family") == family
            }
        }

        /// The one style of that name; fails the test when there is none or more than one.
        func style(_ name: String, family: String? = "paragraph") throws -> XMLNode {
            let found = named(name, family: family)
            try #require(found.count == 1, "\(found.count) styles named \(name)")
            return found[0]
        }

        /// The office:text element of the body, where the blocks go for a whole-document check.
        var officeText: XMLNode {
            content.root.firstChild(ODFNamespace.office, "body")!.firstChild(ODFNamespace.office, "text")!
        }
    }

    // MARK: Helpers

    private func style(_ node: XMLNode) -> String? { node.attribute(ODFNamespace.text, "style-name") }

    /// The children of a paragraph as a compact list: text as it is, elements as `<name>` or
    /// `<span Style>text</span>`.
    private func shape(_ node: XMLNode) -> [String] {
        node.children.map { child in
            switch child.kind {
            case .text: return child.textContent
            default:
                if child.is(ODFNamespace.text, "span") { return "<span \(style(child) ?? "")>\(shape(child).joined())</span>" }
                return "<\(child.localName)>"
            }
        }
    }

    private func properties(_ style: XMLNode, _ kind: String) -> XMLNode? {
        style.firstChild(ODFNamespace.style, kind)
    }

    // MARK: Paragraphs and line breaks

    @Test func paragraphsTakeTheBodyStyleSoftBreaksBecomeSpacesHardBreaksLineBreaks() throws {
        let letter = try Letter()
        let blocks = try letter.convert("Erste Zeile\nzweite Zeile  \ndritte Zeile\\\nvierte Zeile\n\nZweiter Absatz")
        #expect(blocks.count == 2)
        #expect(blocks.allSatisfy { $0.is(ODFNamespace.text, "p") && style($0) == "Vorlage_20_Text" })
        #expect(shape(blocks[0]) == ["Erste Zeile zweite Zeile", "<line-break>", "dritte Zeile", "<line-break>", "vierte Zeile"])
        #expect(blocks[1].textContent == "Zweiter Absatz")
        #expect(blocks.allSatisfy { $0.parent == nil && $0.document === letter.content }, "created in content.xml, not inserted")
    }

    @Test func withoutABodyStyleParagraphsAreStandard() throws {
        let blocks = try Letter().convert("Text", bodyStyle: nil)
        #expect(style(blocks[0]) == "Standard")
    }

    @Test func emptyTextGivesNoBlocks() throws {
        #expect(try Letter().convert("").isEmpty)
        #expect(try Letter().convert(" \n\n  \n").isEmpty)
    }

    @Test func textIsKeptAsWrittenAndEscapedOnOutput() throws {
        let letter = try Letter()
        let blocks = try letter.convert("Kosten < 5 & „Zuschuss“ > 3 \\*kein Stern\\* &amp; ~5 Mio. €")
        #expect(blocks[0].textContent == "Kosten < 5 & „Zuschuss“ > 3 *kein Stern* & ~5 Mio. €")
        letter.officeText.append(blocks[0])
        let xml = String(decoding: try letter.content.serialized(), as: UTF8.self)
        #expect(xml.contains("Kosten &lt; 5 &amp; „Zuschuss“ &gt; 3"))
    }

    // MARK: Headings

    @Test func headingsGetOutlineLevelsAndHeadingStyles() throws {
        let letter = try Letter()
        let blocks = try letter.convert("# Eins\n\n## Zwei *kursiv*\n\nDrei\n===\n\n###### Sechs")
        #expect(blocks.map { $0.is(ODFNamespace.text, "h") } == [true, true, true, true])
        #expect(blocks.map { $0.attribute(ODFNamespace.text, "outline-level") } == ["1", "2", "1", "6"])
        #expect(blocks.map { style($0) } == ["Heading_20_1", "Heading_20_2", "Heading_20_1", "Heading_20_6"])
        #expect(shape(blocks[1]) == ["Zwei ", "<span Emphasis>kursiv</span>"])
        for level in [1, 2, 6] {
            let created = try letter.style("Heading_20_\(level)")
            #expect(created.attribute(ODFNamespace.style, "display-name") == "Heading \(level)")
            #expect(created.attribute(ODFNamespace.style, "parent-style-name") == "Heading")
            #expect(created.attribute(ODFNamespace.style, "default-outline-level") == "\(level)")
            #expect(properties(created, "text-properties")?.attribute(ODFNamespace.fo, "font-weight") == "bold")
        }
        #expect(letter.named("Heading_20_3").isEmpty, "only the levels used are created")
        #expect(try properties(letter.style("Heading_20_1"), "text-properties")?.attribute(ODFNamespace.fo, "font-size") == "130%")
        // The fixture's own „Heading“ is reused as it is.
        let heading = try letter.style("Heading")
        #expect(heading.attribute(ODFNamespace.style, "next-style-name") == "Text_20_body")
        #expect(properties(heading, "text-properties")?.attribute(ODFNamespace.fo, "font-weight") == nil)
    }

    @Test func theHeadingStyleIsCreatedWhenTheTemplateLacksIt() throws {
        let letter = try Letter()
        try letter.style("Heading").remove()
        _ = try letter.convert("### Begründung")
        let heading = try letter.style("Heading")
        #expect(heading.attribute(ODFNamespace.style, "display-name") == "Heading")
        #expect(heading.attribute(ODFNamespace.style, "parent-style-name") == "Standard")
        let paragraph = try #require(properties(heading, "paragraph-properties"))
        #expect(paragraph.attribute(ODFNamespace.fo, "keep-with-next") == "always")
        #expect(paragraph.attribute(ODFNamespace.fo, "margin-top") != nil && paragraph.attribute(ODFNamespace.fo, "margin-bottom") != nil)
        #expect(properties(heading, "text-properties")?.attribute(ODFNamespace.fo, "font-weight") == "bold")
        #expect(try letter.style("Heading_20_3").attribute(ODFNamespace.style, "parent-style-name") == "Heading")
    }

    @Test func existingHeadingLevelStylesAreReused() throws {
        let letter = try Letter()
        let own = letter.styles.makeElement(ODFNamespace.style, "style", prefix: "style")
        own.setAttribute(ODFNamespace.style, "name", prefix: "style", to: "Heading_20_2")
        own.setAttribute(ODFNamespace.style, "family", prefix: "style", to: "paragraph")
        own.setAttribute(ODFNamespace.style, "display-name", prefix: "style", to: "Meine Überschrift")
        letter.officeStyles.append(own)
        _ = try letter.convert("## Zwei")
        #expect(try letter.style("Heading_20_2").attribute(ODFNamespace.style, "display-name") == "Meine Überschrift")
    }

    // MARK: Lists

    @Test func bulletedListsNestInsideTheItemAfterItsParagraphs() throws {
        let letter = try Letter()
        let blocks = try letter.convert("- eins\n- zwei\n\n  weiter\n  - zwei a\n  - zwei b\n- drei")
        #expect(blocks.count == 1)
        let list = blocks[0]
        #expect(list.is(ODFNamespace.text, "list") && style(list) == "List_20_1")
        let items = list.childElements
        #expect(items.count == 3 && items.allSatisfy { $0.is(ODFNamespace.text, "list-item") })
        let second = items[1].childElements
        #expect(second.map(\.localName) == ["p", "p", "list"])
        #expect(second[0].textContent == "zwei" && second[1].textContent == "weiter")
        #expect(style(second[2]) == "List_20_1")
        #expect(second[2].childElements.map(\.textContent) == ["zwei a", "zwei b"])
        let paragraphs = list.descendantElements { $0.is(ODFNamespace.text, "p") }
        #expect(paragraphs.count == 6 && paragraphs.allSatisfy { style($0) == "Vorlage_20_Text" })
    }

    @Test func orderedListsUseNumbering123AndKeepTheirFirstNumber() throws {
        let letter = try Letter()
        let blocks = try letter.convert("3. drei\n4. vier\n   - Punkt\n\nText\n\n1. eins\n2. zwei")
        let (later, text, first) = (blocks[0], blocks[1], blocks[2])
        #expect(style(later) == "Numbering_20_123" && style(first) == "Numbering_20_123")
        #expect(later.childElements.map { $0.attribute(ODFNamespace.text, "start-value") } == ["3", nil])
        #expect(first.childElements.map { $0.attribute(ODFNamespace.text, "start-value") } == [nil, nil])
        let nested = try #require(later.childElements[1].firstChild(ODFNamespace.text, "list"))
        #expect(style(nested) == "List_20_1", "a bulleted list inside a numbered one keeps bullets")
        #expect(text.is(ODFNamespace.text, "p"))
    }

    @Test func anEmptyListItemStillHasAParagraph() throws {
        let blocks = try Letter().convert("- eins\n-\n- drei")
        let empty = blocks[0].childElements[1]
        #expect(empty.childElements.map(\.localName) == ["p"])
        #expect(style(empty.childElements[0]) == "Vorlage_20_Text")
    }

    @Test func listStylesAreCreatedWithTenLevels() throws {
        let letter = try Letter()
        _ = try letter.convert("- a\n\n1. b")
        for (name, display, kind) in [("List_20_1", "List 1", "list-level-style-bullet"), ("Numbering_20_123", "Numbering 123", "list-level-style-number")] {
            let list = try letter.style(name, family: nil)
            #expect(list.attribute(ODFNamespace.style, "display-name") == display)
            let levels = list.childElements
            #expect(levels.count == 10 && levels.allSatisfy { $0.is(ODFNamespace.text, kind) })
            #expect(levels.map { $0.attribute(ODFNamespace.text, "level") } == (1...10).map { String($0) })
            var previousIndent = 0.0
            for level in levels {
                let properties = try #require(level.firstChild(ODFNamespace.style, "list-level-properties"))
                #expect(properties.attribute(ODFNamespace.text, "list-level-position-and-space-mode") == "label-alignment")
                let alignment = try #require(properties.firstChild(ODFNamespace.style, "list-level-label-alignment"))
                let indent = try #require(alignment.attribute(ODFNamespace.fo, "margin-left").flatMap { Double($0.dropLast(2)) })
                #expect(indent > previousIndent, "indents grow with the level")
                previousIndent = indent
                if kind == "list-level-style-bullet" {
                    #expect(level.attribute(ODFNamespace.text, "bullet-char")?.isEmpty == false)
                } else {
                    #expect(level.attribute(ODFNamespace.style, "num-format") == "1")
                    #expect(level.attribute(ODFNamespace.style, "num-suffix") == ".")
                }
            }
        }
    }

    // MARK: Inline formatting and links

    @Test func emphasisAndStrongBecomeNestedSpansWithCharacterStyles() throws {
        let letter = try Letter()
        let blocks = try letter.convert("Ein *kursives* und **fettes *beides*** Wort, __auch__ _so_.")
        #expect(shape(blocks[0]) == [
            "Ein ", "<span Emphasis>kursives</span>", " und ",
            "<span Strong_20_Emphasis>fettes <span Emphasis>beides</span></span>", " Wort, ",
            "<span Strong_20_Emphasis>auch</span>", " ", "<span Emphasis>so</span>", ".",
        ])
        let emphasis = try letter.style("Emphasis", family: "text")
        #expect(emphasis.attribute(ODFNamespace.style, "display-name") == "Emphasis")
        #expect(properties(emphasis, "text-properties")?.attribute(ODFNamespace.fo, "font-style") == "italic")
        let strong = try letter.style("Strong_20_Emphasis", family: "text")
        #expect(strong.attribute(ODFNamespace.style, "display-name") == "Strong Emphasis")
        #expect(properties(strong, "text-properties")?.attribute(ODFNamespace.fo, "font-weight") == "bold")
        #expect(strong.attribute(ODFNamespace.style, "parent-style-name") == nil)
    }

    @Test func linksAndAutolinksBecomeHyperlinks() throws {
        let letter = try Letter()
        let blocks = try letter.convert("""
            Siehe [den **Kreistag**](https://www.rhein-kreis-neuss.de/kreistag "Kreistag"), <https://oparl.org>,
            www.example.de, <info@example.de> und [Leerzeichen](<Anlage 1.pdf>).
            """)
        let links = blocks[0].descendantElements { $0.is(ODFNamespace.text, "a") }
        #expect(links.map { $0.attribute(ODFNamespace.xlink, "href") } == [
            "https://www.rhein-kreis-neuss.de/kreistag", "https://oparl.org", "http://www.example.de", "mailto:info@example.de", "Anlage%201.pdf",
        ])
        #expect(links.allSatisfy { $0.attribute(ODFNamespace.xlink, "type") == "simple" })
        #expect(links.map(\.textContent) == ["den Kreistag", "https://oparl.org", "www.example.de", "info@example.de", "Leerzeichen"])
        #expect(links[0].attribute(ODFNamespace.office, "title") == "Kreistag")
        #expect(shape(links[0]) == ["den ", "<span Strong_20_Emphasis>Kreistag</span>"])
    }

    // MARK: Block quotes

    @Test func blockQuoteParagraphsUseQuotationsAndListsInsideKeepTheirStyles() throws {
        let letter = try Letter()
        let blocks = try letter.convert("> Zitat\n> weiter\n>\n> - Punkt\n>\n> > tiefer\n\nDanach")
        #expect(blocks.map(\.localName) == ["p", "list", "p", "p"])
        #expect(style(blocks[0]) == "Quotations" && blocks[0].textContent == "Zitat weiter")
        #expect(style(blocks[1]) == "List_20_1")
        #expect(blocks[1].descendantElements { $0.is(ODFNamespace.text, "p") }.map { style($0) } == ["Vorlage_20_Text"])
        #expect(style(blocks[2]) == "Quotations" && blocks[2].textContent == "tiefer")
        #expect(style(blocks[3]) == "Vorlage_20_Text")
        let quotations = try letter.style("Quotations")
        #expect(quotations.attribute(ODFNamespace.style, "display-name") == "Quotations")
        let paragraph = try #require(properties(quotations, "paragraph-properties"))
        #expect(paragraph.attribute(ODFNamespace.fo, "margin-left") == "1cm")
        #expect(paragraph.attribute(ODFNamespace.fo, "margin-right") == "1cm")
        #expect(paragraph.attribute(ODFNamespace.fo, "margin-bottom") != nil)
    }

    // MARK: Tables

    @Test func tablesHaveAHeaderRowAndStyledCellParagraphs() throws {
        let letter = try Letter()
        let blocks = try letter.convert("""
            | Gremium | **Termin** |
            |---|:-:|
            | Kreistag | *06.03.2013* |
            | Kreisausschuss |
            """)
        let table = try #require(blocks.first)
        #expect(table.is(ODFNamespace.table, "table"))
        #expect(table.attribute(ODFNamespace.table, "name") == "Tabelle1")
        #expect(table.childElements.map(\.localName) == ["table-column", "table-header-rows", "table-row", "table-row"])
        #expect(table.childElements[0].attribute(ODFNamespace.table, "number-columns-repeated") == "2")
        let header = table.childElements[1].childElements
        #expect(header.count == 1 && header[0].is(ODFNamespace.table, "table-row"))
        let rows = [header[0], table.childElements[2], table.childElements[3]]
        for (index, row) in rows.enumerated() {
            let cells = row.childElements
            #expect(cells.count == 2, "every row has every column")
            for cell in cells {
                #expect(cell.is(ODFNamespace.table, "table-cell") && cell.attribute(ODFNamespace.office, "value-type") == "string")
                #expect(cell.childElements.count == 1 && cell.childElements[0].is(ODFNamespace.text, "p"))
                #expect(style(cell.childElements[0]) == (index == 0 ? "Table_20_Heading" : "Table_20_Contents"))
            }
        }
        #expect(rows.map { $0.childElements.map(\.textContent) } == [["Gremium", "Termin"], ["Kreistag", "06.03.2013"], ["Kreisausschuss", ""]])
        #expect(shape(rows[0].childElements[1].childElements[0]) == ["<span Strong_20_Emphasis>Termin</span>"])
        #expect(shape(rows[1].childElements[1].childElements[0]) == ["<span Emphasis>06.03.2013</span>"])
        // „Table Heading“ is created under the fixture's own „Table Contents“, which stays as it was.
        let heading = try letter.style("Table_20_Heading")
        #expect(heading.attribute(ODFNamespace.style, "display-name") == "Table Heading")
        #expect(heading.attribute(ODFNamespace.style, "parent-style-name") == "Table_20_Contents")
        #expect(properties(heading, "paragraph-properties")?.attribute(ODFNamespace.fo, "text-align") == "center")
        #expect(properties(heading, "text-properties")?.attribute(ODFNamespace.fo, "font-weight") == "bold")
        #expect(try properties(letter.style("Table_20_Contents"), "paragraph-properties")?.attribute(ODFNamespace.fo, "orphans") == "0")
    }

    @Test func theTableContentsStyleIsCreatedWhenMissing() throws {
        let letter = try Letter()
        try letter.style("Table_20_Contents").remove()
        _ = try letter.convert("| a |\n|---|\n| b |")
        let contents = try letter.style("Table_20_Contents")
        #expect(contents.attribute(ODFNamespace.style, "display-name") == "Table Contents")
        #expect(contents.attribute(ODFNamespace.style, "parent-style-name") == "Standard")
    }

    @Test func tableNamesAreUniqueInTheDocument() throws {
        let letter = try Letter()
        let existing = letter.content.makeElement(ODFNamespace.table, "table", prefix: "table")
        existing.setAttribute(ODFNamespace.table, "name", prefix: "table", to: "Tabelle1")
        letter.officeText.append(existing)
        var converter = letter.converter()
        let first = try converter.blocks(for: "| a |\n|---|\n\n| b |\n|---|")
        let second = try converter.blocks(for: "| c |\n|---|")
        let names = (first + second).map { $0.attribute(ODFNamespace.table, "name") }
        #expect(names == ["Tabelle2", "Tabelle3", "Tabelle4"])
        // A new converter sees the tables once they are in the document.
        for table in first + second { letter.officeText.append(table) }
        #expect(try letter.convert("| d |\n|---|")[0].attribute(ODFNamespace.table, "name") == "Tabelle5")
    }

    // MARK: Styles

    static let everything = """
        # Titel

        Text mit *kursiv*, **fett** und [Link](https://example.org).

        - Punkt
          1. Unterpunkt

        > Zitat

        | A | B |
        |---|---|
        | 1 | 2 |
        """

    @Test func convertingTwiceCreatesNoStyleTwice() throws {
        let letter = try Letter()
        var converter = letter.converter()
        _ = try converter.blocks(for: Self.everything)
        _ = try converter.blocks(for: Self.everything)
        _ = try letter.convert(Self.everything)
        var seen: [String: Int] = [:]
        for element in letter.officeStyles.childElements {
            guard let name = element.attribute(ODFNamespace.style, "name") else { continue }
            let key = "\(element.localName)/\(element.attribute(ODFNamespace.style, "family") ?? "")/\(name)"
            seen[key, default: 0] += 1
        }
        #expect(seen.filter { $0.value > 1 }.isEmpty, "duplicates: \(seen.filter { $0.value > 1 })")
        for name in ["Heading_20_1", "Quotations", "Table_20_Heading", "Table_20_Contents", "Heading"] {
            #expect(letter.named(name).count == 1)
        }
        #expect(letter.named("List_20_1", family: nil).count == 1)
        #expect(letter.named("Numbering_20_123", family: nil).count == 1)
        #expect(letter.named("Emphasis", family: "text").count == 1)
    }

    @Test func everyCreatedStyleHasADisplayName() throws {
        let letter = try Letter()
        let before = Set(letter.officeStyles.childElements.map { $0.attribute(ODFNamespace.style, "name") ?? "" })
        _ = try letter.convert(Self.everything)
        let created = letter.officeStyles.childElements.filter { !before.contains($0.attribute(ODFNamespace.style, "name") ?? "") }
        #expect(created.count == 7, "\(created.map { $0.attribute(ODFNamespace.style, "name") ?? "" })")
        #expect(created.allSatisfy { $0.attribute(ODFNamespace.style, "display-name") != nil })
    }

    @Test func withoutAStylesPartStylesAreOnlyReferenced() throws {
        let letter = try Letter()
        let stylesBefore = try letter.styles.serialized()
        var converter = MarkdownConverter(content: letter.content, styles: nil, bodyStyle: "Vorlage_20_Text")
        let blocks = try converter.blocks(for: Self.everything)
        #expect(style(blocks[0]) == "Heading_20_1")
        #expect(try letter.styles.serialized() == stylesBefore)
    }

    @Test func aFlatDocumentGetsOfficeStylesBeforeItsBody() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="\(ODFNamespace.office)" xmlns:text="\(ODFNamespace.text)" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text><text:p>{{ sachverhalt }}</text:p></office:text></office:body></office:document>
            """
        let content = try XMLDocument(parsing: Data(xml.utf8), partName: "flach.fodt")
        var converter = MarkdownConverter(content: content, styles: content, bodyStyle: nil)
        let blocks = try converter.blocks(for: "## Zwei\n\n*kursiv*")
        #expect(content.root.childElements.map(\.localName) == ["styles", "body"])
        let created = content.root.childElements[0].childElements.map { $0.attribute(ODFNamespace.style, "name") }
        #expect(created == ["Heading", "Heading_20_2", "Emphasis"])
        #expect(style(blocks[1]) == "Standard")
    }

    // MARK: Refusals

    struct Refusal: Sendable, CustomTestStringConvertible {
        var markdown: String
        var line: Int
        var fragment: String
        var testDescription: String { fragment }
    }

    static let refusals: [Refusal] = [
        Refusal(markdown: "Text\n\n<div>Kasten</div>", line: 3, fragment: "HTML („<div>Kasten</div>“) wird im Markdown hier nicht unterstützt. Trennen Sie Absätze"),
        Refusal(markdown: "Eins\nEin <b>fetter</b> Text", line: 2, fragment: "HTML („<b>“) wird im Markdown hier nicht unterstützt. Markieren Sie fetten Text stattdessen mit zwei Sternchen: **wichtig**."),
        Refusal(markdown: "Umbruch<br>hier", line: 1, fragment: "HTML („<br>“)"),
        Refusal(markdown: "<!-- Notiz -->", line: 1, fragment: "HTML-Kommentare („<!-- Notiz -->“)"),
        Refusal(markdown: "Lageplan:\n\n![Plan](plan.png)", line: 3, fragment: "Bilder („![Plan](plan.png)“) werden im Markdown hier nicht unterstützt"),
        Refusal(markdown: "```\nx = 1\n```", line: 1, fragment: "Codeblöcke (zwischen Zeilen aus ``` oder ~~~)"),
        Refusal(markdown: "Absatz\n\n    eingerückt", line: 3, fragment: "um vier oder mehr Leerzeichen eingerückt ist, ist in Markdown ein Codeblock"),
        Refusal(markdown: "Az. `50/2403`", line: 1, fragment: "Code im Text („`50/2403`“)"),
        Refusal(markdown: "oben\n\n---\n\nunten", line: 3, fragment: "Trennlinien"),
        Refusal(markdown: "Das ist ~~falsch~~ richtig", line: 1, fragment: "Durchgestrichener Text („~~gestrichen~~“)"),
        Refusal(markdown: "Text[^1]\n\n[^1]: Quelle", line: 1, fragment: "Fußnoten („[^1]“)"),
        Refusal(markdown: "Liste:\n\n- [ ] offen\n- [x] erledigt", line: 3, fragment: "Aufgabenlisten"),
        Refusal(markdown: "- Punkt\n\n  | a | b |\n  |---|---|", line: 3, fragment: "Eine Tabelle in einem Listeneintrag wird nicht unterstützt"),
        Refusal(markdown: "Zeichen &#1; hier", line: 1, fragment: "das Steuerzeichen U+0001"),
        Refusal(markdown: "Siehe [Anlage]()", line: 1, fragment: "Der Link „[Anlage]()“ hat keine Adresse"),
        Refusal(markdown: "Platzhalter <Name> hier", line: 1, fragment: "spitze Klammern als Text schreiben Sie \\< und \\>"),
        Refusal(markdown: String(repeating: "> ", count: 150) + "tief", line: 1, fragment: "tiefer als 100 Ebenen"),
        Refusal(markdown: "eins\nzwei\n\n- drei\n- vier <i>x</i>", line: 5, fragment: "Markieren Sie kursiven Text stattdessen mit einem Sternchen"),
    ]

    @Test(arguments: refusals)
    func unsupportedConstructsAreRefusedWithTheirLine(_ refusal: Refusal) throws {
        let letter = try Letter()
        let error = try #require(throws: MarkdownError.self) { try letter.convert(refusal.markdown) }
        #expect(error.line == refusal.line)
        let text = error.message + (error.hint.map { " \($0)" } ?? "")
        #expect(text.contains(refusal.fragment), "\(text)")
    }

    @Test func aRefusedTextLeavesStylesAndContentUntouched() throws {
        let letter = try Letter()
        let (contentBefore, stylesBefore) = (try letter.content.serialized(), try letter.styles.serialized())
        #expect(throws: MarkdownError.self) { try letter.convert(Self.everything + "\n\nZum Schluss <b>fett</b>") }
        #expect(try letter.content.serialized() == contentBefore)
        #expect(try letter.styles.serialized() == stylesBefore)
    }

    @Test func parsingFromManyTasksAtOnceGivesTheSameResults() async throws {
        // cmark-gfm keeps global state while extensions are attached; parses must not interleave.
        let messages = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var results: [String] = []
                    for _ in 0..<25 {
                        let letter = try Letter()
                        do throws(MarkdownError) {
                            _ = try letter.convert("| a |\n|---|\n\nDas ist ~~falsch~~")
                            results.append("converted")
                        } catch {
                            results.append(error.message)
                        }
                    }
                    return results
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(messages.count == 200)
        #expect(Set(messages).count == 1 && messages[0].hasPrefix("Durchgestrichener Text"), "\(Set(messages))")
    }

    // MARK: The whole document

    @Test(.enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func theConvertedLetterIsValidODFAndLibreOfficeRendersIt() throws {
        let letter = try Letter()
        var converter = letter.converter()
        let blocks = try converter.blocks(for: Self.everything + """


            Zweite Zeile  
            mit Umbruch und **fett *und kursiv***, <https://www.rhein-kreis-neuss.de>.

            ###### Ebene sechs

            3. drei
            4. vier
               - tief
                 - tiefer

            > - im Zitat

            | Gremium | Termin | Behandlung |
            |---|---|---|
            | Kreistag | 06.03.2013 |

            0. null
            1. # Überschrift im Punkt
            2. > Zitat im Punkt

            > | nur | Kopf |
            > |---|---|

            [Umlaut](<https://www.kreis-städte.de/Sitzung 2013> "Titel").
            """)
        for block in blocks { letter.officeText.append(block) }
        let folder = TemporaryFolder("markdown-odfcheck")
        let url = folder.file("markdown.odt")
        try letter.document.packageData().write(to: url)
        let outcome = try ExternalTools.odfcheck(url, ["--expect", "Unterpunkt", "--expect", "Ebene sechs"])
        #expect(outcome.status == 0, "\(outcome.output)\n\(outcome.error)")
    }
}
