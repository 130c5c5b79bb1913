import Foundation
import PDFPackage
import TestSupport
import Testing

/// The session packet: pages in order, a bookmark per document, page labels per document, text
/// kept, PDF/A identification of the first part kept, same parts give the same bytes.
@Suite struct PDFPacketTests {
    static let date = Date(timeIntervalSince1970: 1_360_920_600)
    static let title = "Kreisausschuss – Sitzungsmappe vom 15.02.2013"

    static func parts() throws -> [PacketPart] {
        let pdfs = try ConvertedPDFs.get()
        return [
            PacketPart(title: "Einladung", labelPrefix: "Einladung: ", data: pdfs.letter),
            PacketPart(title: "TOP 5: Lärmschutz an der Kreisstraße", labelPrefix: "TOP 5: ", data: pdfs.alpha, children: [
                .init(title: "Anlage 1: Stellungnahme", labelPrefix: "TOP 5 Anlage 1: ", data: pdfs.beta),
                .init(title: "Anlage 2: Kostenschätzung", labelPrefix: "TOP 5 Anlage 2: ", data: pdfs.gamma),
            ]),
            PacketPart(title: "TOP 6: Straßenbau", labelPrefix: "TOP 6: ", data: pdfs.letterAgain),
        ]
    }

    @Test func pagesBookmarksAndLabelsFollowTheParts() throws {
        let folder = TemporaryFolder("packet")
        let pdf = try ReadBack(PDFPacket.build(parts: Self.parts(), title: Self.title, date: Self.date), in: folder)
        let (alpha, beta, gamma) = (ConvertedPDFs.alphaAnnex, ConvertedPDFs.betaAnnex, ConvertedPDFs.gammaAnnex)

        #expect(pdf.pageCount == 1 + alpha.pages + beta.pages + gamma.pages + 1)
        #expect(pdf.bookmarks == [
            .init(title: "Einladung", page: 1, kids: []),
            .init(title: "TOP 5: Lärmschutz an der Kreisstraße", page: 2, kids: [
                .init(title: "Anlage 1: Stellungnahme", page: 4, kids: []),
                .init(title: "Anlage 2: Kostenschätzung", page: 7, kids: []),
            ]),
            .init(title: "TOP 6: Straßenbau", page: 8, kids: []),
        ])
        #expect(pdf.pageLabels == [
            "Einladung: 1",
            "TOP 5: 1", "TOP 5: 2",
            "TOP 5 Anlage 1: 1", "TOP 5 Anlage 1: 2", "TOP 5 Anlage 1: 3",
            "TOP 5 Anlage 2: 1",
            "TOP 6: 1",
        ])
        #expect(pdf.catalog["/PageMode"] as? String == "/UseOutlines")
    }

    @Test func everyDocumentsTextIsThereInOrderOnItsPages() throws {
        let folder = TemporaryFolder("packet")
        let pdf = try ReadBack(PDFPacket.build(parts: Self.parts(), title: Self.title, date: Self.date), in: folder)
        let (alpha, beta, gamma) = (ConvertedPDFs.alphaAnnex, ConvertedPDFs.betaAnnex, ConvertedPDFs.gammaAnnex)
        var expected: [(page: Int, line: String)] = [(1, "Sachverhalt:")]
        expected += (1...alpha.pages).map { page in (1 + page, alpha.marker(page)) }
        expected += (1...beta.pages).map { page in (3 + page, beta.marker(page)) }
        expected += [(7, gamma.marker(1)), (8, "Sachverhalt:")]
        for (page, line) in expected {
            let text = try pdf.text(page: page)
            #expect(ReadingOrder.missingLines(line, in: text).isEmpty, "page \(page) should show “\(line)”:\n\(text)")
        }
        let whole = try pdf.text()
        let lines = expected.map(\.line).joined(separator: "\n")
        #expect(ReadingOrder.missingLines(lines, in: whole).isEmpty, "the documents' text in order")
        #expect(try pdf.pdfinfo()["Pages"] == "8")
    }

    @Test func thePacketKeepsTheFirstPartsPDFAIdentificationAndTakesItsOwnTitleAndDate() throws {
        let folder = TemporaryFolder("packet")
        let pdf = try ReadBack(PDFPacket.build(parts: Self.parts(), title: Self.title, date: Self.date), in: folder)

        #expect(pdf.metadata.contains("<pdfaid:part>2</pdfaid:part>"))
        #expect(pdf.metadata.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        let intents = try #require(pdf.resolve(pdf.catalog["/OutputIntents"]) as? [Any])
        #expect(pdf.dictionary(intents.first)["/S"] as? String == "/GTS_PDFA1")
        #expect(pdf.dictionary(intents.first)["/DestOutputProfile"] != nil)
        #expect(pdf.catalog["/Lang"] as? String == "u:de-DE")
        // The structure tree would cover the invitation only: it is dropped, with its marker.
        #expect(pdf.catalog["/StructTreeRoot"] == nil)
        #expect(pdf.catalog["/MarkInfo"] == nil)

        let info = try pdf.pdfinfo()
        #expect(info["Title"] == Self.title)
        #expect(info["CreationDate"] == "2013-02-15T10:30:00+01")
        #expect(info["ModDate"] == "2013-02-15T10:30:00+01")
        #expect(pdf.metadata.contains("<rdf:li xml:lang=\"x-default\">Kreisausschuss – Sitzungsmappe vom 15.02.2013</rdf:li>"))
        #expect(pdf.metadata.contains("<xmp:CreateDate>2013-02-15T10:30:00+01:00</xmp:CreateDate>"))
        #expect(pdf.metadata.contains("<xmp:ModifyDate>2013-02-15T10:30:00+01:00</xmp:ModifyDate>"))
        #expect(pdf.trailer["/DocChecksum"] == nil)
        #expect(try PDFCheck.validate(Data(contentsOf: pdf.file), name: "mappe.pdf") == 8)
    }

    @Test func twoBuildsGiveIdenticalBytes() throws {
        let first = try PDFPacket.build(parts: Self.parts(), title: Self.title, date: Self.date)
        #expect(try PDFPacket.build(parts: Self.parts(), title: Self.title, date: Self.date) == first)
        // The other conversion of the letter as invitation: LibreOffice's clock and ids are gone.
        var parts = try Self.parts()
        parts[0].data = try ConvertedPDFs.get().letterAgain
        #expect(try PDFPacket.build(parts: parts, title: Self.title, date: Self.date) == first)
    }

    @Test func aSinglePartStaysTaggedWithItsBookmarkAndLabels() throws {
        let folder = TemporaryFolder("packet")
        let alone = [PacketPart(title: "Einladung", labelPrefix: "", data: try ConvertedPDFs.get().beta)]
        let pdf = try ReadBack(PDFPacket.build(parts: alone, title: Self.title, date: Self.date), in: folder)
        #expect(pdf.catalog["/StructTreeRoot"] != nil)
        #expect(pdf.bookmarks == [.init(title: "Einladung", page: 1, kids: [])])
        #expect(pdf.pageLabels == ["1", "2", "3"])
    }

    @Test func linksInsideACopiedDocumentStillShowTheirPages() throws {
        let folder = TemporaryFolder("packet")
        let pdfs = try ConvertedPDFs.get()
        let original = try ReadBack(pdfs.linked, in: folder, name: "linked.pdf")
        #expect(original.linkTargets(onPage: 1) == [3], "the premise: LibreOffice links page 1 to page 3")
        #expect(original.linkTargets(onPage: 3) == [1])

        let parts = [
            PacketPart(title: "Einladung", labelPrefix: "", data: pdfs.letter),
            PacketPart(title: "TOP 1", labelPrefix: "TOP 1: ", data: pdfs.gamma, children: [
                .init(title: "Anlage 1", labelPrefix: "TOP 1 Anlage 1: ", data: pdfs.linked),
            ]),
        ]
        let pdf = try ReadBack(PDFPacket.build(parts: parts, title: Self.title, date: Self.date), in: folder)
        #expect(pdf.linkTargets(onPage: 3) == [5], "forward: copied before its target page")
        #expect(pdf.linkTargets(onPage: 5) == [3], "back")
    }

    @Test func aBrokenOrEncryptedDocumentIsNamedByItsTitle() throws {
        var parts = try Self.parts()
        parts[1].children[1].data = parts[1].children[1].data.prefix(2000)
        let damaged = try #require(throws: PDFError.self) { try PDFPacket.build(parts: parts, title: Self.title, date: Self.date) }
        #expect(damaged.code == .damaged)
        #expect(damaged.file == "Anlage 2: Kostenschätzung")

        parts = try Self.parts()
        parts[2].data = Data("kein PDF".utf8)
        let notPDF = try #require(throws: PDFError.self) { try PDFPacket.build(parts: parts, title: Self.title, date: Self.date) }
        #expect(notPDF.code == .notPDF)
        #expect(notPDF.file == "TOP 6: Straßenbau")

        let empty = try #require(throws: PDFError.self) { try PDFPacket.build(parts: [], title: Self.title, date: Self.date) }
        #expect(empty.code == .emptyPacket)
    }
}
