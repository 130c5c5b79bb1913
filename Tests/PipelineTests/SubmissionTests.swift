import Foundation
import ODFPackage
import Pipeline
import TestSupport
import Testing

/// The seed's submission rendered end to end, checked as a council member would read it.
@Suite(.serialized) struct SubmissionTests {
    static let example = Paths.packageRoot.appendingPathComponent("examples/kreistag-2013-03-06/papers/integrationszentrum.yaml")
    static let template = Paths.packageRoot.appendingPathComponent("templates/sitzungsvorlage.fodt")

    private func render(into folder: TemporaryFolder, name: String = "vorlage.odt") throws -> URL {
        try SubmissionJob(paper: Self.example, template: Self.template, output: folder.file(name)).run().document
    }

    @Test("the example's PDF holds every line of the seed, in order",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/seeds, absent here; CI always has it"))
    func seedTextInOrder() throws {
        let folder = TemporaryFolder()
        let odt = try render(into: folder)
        let text = try ExternalTools.pdfText(try ExternalTools.convertToPDF(odt, into: folder.url))
        let seeds = try FileManager.default.contentsOfDirectory(at: Paths.shared.appendingPathComponent("seeds"), includingPropertiesForKeys: nil)
        let seed = try String(contentsOf: try #require(seeds.first { $0.pathExtension == "txt" }), encoding: .utf8)
        let missing = ReadingOrder.missingLines(seed, in: text)
        #expect(missing.isEmpty, "seed lines missing or out of order: \(missing)")
        #expect(ReadingOrder.words(seed).count > 400, "the seed was read")
    }

    @Test("the example passes odfcheck: packaging, manifest, schema, LibreOffice",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func odfcheckPasses() throws {
        let folder = TemporaryFolder()
        let odt = try render(into: folder)
        let outcome = try ExternalTools.odfcheck(odt, ["--expect", "Sitzungsvorlage-Nr. 50/2403/XV/2013"])
        #expect(outcome.status == 0, "odfcheck failed:\n\(outcome.output)\n\(outcome.error)")
        #expect(outcome.output.contains("RESULT: PASS"))
    }

    @Test func renderingTwiceGivesTheSameBytes() throws {
        let folder = TemporaryFolder()
        let first = try Data(contentsOf: render(into: folder, name: "a.odt"))
        let second = try Data(contentsOf: render(into: folder, name: "b.odt"))
        #expect(first == second)
    }

    @Test func theSubmissionCarriesItsKeyDataInItsProperties() throws {
        let folder = TemporaryFolder()
        let metadata = try ODFDocument(contentsOf: render(into: folder)).metadata
        #expect(metadata.title == "Sitzungsvorlage 50/2403/XV/2013: Kommunales Integrationszentrum/ Integrationskonzept")
        #expect(metadata.subject == "Kommunales Integrationszentrum/ Integrationskonzept")
        #expect(metadata.language == "de-DE")
        #expect(metadata.keywords == ["Sitzungsvorlage", "50/2403/XV/2013", "Rhein-Kreis Neuss"])
        #expect(metadata.userDefined.contains(.init("Vorlagennummer", "50/2403/XV/2013")))
        #expect(metadata.userDefined.contains(.init("Federführung", "50 - Sozialamt")))
    }

    @Test func theDefaultOutputIsUnderBuildPerMeeting() {
        let output = SubmissionJob.defaultOutput(for: Self.example, buildFolder: URL(fileURLWithPath: "/x/build"))
        #expect(output.path == "/x/build/kreistag-2013-03-06/integrationszentrum.odt")
    }

    @Test func badDataWritesNothingAndKeepsWhatWasThere() throws {
        let folder = TemporaryFolder()
        let data = try folder.copy(Self.example)
        try ExampleProfile.install(in: folder.url)
        let source = try String(contentsOf: data, encoding: .utf8)
        let dateLine = try #require(source.components(separatedBy: "\n").firstIndex { $0.hasPrefix("date: 2013-02-15") }) + 1
        try source.replacingOccurrences(of: "date: 2013-02-15", with: "date: 15.02.2013").write(to: data, atomically: true, encoding: .utf8)
        let output = folder.file("out/vorlage.odt")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("issued earlier".utf8).write(to: output)
        let error = try #require(throws: PipelineError.self) {
            try SubmissionJob(paper: data, template: Self.template, output: output).run()
        }
        #expect(error.description.contains("\(data.path):\(dateLine):"))
        #expect(try String(contentsOf: output, encoding: .utf8) == "issued earlier")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path) == ["vorlage.odt"])
    }
}

/// The `vorlage` executable, run as a clerk runs it.
@Suite struct CommandLineTests {
    static var executable: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vorlage")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return Paths.packageRoot.appendingPathComponent(".build/debug/vorlage")
    }

    @Test func renderWritesTheFileAndSaysWhere() throws {
        let folder = TemporaryFolder()
        let output = folder.file("vorlage.odt")
        let outcome = try ExternalTools.run(Self.executable.path, ["render", SubmissionTests.example.path, "--template", SubmissionTests.template.path, "--output", output.path])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains(output.path))
        #expect(try ODFDocument(contentsOf: output).mediaType == ODFDocument.textMediaType)
    }

