import Foundation
import TestSupport

/// Tagged PDF/A-2b files LibreOffice made for these tests: converted once per test run, at test
/// time, in a temporary folder that is gone before the first test looks at them.
struct ConvertedPDFs: Sendable {
    /// Tests/Fixtures/libreoffice-letter.odt (1 page).
    let letter: Data
    /// The same document converted again by another LibreOffice run, later.
    let letterAgain: Data
    /// Three small documents written here; `Annex.marker(page)` is on each page.
    let alpha: Data, beta: Data, gamma: Data
    /// Three pages with internal links: page 1 to page 3, page 3 back to page 1.
    let linked: Data

    static let alphaAnnex = Annex(name: "alpha", title: "Gutachten Alpha", pages: 2)
    static let betaAnnex = Annex(name: "beta", title: "Stellungnahme Beta", pages: 3)
    static let gammaAnnex = Annex(name: "gamma", title: "Kostenschätzung Gamma", pages: 1)

    /// The conversions, or the error that stopped them; shared by every test.
    static let shared = Result<ConvertedPDFs, any Error> { try ConvertedPDFs() }

    static func get() throws -> ConvertedPDFs { try shared.get() }

    private init() throws {
        let folder = TemporaryFolder("pdfpackage-fixtures")
        func convert(_ document: URL, into name: String) throws -> Data {
            let output = folder.file(name)
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            return try Data(contentsOf: ExternalTools.convertToPDF(document, into: output, format: ExternalTools.taggedPDFA2))
        }
        let letterFile = try folder.copy(Paths.fixture("libreoffice-letter.odt"))
        letter = try convert(letterFile, into: "first")
        var annexes: [Data] = []
        for annex in [Self.alphaAnnex, Self.betaAnnex, Self.gammaAnnex] {
            let source = folder.file("\(annex.name).fodt")
            try Data(annex.flatODT.utf8).write(to: source)
            annexes.append(try convert(source, into: annex.name))
        }
        (alpha, beta, gamma) = (annexes[0], annexes[1], annexes[2])
        let linkedSource = folder.file("linked.fodt")
        try Data(Self.linkedFlatODT.utf8).write(to: linkedSource)
        linked = try convert(linkedSource, into: "linked")
        // LibreOffice's dates have whole seconds: make sure the second run is in another second.
        Thread.sleep(forTimeInterval: 1.1)
        letterAgain = try convert(letterFile, into: "second")
    }

    /// Three pages; a link on the first shows the bookmark on the third, and one there leads back.
    static let linkedFlatODT = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
        xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
        xmlns:xlink="http://www.w3.org/1999/xlink" \
        office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
        <office:automatic-styles>
        <style:style style:name="PageBreak" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style>
        </office:automatic-styles>
        <office:body><office:text>
        <text:p><text:bookmark text:name="Anfang"/>Inhalt: <text:a xlink:type="simple" xlink:href="#Ergebnis">Ergebnis auf Seite 3</text:a></text:p>
        <text:p text:style-name="PageBreak">Seite 2</text:p>
        <text:p text:style-name="PageBreak"><text:bookmark text:name="Ergebnis"/>Ergebnis. <text:a xlink:type="simple" xlink:href="#Anfang">Zurück zum Inhalt</text:a></text:p>
        </office:text></office:body>
        </office:document>
        """

    /// A small flat ODT with a heading and a distinct marker line on each page.
    struct Annex: Sendable {
        let name: String
        let title: String
        let pages: Int

        /// The line on page `page` (from 1) that says which document and page it is.
        func marker(_ page: Int) -> String { "\(title) Blatt \(page) von \(pages)" }

        var flatODT: String {
            var body = "<text:h text:outline-level=\"1\">\(title)</text:h>\n"
            for page in 1...pages {
                let style = page == 1 ? "Standard" : "PageBreak"
                body += "<text:p text:style-name=\"\(style)\">\(marker(page))</text:p>\n"
                body += "<text:p>Gemeinsamer Absatz über Lärmschutz, Verkehr und Haushalt.</text:p>\n"
            }
            return """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
            xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" \
            xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" \
            office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
            <office:meta><dc:title>\(title)</dc:title></office:meta>
            <office:styles>
            <style:default-style style:family="paragraph"><style:text-properties fo:language="de" fo:country="DE"/></style:default-style>
            <style:style style:name="Standard" style:family="paragraph"/>
            </office:styles>
            <office:automatic-styles>
            <style:style style:name="PageBreak" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:break-before="page"/></style:style>
            </office:automatic-styles>
            <office:body><office:text>
            \(body)</office:text></office:body>
            </office:document>
            """
        }
    }
}
