import Foundation
import ODFPackage
import TestSupport
import Testing

/// Three LibreOffice-written annexes whose names collide with each other and with the
/// submission template, merged one after the other: every paragraph keeps its look, every
/// name stays unique, every picture comes along.
@Suite struct MergeCollisionTests {
    typealias NS = ODFNamespace

    /// The three annexes (Tests/Fixtures/merge-annex-N.odt, see make-merge-fixtures.sh), with
    /// their pictures renamed to the same entry name, as pictures from other producers are
    /// (`Pictures/image1.png`); LibreOffice names pictures by content, and these differ in colour.
    static func annexes() throws -> [ODFDocument] {
        try (1...3).map { number in
            let annex = try ODFDocument(contentsOf: Paths.fixture("merge-annex-\(number).odt"))
            let old = try #require(annex.entryNames.first { $0.hasPrefix("Pictures/") })
            try annex.setData(try #require(try annex.data(old)), for: "Pictures/bild.png")
            annex.removeEntry(old)
            for image in try annex.xml("content.xml").root.descendantElements(where: { $0.is(NS.drawing, "image") }) {
                image.setAttribute(NS.xlink, "href", prefix: "xlink", to: "Pictures/bild.png")
            }
            return annex
        }
    }

    /// The receiver with the three annexes merged, each after a cover heading that starts its pages.
    static func merged(_ annexes: [ODFDocument]) throws -> (document: ODFDocument, covers: [XMLNode], anchor: XMLNode, reports: [MergeReport]) {
        let (receiver, firstCover, anchor) = try MergeSupport.receiver(cover: "Anlage 1")
        var covers = [firstCover]
        var reports: [MergeReport] = []
        let content = try receiver.xml("content.xml")
        for (index, annex) in annexes.enumerated() {
            if index > 0 {
                let cover = content.makeElement(NS.text, "h", prefix: "text")
                cover.setAttribute(NS.text, "style-name", prefix: "text", to: "Heading")
                cover.setAttribute(NS.text, "outline-level", prefix: "text", to: "1")
                cover.append(content.makeText("Anlage \(index + 1)"))
                covers.append(anchor.insertBefore(cover))
            }
            reports.append(try receiver.insertBody(of: annex, before: anchor, pageStart: covers[index],
                                                   options: MergeOptions(tag: "A\(index + 1)", outlineLevelOffset: 1)))
        }
        return (receiver, covers, anchor, reports)
    }

    @Test func everyParagraphKeepsItsLook() throws {
        let annexes = try Self.annexes()
        let before = try annexes.map { try MergeSupport.resolvedParagraphs($0) }
        let (merged, covers, anchor, _) = try Self.merged(annexes)
        let after = try MergeSupport.resolvedParagraphs(merged)
        let texts = after.map(\.text)
        for (index, expected) in before.enumerated() {
            // The annex's paragraphs sit between its cover heading and the next cover (or the anchor).
            let start = try #require(texts.firstIndex(of: covers[index].textContent)) + 1
            let end = index + 1 < covers.count ? try #require(texts.firstIndex(of: covers[index + 1].textContent)) : texts.count - 1
            let actual = Array(after[start..<end])
            #expect(actual.map(\.text) == expected.map(\.text), "annex \(index + 1): the paragraphs differ")
            for (mine, theirs) in zip(expected, actual) {
                #expect(mine.properties == theirs.properties, "annex \(index + 1), „\(mine.text)“: \(mine.properties) became \(theirs.properties)")
            }
            #expect(!expected.isEmpty)
        }
        #expect(anchor.textContent.isEmpty)
        // The three annexes really do look different, so the test proves something.
        let headings = before.map { $0.first?.properties ?? [:] }
        #expect(Set(headings.map { $0["fo:font-size"] ?? "" }).count == 3)
    }

    @Test func namesStayUnique() throws {
        let (merged, _, _, reports) = try Self.merged(try Self.annexes())
        let content = try merged.xml("content.xml").root
        let styles = try merged.xml("styles.xml").root
        for (part, root) in [("content.xml", content), ("styles.xml", styles)] {
            for container in root.childElements where container.is(NS.office, "automatic-styles") || container.is(NS.office, "styles") || container.is(NS.office, "master-styles") {
                var seen = Set<String>()
                for style in container.childElements {
                    guard let name = style.attribute(NS.style, "name") ?? style.attribute(NS.drawing, "name") else { continue }
                    let key = style.localName + "/" + (style.attribute(NS.style, "family") ?? "") + "/" + name
                    #expect(seen.insert(key).inserted, "\(part) \(container.localName) has \(key) twice")
                }
            }
        }
        var displayNames = Set<String>()
        for style in styles.firstChild(NS.office, "styles")?.childElements ?? [] where style.is(NS.style, "style") {
            let display = (style.attribute(NS.style, "family") ?? "") + "/" + (style.attribute(NS.style, "display-name") ?? style.attribute(NS.style, "name") ?? "")
            #expect(displayNames.insert(display).inserted, "two styles are shown as \(display)")
        }
        func unique(_ label: String, _ values: [String]) {
            #expect(Set(values).count == values.count, "\(label) repeat: \(values.sorted())")
        }
        let elements = [content, styles].flatMap { $0.descendantElements() }
        unique("bookmarks", elements.filter { $0.is(NS.text, "bookmark") }.compactMap { $0.attribute(NS.text, "name") })
        unique("sections", elements.filter { $0.is(NS.text, "section") }.compactMap { $0.attribute(NS.text, "name") })
        unique("frames", elements.filter { $0.is(NS.drawing, "frame") }.compactMap { $0.attribute(NS.drawing, "name") })
        unique("tables", elements.filter { $0.is(NS.table, "table") }.compactMap { $0.attribute(NS.table, "name") })
        unique("xml:ids", elements.compactMap { $0.attribute("http://www.w3.org/XML/1998/namespace", "id") })
        let bookmarks = elements.filter { $0.is(NS.text, "bookmark") }.compactMap { $0.attribute(NS.text, "name") }
        #expect(bookmarks.sorted() == ["Ziel", "Ziel-A2", "Ziel-A3"])
        // Each annex's reference follows its own bookmark.
        let references = elements.filter { $0.is(NS.text, "bookmark-ref") }.compactMap { $0.attribute(NS.text, "ref-name") }
        #expect(references == ["Ziel", "Ziel-A2", "Ziel-A3"])
        // The list style collides with the first annex's copy from the second annex on.
        let lists = elements.filter { $0.is(NS.text, "list-style") }.compactMap { $0.attribute(NS.style, "name") }
        #expect(lists.contains("Aufzählung") && lists.contains(MergeSupport.encodedStyleName("Aufzählung (A2)")) && lists.contains(MergeSupport.encodedStyleName("Aufzählung (A3)")))
        #expect(reports[1].renamedStyles["Standard"] == "Standard_20__28_A2_29_")
        #expect(reports.allSatisfy { $0.insertedBlockCount == 7 })
    }

    @Test func picturesArePresentAndDistinct() throws {
        let annexes = try Self.annexes()
        let originals = try annexes.map { try #require(try $0.data("Pictures/bild.png")) }
        #expect(Set(originals).count == 3, "the fixtures' pictures differ")
        let (merged, _, _, reports) = try Self.merged(annexes)
        let written = try ODFDocument(bytes: try merged.packageData(), source: "merged")
        let hrefs = try written.xml("content.xml").root.descendantElements(where: { $0.is(NS.drawing, "image") })
            .compactMap { $0.attribute(NS.xlink, "href") }
        #expect(hrefs.count == 3 && Set(hrefs).count == 3, "\(hrefs)")
        for (index, href) in hrefs.enumerated() {
            #expect(try written.data(href) == originals[index], "\(href) is not annex \(index + 1)'s picture")
            #expect(reports[index].copiedEntries == [href])
        }
        let manifest = try written.xml("META-INF/manifest.xml").root.childElements
        for href in hrefs {
            let entry = manifest.first { $0.attribute(NS.manifest, "full-path") == href }
            #expect(entry?.attribute(NS.manifest, "media-type") == "image/png")
        }
    }

    @Test("the merged submission passes odfcheck",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func odfcheckPasses() throws {
        let folder = TemporaryFolder("merge-collisions")
        let (merged, _, _, _) = try Self.merged(try Self.annexes())
        let file = folder.file("merged.odt")
        try merged.write(to: file)
        let check = try ExternalTools.odfcheck(file, ["--no-pdf", "--out", folder.file("odfcheck").path])
        #expect(check.status == 0, "\(MergeCorpusTests.problems(check.output))")
        #expect(!check.output.contains("[WARN]"), "\(MergeCorpusTests.problems(check.output))")
    }
}
