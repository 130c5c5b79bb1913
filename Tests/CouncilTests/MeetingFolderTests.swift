import Council
import Foundation
import Templating
import TestSupport
import Testing

/// Reading a meeting folder (docs/meeting.md): the example, the council profile's extra fields,
/// papers in JSON, the numbering scheme, and every cross-check with its file, line and key.
@Suite struct MeetingFolderTests {
    // MARK: - Helpers

    /// The problems of one paper file, by its stem.
    private func problems(of stem: String, in folder: MeetingFolder) throws -> [InputError] {
        try #require(folder.papers.first { $0.stem == stem }, "no paper file \(stem)").problems
    }

    /// Every problem of the folder: the meeting's and every paper's.
    private func allProblems(_ folder: MeetingFolder) -> [InputError] {
        folder.problems + folder.papers.flatMap(\.problems)
    }

    /// The single problem with `code` among `problems`.
    private func only(_ code: InputError.Code, in problems: [InputError], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> InputError {
        let matching = problems.filter { $0.code == code }
        #expect(matching.count == 1, "expected one \(code) problem, got: \(problems.map(\.description))", sourceLocation: sourceLocation)
        return try #require(matching.first, sourceLocation: sourceLocation)
    }

    // MARK: - The example

    @Test func theExampleMeetingReadsWithoutProblems() throws {
        let fixture = try MeetingFixture()
        let folder = try MeetingFolder(fixture.meeting)
        #expect(allProblems(folder).isEmpty, "\(allProblems(folder).map(\.description))")
        #expect(!folder.hasBlockingProblems)
        #expect(folder.papers.allSatisfy { $0.isSound })
        #expect(folder.profile.source?.standardizedFileURL.path == fixture.profile.standardizedFileURL.path, "the profile beside the meeting folder governs it")
        #expect(folder.profile.template(of: "Sitzungsvorlage").path == MeetingFixture.templates.appendingPathComponent("sitzungsvorlage.fodt").path)
        #expect(folder.meeting.name == "20. Sitzung des Kreistags")
        #expect(folder.meeting.agendaItems.map(\.number) == ["1", "2", "3", "4", "5", "5.1", "6", "N 1"])
        #expect(folder.meeting.agendaItems.map(\.order) == Array(0..<8))
        #expect(folder.agendaPapers.map(\.reference) == MeetingFixture.agendaPapers.map(\.reference))
        #expect(folder.agendaPapers.map(\.stem) == MeetingFixture.agendaPapers.map(\.stem))

        let seed = try #require(folder.papers.first { $0.stem == "integrationszentrum" }?.paper)
        let finanzen = try #require(seed.extraFields["finanzen"])
        #expect(finanzen.value(at: ["betrag"]) == .number(85000))
        #expect(finanzen.value(at: ["produkt"]) == .string("050.010.010"))
        #expect(seed.extraFields["klima"]?.value(at: ["auswirkung"]) == .string("keine"))
        // A template shared by several paper types sees the fields of the other types as empty.
        let motion = try #require(folder.papers.first { $0.stem == "radwege-kreisstrassen" }?.paper)
        #expect(motion.extraFields["finanzen"] == .null)
        // An optional group left out is empty too (the supplement has finanzen, no klima).
        let supplement = try #require(folder.papers.first { $0.stem == "integrationszentrum-ergaenzung" }?.paper)
        #expect(supplement.extraFields["klima"] == .null)
        #expect(supplement.superordinatedPaper == "50/2403/XV/2013")
    }

    // MARK: - Extra fields of the council profile

    @Test func aMissingRequiredAmountIsNamedWithFileLineColumnAndKey() throws {
        let fixture = try MeetingFixture()
        let paper = fixture.paper("integrationszentrum")
        try fixture.editPaper("integrationszentrum", replacing: "  betrag: 85000               # Eigenanteil des Kreises 2013\n", with: "")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.missingKey, in: problems(of: "integrationszentrum", in: folder))
        #expect(problem.key == "finanzen.betrag")
        #expect(problem.file == paper.path)
        // The group that lacks the key: its mapping starts at its first key.
        let line = try fixture.line(of: "  produkt: \"050.010.010\"", in: paper)
        #expect(problem.line == line)
        #expect(problem.column == 3)
        #expect(problem.description == "\(paper.path):\(line):3 (finanzen.betrag): Fehler [missing-key]: „betrag“ fehlt. Hinweis: Ergänzen Sie „betrag: …“ unter „finanzen“.")
        #expect(problem.severity == .error)
        #expect(folder.papers.first { $0.stem == "integrationszentrum" }?.isSound == false)
        #expect(!folder.hasBlockingProblems, "a paper's own problem does not stop the meeting")
    }

