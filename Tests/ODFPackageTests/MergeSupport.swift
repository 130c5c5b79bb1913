import Foundation
import ODFPackage
import TestSupport

/// Documents and measurements the merge tests share: the receiving submission, small annexes
/// written as flat ODF, a ~100-page annex for timing, and resolved paragraph properties.
enum MergeSupport {
    typealias NS = ODFNamespace

    // MARK: Receiver

    /// The submission template LibreOffice wrote, with a cover heading and an empty anchor
    /// paragraph appended at the end of its body: the annex goes before the anchor and its first
    /// page style starts at the cover heading.
    static func receiver(cover title: String = "Anlage 1") throws -> (document: ODFDocument, cover: XMLNode, anchor: XMLNode) {
        let document = try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        let (cover, anchor) = try appendCoverAndAnchor(to: document, title: title)
        return (document, cover, anchor)
    }

    /// Appends a level-1 heading `title` and an empty paragraph to the end of office:text.
    static func appendCoverAndAnchor(to document: ODFDocument, title: String) throws -> (cover: XMLNode, anchor: XMLNode) {
        let content = try document.xml("content.xml")
        let text = try officeText(document)
        let cover = content.makeElement(NS.text, "h", prefix: "text")
        cover.setAttribute(NS.text, "style-name", prefix: "text", to: "Heading")
        cover.setAttribute(NS.text, "outline-level", prefix: "text", to: "1")
        cover.append(content.makeText(title))
        text.append(cover)
        let anchor = content.makeElement(NS.text, "p", prefix: "text")
        text.append(anchor)
        return (cover, anchor)
    }

    static func officeText(_ document: ODFDocument) throws -> XMLNode {
        let body = try document.xml("content.xml").root.firstChild(NS.office, "body")
        guard let text = body?.firstChild(NS.office, "text") else { throw SupportError("no office:text") }
        return text
    }

    // MARK: Flat annexes

    static let namespaces = """
        xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:xlink="http://www.w3.org/1999/xlink" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" \
        xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
        xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" \
        xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
        """

