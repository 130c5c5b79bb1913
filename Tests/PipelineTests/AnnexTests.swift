import Foundation
import ODFPackage
import Pipeline
import TestSupport
import Testing

/// Annexes going out with the seed's submission: merged, separate, listed, PDF, and refused.
@Suite(.serialized) struct AnnexTests {
    static let standIn = Paths.packageRoot.appendingPathComponent("examples/kreistag-2013-03-06/annexes/integrationskonzept-rkn-2013-02-19.fodt")
    static let pdfAnnex = Paths.packageRoot.appendingPathComponent("examples/kreistag-2013-03-06/annexes/schuelerzahlen-berufskollegs-2012-13.pdf")

    /// The example paper with its annex list replaced by `annexes` (YAML lines under auxiliaryFile).
    private func paper(in folder: TemporaryFolder, annexes: String) throws -> URL {
        let example = try String(contentsOf: SubmissionTests.example, encoding: .utf8)
        let head = example.components(separatedBy: "auxiliaryFile:")[0]
        let file = folder.file("papers/vorlage.yaml")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (head + "auxiliaryFile:\n" + annexes).write(to: file, atomically: true, encoding: .utf8)
        try ExampleProfile.install(in: folder.url)
        return file
    }

    private func run(_ paper: URL, in folder: TemporaryFolder) throws -> SubmissionJob.Output {
        try SubmissionJob(paper: paper, template: SubmissionTests.template, output: folder.file("out/vorlage.odt")).run()
    }

    @Test("the example's annex is merged: its PDF text follows the submission's, in order",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func mergedAnnexReadsInOrder() throws {
        let folder = TemporaryFolder()
        let output = try SubmissionJob(paper: SubmissionTests.example, template: SubmissionTests.template, output: folder.file("vorlage.odt")).run()
        #expect(output.annexes.map(\.mode) == [.merge])
        let merged = try ExternalTools.pdfText(ExternalTools.convertToPDF(output.document, into: folder.url))
        // The annex alone, with the submission's document settings, compared by the rules
        // MergeReading states (page breaks move, so page furniture is compared by presence).
        let referenceFolder = folder.file("alone")
        try FileManager.default.createDirectory(at: referenceFolder, withIntermediateDirectories: true)
        let reference = try MergeReading.reference(annex: Self.standIn, settingsFrom: output.document, in: referenceFolder)
        let alone = try ExternalTools.pdfText(ExternalTools.convertToPDF(reference, into: referenceFolder))
        let missing = try MergeReading.missingLines(annexText: alone, mergedText: merged, annex: ODFDocument(contentsOf: Self.standIn))
        #expect(missing.isEmpty, "annex lines missing from the submission: \(missing)")
        #expect(merged.contains("Anlage 1"))
        #expect(merged.contains("1.1") && merged.contains("Bestehende Angebote und Strukturen"), "the annex's heading numbers survive")
        let check = try ExternalTools.odfcheck(output.document, ["--no-pdf"])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test("the PDF's bookmarks read Vorlage → Anlage 1 → the annex's chapters",
          .enabled(if: ExternalTools.isInstalled("qpdf"), "needs qpdf; the README's test command installs it"))
    func bookmarksNestTheAnnex() throws {
        let folder = TemporaryFolder()
        let output = try SubmissionJob(paper: SubmissionTests.example, template: SubmissionTests.template, output: folder.file("vorlage.odt")).run()
        let pdf = try ExternalTools.convertToPDF(output.document, into: folder.url)
        let json = try ExternalTools.run("qpdf", ["--json", "--json-key=outlines", pdf.path])
        let outlines = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])["outlines"] as? [[String: Any]]
        let top = try #require(outlines?.first)
        #expect((top["title"] as? String)?.hasPrefix("Sitzungsvorlage-Nr. 50/2403/XV/2013") == true)
        let annex = try #require((top["kids"] as? [[String: Any]])?.first { ($0["title"] as? String) == "Anlage 1" })
        let chapters = (annex["kids"] as? [[String: Any]])?.compactMap { $0["title"] as? String } ?? []
        #expect(chapters.count >= 3, "the annex's own level-1 headings sit below its cover: \(chapters)")
    }