    @Test func aChoiceOutsideItsValuesSuggestsTheClosest() throws {
        let fixture = try MeetingFixture()
        let paper = fixture.paper("integrationszentrum")
        try fixture.editPaper("integrationszentrum", replacing: "  auswirkung: keine", with: "  auswirkung: keins")
        let problem = try only(.wrongValue, in: problems(of: "integrationszentrum", in: MeetingFolder(fixture.meeting)))
        #expect(problem.key == "klima.auswirkung")
        #expect(problem.file == paper.path)
        #expect(problem.line == (try fixture.line(of: "auswirkung: keins", in: paper)))
        #expect(problem.column == (try fixture.column(of: "keins", in: paper)))
        #expect(problem.message == "„keins“ ist kein zulässiger Wert für „auswirkung“.")
        #expect(problem.hint == "Schreiben Sie einen dieser Werte: keine, positiv, negativ. Meinten Sie „keine“?")
    }

    @Test func moneyWithThreeDecimalsIsRefusedAndTwoAreRead() throws {
        let fixture = try MeetingFixture()
        let paper = fixture.paper("integrationszentrum")
        try fixture.editPaper("integrationszentrum", replacing: "  betrag: 85000 ", with: "  betrag: 85000.125 ")
        let problem = try only(.wrongType, in: problems(of: "integrationszentrum", in: MeetingFolder(fixture.meeting)))
        #expect(problem.key == "finanzen.betrag")
        #expect(problem.line == (try fixture.line(of: "betrag: 85000.125", in: paper)))
        #expect(problem.column == (try fixture.column(of: "85000.125", in: paper)))
        #expect(problem.message == "„betrag“ muss ein Geldbetrag sein, nicht „85000.125“.")

        try fixture.editPaper("integrationszentrum", replacing: "85000.125", with: "85000.12")
        let folder = try MeetingFolder(fixture.meeting)
        #expect(try problems(of: "integrationszentrum", in: folder).isEmpty)
        let read = try #require(folder.papers.first { $0.stem == "integrationszentrum" }?.paper)
        #expect(read.extraFields["finanzen"]?.value(at: ["betrag"]) == .number(Decimal(string: "85000.12")!))
    }

    @Test func anUndeclaredTopLevelKeySuggestsTheClosestBuiltInOrExtraKey() throws {
        let fixture = try MeetingFixture()
        let paper = fixture.paper("integrationszentrum")
        try fixture.editPaper("integrationszentrum", replacing: "paperType: Sitzungsvorlage\n",
                              with: "paperType: Sitzungsvorlage\nklimma: egal\nsachverhallt: doppelt\n")
        let found = try problems(of: "integrationszentrum", in: MeetingFolder(fixture.meeting)).filter { $0.code == .unknownKey }
        #expect(found.count == 2, "\(found.map(\.description))")
        let extra = try #require(found.first { $0.key == "klimma" })
        #expect(extra.line == (try fixture.line(of: "klimma:", in: paper)))
        #expect(extra.column == 1)
        #expect(extra.hint == "Meinten Sie „klima“?", "an extra field of the paper's type is a known key")
        let builtIn = try #require(found.first { $0.key == "sachverhallt" })
        #expect(builtIn.line == (try fixture.line(of: "sachverhallt:", in: paper)))
        #expect(builtIn.hint == "Meinten Sie „sachverhalt“?")
        #expect(builtIn.description == "\(paper.path):\(builtIn.line ?? 0):1 (sachverhallt): Fehler [unknown-key]: „sachverhallt“ ist hier kein bekannter Schlüssel. Hinweis: Meinten Sie „sachverhalt“?")
    }

