import Foundation
import ODFPackage
import TestSupport
import Testing

/// The merge rules one by one, on small annexes written for each.
@Suite struct MergeTests {
    typealias NS = ODFNamespace

    /// Default styles both documents share, so that only what a test changes differs.
    static let defaults = """
        <style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:default-style>
        <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
        """
    static let quote = """
        <style:style style:name="Quote" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="0.4in"/></style:style>
        <style:style style:name="Quote_20_Child" style:display-name="Quote Child" style:family="paragraph" style:parent-style-name="Quote"><style:text-properties fo:font-style="italic"/></style:style>
        """
    static let standardMaster = """
        <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
        """
    static let pageLayout = """
        <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout>
        """

    /// A small receiver: a cover heading and an empty anchor paragraph after `body`.
    static func receiver(styles: String = defaults + quote, automatic: String = pageLayout, masters: String = standardMaster,
                         body: String = "") throws -> (document: ODFDocument, cover: XMLNode, anchor: XMLNode)
    {
        let document = try MergeSupport.flat(styles: styles, automatic: automatic, masters: masters, body: body, name: "receiver.fodt")
        let (cover, anchor) = try MergeSupport.appendCoverAndAnchor(to: document, title: "Anlage 1")
        cover.setAttribute(NS.text, "style-name", prefix: "text", to: "Standard")
        return (document, cover, anchor)
    }

    static func commonStyles(_ document: ODFDocument) throws -> [XMLNode] {
        try document.xml("styles.xml").root.firstChild(NS.office, "styles")?.childElements ?? []
    }

    static func automaticStyles(_ document: ODFDocument, _ part: String = "content.xml") throws -> [XMLNode] {
        try document.xml(part).root.firstChild(NS.office, "automatic-styles")?.childElements ?? []
    }

    static func named(_ nodes: [XMLNode], _ name: String) -> XMLNode? {
        nodes.first { $0.attribute(NS.style, "name") == name }
    }

    /// The paragraphs and headings between the cover heading and the anchor.
    static func inserted(_ cover: XMLNode, _ anchor: XMLNode) -> [XMLNode] {
        var result: [XMLNode] = []
        var node = cover.nextSibling
        while let current = node, current != anchor {
            if current.is(NS.text, "p") || current.is(NS.text, "h") { result.append(current) }
            result += current.descendantElements { $0.is(NS.text, "p") || $0.is(NS.text, "h") }
            node = current.nextSibling
        }
        return result
    }

    // MARK: Styles

