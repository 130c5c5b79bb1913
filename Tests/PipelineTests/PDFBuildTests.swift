import Foundation
import Pipeline
import TestSupport
import Testing

/// `vorlage build --pdf` on a copy of the example meeting: PDF/A copies of every document, the
/// session packets, what is public, reproducible bytes, and converter failures.
@Suite(.serialized) struct PDFBuildTests {
    static var options: PDFOptions { PDFOptions(executable: CommandLineTests.executable, timeout: 60) }

    /// Builds the fixture with PDFs.
    @discardableResult
    private func build(_ fixture: MeetingFixture, output: URL? = nil, options: PDFOptions = Self.options, jobs: Int = 2) throws -> MeetingBuild.Report {
        try MeetingBuild(meeting: fixture.meeting, output: output ?? fixture.output, jobs: jobs, waitSeconds: 0, pdf: options).run()
    }

    private func run(_ tool: String, _ arguments: [String]) throws -> String {
        let outcome = try ExternalTools.run(tool, arguments)
        #expect(outcome.status == 0, "\(tool) \(arguments): \(outcome.error)")
        return outcome.output
    }

    /// The document catalog of a PDF as qpdf shows it.
    private func catalog(_ pdf: URL) throws -> String {
        let trailer = try run("qpdf", ["--show-object=trailer", pdf.path])
        let root = try #require(trailer.firstMatch(of: /\/Root (\d+) 0 R/)?.1)
        return try run("qpdf", ["--show-object=\(root)", pdf.path])
    }

    /// The bookmarks of a PDF: (depth, title, first page) in order.
    private func outline(_ pdf: URL) throws -> [(depth: Int, title: String, page: Int)] {
        let json = try run("qpdf", ["--json", "--json-key=outlines", pdf.path])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var items: [(Int, String, Int)] = []
        func walk(_ nodes: [[String: Any]], _ depth: Int) {
            for node in nodes {
                items.append((depth, node["title"] as? String ?? "", node["destpageposfrom1"] as? Int ?? 0))
                walk(node["kids"] as? [[String: Any]] ?? [], depth + 1)
            }
        }
        walk(root["outlines"] as? [[String: Any]] ?? [], 0)
        return items
    }

