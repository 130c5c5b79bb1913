import Foundation
import PDFPackage
import TestSupport
import Testing

/// LibreOffice's PDF/A, normalised: same document and date, same bytes; PDF/A markers kept.
@Suite struct PDFNormalizerTests {
    /// 15 February 2013, 10:30:00 in Berlin (winter time, +01:00).
    static let date = Date(timeIntervalSince1970: 1_360_920_600)

    @Test func twoConversionsAtDifferentTimesNormaliseToIdenticalBytes() throws {
        let pdfs = try ConvertedPDFs.get()
        #expect(pdfs.letter != pdfs.letterAgain, "the premise: LibreOffice's two exports differ")
        let first = try PDFNormalizer.normalize(pdfs.letter, date: Self.date, title: "Sitzungsvorlage 50/2403/XV/2013")
        let second = try PDFNormalizer.normalize(pdfs.letterAgain, date: Self.date, title: "Sitzungsvorlage 50/2403/XV/2013")
        #expect(first == second)
        #expect(try PDFNormalizer.normalize(first, date: Self.date, title: "Sitzungsvorlage 50/2403/XV/2013") == first,
                "normalising a normalised file changes nothing")
        let untitled = try PDFNormalizer.normalize(pdfs.letter, date: Self.date, title: nil)
        #expect(try PDFNormalizer.normalize(pdfs.letterAgain, date: Self.date, title: nil) == untitled)
        #expect(try PDFNormalizer.normalize(pdfs.letter, date: Self.date.addingTimeInterval(60)) != untitled,
                "the date is part of the content")
    }

    @Test func datesReadBackAsTheGivenDateInBerlinTime() throws {
        let folder = TemporaryFolder("normalize")
        let pdf = try ReadBack(PDFNormalizer.normalize(try ConvertedPDFs.get().letter, date: Self.date), in: folder)
        #expect(ReadBack.text(pdf.information["/CreationDate"]) == "D:20130215103000+01'00'")
        #expect(ReadBack.text(pdf.information["/ModDate"]) == "D:20130215103000+01'00'")
        for property in ["xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"] {
            #expect(pdf.metadata.contains("<\(property)>2013-02-15T10:30:00+01:00</\(property)>"), "\(property) in \(pdf.metadata)")
        }
        let info = try pdf.pdfinfo()
        #expect(info["CreationDate"] == "2013-02-15T10:30:00+01")
        #expect(info["ModDate"] == "2013-02-15T10:30:00+01")

        // Summer time: +02:00 (1 July 2013, 08:00 UTC).
        let summer = try ReadBack(PDFNormalizer.normalize(try ConvertedPDFs.get().letter, date: Date(timeIntervalSince1970: 1_372_665_600)),
                                  in: folder, name: "summer.pdf")
        #expect(ReadBack.text(summer.information["/CreationDate"]) == "D:20130701100000+02'00'")
        #expect(summer.metadata.contains("<xmp:ModifyDate>2013-07-01T10:00:00+02:00</xmp:ModifyDate>"))
    }

    @Test func theOutputIntentProfileCarriesTheDateInsteadOfTheClock() throws {
        let folder = TemporaryFolder("normalize")
        let pdf = try ReadBack(PDFNormalizer.normalize(try ConvertedPDFs.get().letter, date: Self.date), in: folder)
        let intents = try #require(pdf.resolve(pdf.catalog["/OutputIntents"]) as? [Any])
        let profile = try #require(pdf.streamData(pdf.dictionary(intents.first)["/DestOutputProfile"]))
        // ICC dateTimeNumber, UTC: 2013-02-15 09:30:00.
        #expect([UInt8](profile[24..<36]) == [0x07, 0xDD, 0, 2, 0, 15, 0, 9, 0, 30, 0, 0])
    }

    @Test func pdfaIdentificationOutputIntentStructureAndLanguageSurvive() throws {
        let folder = TemporaryFolder("normalize")
        let original = try ReadBack(try ConvertedPDFs.get().letter, in: folder, name: "original.pdf")
        let pdf = try ReadBack(PDFNormalizer.normalize(try ConvertedPDFs.get().letter, date: Self.date), in: folder)

        #expect(pdf.metadata.contains("<pdfaid:part>2</pdfaid:part>"))
        #expect(pdf.metadata.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(pdf.metadata.hasPrefix("<?xpacket begin="))
        #expect(pdf.metadata.contains("<?xpacket end=\"w\"?>"))
        let intents = try #require(pdf.resolve(pdf.catalog["/OutputIntents"]) as? [Any])
        #expect(intents.count == 1)
        #expect(pdf.dictionary(intents.first)["/S"] as? String == "/GTS_PDFA1")
        #expect(pdf.dictionary(intents.first)["/OutputConditionIdentifier"] as? String == "u:sRGB IEC61966-2.1")
        #expect(pdf.catalog["/Lang"] as? String == "u:de-DE")
        #expect(pdf.catalog["/StructTreeRoot"] != nil)
        #expect(pdf.dictionary(pdf.catalog["/MarkInfo"])["/Marked"] as? Bool == true)
        #expect(try pdf.pdfinfo()["Tagged"] == "yes")
        #expect(try pdf.text() == original.text(), "the same text, laid out the same way")

        // What LibreOffice added at random is gone; qpdf's /ID is there.
        #expect(original.trailer["/DocChecksum"] != nil)
        #expect(pdf.trailer["/DocChecksum"] == nil)
        #expect((pdf.trailer["/ID"] as? [Any])?.count == 2)
        #expect(try PDFCheck.validate(pdf.file.readData(), name: "normalised.pdf") == 1)
    }

    @Test func theTitleGoesIntoTheInformationAndTheXMP() throws {
        let folder = TemporaryFolder("normalize")
        let title = "Haushaltssatzung 2014 & Stellenplan <Entwurf> – „Teil 2“"
        let pdf = try ReadBack(PDFNormalizer.normalize(try ConvertedPDFs.get().letter, date: Self.date, title: title), in: folder)
        #expect(try pdf.pdfinfo()["Title"] == title)
        #expect(pdf.metadata.contains("<rdf:li xml:lang=\"x-default\">Haushaltssatzung 2014 &amp; Stellenplan &lt;Entwurf&gt; – „Teil 2“</rdf:li>"))
        #expect(pdf.metadata.components(separatedBy: "<dc:title>").count == 2, "one dc:title")
        #expect(!pdf.metadata.contains("Sitzungsvorlage</rdf:li>"))

        let kept = try ReadBack(PDFNormalizer.normalize(try ConvertedPDFs.get().letter, date: Self.date), in: folder, name: "kept.pdf")
        #expect(try kept.pdfinfo()["Title"] == "Sitzungsvorlage", "no title given: LibreOffice's stays")
    }

    @Test func randomXMPDocumentIDsAreReplacedByOnesMadeFromTheContent() throws {
        let letter = try ConvertedPDFs.get().letter
        let first = try RandomDocumentIDs.added(letter)
        let second = try RandomDocumentIDs.added(letter)
        #expect(first.pdf != second.pdf)
        let normalisedFirst = try PDFNormalizer.normalize(first.pdf, date: Self.date)
        #expect(try PDFNormalizer.normalize(second.pdf, date: Self.date) == normalisedFirst)

        let folder = TemporaryFolder("normalize")
        let metadata = try ReadBack(normalisedFirst, in: folder).metadata
        #expect(!metadata.contains(first.ids[0]) && !metadata.contains(first.ids[1]))
        #expect(!metadata.contains("uuid:00000000-0000-0000-0000-000000000000"))
        let documentID = try #require(metadata.firstMatch(of: /<xmpMM:DocumentID>uuid:([0-9a-f-]{36})<\/xmpMM:DocumentID>/)?.output.1)
        #expect(metadata.contains("<xmpMM:InstanceID>uuid:\(documentID)</xmpMM:InstanceID>"))
        #expect(UUID(uuidString: String(documentID)) != nil)
    }

    @Test func theQPDFVersionIsTheOneOnThisMachine() throws {
        let outcome = try ExternalTools.run("qpdf", ["--version"])
        #expect(outcome.output.hasPrefix("qpdf version \(try PDFNormalizer.qpdfVersion)\n"))
    }

    @Test func whatIsNotAPDFIsRefused() throws {
        let error = try #require(throws: PDFError.self) {
            try PDFNormalizer.normalize(Data("kein PDF".utf8), date: Self.date, name: "vorlage.pdf")
        }
        #expect(error.code == .notPDF)
        #expect(error.file == "vorlage.pdf")
    }
}

private extension URL {
    func readData() throws -> Data { try Data(contentsOf: self) }
}