    @Test func separateListedAndPDFAnnexes() throws {
        let folder = TemporaryFolder()
        let pdf = folder.file("annexes/lageplan.pdf")
        try FileManager.default.createDirectory(at: pdf.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pdfBytes = try Data(contentsOf: Self.pdfAnnex)
        try pdfBytes.write(to: pdf)
        let paper = try paper(in: folder, annexes: """
          - name: Integrationskonzept RKN-2013 02 19
            fileName: \(Self.standIn.path)
          - name: Konzept als eigene Datei
            fileName: \(Self.standIn.path)
            mode: separate
            date: 2013-02-19
          - name: Lageplan
            fileName: ../annexes/lageplan.pdf
          - name: Nur genannt
            fileName: \(Self.standIn.path)
            mode: listed
        """)
        let output = try run(paper, in: folder)
        #expect(output.annexes.map(\.mode) == [.merge, .separate, .separate, .listed])
        #expect(output.annexes.map(\.number) == [1, 2, 3, 4])
        #expect(output.annexes[0].file == nil && output.annexes[3].file == nil)
        #expect(output.annexes[2].isPDF)
        #expect(try Data(contentsOf: try #require(output.annexes[2].file)) == pdfBytes, "a PDF annex is copied byte for byte")
        #expect(output.annexes[2].file?.lastPathComponent == "vorlage-anlage-3.pdf")

        let separate = try ODFDocument(contentsOf: try #require(output.annexes[1].file))
        let cover = try Array(separate.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "p") }.prefix(3)).map(\.textContent)
        #expect(cover == ["Anlage 2 zur Vorlage 50/2403/XV/2013", "Konzept als eigene Datei", "vom 19.02.2013"])

        // The Anlagen list numbers every annex; only the merged one gets a cover inside.
        let submission = try ODFDocument(contentsOf: output.document)
        let texts = try submission.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "p") || $0.is(ODFNamespace.text, "h") }.map(\.textContent)
        let list = try #require(texts.firstIndex(of: "Anlagen:"))
        #expect(Array(texts[(list + 1)...(list + 4)]) == ["1. Integrationskonzept RKN-2013 02 19", "2. Konzept als eigene Datei", "3. Lageplan", "4. Nur genannt"])
        #expect(texts.filter { $0.hasPrefix("Anlage ") } == ["Anlage 1"])
    }

    @Test("the stamp of separate annexes and the property labels follow the council's wording")
    func wordingComesFromTheProfile() throws {
        let folder = TemporaryFolder()
        let paper = try paper(in: folder, annexes: "  - name: Konzept\n    fileName: \(Self.standIn.path)\n    mode: separate\n")
        let profile = folder.file("council.yaml")
        try (String(contentsOf: profile, encoding: .utf8) + """

        wording:
          annexStamp:
            - "Anlage {number} zu Drucksache {reference}"
            - "{name}"
            - "vom {date}"
            - "Federführung: {office}"
          propertyLabels:
            reference: Drucksachennummer
            office: Zuständigkeit
        """).write(to: profile, atomically: true, encoding: .utf8)
        let output = try run(paper, in: folder)
        let separate = try ODFDocument(contentsOf: try #require(output.annexes[0].file))
        let cover = try Array(separate.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "p") }.prefix(3)).map(\.textContent)
        // The annex has no date, so the line naming {date} is left out.
        #expect(Array(cover.prefix(2)) == ["Anlage 1 zu Drucksache 50/2403/XV/2013", "Konzept"])
        #expect(cover.last?.hasPrefix("Federführung: ") == true, "\(cover)")
        let labels = try ODFDocument(contentsOf: output.document).metadata.userDefined.map(\.name)
        #expect(labels == ["Drucksachennummer", "Vorlagenart", "Datum", "Zuständigkeit", "Körperschaft", "Anlagen"])

        // A placeholder the stamp does not know is refused with its place.
        try (String(contentsOf: profile, encoding: .utf8).replacingOccurrences(of: "{name}", with: "{titel}"))
            .write(to: profile, atomically: true, encoding: .utf8)
        #expect(throws: PipelineError.self) { try run(paper, in: folder) }
        let problem = Result { try run(paper, in: folder) }
        if case .failure(let error) = problem {
            #expect("\(error)".contains("council.yaml") && "\(error)".contains("„{titel}“") && "\(error)".contains("{number}"), "\(error)")
        }
    }

    @Test("separate annexes are valid ODF", .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func separateAnnexPassesOdfcheck() throws {
        let folder = TemporaryFolder()
        let paper = try paper(in: folder, annexes: "  - name: Konzept\n    fileName: \(Self.standIn.path)\n    mode: separate\n")
        let output = try run(paper, in: folder)
        let check = try ExternalTools.odfcheck(try #require(output.annexes[0].file), ["--expect", "Anlage 1 zur Vorlage 50/2403/XV/2013"])
        #expect(check.status == 0, "\(check.output)")
    }

    @Test func everyBadAnnexIsNamedAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.file("annexes"), withIntermediateDirectories: true)
        try Data("Nur Text, kein Dokument.".utf8).write(to: folder.file("annexes/notiz.odt"))
        // Encrypted with an owner password only: it opens without one, and is still refused.
        let encrypt = try ExternalTools.run("qpdf", ["--encrypt", "", "eigentuemer", "256", "--", Self.pdfAnnex.path, folder.file("annexes/geheim.pdf").path])
        #expect(encrypt.status == 0, "\(encrypt.error)")
        // A sound PDF without a page: it needs a page, not a new scan.
        let empty = try ExternalTools.run("qpdf", ["--empty", folder.file("annexes/leer.pdf").path])
        #expect(empty.status == 0, "\(empty.error)")
        let paper = try paper(in: folder, annexes: """
          - name: Notiz
            fileName: ../annexes/notiz.odt
          - name: Geheim
            fileName: ../annexes/geheim.pdf
          - name: Leer
            fileName: ../annexes/leer.pdf
          - name: Konzept
            fileName: \(Self.standIn.path)
        """)
        let error = try #require(throws: PipelineError.self) { try run(paper, in: folder) }
        #expect(error.lines.count == 3)
        #expect(error.lines[0].contains("(Anlage 1 „Notiz“): Fehler [not-odf]: Die Datei ist weder ein ODF-Textdokument"))
        #expect(error.lines[1].contains("(Anlage 2 „Geheim“): Fehler [encrypted]: Die PDF-Datei ist verschlüsselt."))
        #expect(error.lines[2].contains("(Anlage 3 „Leer“): Fehler [no-pages]: Die PDF-Datei hat keine Seiten. Hinweis: Hängen Sie eine PDF-Datei mit mindestens einer Seite an."), "\(error.lines[2])")
        #expect(error.problems.map(\.code) == ["not-odf", "encrypted", "no-pages"])
        #expect(!FileManager.default.fileExists(atPath: folder.file("out").path), "nothing was written")
    }

    @Test("an encrypted ODF annex is refused", .enabled(if: Paths.sharedIsAvailable, "needs ../shared/corpus, absent here; CI always has it"))
    func encryptedODFAnnex() throws {
        let folder = TemporaryFolder()
        let locked = Paths.shared.appendingPathComponent("corpus/odt-invalid/odftk__PasswordProtected.odt")
        let paper = try paper(in: folder, annexes: "  - name: Geschützt\n    fileName: \(locked.path)\n")
        let error = try #require(throws: PipelineError.self) { try run(paper, in: folder) }
        #expect(error.lines == ["\(locked.path) (Anlage 1 „Geschützt“): Fehler [encrypted]: Die Datei ist verschlüsselt. Hinweis: Speichern Sie das Dokument ohne Passwort, und versuchen Sie es erneut."])
    }

    @Test func aMissingAnnexIsAnInputError() throws {
        let folder = TemporaryFolder()
        let paper = try paper(in: folder, annexes: "  - name: Fehlt\n    fileName: ../annexes/fehlt.odt\n")
        let error = try #require(throws: PipelineError.self) { try run(paper, in: folder) }
        #expect(error.description.contains("Fehler [missing-annex]: Die Anlage „Fehlt“ verweist auf"))
    }

    @Test func aPDFCannotBeMerged() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.file("annexes"), withIntermediateDirectories: true)
        try Data("%PDF-1.4\n%%EOF".utf8).write(to: folder.file("annexes/plan.pdf"))
        let paper = try paper(in: folder, annexes: "  - name: Plan\n    fileName: ../annexes/plan.pdf\n    mode: merge\n")
        let error = try #require(throws: PipelineError.self) { try run(paper, in: folder) }
        #expect(error.description.contains("Fehler [wrong-value]: Die PDF-Anlage „Plan“ kann nicht in die Vorlage (.odt) eingefügt werden."))
    }
}