    // MARK: - JSON papers

    /// A template value as a JSON value.
    private func json(_ value: Value) -> Any {
        switch value {
        case .null: NSNull()
        case .bool(let flag): flag
        case .string(let text): text
        case .number(let number): NSDecimalNumber(decimal: number).intValue
        case .date(let date): date.iso
        case .dateTime(let date): "\(date)"
        case .list(let items): items.map(json)
        case .map(let map): Dictionary(uniqueKeysWithValues: map.pairs.map { ($0.0, json($0.1)) })
        }
    }

    @Test func aPaperInJSONReadsLikeTheSameInYAML() throws {
        let fixture = try MeetingFixture()
        let stem = "grundstueck-kreisstrasse-juechen"
        let fromYAML = try #require(try MeetingFolder(fixture.meeting).papers.first { $0.stem == stem }?.paper)
        var object: [String: Any] = [
            "name": fromYAML.name,
            "body": ["name": fromYAML.body.name],
            "place": fromYAML.place,
            "date": fromYAML.date.iso,
            "underDirectionOf": ["shortName": fromYAML.underDirectionOf.shortName!, "name": fromYAML.underDirectionOf.name],
            "paperType": fromYAML.paperType,
            "reference": fromYAML.reference,
            "consultation": fromYAML.consultations.map { consultation -> [String: Any] in
                ["organization": consultation.organization, "meetingDate": consultation.meetingDate.iso, "public": consultation.isPublic,
                 "role": consultation.role!, "authoritative": consultation.authoritative]
            },
            "sachverhalt": fromYAML.sachverhalt,
            "beschlussempfehlung": fromYAML.beschlussempfehlung,
        ]
        for (key, value) in fromYAML.extraFields.pairs where value != .null { object[key] = json(value) }
        #expect(object["finanzen"] != nil && object["klima"] != nil)
        // As another program writes it: compact, slashes escaped („\/“), umlauts as they are.
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        #expect(String(decoding: data, as: UTF8.self).contains("\\/"), "the JSON escapes slashes, as JSON writers do")
        try fixture.remove(fixture.paper(stem))
        let jsonFile = fixture.file("papers/\(stem).json")
        try data.write(to: jsonFile)

        let folder = try MeetingFolder(fixture.meeting)
        #expect(allProblems(folder).isEmpty, "\(allProblems(folder).map(\.description))")
        let file = try #require(folder.papers.first { $0.stem == stem })
        #expect(file.url.lastPathComponent == "\(stem).json")
        var fromJSON = try #require(file.paper)
        var expected = fromYAML
        fromJSON.source = nil
        fromJSON.locations = [:]
        expected.source = nil
        expected.locations = [:]
        #expect(fromJSON == expected)
        #expect(file.agendaItem?.number == "N 1")
    }