    private func pages(_ pdf: URL) throws -> Int {
        let info = try run("pdfinfo", [pdf.path])
        return Int(try #require(info.firstMatch(of: /Pages:\s+(\d+)/)?.1)) ?? 0
    }

    @Test func everyDocumentGetsATaggedPDFACopyWithEmbeddedFonts() throws {
        let fixture = try MeetingFixture()
        let report = try build(fixture)
        #expect(report.succeeded, "\(report.failures)")
        let odts = try MeetingFixture.fileNames(in: fixture.output).filter { $0.hasSuffix(".odt") }
        #expect(odts.count == 7)
        for odt in odts {
            let pdf = fixture.output.appendingPathComponent(odt.replacingOccurrences(of: ".odt", with: ".pdf"))
            let meta = try run("pdfinfo", ["-meta", pdf.path])
            #expect(meta.contains("<pdfaid:part>2</pdfaid:part>"), "\(odt): PDF/A part 2")
            #expect(meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "\(odt): conformance B")
            #expect(try run("pdfinfo", [pdf.path]).contains("Tagged:          yes"), "\(odt) is tagged")
            let root = try catalog(pdf)
            #expect(root.contains("/OutputIntents"), "\(odt) has an OutputIntent")
            #expect(root.contains("/Lang (de-DE)"), "\(odt) names its language")
            #expect(root.contains("/StructTreeRoot"), "\(odt) has a structure tree")
            let fonts = try run("pdffonts", [pdf.path]).split(separator: "\n").dropFirst(2)
            #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes ") }, "\(odt): every font embedded:\n\(fonts.joined(separator: "\n"))")
        }
        let title = try run("pdfinfo", [fixture.output.appendingPathComponent("integrationszentrum.pdf").path])
        #expect(title.contains(/Title:\s+Sitzungsvorlage 50\/2403\/XV\/2013/), "the PDF carries the document's title")
    }

    @Test func thePacketsHoldTheAgendaInOrderWithBookmarksAndLabels() throws {
        let fixture = try MeetingFixture()
        #expect(try build(fixture).succeeded)
        let complete = fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe.pdf")
        let parts = ["einladung", "berufskollegs-schuelerzahlen", "berufskollegs-schuelerzahlen-anlage-1", "radwege-kreisstrassen",
                     "integrationszentrum", "integrationszentrum-ergaenzung", "grundstueck-kreisstrasse-juechen"]
        let sum = try parts.map { try pages(fixture.output.appendingPathComponent("\($0).pdf")) }.reduce(0, +)
        #expect(try pages(complete) == sum, "the packet's pages are the sum of its parts")
        let bookmarks = try outline(complete)
        #expect(bookmarks.map(\.title) == [
            "Einladung: 20. Sitzung des Kreistags",
            "TOP 3: Entwicklung der Schülerzahlen an den Berufskollegs des Rhein-Kreises Neuss im Schuljahr 2012/13",
            "Anlage 1: Übersicht Schülerzahlen der Berufskollegs 2012/13",
            "TOP 4: Prüfauftrag: Lücken im Radwegenetz an Kreisstraßen schließen",
            "TOP 5: Kommunales Integrationszentrum/ Integrationskonzept",
            "TOP 5.1: Kommunales Integrationszentrum/ Integrationskonzept – Ergänzung zur Finanzierung",
            "TOP N 1: Grundstücksangelegenheit",
        ])
        #expect(bookmarks.map(\.depth) == [0, 0, 1, 0, 0, 0, 0])
        #expect(bookmarks.map(\.page) == [1, 2, 3, 4, 5, 11, 12])
        let labels = try run("qpdf", ["--json", "--json-key=pagelabels", complete.path])
        #expect(labels.contains("u:TOP 5: ") && labels.contains("u:TOP 3 Anlage 1: ") && labels.contains("u:Einladung: "))
        let meta = try run("pdfinfo", ["-meta", complete.path])
        #expect(meta.contains("<pdfaid:part>2</pdfaid:part>") && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        #expect(try catalog(complete).contains("/OutputIntents"))
        #expect(try run("pdfinfo", [complete.path]).contains("nicht zur Veröffentlichung"), "the complete packet says it is not for publication")
        let text = try ExternalTools.pdfText(complete)
        let annex = try ExternalTools.pdfText(fixture.file("annexes/schuelerzahlen-berufskollegs-2012-13.pdf"))
        let firstLine = try #require(annex.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        #expect(text.contains(firstLine), "the PDF annex keeps its text")
    }

    @Test func thePublicPacketHoldsNothingNonPublic() throws {
        let fixture = try MeetingFixture()
        // A non-public annex of a public paper, going out on its own, must stay out too.
        try fixture.editPaper("radwege-kreisstrassen", replacing: "sachverhalt:", with: """
            auxiliaryFile:
              - name: Vertrauliche Kostenschätzung Radweg
                fileName: ../annexes/schuelerzahlen-berufskollegs-2012-13.pdf
                public: false
            sachverhalt:
            """)
        let report = try build(fixture)
        #expect(report.succeeded, "\(report.failures)")
        let publicPacket = try ExternalTools.pdfText(fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe-oeffentlich.pdf"))
        let complete = try ExternalTools.pdfText(fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe.pdf"))
        let secret = try ExternalTools.pdfText(fixture.output.appendingPathComponent("grundstueck-kreisstrasse-juechen.pdf"))
        // Every line of the non-public paper that no public paper has too (headings of the shared
        // template) is in the complete packet and none is in the public one.
        let shared = try ExternalTools.pdfText(fixture.output.appendingPathComponent("integrationszentrum.pdf"))
        let lines = secret.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 20 && !shared.contains($0) }
        #expect(lines.count > 3)
        for line in lines {
            #expect(complete.contains(line))
            #expect(!publicPacket.contains(line), "non-public text in the public packet: \(line)")
        }
        for needle in ["61/2410/XV/2013", "Grundstücksangelegenheit", "Nichtöffentlicher Teil", "Vertrauliche Kostenschätzung"] {
            #expect(!publicPacket.contains(needle), "\(needle) in the public packet")
        }
        let completeBookmarks = try outline(fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe.pdf")).map(\.title)
        let publicBookmarks = try outline(fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe-oeffentlich.pdf")).map(\.title)
        #expect(completeBookmarks.contains("Anlage 1: Vertrauliche Kostenschätzung Radweg"), "\(completeBookmarks)")
        #expect(!publicBookmarks.contains { $0.contains("Vertrauliche") || $0.contains("Grundstück") }, "\(publicBookmarks)")
    }

    @Test func twoBuildsGiveIdenticalPDFBytes() throws {
        let fixture = try MeetingFixture()
        #expect(try build(fixture).succeeded)
        let other = fixture.temporary.file("build-2/kreistag-2013-03-06")
        #expect(try build(fixture, output: other, jobs: 1).succeeded)
        // The documents, not the tool's own records (the lock, the workers' LibreOffice profiles).
        let first = try MeetingFixture.files(in: fixture.output).filter { !$0.key.hasPrefix(".") }
        let second = try MeetingFixture.files(in: other).filter { !$0.key.hasPrefix(".") }
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first.keys.filter { $0.hasSuffix(".pdf") }.count == 10)
        for (name, bytes) in first { #expect(second[name] == bytes, "\(name) differs between two builds") }
    }

    @Test func theManifestNamesEachPDFAsTheDerivativeOfItsODTAndThePacketsAsTheMeetingsFiles() throws {
        let fixture = try MeetingFixture()
        #expect(try build(fixture).succeeded)
        let data = try Data(contentsOf: fixture.output.appendingPathComponent("manifest.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let derived = try #require(root["file"] as? [[String: Any]])
        #expect(derived.count == 7)
        let papers = try #require(root["paper"] as? [[String: Any]])
        for paper in papers {
            let main = try #require(paper["mainFile"] as? [String: Any])
            let derivative = try #require((main["derivativeFile"] as? [String])?.first)
            let pdf = try #require(derived.first { $0["id"] as? String == derivative })
            #expect(pdf["masterFile"] as? String == main["id"] as? String)
            #expect(pdf["mimeType"] as? String == "application/pdf")
            let bytes = try Data(contentsOf: fixture.output.appendingPathComponent(try #require(pdf["fileName"] as? String)))
            #expect(pdf["size"] as? Int == bytes.count)
        }
        let meeting = try #require(root["meeting"] as? [String: Any])
        let files = (meeting["auxiliaryFile"] as? [[String: Any]] ?? []).compactMap { $0["fileName"] as? String }
        #expect(files.contains("kreistag-2013-03-06-mappe.pdf") && files.contains("kreistag-2013-03-06-mappe-oeffentlich.pdf"))
        if MeetingBuildTests.oparlSchemasAreAvailable {
            let outcome = try ExternalTools.run("python3", [MeetingBuildTests.validator.path, fixture.output.appendingPathComponent("manifest.json").path,
                                                            MeetingBuildTests.schemaFolder.path])
            #expect(outcome.status == 0, "\(outcome.output)\(outcome.error)")
        }
        // Releasing issues the PDFs and packets too.
        let release = try ReleaseJob(meeting: fixture.meeting, output: fixture.output, waitSeconds: 0).run()
        #expect(release.issued.contains { $0.fileName == "kreistag-2013-03-06-mappe.pdf" })
        #expect(release.issued.contains { $0.fileName == "integrationszentrum.pdf" })
    }

    @Test func aConversionThatFailsOrHangsIsReportedWhileTheRestConverts() throws {
        let fixture = try MeetingFixture()
        var options = Self.options
        options.timeout = 5
        options.allowTestFaults = true
        options.faults = ["radwege-kreisstrassen.odt": "fail", "integrationszentrum-ergaenzung.odt": "hang"]
        let report = try build(fixture, options: options)
        #expect(!report.succeeded)
        let failed = report.failures.map(\.file)
        #expect(failed.contains { $0.hasSuffix("radwege-kreisstrassen.odt") }, "\(failed)")
        #expect(failed.contains { $0.hasSuffix("integrationszentrum-ergaenzung.odt") }, "\(failed)")
        #expect(report.failures.contains { $0.file.hasSuffix("-mappe.pdf") && !$0.problems.isEmpty }, "the packets are named as not built")
        for name in ["einladung.pdf", "integrationszentrum.pdf", "berufskollegs-schuelerzahlen.pdf", "grundstueck-kreisstrasse-juechen.pdf"] {
            #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent(name).path), "\(name) converted")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("radwege-kreisstrassen.pdf").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe.pdf").path))
        #expect(try leftoverWorkers(of: fixture.output).isEmpty, "no LibreOffice worker outlives the build")
        // The next run converts what failed, keeps what converted.
        let before = try Data(contentsOf: fixture.output.appendingPathComponent("integrationszentrum.pdf"))
        #expect(try build(fixture).succeeded)
        #expect(try Data(contentsOf: fixture.output.appendingPathComponent("integrationszentrum.pdf")) == before)
        #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe.pdf").path))
    }

    @Test func aBrokenPDFAnnexIsRefusedBeforeAnythingIsWritten() throws {
        for (name, bytes) in [("kaputt.pdf", Data("%PDF-1.4\n1 0 obj << /Type /Catalog".utf8)), ("text.pdf", Data("Das ist kein PDF.\n".utf8))] {
            let fixture = try MeetingFixture()
            try fixture.write(String(decoding: bytes, as: UTF8.self), to: fixture.file("annexes/\(name)"))
            try fixture.editPaper("berufskollegs-schuelerzahlen", replacing: "schuelerzahlen-berufskollegs-2012-13.pdf", with: name)
            let report = try build(fixture)
            let failure = try #require(report.failures.first { $0.file.hasSuffix("berufskollegs-schuelerzahlen.yaml") })
            #expect(failure.problems.joined().contains(name), "the annex is named: \(failure.problems)")
            #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("berufskollegs-schuelerzahlen.odt").path))
            #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("kreistag-2013-03-06-mappe.pdf").path))
        }
    }

    @Test func renderWithPDFWritesAReproduciblePDFABesideTheSubmission() throws {
        let folder = TemporaryFolder()
        var pdfs: [Data] = []
        for name in ["a", "b"] {
            let output = folder.file("\(name)/vorlage.odt")
            let outcome = try ExternalTools.run(CommandLineTests.executable.path, ["render", SubmissionTests.example.path, "--output", output.path, "--pdf"])
            #expect(outcome.status == 0, "\(outcome.error)")
            let pdf = output.deletingPathExtension().appendingPathExtension("pdf")
            #expect(outcome.output.contains(pdf.path), "the PDF is named: \(outcome.output)")
            let meta = try run("pdfinfo", ["-meta", pdf.path])
            #expect(meta.contains("<pdfaid:part>2</pdfaid:part>") && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
            #expect(try run("pdfinfo", [pdf.path]).contains("Tagged:          yes"))
            pdfs.append(try Data(contentsOf: pdf))
        }
        #expect(pdfs[0] == pdfs[1], "two renders give the same PDF bytes")
    }

    /// Processes still running whose command line names the build folder (the workers' profiles are in it).
    private func leftoverWorkers(of folder: URL) throws -> [String] {
        var found: [String] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: "/proc") where Int(entry) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
            let command = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            if command.contains(folder.path) { found.append(command) }
        }
        return found
    }
}