/// The data chooses whose page layout a merged annex uses.
@Suite struct AnnexLayoutTests {
    @Test func anAnnexCanFlowOnTheSubmissionsPages() throws {
        let folder = TemporaryFolder()
        let example = try String(contentsOf: SubmissionTests.example, encoding: .utf8)
        let paper = folder.file("papers/vorlage.yaml")
        try FileManager.default.createDirectory(at: paper.deletingLastPathComponent(), withIntermediateDirectories: true)
        let head = example.components(separatedBy: "auxiliaryFile:")[0]
        try (head + "auxiliaryFile:\n  - name: Konzept\n    fileName: \(AnnexTests.standIn.path)\n    pageLayout: submission\n")
            .write(to: paper, atomically: true, encoding: .utf8)
        try ExampleProfile.install(in: folder.url)
        let output = try SubmissionJob(paper: paper, template: SubmissionTests.template, output: folder.file("out/v.odt")).run()
        let styles = try ODFDocument(contentsOf: output.document).xml("styles.xml").root
        let masters = styles.descendantElements { $0.is(ODFNamespace.style, "master-page") }
        #expect(masters.count == 1, "only the submission's page style: \(masters.compactMap { $0.attribute(ODFNamespace.style, "name") })")

        let own = try SubmissionJob(paper: SubmissionTests.example, template: SubmissionTests.template, output: folder.file("out/own.odt")).run()
        let ownMasters = try ODFDocument(contentsOf: own.document).xml("styles.xml").root.descendantElements { $0.is(ODFNamespace.style, "master-page") }
        #expect(ownMasters.count == 2, "the annex brings its page style by default")
    }

    @Test func aWrongLayoutChoiceIsNamed() throws {
        let folder = TemporaryFolder()
        let example = try String(contentsOf: SubmissionTests.example, encoding: .utf8)
        let paper = folder.file("vorlage.yaml")
        let head = example.components(separatedBy: "auxiliaryFile:")[0]
        try (head + "auxiliaryFile:\n  - name: Konzept\n    fileName: \(AnnexTests.standIn.path)\n    pageLayout: quer\n").write(to: paper, atomically: true, encoding: .utf8)
        let error = try #require(throws: PipelineError.self) { try SubmissionJob(paper: paper, template: SubmissionTests.template, output: folder.file("v.odt")).run() }
        #expect(error.description.contains("Fehler [wrong-value]: „quer“ ist kein zulässiger Wert für „pageLayout“."))
    }
}