    @Test func aProblemInAJSONPaperIsNamedWithItsLine() throws {
        let fixture = try MeetingFixture()
        let stem = "radwege-kreisstrassen"
        try fixture.remove(fixture.paper(stem))
        let file = try fixture.addPaper("\(stem).json", """
        {
          "name": "Prüfauftrag",
          "body": { "name": "Rhein-Kreis Neuss" },
          "place": "Neuss",
          "date": "18.02.2013",
          "underDirectionOf": { "shortName": "CDU", "name": "CDU-Kreistagsfraktion" },
          "paperType": "Antrag",
          "reference": "CDU/2406/XV/2013",
          "consultation": [ { "organization": "Kreistag", "meetingDate": "2013-03-06", "public": true } ],
          "sachverhalt": "Text",
          "beschlussempfehlung": "Text"
        }
        """)
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.malformedDate, in: problems(of: stem, in: folder))
        #expect(problem.file == file.path)
        #expect(problem.line == 5)
        #expect(problem.key == "date")
        #expect(folder.papers.first { $0.stem == stem }?.reference == "CDU/2406/XV/2013", "the reference is still known")
        #expect(!folder.hasBlockingProblems)
    }

    // MARK: - The numbering scheme

    @Test func theSeedsNumberingSchemeReadsItsReferences() throws {
        let pattern = try ReferencePattern("{office}/{serial}/{term}/{year}")
        let parts = try #require(pattern.match("50/2403/XV/2013"))
        #expect(parts.office == "50")
        #expect(parts.serial == "2403")
        #expect(parts.term == "XV")
        #expect(parts.year == 2013)
        #expect(pattern.match("CDU/2406/XV/2013")?.office == "CDU")
        #expect(pattern.match("50-2403/XV/2013") == nil)
        #expect(pattern.match("50/2403/XV/13") == nil, "the year has four digits")
        #expect(pattern.match("50/24a3/XV/2013") == nil, "the serial is digits")
        #expect(pattern.match("50/2403/XV/2013/") == nil)
        #expect(pattern.example() == "50/2403/XV/2013")
    }

    @Test func anUnknownPlaceholderIsRefused() {
        #expect(throws: ReferencePattern.PatternError.self) { try ReferencePattern("{office}/{nummer}") }
        #expect(throws: ReferencePattern.PatternError.self) { try ReferencePattern("{office") }
        #expect(throws: ReferencePattern.PatternError.self) { try ReferencePattern("fest") }
    }

    // MARK: - Cross-checks (docs/meeting.md), each with file, line and key

    @Test func anAgendaItemNamingAPaperWithoutAFileStopsTheMeeting() throws {
        let fixture = try MeetingFixture()
        let line = try fixture.line(of: "paper: CDU/2406/XV/2013", in: fixture.meetingFile)
        let column = try fixture.column(of: "CDU/2406/XV/2013", in: fixture.meetingFile)
        try fixture.remove(fixture.paper("radwege-kreisstrassen"))
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.unknownPaper, in: folder.problems)
        #expect(problem.file == fixture.meetingFile.path)
        #expect(problem.line == line)
        #expect(problem.column == column)
        #expect(problem.key == "agendaItem[3].paper")
        #expect(problem.severity == .error)
        #expect(problem.message.contains("4") && problem.message.contains("CDU/2406/XV/2013"))
        #expect(folder.hasBlockingProblems, "a meeting-level error")
    }

    @Test func aMistypedReferenceOnTheAgendaSuggestsThePaper() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "paper: CDU/2406/XV/2013", with: "paper: CDU/2046/XV/2013")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.unknownPaper, in: folder.problems)
        #expect(problem.hint?.contains("CDU/2406/XV/2013") == true, "\(problem)")
        // The paper itself is now on no agenda item.
        let warning = try only(.paperNotOnAgenda, in: folder.problems)
        #expect(warning.file == fixture.paper("radwege-kreisstrassen").path)
    }

    @Test func aPaperOnNoAgendaItemIsAWarning() throws {
        let fixture = try MeetingFixture()
        let copy = try fixture.copyPaper("radwege-kreisstrassen", as: "radwege-zweiter-antrag",
                                         replacing: [("reference: CDU/2406/XV/2013", "reference: CDU/2407/XV/2013")])
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.paperNotOnAgenda, in: folder.problems)
        #expect(problem.severity == .warning)
        #expect(problem.file == copy.path)
        #expect(problem.key == "reference")
        #expect(problem.message.contains("CDU/2407/XV/2013"))
        #expect(!folder.hasBlockingProblems)
        #expect(folder.papers.first { $0.stem == "radwege-zweiter-antrag" }?.agendaItem == nil)
        let line = try fixture.line(of: "reference: CDU/2407/XV/2013", in: copy)
        #expect(problem.line == line)
    
    }

    @Test func twoPapersWithOneReferenceStopTheMeeting() throws {
        let fixture = try MeetingFixture()
        let copy = try fixture.copyPaper("radwege-kreisstrassen", as: "radwege-kopie")
        let original = fixture.paper("radwege-kreisstrassen")
        let folder = try MeetingFolder(fixture.meeting)
        let found = folder.problems.filter { $0.code == .duplicateReference }
        #expect(Set(found.map(\.file)) == [copy.path, original.path], "each file is named: \(found.map(\.description))")
        for problem in found {
            #expect(problem.line == (try fixture.line(of: "reference: CDU/2406/XV/2013", in: original)))
            #expect(problem.key == "reference")
            #expect(problem.severity == .error)
            #expect(problem.message.contains("radwege-kopie.yaml") && problem.message.contains("radwege-kreisstrassen.yaml"))
        }
        #expect(folder.hasBlockingProblems)
    }

    /// References that break the numbering: the pattern, the office, the term, the year, a
    /// supplement's suffix.
    /// The words each message must name (the wording itself is checked by the language tests).
    static let badReferences: [(paper: String, old: String, new: String, message: [String])] = [
        ("berufskollegs-schuelerzahlen", "40/2391/XV/2013", "40-2391/XV/2013", ["40-2391/XV/2013", "{office}/{serial}/{term}/{year}"]),
        ("berufskollegs-schuelerzahlen", "40/2391/XV/2013", "41/2391/XV/2013", ["41", "40"]),
        ("berufskollegs-schuelerzahlen", "40/2391/XV/2013", "40/2391/XIV/2013", ["XIV", "XV"]),
        ("berufskollegs-schuelerzahlen", "40/2391/XV/2013", "40/2391/XV/2012", ["2012", "12.02.2013"]),
        ("integrationszentrum-ergaenzung", "50/2403/XV/2013-1", "50/2403/XV/2013/1", ["50/2403/XV/2013/1", "50/2403/XV/2013"]),
    ]

    @Test(arguments: badReferences.indices)
    func aReferenceOutsideTheNumberingIsNamed(_ index: Int) throws {
        let (stem, old, new, message) = Self.badReferences[index]
        let fixture = try MeetingFixture()
        try fixture.editPaper(stem, replacing: "reference: \(old)", with: "reference: \(new)")
        try fixture.editMeeting(replacing: "paper: \(old) ", with: "paper: \(new) ")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.referencePattern, in: problems(of: stem, in: folder))
        #expect(message.allSatisfy(problem.message.contains), "\(problem)")
        #expect(problem.file == fixture.paper(stem).path)
        #expect(problem.line == (try fixture.line(of: "reference: \(new)", in: fixture.paper(stem))))
        #expect(problem.column == (try fixture.column(of: new, in: fixture.paper(stem))))
        #expect(problem.key == "reference")
        #expect(!folder.hasBlockingProblems, "a paper's numbering fails the paper, not the meeting")
    }

    @Test func aPaperWithoutAConsultationForThisMeetingIsNamed() throws {
        let fixture = try MeetingFixture()
        let paper = fixture.paper("radwege-kreisstrassen")
        try fixture.editPaper("radwege-kreisstrassen", replacing: "    meetingDate: 2013-03-06", with: "    meetingDate: 2013-03-07")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.noConsultation, in: problems(of: "radwege-kreisstrassen", in: folder))
        #expect(problem.file == paper.path)
        #expect(problem.line == (try fixture.line(of: "  - organization: Kreistag", in: paper)))
        #expect(problem.key == "consultation")
        #expect(problem.message.contains("Kreistag") && problem.message.contains("06.03.2013"), "\(problem)")
        #expect(problem.message.contains("4"))
        #expect(problem.hint?.contains("organization: Kreistag") == true && problem.hint?.contains("meetingDate: 2013-03-06") == true)
    }

    @Test func aConsultationOfAnotherBodyIsNoConsultationOfThisMeeting() throws {
        let fixture = try MeetingFixture()
        try fixture.editPaper("radwege-kreisstrassen", replacing: "  - organization: Kreistag", with: "  - organization: Kreisausschuss")
        let problems = try problems(of: "radwege-kreisstrassen", in: MeetingFolder(fixture.meeting))
        #expect(try only(.noConsultation, in: problems).message.contains("Kreisausschuss 06.03.2013"))
    }

    @Test func aNonPublicPaperOnAPublicItemIsNamed() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "    public: false", with: "    public: true")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.nonPublicOnPublicItem, in: problems(of: "grundstueck-kreisstrasse-juechen", in: folder))
        #expect(problem.file == fixture.meetingFile.path)
        #expect(problem.line == (try fixture.line(of: "number: \"N 1\"", in: fixture.meetingFile)))
        #expect(problem.key == "agendaItem[7].public")
        #expect(problem.severity == .error)
        #expect(problem.message.contains("61/2410/XV/2013"))
    }

    @Test func anInvitationInsideTheDeadlineStopsTheMeeting() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "invitationDate: 2013-02-22", with: "invitationDate: 2013-03-01")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.invitationTooLate, in: folder.problems)
        #expect(problem.file == fixture.meetingFile.path)
        #expect(problem.line == (try fixture.line(of: "invitationDate:", in: fixture.meetingFile)))
        #expect(problem.column == (try fixture.column(of: "2013-03-01", in: fixture.meetingFile)))
        #expect(problem.key == "invitationDate")
        #expect(problem.message.contains("6") && problem.message.contains("06.03.2013"))
        #expect(problem.hint?.contains("28.02.2013") == true)
        #expect(folder.hasBlockingProblems)
    }

    @Test func anInvitationOnTheLastDayIsInTime() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "invitationDate: 2013-02-22", with: "invitationDate: 2013-02-28")
        let folder = try MeetingFolder(fixture.meeting)
        #expect(!folder.problems.contains { $0.code == .invitationTooLate }, "\(folder.problems.map(\.description))")
    }

    @Test func aPaperDatedAfterTheInvitationMustBeMarkedLate() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "    late: Nachtrag\n", with: "")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.lateNotMarked, in: problems(of: "integrationszentrum-ergaenzung", in: folder))
        #expect(problem.file == fixture.meetingFile.path)
        #expect(problem.line == (try fixture.line(of: "number: \"5.1\"", in: fixture.meetingFile)))
        #expect(problem.key == "agendaItem[5].late")
        #expect(problem.message.contains("01.03.2013") && problem.message.contains("22.02.2013"))
        #expect(problem.hint?.contains("late: Nachtrag") == true)
    }

    @Test func aNachtragDatedLessThanThreeDaysBeforeIsNamed() throws {
        let fixture = try MeetingFixture()
        try fixture.editPaper("integrationszentrum-ergaenzung", replacing: "date: 2013-03-01", with: "date: 2013-03-04")
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.lateNotMarked, in: problems(of: "integrationszentrum-ergaenzung", in: folder))
        #expect(problem.file == fixture.meetingFile.path)
        #expect(problem.line == (try fixture.line(of: "number: \"5.1\"", in: fixture.meetingFile)))
        #expect(problem.key == "agendaItem[5].late")
        #expect(problem.message.contains("Nachtrag"))
        #expect(problem.hint?.contains("late: Tischvorlage") == true)

        // As a Tischvorlage it is fine; dated three days before, it is still a Nachtrag.
        try fixture.editMeeting(replacing: "late: Nachtrag", with: "late: Tischvorlage")
        #expect(try problems(of: "integrationszentrum-ergaenzung", in: MeetingFolder(fixture.meeting)).isEmpty)
        try fixture.editMeeting(replacing: "late: Tischvorlage", with: "late: Nachtrag")
        try fixture.editPaper("integrationszentrum-ergaenzung", replacing: "date: 2013-03-04", with: "date: 2013-03-03")
        #expect(try problems(of: "integrationszentrum-ergaenzung", in: MeetingFolder(fixture.meeting)).isEmpty)
    }

    @Test func anAnnexUsedTwiceIsAWarning() throws {
        let fixture = try MeetingFixture()
        let paper = fixture.paper("radwege-kreisstrassen")
        let text = try fixture.read(paper)
        try fixture.write(text + """
        auxiliaryFile:
          - name: Übersicht Schülerzahlen
            fileName: ../annexes/schuelerzahlen-berufskollegs-2012-13.pdf

        """, to: paper)
        let folder = try MeetingFolder(fixture.meeting)
        let problem = try only(.annexUsedTwice, in: folder.problems)
        #expect(problem.severity == .warning)
        #expect(problem.file == paper.path)
        #expect(problem.line == (try fixture.line(of: "fileName: ../annexes/schuelerzahlen", in: paper)))
        #expect(problem.message.contains("schuelerzahlen-berufskollegs-2012-13.pdf") && problem.message.contains("2"))
        #expect(!folder.hasBlockingProblems)
        #expect(folder.papers.allSatisfy { $0.isSound })
        #expect(problem.key == "auxiliaryFile[0].fileName")
    
    }

    @Test func everyCrossCheckIsReportedTogetherInOneRead() throws {
        let fixture = try MeetingFixture()
        try fixture.breakEveryCrossCheck()

        let folder = try MeetingFolder(fixture.meeting)
        let meetingCodes = Set(folder.problems.map(\.code))
        #expect(meetingCodes == [.invitationTooLate, .unknownPaper, .duplicateReference, .paperNotOnAgenda, .annexUsedTwice],
                "\(folder.problems.map(\.description))")
        #expect(Set(try problems(of: "grundstueck-kreisstrasse-juechen", in: folder).map(\.code)) == [.referencePattern, .nonPublicOnPublicItem])
        #expect(try problems(of: "integrationszentrum", in: folder).map(\.code) == [.noConsultation])
        #expect(try problems(of: "integrationszentrum-ergaenzung", in: folder).map(\.code) == [.lateNotMarked])
        #expect(try problems(of: "berufskollegs-schuelerzahlen", in: folder).isEmpty)
        for problem in allProblems(folder) {
            #expect(!problem.file.isEmpty && problem.key != nil, "every problem names its file and key: \(problem)")
        }
        #expect(folder.hasBlockingProblems)
    }

    // MARK: - A folder read without the papers' text

    /// What a build reads of each paper file without its text, as plain values to compare.
    private func summaries(_ folder: MeetingFolder) -> [String] {
        folder.papers.map { file in
            let paper = file.paper.map { paper in
                "\(paper.reference) \(paper.name) \(paper.paperType) \(paper.date.iso) \(paper.underDirectionOf) \(String(describing: paper.originatorOrganization)) "
                    + "\(String(describing: paper.superordinatedPaper)) \(paper.consultations) \(paper.auxiliaryFiles)"
            }
            return "\(file.fileName) \(String(describing: file.reference)) \(String(describing: file.agendaItem)) \(String(describing: paper)) \(file.problems.map(\.description))"
        }
    }

    @Test(arguments: [false, true])
    func aFolderReadWithoutTextKeepsItsAgendaAndPapersOnDiskAndFindsTheSameProblems(broken: Bool) throws {
        let fixture = try MeetingFixture()
        if broken { try fixture.breakEveryCrossCheck() }
        let whole = try MeetingFolder(fixture.meeting)
        let light = try MeetingFolder(fixture.meeting, keepingText: false)

        #expect(light.papers.isSpooled, "without text, the papers wait in a spool")
        #expect(!whole.papers.isSpooled)
        #expect(light.meeting.agendaItems == whole.meeting.agendaItems, "the agenda read back from the spool is the one read into memory")
        #expect(Array(light.meeting.agendaItems) == Array(whole.meeting.agendaItems))
        #expect(light.problems.map(\.description) == whole.problems.map(\.description))
        #expect(summaries(light) == summaries(whole))
        #expect(light.papers.allSatisfy { $0.paper.map { $0.sachverhalt.isEmpty && $0.extraFields.keys.isEmpty } ?? true }, "the text is read again when the paper is rendered")
        if broken {
            #expect(light.hasBlockingProblems)
            #expect(light.papers.contains { !$0.problems.isEmpty }, "the papers' own problems come back from the spool")
        }
        // A paper read again with its text is the whole paper.
        for file in light.papers where file.paper != nil {
            let full = try #require(try light.fullPaper(file))
            let kept = try #require(whole.papers.first { $0.fileName == file.fileName }?.paper)
            #expect(full == kept)
        }
    }
}

