import Foundation
@testable import ODFPackage
import TestSupport
import Testing

/// Inputs that once crashed the engine or made it write a wrong part: namespace prefixes bound
/// to unexpected URIs, namespace declarations removed while in use, and failed serialisations.
@Suite struct NamespaceSafetyTests {
    static let otherURI = "urn:example:not-odf-text"

    /// A flat ODF text document whose root declares `rootDeclarations` and whose body holds `body`.
    static func flatDocument(rootDeclarations: String, body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="\(ODFNamespace.office)" \(rootDeclarations) office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>\(body)</office:text></office:body></office:document>
        """
    }

    /// Writes `xml` as a .fodt into `folder`, opens it, and returns the package and its body.
    static func open(_ xml: String, in folder: TemporaryFolder) throws -> (ODFDocument, XMLNode) {
        let file = folder.file("eingabe.fodt")
        try Data(xml.utf8).write(to: file)
        let document = try ODFDocument(contentsOf: file)
        let body = try #require(try document.xml("content.xml").root.firstChild(ODFNamespace.office, "body")?.firstChild(ODFNamespace.office, "text"))
        return (document, body)
    }

    @Test func aPrefixBoundToAnotherURIDoesNotStopTheEngine() throws {
        let folder = TemporaryFolder()
        // `text` means something else here, and ODF's text namespace is not declared at all.
        let xml = Self.flatDocument(rootDeclarations: "xmlns:text=\"\(Self.otherURI)\"", body: "<text:fremd>bleibt</text:fremd>")
        let (document, body) = try Self.open(xml, in: folder)
        let content = try document.xml("content.xml")
        let paragraph = content.makeElement(ODFNamespace.text, "p", prefix: "text")
        paragraph.setAttribute(ODFNamespace.text, "style-name", prefix: "text", to: "Standard")
        paragraph.append(content.makeText("neu"))
        body.append(paragraph)
        #expect(paragraph.namespaceURI == ODFNamespace.text)
        #expect(paragraph.prefix != "text", "the part's own `text` prefix keeps its meaning")

        let output = folder.file("ausgabe.odt")
        try document.write(to: output)
        let reread = try ODFDocument(contentsOf: output).xml("content.xml").root
        let written = reread.descendantElements { $0.is(ODFNamespace.text, "p") }
        #expect(written.map(\.textContent) == ["neu"])
        #expect(written.first?.attribute(ODFNamespace.text, "style-name") == "Standard")
        let foreign = reread.descendantElements { $0.localName == "fremd" }
        #expect(foreign.map(\.namespaceURI) == [Self.otherURI])
    }

    @Test func theEngineFindsANamespaceByItsURIWhateverItsPrefix() throws {
        let folder = TemporaryFolder()
        let xml = Self.flatDocument(rootDeclarations: "xmlns:t=\"\(ODFNamespace.text)\"", body: "<t:p>alt</t:p>")
        let (document, body) = try Self.open(xml, in: folder)
        let content = try document.xml("content.xml")
        let paragraph = content.makeElement(ODFNamespace.text, "p", prefix: "text")
        paragraph.append(content.makeText("neu"))
        body.append(paragraph)
        #expect(paragraph.prefix == "t")
        #expect(content.root.namespaceDeclarations.allSatisfy { $0.prefix != "text" }, "no second declaration of the same namespace")

        let output = folder.file("ausgabe.odt")
        try document.write(to: output)
        let reread = try ODFDocument(contentsOf: output).xml("content.xml").root
        #expect(reread.descendantElements { $0.is(ODFNamespace.text, "p") }.map(\.textContent) == ["alt", "neu"])
    }

    @Test func aNamespaceStillInUseIsNotRemoved() throws {
        let uri = "urn:example:in-use"
        let part = try XMLDocument(
            parsing: Data("<wurzel xmlns:x=\"\(uri)\"><x:kind x:wert=\"1\"/></wurzel>".utf8), partName: "content.xml")
        #expect(part.root.removeNamespaceDeclaration(uri) == false)
        let reparsed = try XMLDocument(parsing: try part.serialized(), partName: "content.xml")
        let child = try #require(reparsed.root.firstChild)
        #expect(child.namespaceURI == uri)
        #expect(child.attribute(uri, "wert") == "1")
    }

    @Test func anUnusedNamespaceIsRemovedAndDetachedNodesStayReadable() throws {
        let uri = "urn:example:unused"
        let part = try XMLDocument(parsing: Data("<wurzel xmlns:x=\"\(uri)\"><kind/></wurzel>".utf8), partName: "content.xml")
        // A node made in the namespace but never placed in the tree still points at its record.
        let detached = part.makeElement(uri, "lose", prefix: "x")
        #expect(part.root.removeNamespaceDeclaration(uri))
        #expect(part.retiredNamespaces.count == 1)
        #expect(detached.namespaceURI == uri, "the record lives as long as the document")
        let written = String(decoding: try part.serialized(), as: UTF8.self)
        #expect(!written.contains(uri))
        #expect(try XMLDocument(parsing: Data(written.utf8), partName: "content.xml").root.firstChild?.localName == "kind")
    }

    @Test func aFailedSerialisationIsAnErrorNotAnEmptyPart() throws {
        let error = try #require(throws: ODFError.self) {
            try LibXML2.takeSerialization(nil, size: 0, partName: "content.xml")
        }
        #expect(error.code == .writeFailed)
        #expect(error.part == "content.xml")
        #expect(error.description.contains("content.xml"))
    }

    @Test func aSerialisationIsTheWholePart() throws {
        let text = "<wurzel xmlns:x=\"urn:example:x\"><x:kind>Inhalt</x:kind></wurzel>"
        let part = try XMLDocument(parsing: Data(text.utf8), partName: "content.xml")
        let written = try part.serialized()
        #expect(try XMLDocument(parsing: written, partName: "content.xml").canonicalized() == part.canonicalized())
    }
}
