import Foundation
import ODFPackage
import TestSupport
import Testing

/// Every real document of the corpus that passes odfcheck, merged as an annex into the
/// submission template, stays valid and renders all its text.
@Suite struct MergeCorpusTests {
    @Test("a corpus document merged into the submission is valid ODF and renders all its text in order",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/corpus, absent here; CI always has it"),
          arguments: Corpus.passingDocuments)
    func corpusAnnex(_ document: Corpus.Result) throws {
        let folder = TemporaryFolder("merge-corpus")
        let annex = try ODFDocument(contentsOf: document.url)
        let (receiver, cover, anchor) = try MergeSupport.receiver()
        try receiver.insertBody(of: annex, before: anchor, pageStart: cover,
                                options: MergeOptions(tag: "A1", outlineLevelOffset: 1, keepsPageLayout: true))
        let merged = folder.file("merged.odt")
        try receiver.write(to: merged)

        // a. Valid: schema errors the annex had already are inherited, not failures.
        let check = try ExternalTools.odfcheck(merged, ["--baseline", document.url.path, "--no-pdf", "--out", folder.file("odfcheck").path])
        #expect(check.status == 0, "odfcheck fails \(document.file) merged:\n\(Self.problems(check.output))")

        // b. Readable: the annex's rendered text is in the merged document's, in order.
        let referenceFolder = folder.file("reference")
        try FileManager.default.createDirectory(at: referenceFolder, withIntermediateDirectories: true)
        let reference = try MergeReading.reference(annex: document.url, settingsFrom: Paths.fixture("libreoffice-letter.odt"), in: referenceFolder)
        let annexText = try ExternalTools.pdfText(try ExternalTools.convertToPDF(reference, into: referenceFolder))
        let mergedText = try ExternalTools.pdfText(try ExternalTools.convertToPDF(merged, into: folder.url))
        let missing = try MergeReading.missingLines(annexText: annexText, mergedText: mergedText, annex: annex)
        #expect(missing.isEmpty, "\(missing.count) lines of \(document.file) are missing from the merged PDF:\n\(missing.prefix(12).joined(separator: "\n"))")
    }

    /// The FAIL and WARN lines of odfcheck's report, with the messages under them.
    static func problems(_ output: String) -> String {
        output.split(separator: "\n").filter { !$0.hasPrefix("[PASS]") && !$0.hasPrefix("[INFO]") && !$0.hasPrefix("[SKIP]") }
            .prefix(30).joined(separator: "\n")
    }
}