    /// A flat ODF text document made of the given parts (each the inside of its element).
    static func flat(fonts: String = "", styles: String = "", automatic: String = "", masters: String = "",
                     body: String, name: String = "annex.fodt") throws -> ODFDocument
    {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document \(namespaces) office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
            <office:font-face-decls>\(fonts)</office:font-face-decls>
            <office:styles>\(styles)</office:styles>
            <office:automatic-styles>\(automatic)</office:automatic-styles>
            <office:master-styles>\(masters)</office:master-styles>
            <office:body><office:text>\(body)</office:text></office:body>
            </office:document>
            """
        return try ODFDocument(bytes: Data(xml.utf8), source: name)
    }

    // MARK: A big annex

    /// A ~100-page annex built in memory: `sections` chapters, each a heading, paragraphs of
    /// running text, a bulleted list and a small table, with automatic styles for bold spans and
    /// a page break per chapter. 3000 paragraphs make about 100 pages. For the benchmark, too.
    static func bigAnnex(paragraphs: Int = 3000) throws -> ODFDocument {
        let sentence = "Der Kreistag beschließt das Integrationskonzept in der vorgelegten Fassung und beauftragt die Verwaltung mit der Umsetzung. "
        var body = "<text:sequence-decls><text:sequence-decl text:display-outline-level=\"0\" text:name=\"Table\"/></text:sequence-decls>"
        let perChapter = 30
        var written = 0
        var chapter = 0
        while written < paragraphs {
            chapter += 1
            body += "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\"><text:bookmark text:name=\"chapter\(chapter)\"/>Kapitel \(chapter)</text:h>"
            for index in 0..<perChapter where written < paragraphs {
                if index == 10 {
                    body += "<text:list xml:id=\"list\(chapter)\" text:style-name=\"L1\">"
                    for item in 1...3 {
                        body += "<text:list-item><text:p text:style-name=\"P2\">Punkt \(item) in Kapitel \(chapter)</text:p></text:list-item>"
                    }
                    body += "</text:list>"
                    written += 3
                } else if index == 20 {
                    body += "<table:table table:name=\"Tabelle\(chapter)\" table:style-name=\"Table1\"><table:table-column table:number-columns-repeated=\"2\"/>"
                    for row in 1...3 {
                        body += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">Zeile \(row)</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">\(row * chapter)</text:p></table:table-cell></table:table-row>"
                    }
                    body += "</table:table>"
                    written += 6
                } else {
                    body += "<text:p text:style-name=\"P1\">\(sentence)<text:span text:style-name=\"T1\">Absatz \(written + 1).</text:span> \(sentence)</text:p>"
                    written += 1
                }
            }
        }
        let styles = """
            <style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt" style:font-name="Liberation Serif"/></style:default-style>
            <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
            <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.1in"/></style:style>
            <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Text_20_body" style:default-outline-level="1"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
            <style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"/>
            <text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.25in" fo:margin-left="0.5in"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>
            """
        let automatic = """
            <style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body"><style:paragraph-properties fo:text-align="justify"/></style:style>
            <style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body" style:list-style-name="Bullets"/>
            <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
            <style:style style:name="Table1" style:family="table"><style:table-properties style:width="6in" table:align="left"/></style:style>
            <text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="–"><style:list-level-properties/></text:list-level-style-bullet></text:list-style>
            <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="8.2681in" fo:page-height="11.6929in" fo:margin-top="0.7874in" fo:margin-bottom="0.7874in" fo:margin-left="0.7874in" fo:margin-right="0.7874in"/></style:page-layout>
            """
        let masters = "<style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\"><style:footer><text:p text:style-name=\"Standard\">Anlage, Seite <text:page-number text:select-page=\"current\"/></text:p></style:footer></style:master-page>"
        let fonts = "<style:font-face style:name=\"Liberation Serif\" svg:font-family=\"'Liberation Serif'\" style:font-family-generic=\"roman\" style:font-pitch=\"variable\"/>"
        return try flat(fonts: fonts, styles: styles, automatic: automatic, masters: masters, body: body, name: "big-annex.fodt")
    }

    // MARK: Resolved properties

    /// The properties the merge must keep for every paragraph.
    static let comparedProperties: [(String, String)] = [
        (NS.fo, "font-size"), (NS.fo, "font-weight"), (NS.fo, "color"), (NS.fo, "font-style"),
        (NS.fo, "margin-top"), (NS.fo, "margin-bottom"), (NS.fo, "margin-left"), (NS.fo, "margin-right"),
        (NS.fo, "text-align"), (NS.style, "font-name"),
    ]

    /// The effective look of every paragraph and heading in the body, in document order: the
    /// properties of ``comparedProperties`` resolved from the automatic style, then the
    /// parent-style-name chain of common styles, then the default style; keys `fo:font-size` …
    static func resolvedParagraphs(_ document: ODFDocument, in body: XMLNode? = nil) throws -> [(text: String, properties: [String: String])] {
        let content = try document.xml("content.xml").root
        let stylesRoot = try document.contains("styles.xml") ? document.xml("styles.xml").root : nil
        var automatic: [String: XMLNode] = [:]
        var common: [String: XMLNode] = [:]
        var defaults: XMLNode?
        for style in content.firstChild(NS.office, "automatic-styles")?.childElements ?? [] where style.is(NS.style, "style") {
            automatic[(style.attribute(NS.style, "family") ?? "") + ":" + (style.attribute(NS.style, "name") ?? "")] = style
        }
        for style in stylesRoot?.firstChild(NS.office, "styles")?.childElements ?? [] {
            if style.is(NS.style, "style") {
                common[(style.attribute(NS.style, "family") ?? "") + ":" + (style.attribute(NS.style, "name") ?? "")] = style
            } else if style.is(NS.style, "default-style"), style.attribute(NS.style, "family") == "paragraph" {
                defaults = style
            }
        }
        func properties(of style: XMLNode) -> [String: String] {
            var result: [String: String] = [:]
            for child in style.childElements where child.localName == "paragraph-properties" || child.localName == "text-properties" {
                for (ns, local) in comparedProperties {
                    if let value = child.attribute(ns, local) { result[(ns == NS.fo ? "fo:" : "style:") + local] = value }
                }
            }
            return result
        }
        func chain(_ family: String, _ name: String?, automaticFirst: Bool) -> [XMLNode] {
            var result: [XMLNode] = []
            var next = name
            var first = true
            while let current = next, result.count < 50 {
                let key = family + ":" + current
                guard let style = (first && automaticFirst ? automatic[key] : nil) ?? common[key] else { break }
                result.append(style)
                next = style.attribute(NS.style, "parent-style-name")
                first = false
            }
            return result
        }
        let root = try body ?? officeText(document)
        var result: [(String, [String: String])] = []
        for paragraph in root.descendantElements(where: { $0.is(NS.text, "p") || $0.is(NS.text, "h") }) {
            var resolved: [String: String] = [:]
            var styles = chain("paragraph", paragraph.attribute(NS.text, "style-name"), automaticFirst: true)
            if let defaults { styles.append(defaults) }
            for style in styles {
                resolved.merge(properties(of: style)) { own, _ in own }
            }
            result.append((paragraph.textContent, resolved))
        }
        return result
    }

    /// LibreOffice's encoding of a style's display name as its `style:name` (a space is `_20_`).
    static func encodedStyleName(_ name: String) -> String {
        let allowed = CharacterSet.letters.union(.decimalDigits).union(CharacterSet(charactersIn: "_-."))
        return name.unicodeScalars.map { allowed.contains($0) ? String($0) : "_" + String($0.value, radix: 16) + "_" }.joined()
    }

    struct SupportError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
