import Foundation
import PDFPackage
import TestSupport
import Testing

/// A PDF annex is refused before anything is written when qpdf cannot use it as it is.
@Suite struct PDFCheckTests {
    @Test func aLibreOfficePDFIsAcceptedWithItsPageCount() throws {
        let pdfs = try ConvertedPDFs.get()
        #expect(try PDFCheck.validate(pdfs.letter, name: "letter.pdf") == 1)
        #expect(try PDFCheck.validate(pdfs.beta, name: "beta.pdf") == ConvertedPDFs.betaAnnex.pages)
    }

    @Test(arguments: [0.5, 0.9, 0.995])
    func aTruncatedPDFIsRefusedAsDamaged(keeping fraction: Double) throws {
        let pdf = try ConvertedPDFs.get().beta
        let truncated = pdf.prefix(Int(Double(pdf.count) * fraction))
        let error = try #require(throws: PDFError.self) { try PDFCheck.validate(truncated, name: "anlage-3.pdf") }
        #expect(error.code == .damaged)
        #expect(error.file == "anlage-3.pdf")
        #expect(error.description.hasPrefix("anlage-3.pdf: "))
    }

    @Test func aPDFWithBrokenStreamDataIsRefused() throws {
        // The header, objects and cross-reference table are intact; one Flate stream is not.
        var pdf = try ConvertedPDFs.get().letter
        let stream = try #require(pdf.firstRange(of: Data("stream\n".utf8)))
        let start = stream.upperBound + 16
        pdf.replaceSubrange(start..<(start + 64), with: Data(repeating: 0x41, count: 64))
        let error = try #require(throws: PDFError.self) { try PDFCheck.validate(pdf, name: "kaputt.pdf") }
        #expect(error.code == .damaged)
    }

    @Test func anEncryptedPDFIsRefusedEvenWithoutAUserPassword() throws {
        let folder = TemporaryFolder("pdfcheck")
        let plain = folder.file("plain.pdf")
        try ConvertedPDFs.get().letter.write(to: plain)
        for (user, name) in [("", "no-user-password.pdf"), ("geheim", "user-password.pdf")] {
            let encrypted = folder.file(name)
            let outcome = try ExternalTools.run("qpdf", ["--encrypt", user, "owner", "256", "--", plain.path, encrypted.path])
            #expect(outcome.status == 0, "qpdf --encrypt: \(outcome.error)")
            let error = try #require(throws: PDFError.self) { try PDFCheck.validate(try Data(contentsOf: encrypted), name: name) }
            #expect(error.code == .encrypted, "\(error)")
            #expect(error.file == name)
        }
    }

    @Test func aTextFileNamedPDFIsRefusedAsNotAPDF() throws {
        let text = Data("Tagesordnung der Sitzung des Kreisausschusses\n1. Eröffnung\n".utf8)
        let error = try #require(throws: PDFError.self) { try PDFCheck.validate(text, name: "tagesordnung.pdf") }
        #expect(error.code == .notPDF)
        let empty = try #require(throws: PDFError.self) { try PDFCheck.validate(Data(), name: "leer.pdf") }
        #expect(empty.code == .notPDF)
    }

    @Test func aFileThatOnlyStartsLikeAPDFIsRefusedAsDamaged() throws {
        let garbage = Data("%PDF-1.7\nthis is not a PDF at all\n".utf8)
        let error = try #require(throws: PDFError.self) { try PDFCheck.validate(garbage, name: "falsch.pdf") }
        #expect(error.code == .damaged)
        #expect(error.qpdfMessage != nil)
    }
}