    @Test func renderUsesTheDefaultTemplateAndBuildFolderFromTheProjectFolder() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.file("templates"), withIntermediateDirectories: true)
        try folder.copy(SubmissionTests.template, as: "templates/sitzungsvorlage.fodt")
        let outcome = try ExternalTools.run(Self.executable.path, ["render", SubmissionTests.example.path], in: folder.url)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(FileManager.default.fileExists(atPath: folder.file("build/kreistag-2013-03-06/integrationszentrum.odt").path))
    }

    @Test func badInputExitsNonZeroWithAShortClearError() throws {
        let folder = TemporaryFolder()
        let data = folder.file("kaputt.yaml")
        try Data("body:\n  name: X\nplaec: Neuss\n".utf8).write(to: data)
        let output = folder.file("out.odt")
        let outcome = try ExternalTools.run(Self.executable.path, ["render", data.path, "--template", SubmissionTests.template.path, "--output", output.path])
        #expect(outcome.status == 1)
        #expect(outcome.error.contains("\(data.path):3:1 (plaec): Fehler [unknown-key]: „plaec“ ist hier kein bekannter Schlüssel. Hinweis: Meinten Sie „place“?"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func checkListsMarkersAndPassesForTheExample() throws {
        let outcome = try ExternalTools.run(Self.executable.path, ["check", SubmissionTests.template.path, "--data", SubmissionTests.example.path])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("{{#each consultation}}"))
        #expect(outcome.output.contains("{{ sachverhalt | markdown }}"))
        #expect(outcome.output.contains("OK: Jeder Platzhalter findet seine Daten"))
    }

    @Test func checkFailsOnATemplateProblemAndOnMissingData() throws {
        let folder = TemporaryFolder()
        let broken = folder.file("kaputt.fodt")
        let source = try String(contentsOf: SubmissionTests.template, encoding: .utf8)
        try source.replacingOccurrences(of: "{{ agendaItem.name }}", with: "{{ agendaItem.titel }}").write(to: broken, atomically: true, encoding: .utf8)
        let outcome = try ExternalTools.run(Self.executable.path, ["check", broken.path, "--data", SubmissionTests.example.path])
        #expect(outcome.status == 1)
        #expect(outcome.error.contains("Platzhalter {{ agendaItem.titel }}"))
        #expect(outcome.error.contains("Hinweis: Bekannt sind hier: agendaItem.name, agendaItem.number."))

        let unbalanced = folder.file("offen.fodt")
        try source.replacingOccurrences(of: "{{/if}}", with: "").write(to: unbalanced, atomically: true, encoding: .utf8)
        let syntax = try ExternalTools.run(Self.executable.path, ["check", unbalanced.path])
        #expect(syntax.status == 1)
        #expect(syntax.error.contains("Fehler [unbalanced-block]: Dieser Block wird nie geschlossen."))
    }

    @Test func aMissingDataFileIsAUsageError() throws {
        let outcome = try ExternalTools.run(Self.executable.path, ["render", "/nonexistent.yaml"])
        #expect(outcome.status == 64)
        #expect(outcome.error.contains("Die Datendatei /nonexistent.yaml gibt es nicht."))
    }
}