    @Test func anIdenticalCommonStyleIsShared() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(styles: Self.defaults + Self.quote, automatic: Self.pageLayout, masters: Self.standardMaster,
                                          body: "<text:p text:style-name=\"Quote_20_Child\">Zitat</text:p>")
        let report = try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        #expect(report.renamedStyles == ["Standard": "Standard_20__28_A1_29_"], "only the master page, whose name the receiver has")
        #expect(report.insertedBlockCount == 1)
        let styles = try Self.commonStyles(receiver)
        #expect(styles.filter { $0.attribute(NS.style, "name")?.hasPrefix("Quote") ?? false }.count == 2)
        #expect(Self.inserted(cover, anchor).map { $0.attribute(NS.text, "style-name") } == ["Quote_20_Child"])
    }

    @Test func aDifferentCommonStyleIsRenamedWithEveryReference() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annexQuote = """
            <style:style style:name="Quote" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-left="0.8in"/></style:style>
            <style:style style:name="Quote_20_Child" style:display-name="Quote Child" style:family="paragraph" style:parent-style-name="Quote"><style:text-properties fo:font-style="italic"/></style:style>
            <style:style style:name="Quote_20_Next" style:display-name="Quote Next" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Quote"/>
            """
        let annex = try MergeSupport.flat(
            styles: Self.defaults + annexQuote,
            automatic: Self.pageLayout + "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Quote_20_Child\"><style:paragraph-properties fo:text-align=\"center\"/></style:style>",
            masters: Self.standardMaster,
            body: "<text:p text:style-name=\"Quote\">Eins</text:p><text:p text:style-name=\"P1\">Zwei</text:p><text:p text:style-name=\"Quote_20_Next\">Drei</text:p>")
        let report = try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))

        let quote = "Quote_20__28_A1_29_", child = "Quote_20_Child_20__28_A1_29_"
        // Quote differs; Quote Child is written the same but its parent is renamed, so it differs too.
        #expect(report.renamedStyles == ["Quote": quote, "Quote_20_Child": child, "Standard": "Standard_20__28_A1_29_"], "Standard is the master page")
        let styles = try Self.commonStyles(receiver)
        let renamed = try #require(Self.named(styles, quote))
        #expect(renamed.attribute(NS.style, "display-name") == "Quote (A1)")
        #expect(renamed.firstChild(NS.style, "paragraph-properties")?.attribute(NS.fo, "margin-left") == "0.8in")
        #expect(Self.named(styles, child)?.attribute(NS.style, "parent-style-name") == quote)
        #expect(Self.named(styles, child)?.attribute(NS.style, "display-name") == "Quote Child (A1)")
        #expect(Self.named(styles, "Quote_20_Next")?.attribute(NS.style, "next-style-name") == quote, "copied as is, its reference follows")
        #expect(Self.named(styles, "Quote")?.firstChild(NS.style, "paragraph-properties")?.attribute(NS.fo, "margin-left") == "0.4in", "the receiver's own is untouched")
        let automatic = try Self.automaticStyles(receiver)
        #expect(Self.named(automatic, "A1P1")?.attribute(NS.style, "parent-style-name") == child)
        #expect(Self.inserted(cover, anchor).map { $0.attribute(NS.text, "style-name") } == [quote, "A1P1", "Quote_20_Next"])
    }

    @Test func automaticStylesAreAlwaysRenamedWithTheTag() throws {
        let (receiver, cover, anchor) = try Self.receiver(automatic: Self.pageLayout + "<style:style style:name=\"P1\" style:family=\"paragraph\"/><style:style style:name=\"A1P1\" style:family=\"paragraph\"/>")
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.pageLayout + """
            <style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
            <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
            """, masters: Self.standardMaster, body: "<text:p text:style-name=\"P1\">a <text:span text:style-name=\"T1\">b</text:span></text:p>")
        try receiver.insertBody(of: annex, before: anchor, pageStart: nil, options: MergeOptions(tag: "A1"))
        let paragraph = try #require(Self.inserted(cover, anchor).first)
        // A1P1 is taken in the receiver, so the annex's P1 gets a counter.
        #expect(paragraph.attribute(NS.text, "style-name")?.hasPrefix("A1P1_") ?? false)
        #expect(paragraph.firstChild(NS.text, "span")?.attribute(NS.text, "style-name") == "A1T1")
    }

    // MARK: Page layout

    static let annexPages = """
        <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin-left="1cm" fo:margin-right="1cm"/></style:page-layout>
        <style:style style:name="MP1" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:text-align="end"/></style:style>
        """
    static let annexMaster = """
        <style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer><text:p text:style-name="MP1">Fußzeile der Anlage</text:p></style:footer></style:master-page>
        """

    @Test func theMasterPageIsRenamedAndStartsAtThePageStart() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.annexPages, masters: Self.annexMaster,
                                          body: "<text:p text:style-name=\"Standard\">Quer</text:p>")
        let report = try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        let master = "Standard_20__28_A1_29_"
        #expect(report.renamedStyles["Standard"] == master)
        let styles = try receiver.xml("styles.xml").root
        let masters = styles.firstChild(NS.office, "master-styles")?.childElements ?? []
        #expect(masters.compactMap { $0.attribute(NS.style, "name") } == ["Standard", master])
        let copied = try #require(masters.last)
        #expect(copied.attribute(NS.style, "page-layout-name") == "A1pm1")
        #expect(copied.attribute(NS.style, "display-name") == "Standard (A1)")
        #expect(copied.firstChild(NS.style, "footer")?.firstChild(NS.text, "p")?.attribute(NS.text, "style-name") == "A1MP1")
        let automatic = try Self.automaticStyles(receiver, "styles.xml")
        #expect(Self.named(automatic, "A1pm1")?.firstChild(NS.style, "page-layout-properties")?.attribute(NS.fo, "page-width") == "29.7cm")
        #expect(Self.named(automatic, "A1MP1") != nil)

        let start = try #require(cover.attribute(NS.text, "style-name"))
        let startStyle = try #require(Self.named(try Self.automaticStyles(receiver), start))
        #expect(startStyle.attribute(NS.style, "master-page-name") == master)
        #expect(startStyle.attribute(NS.style, "parent-style-name") == "Standard", "derived from the cover's own style")
        #expect(Self.inserted(cover, anchor).first?.attribute(NS.text, "style-name") == "Standard", "the annex's paragraph does not break the page again")
    }

    @Test func withoutAPageStartTheAnnexsFirstParagraphStartsItsPages() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.annexPages, masters: Self.annexMaster,
                                          body: "<text:p text:style-name=\"Standard\">Quer</text:p><text:p text:style-name=\"Standard\">Weiter</text:p>")
        try receiver.insertBody(of: annex, before: anchor, pageStart: nil, options: MergeOptions(tag: "A1"))
        #expect(cover.attribute(NS.text, "style-name") == "Standard")
        let paragraphs = Self.inserted(cover, anchor)
        let first = try #require(Self.named(try Self.automaticStyles(receiver), paragraphs[0].attribute(NS.text, "style-name") ?? ""))
        #expect(first.attribute(NS.style, "master-page-name") == "Standard_20__28_A1_29_")
        #expect(first.attribute(NS.style, "parent-style-name") == "Standard")
        #expect(paragraphs[1].attribute(NS.text, "style-name") == "Standard")
    }

    @Test func withoutItsPageLayoutTheAnnexFlowsOnTheReceiversPages() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(
            styles: Self.defaults,
            automatic: Self.annexPages + "<style:style style:name=\"P1\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:master-page-name=\"Standard\"/>",
            masters: Self.annexMaster,
            body: "<text:p text:style-name=\"P1\">Erste Seite</text:p><text:p text:style-name=\"Standard\">Text</text:p><text:p text:style-name=\"P1\">Neue Seite</text:p>")
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1", keepsPageLayout: false))
        #expect(cover.attribute(NS.text, "style-name") == "Standard")
        let styles = try receiver.xml("styles.xml").root
        #expect(styles.firstChild(NS.office, "master-styles")?.childElements.count == 1, "no master page comes along")
        #expect(try Self.automaticStyles(receiver, "styles.xml").count == 1, "nor its page layout")
        for style in try Self.automaticStyles(receiver) {
            #expect(style.attribute(NS.style, "master-page-name") == nil)
        }
        let paragraphs = Self.inserted(cover, anchor)
        func breaksBefore(_ paragraph: XMLNode) throws -> String? {
            let style = Self.named(try Self.automaticStyles(receiver), paragraph.attribute(NS.text, "style-name") ?? "")
            return style?.firstChild(NS.style, "paragraph-properties")?.attribute(NS.fo, "break-before")
        }
        #expect(try breaksBefore(paragraphs[0]) == nil, "the annex starts right after the cover")
        #expect(try breaksBefore(paragraphs[2]) == "page", "a new page style becomes a page break")
    }

    // MARK: Names in the body

    @Test func footnoteIdentifiersStayUniqueAndReferencesFollow() throws {
        let note = """
            <text:p text:style-name="Standard">Text<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Standard">NOTE</text:p></text:note-body></text:note> siehe <text:note-ref text:note-class="footnote" text:reference-format="text" text:ref-name="ftn1">1</text:note-ref></text:p>
            """
        let (receiver, cover, anchor) = try Self.receiver(body: note.replacingOccurrences(of: "NOTE", with: "Empfänger"))
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.pageLayout, masters: Self.standardMaster,
                                          body: note.replacingOccurrences(of: "NOTE", with: "Anlage"))
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        let text = try MergeSupport.officeText(receiver)
        let notes = text.descendantElements { $0.is(NS.text, "note") }
        #expect(notes.map { $0.attribute(NS.text, "id") } == ["ftn1", "ftn1-A1"])
        #expect(notes.map { $0.firstChild(NS.text, "note-body")?.textContent } == ["Empfänger", "Anlage"])
        let references = text.descendantElements { $0.is(NS.text, "note-ref") }
        #expect(references.map { $0.attribute(NS.text, "ref-name") } == ["ftn1", "ftn1-A1"])
    }

    @Test func bookmarksSectionsTablesFramesAndIdsStayUnique() throws {
        let body = """
            <text:section text:name="Abschnitt" text:style-name="Sect1"><text:p text:style-name="Standard"><text:bookmark text:name="Marke"/>Text</text:p></text:section>
            <table:table table:name="Tabelle1"><table:table-column/><table:table-row><table:table-cell><text:p text:style-name="Standard"><text:a xlink:type="simple" xlink:href="#Tabelle1|table">Sprung</text:a></text:p></table:table-cell></table:table-row></table:table>
            <text:list xml:id="list1"><text:list-item><text:p text:style-name="Standard"><draw:frame draw:name="Rahmen" text:anchor-type="as-char" svg:width="1cm" svg:height="1cm"><draw:text-box><text:p text:style-name="Standard">Im Rahmen</text:p></draw:text-box></draw:frame></text:p></text:list-item></text:list>
            <text:list text:continue-list="list1"><text:list-item><text:p text:style-name="Standard"><text:bookmark-ref text:reference-format="text" text:ref-name="Marke">Text</text:bookmark-ref></text:p></text:list-item></text:list>
            """
        let section = "<style:style style:name=\"Sect1\" style:family=\"section\"/>"
        let (receiver, cover, anchor) = try Self.receiver(automatic: Self.pageLayout + section, body: body)
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.pageLayout + section, masters: Self.standardMaster, body: body)
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        let text = try MergeSupport.officeText(receiver)
        func values(_ namespace: String, _ element: String, _ attributeNamespace: String, _ attribute: String) -> [String?] {
            text.descendantElements { $0.is(namespace, element) }.map { $0.attribute(attributeNamespace, attribute) }
        }
        #expect(values(NS.text, "section", NS.text, "name") == ["Abschnitt", "Abschnitt-A1"])
        #expect(values(NS.text, "section", NS.text, "style-name") == ["Sect1", "A1Sect1"])
        #expect(values(NS.text, "bookmark", NS.text, "name") == ["Marke", "Marke-A1"])
        #expect(values(NS.text, "bookmark-ref", NS.text, "ref-name") == ["Marke", "Marke-A1"])
        #expect(values(NS.table, "table", NS.table, "name") == ["Tabelle1", "Tabelle1-A1"])
        #expect(values(NS.text, "a", NS.xlink, "href") == ["#Tabelle1|table", "#Tabelle1-A1|table"])
        #expect(values(NS.drawing, "frame", NS.drawing, "name") == ["Rahmen", "Rahmen-A1"])
        #expect(values(NS.text, "list", "http://www.w3.org/XML/1998/namespace", "id") == ["list1", nil, "list1-A1", nil])
        #expect(values(NS.text, "list", NS.text, "continue-list") == [nil, "list1", nil, "list1-A1"])
    }

    @Test func trackedChangesAreMergedWithTheirIdentifiers() throws {
        func region(_ id: String, _ kind: String) -> String {
            "<text:changed-region xml:id=\"\(id)\" text:id=\"\(id)\"><text:\(kind)><office:change-info><dc:creator>Amt</dc:creator><dc:date>2013-02-15T10:00:00</dc:date></office:change-info>\(kind == "deletion" ? "<text:p text:style-name=\"Standard\">weg</text:p>" : "")</text:\(kind)></text:changed-region>"
        }
        let receiverBody = "<text:tracked-changes text:track-changes=\"false\">\(region("ct1", "insertion"))</text:tracked-changes><text:sequence-decls/><text:p text:style-name=\"Standard\"><text:change-start text:change-id=\"ct1\"/>neu<text:change-end text:change-id=\"ct1\"/></text:p>"
        let annexBody = "<text:tracked-changes text:track-changes=\"true\">\(region("ct1", "insertion"))\(region("ct2", "deletion"))</text:tracked-changes><text:p text:style-name=\"Standard\"><text:change-start text:change-id=\"ct1\"/>eingefügt<text:change-end text:change-id=\"ct1\"/> und <text:change text:change-id=\"ct2\"/>gelöscht</text:p>"
        let (receiver, cover, anchor) = try Self.receiver(body: receiverBody)
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.pageLayout, masters: Self.standardMaster, body: annexBody)
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        let text = try MergeSupport.officeText(receiver)
        let changes = try #require(text.firstChild(NS.text, "tracked-changes"))
        #expect(changes.attribute(NS.text, "track-changes") == "false", "the receiver's recording mode stays")
        #expect(changes.childElements.map { $0.attribute(NS.text, "id") } == ["ct1", "ct1-A1", "ct2"])
        #expect(changes.childElements.map { $0.attribute("http://www.w3.org/XML/1998/namespace", "id") } == ["ct1", "ct1-A1", "ct2"])
        let paragraph = try #require(Self.inserted(cover, anchor).first)
        #expect(paragraph.descendantElements().compactMap { $0.attribute(NS.text, "change-id") } == ["ct1-A1", "ct1-A1", "ct2"])
        #expect(text.childElements.filter { $0.is(NS.text, "tracked-changes") }.count == 1)

        // A receiver without tracked changes gets them at their place in the schema's order, not recording.
        let (plain, plainCover, plainAnchor) = try Self.receiver(body: "<office:forms/><text:sequence-decls/>")
        try plain.insertBody(of: annex, before: plainAnchor, pageStart: plainCover, options: MergeOptions(tag: "A1"))
        let children = try MergeSupport.officeText(plain).childElements
        #expect(children.prefix(3).map(\.localName) == ["forms", "tracked-changes", "sequence-decls"])
        #expect(children[1].attribute(NS.text, "track-changes") == "false")
        #expect(children[1].childElements.map { $0.attribute(NS.text, "id") } == ["ct1", "ct2"])
    }

    @Test func declarationsAreMergedIntoTheReceivers() throws {
        let (receiver, cover, anchor) = try Self.receiver(body: """
            <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
            <text:user-field-decls><text:user-field-decl office:value-type="string" office:string-value="Kreistag" text:name="Gremium"/></text:user-field-decls>
            """)
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.pageLayout, masters: Self.standardMaster, body: """
            <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/><text:sequence-decl text:display-outline-level="0" text:name="Drawing"/></text:sequence-decls>
            <text:user-field-decls><text:user-field-decl office:value-type="string" office:string-value="Sozialausschuss" text:name="Gremium"/></text:user-field-decls>
            <text:p text:style-name="Standard"><text:user-field-get text:name="Gremium">Sozialausschuss</text:user-field-get></text:p>
            """)
        let report = try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        #expect(report.insertedBlockCount == 1, "declarations are not body blocks")
        let text = try MergeSupport.officeText(receiver)
        #expect(text.childElements.prefix(2).map(\.localName) == ["sequence-decls", "user-field-decls"])
        let sequences = text.firstChild(NS.text, "sequence-decls")?.childElements.compactMap { $0.attribute(NS.text, "name") }
        #expect(sequences == ["Table", "Drawing"])
        let fields = text.firstChild(NS.text, "user-field-decls")?.childElements.compactMap { $0.attribute(NS.text, "name") }
        #expect(fields == ["Gremium", "Gremium_A1"], "declared differently: renamed")
        #expect(Self.inserted(cover, anchor).first?.firstChild(NS.text, "user-field-get")?.attribute(NS.text, "name") == "Gremium_A1")
    }

    // MARK: Headings

    @Test func headingsMoveBelowTheCoverHeading() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(
            styles: Self.defaults + "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:default-outline-level=\"2\"/>",
            automatic: Self.pageLayout, masters: Self.standardMaster,
            body: """
                <text:h text:style-name="Standard" text:outline-level="1">Eins</text:h>
                <text:h text:style-name="Heading_20_2">Zwei</text:h>
                <text:h text:style-name="Standard">Ohne Ebene</text:h>
                <text:h text:style-name="Standard" text:outline-level="9">Neun</text:h>
                """)
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1", outlineLevelOffset: 2))
        let levels = Self.inserted(cover, anchor).map { $0.attribute(NS.text, "outline-level") }
        #expect(levels == ["3", "4", "3", "10"])
    }

    @Test func headingNumbersFollowStartsRestartsAndFormats() throws {
        let outline = """
            <text:outline-style style:name="Outline">
            <text:outline-level-style text:level="1" style:num-format="I" style:num-prefix="Teil "/>
            <text:outline-level-style text:level="2" style:num-format="a" style:num-suffix=")" text:start-value="3"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="space"/></style:list-level-properties></text:outline-level-style>
            </text:outline-style>
            """
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(styles: Self.defaults + outline, automatic: Self.pageLayout, masters: Self.standardMaster, body: """
            <text:h text:style-name="Standard" text:outline-level="1">A</text:h>
            <text:h text:style-name="Standard" text:outline-level="2">B</text:h>
            <text:h text:style-name="Standard" text:outline-level="2">C</text:h>
            <text:h text:style-name="Standard" text:outline-level="1">D</text:h>
            <text:h text:style-name="Standard" text:outline-level="2">E</text:h>
            <text:h text:style-name="Standard" text:outline-level="1" text:restart-numbering="true">F</text:h>
            """)
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1", outlineLevelOffset: 1))
        let headings = Self.inserted(cover, anchor)
        #expect(headings.map(\.textContent) == ["Teil I\tA", "c) B", "d) C", "Teil II\tD", "c) E", "Teil I\tF"].map { $0.replacingOccurrences(of: "\t", with: "") })
    }

    @Test func headingNumbersOfTheAnnexSurvive() throws {
        let outline = """
            <text:outline-style style:name="Outline">
            <text:outline-level-style text:level="1" style:num-format="1" style:num-suffix="."/>
            <text:outline-level-style text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
            </text:outline-style>
            """
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(styles: Self.defaults + outline, automatic: Self.pageLayout, masters: Self.standardMaster, body: """
            <text:h text:style-name="Standard" text:outline-level="1">Eins</text:h>
            <text:h text:style-name="Standard" text:outline-level="2">Eins.Eins</text:h>
            <text:h text:style-name="Standard" text:outline-level="1">Zwei</text:h>
            """)
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1", outlineLevelOffset: 1))
        let headings = Self.inserted(cover, anchor)
        #expect(headings.map { $0.attribute(NS.text, "outline-level") } == ["2", "3", "2"])
        // The numbers the annex's outline style gave are written into the headings, which the
        // receiver's outline style then leaves unnumbered.
        #expect(headings.map(\.textContent) == ["1.Eins", "1.1.Eins.Eins", "2.Zwei"])
        #expect(headings.allSatisfy { $0.attribute(NS.text, "is-list-header") == "true" })
        #expect(headings.allSatisfy { $0.descendantElements { $0.is(NS.text, "tab") }.count == 1 }, "the label is followed by a tab, as label-followed-by defaults to listtab")
    }

    @Test func aShapeAnchoredToAnAnnexPageStaysOnThatPage() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(
            styles: Self.defaults,
            automatic: Self.pageLayout + "<style:style style:name=\"fr1\" style:family=\"graphic\"><style:graphic-properties style:vertical-rel=\"page-content\" style:horizontal-rel=\"page-content\"/></style:style>",
            masters: Self.standardMaster,
            body: """
                <draw:frame draw:style-name="fr1" draw:name="Logo" text:anchor-type="page" text:anchor-page-number="2" svg:x="1cm" svg:y="1cm" svg:width="2cm" svg:height="1cm"><draw:text-box><text:p text:style-name="Standard">Logo</text:p></draw:text-box></draw:frame>
                <text:p text:style-name="Standard">Seite eins</text:p>
                <text:p text:style-name="Standard">Noch Seite eins</text:p>
                <text:soft-page-break/>
                <text:p text:style-name="Standard">Seite zwei</text:p>
                """)
        let report = try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        #expect(report.insertedBlockCount == 4)
        let text = try MergeSupport.officeText(receiver)
        #expect(!text.childElements.contains { $0.is(NS.drawing, "frame") }, "no shape is left anchored to a page of the receiver")
        let frame = try #require(text.descendantElements { $0.is(NS.drawing, "frame") }.first)
        #expect(frame.attribute(NS.text, "anchor-type") == "paragraph")
        #expect(frame.attribute(NS.text, "anchor-page-number") == nil)
        #expect(frame.parent?.textContent == "LogoSeite zwei", "in the first paragraph of the annex's second page")
        #expect(frame.attribute(NS.drawing, "style-name") == "A1fr1")
    }

    // MARK: Package entries

    @Test func embeddedObjectsComeWithTheirManifestEntries() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(styles: Self.defaults, automatic: Self.pageLayout, masters: Self.standardMaster, body: """
            <text:p text:style-name="Standard"><draw:frame draw:name="Objekt1" text:anchor-type="as-char" svg:width="4cm" svg:height="3cm"><draw:object xlink:href="./Object 1" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/><draw:image xlink:href="./ObjectReplacements/Object 1" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
            """)
        let chart = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"\(NS.office)\" office:version=\"1.2\"><office:body><office:chart/></office:body></office:document-content>"
        try annex.setData(Data(chart.utf8), for: "Object 1/content.xml")
        try annex.setData(Data([1, 2, 3]), for: "ObjectReplacements/Object 1")
        let manifest = """
            <?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="\(NS.manifest)" manifest:version="1.3">
            <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
            <manifest:file-entry manifest:full-path="Object 1/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.chart"/>
            <manifest:file-entry manifest:full-path="Object 1/content.xml" manifest:media-type="text/xml"/>
            <manifest:file-entry manifest:full-path="ObjectReplacements/Object 1" manifest:media-type="application/x-openoffice-gdimetafile;windows_formatname=&quot;GDIMetaFile&quot;"/>
            </manifest:manifest>
            """
        try annex.setData(Data(manifest.utf8), for: "META-INF/manifest.xml")
        let report = try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1"))
        #expect(report.copiedEntries == ["Object A1-1/content.xml", "ObjectReplacements/Object A1-1"])
        let frame = try #require(Self.inserted(cover, anchor).first?.firstChild(NS.drawing, "frame"))
        #expect(frame.firstChild(NS.drawing, "object")?.attribute(NS.xlink, "href") == "./Object A1-1")
        #expect(frame.firstChild(NS.drawing, "image")?.attribute(NS.xlink, "href") == "./ObjectReplacements/Object A1-1")
        let written = try ODFDocument(bytes: try receiver.packageData(), source: "merged")
        let entries = try written.xml("META-INF/manifest.xml").root.childElements
        func entry(_ path: String) -> XMLNode? { entries.first { $0.attribute(NS.manifest, "full-path") == path } }
        #expect(entry("Object A1-1/")?.attribute(NS.manifest, "media-type") == "application/vnd.oasis.opendocument.chart")
        #expect(entry("Object A1-1/")?.attribute(NS.manifest, "version") == "1.3", "an embedded document takes the container's version")
        #expect(entry("ObjectReplacements/Object A1-1")?.attribute(NS.manifest, "media-type")?.hasPrefix("application/x-openoffice-gdimetafile") ?? false)
        #expect(try written.xml("Object A1-1/content.xml").root.attribute(NS.office, "version") == "1.3")
    }

    // MARK: Guarantees

    @Test func theSameMergeGivesTheSameBytes() throws {
        func merge() throws -> Data {
            let (merged, _, _, _) = try MergeCollisionTests.merged(try MergeCollisionTests.annexes())
            return try merged.packageData()
        }
        #expect(try merge() == merge())
    }

    @Test func theAnnexIsNotChanged() throws {
        let annex = try ODFDocument(contentsOf: Paths.fixture("merge-annex-2.odt"))
        let before = try annex.packageData()
        let (receiver, cover, anchor) = try MergeSupport.receiver()
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1", outlineLevelOffset: 1))
        #expect(try annex.packageData() == before)
    }

    @Test func aBadTagOrAnchorIsRefused() throws {
        let (receiver, cover, anchor) = try Self.receiver()
        let annex = try MergeSupport.flat(styles: Self.defaults, body: "<text:p>x</text:p>")
        #expect(throws: ODFError.self) {
            try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "1 A"))
        }
        let foreign = try #require(try annex.xml("content.xml").root.descendantElements { $0.is(NS.text, "p") }.first)
        do {
            try receiver.insertBody(of: annex, before: foreign, pageStart: nil, options: MergeOptions(tag: "A1"))
            Issue.record("an anchor in another document was accepted")
        } catch {
            #expect(error.code.rawValue == "invalid-merge")
        }
    }

    // MARK: Speed

    @Test func aHundredPageAnnexMerges() throws {
        let annex = try MergeSupport.bigAnnex()
        let (receiver, cover, anchor) = try MergeSupport.receiver()
        let clock = ContinuousClock()
        var report = MergeReport()
        let duration = try clock.measure {
            report = try receiver.insertBody(of: annex, before: anchor, pageStart: cover, options: MergeOptions(tag: "A1", outlineLevelOffset: 1))
        }
        let writing = try clock.measure { _ = try receiver.packageData() }
        print("merging a 3000-paragraph annex (\(report.insertedBlockCount) blocks) took \(duration); writing the result \(writing)")
        #expect(report.insertedBlockCount > 2400, "tables and lists count as one block each")
    }
}
