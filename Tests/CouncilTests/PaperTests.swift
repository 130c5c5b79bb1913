import Council
import Foundation
import Templating
import TestSupport
import Testing

/// Reading a paper from YAML: the example, and every kind of bad input with file, line and key.
@Suite struct PaperTests {
    static let example = Paths.packageRoot.appendingPathComponent("examples/kreistag-2013-03-06/papers/integrationszentrum.yaml")

    @Test func theSeedExampleReadsCompletely() throws {
        let paper = try Paper(contentsOf: Self.example)
        #expect(paper.body.name == "Rhein-Kreis Neuss")
        #expect(paper.place == "Neuss/Grevenbroich")
        #expect(paper.date == CivilDate(year: 2013, month: 2, day: 15))
        #expect(paper.underDirectionOf == .init(name: "Sozialamt", shortName: "50"))
        #expect(paper.paperType == "Sitzungsvorlage")
        #expect(paper.reference == "50/2403/XV/2013")
        #expect(paper.agendaItem.name == "Kommunales Integrationszentrum/ Integrationskonzept")
        #expect(paper.consultations == [.init(organization: "Kreistag", meetingDate: CivilDate(year: 2013, month: 3, day: 6)!, isPublic: true, role: "Entscheidung", authoritative: true)])
        #expect(paper.sachverhalt.hasPrefix("Der Sozial- und Gesundheitsausschuss"))
        #expect(paper.sachverhalt.hasSuffix("als Anlage beigefügt."), "the block scalar's final line break is dropped")
        #expect(paper.auxiliaryFiles.map(\.name) == ["Integrationskonzept RKN-2013 02 19"])
        #expect(FileManager.default.fileExists(atPath: paper.auxiliaryFiles[0].fileURL.path))
    }

    @Test func templateDataCarriesTheDerivedFields() throws {
        let data = try Paper(contentsOf: Self.example).templateData
        #expect(data.value(at: ["underDirectionOf", "label"]) == "50 - Sozialamt")
        #expect(data.value(at: ["consultation", "0", "treatment"]) == "öffentlich")
        #expect(data.value(at: ["date"]) == .date(CivilDate(year: 2013, month: 2, day: 15)!))
    }

    /// Writes `yaml` into a fresh folder and reads it, expecting problems.
    private func problems(_ yaml: String) throws -> (InputErrors, URL) {
        let folder = TemporaryFolder()
        let file = folder.file("vorlage.yaml")
        try Data(yaml.utf8).write(to: file)
        let errors = try #require(throws: InputErrors.self) { try Paper(contentsOf: file) }
        return (errors, file)
    }

    /// A minimal valid paper without a profile, the base of the bad-input tests.
    static let valid = """
    body:
      name: Rhein-Kreis Neuss
    place: Neuss
    date: 2013-02-15
    underDirectionOf:
      shortName: "50"
      name: Sozialamt
    paperType: Sitzungsvorlage
    reference: 50/2403/XV/2013
    agendaItem:
      name: Titel
    consultation:
      - organization: Kreistag
        meetingDate: 2013-03-06
        public: true
    sachverhalt: Text
    beschlussempfehlung: Text
    """

    @Test func theValidBaseReads() throws {
        let folder = TemporaryFolder()
        let file = folder.file("ok.yaml")
        try Data(Self.valid.utf8).write(to: file)
        #expect(try Paper(contentsOf: file).consultations.count == 1)
    }

    @Test func anUnknownKeyIsNamedWithItsLineAndTheClosestKnownKey() throws {
        let (errors, file) = try problems(Self.valid.replacingOccurrences(of: "    public: true", with: "    pubilc: true"))
        #expect(errors.errors.count == 2, "the misspelt key is unknown, and public is then missing: \(errors)")
        let unknown = try #require(errors.errors.first { $0.code == .unknownKey })
        #expect(unknown.line == 15)
        #expect(unknown.key == "consultation[0].pubilc")
        #expect(unknown.description == "\(file.path):15:5 (consultation[0].pubilc): Fehler [unknown-key]: „pubilc“ ist hier kein bekannter Schlüssel. Hinweis: Meinten Sie „public“?")
    }

    @Test func aMissingFieldIsNamed() throws {
        let (errors, _) = try problems(Self.valid.replacingOccurrences(of: "reference: 50/2403/XV/2013\n", with: ""))
        #expect(errors.errors.map(\.code) == [.missingKey])
        #expect(errors.errors[0].key == "reference")
    }

    @Test func aMalformedDateIsNamedWithItsLine() throws {
        let (errors, _) = try problems(Self.valid.replacingOccurrences(of: "meetingDate: 2013-03-06", with: "meetingDate: 06.03.2013"))
        let error = try #require(errors.errors.first)
        #expect(error.code == .malformedDate)
        #expect(error.line == 14)
        #expect(error.key == "consultation[0].meetingDate")
        #expect(error.hint == "Schreiben Sie Daten als JJJJ-MM-TT, zum Beispiel 2013-03-06.")
    }

    @Test func anImpossibleDateIsMalformed() throws {
        let (errors, _) = try problems(Self.valid.replacingOccurrences(of: "date: 2013-02-15", with: "date: 2013-02-30"))
        #expect(errors.errors.map(\.code) == [.malformedDate])
    }

    @Test func aMissingAnnexFileIsNamed() throws {
        let (errors, file) = try problems(Self.valid + "\nauxiliaryFile:\n  - name: Konzept\n    fileName: anlagen/fehlt.odt\n")
        let error = try #require(errors.errors.first)
        #expect(error.code == .missingAnnex)
        #expect(error.line == 20)
        #expect(error.message.contains(file.deletingLastPathComponent().appendingPathComponent("anlagen/fehlt.odt").path))
    }

    @Test func brokenYAMLIsReportedWithItsLine() throws {
        let (errors, _) = try problems("body:\n  name: [unclosed\nplace: x\n")
        #expect(errors.errors.first?.code == .syntax)
        #expect(errors.errors.first?.line != nil)
    }

    @Test func anUnreadableFileIsNamed() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/vorlage.yaml")
        let errors = try #require(throws: InputErrors.self) { try Paper(contentsOf: missing) }
        #expect(errors.errors.first?.code == .unreadableFile)
        #expect(errors.description.hasPrefix("/nonexistent/vorlage.yaml"))
    }

    @Test func severalProblemsAreReportedTogether() throws {
        let yaml = Self.valid
            .replacingOccurrences(of: "date: 2013-02-15", with: "date: gestern")
            .replacingOccurrences(of: "place: Neuss", with: "ort: Neuss")
        let (errors, _) = try problems(yaml)
        #expect(Set(errors.errors.map(\.code)) == [.malformedDate, .missingKey, .unknownKey])
    }
}
