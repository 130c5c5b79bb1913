import Council
import Foundation
import Spool
import Templating
import TestSupport
import Testing

/// The council's values a large build keeps in a spool come back equal, with every optional
/// field set and unset.
@Suite struct CouncilSpoolRecordTests {
    private func roundTrip<Record: SpoolRecord>(_ record: Record) -> Record {
        var writer = SpoolWriter()
        writer.write(record)
        var reader = SpoolReader(writer.bytes)
        let back = Record(from: &reader)
        #expect(reader.isAtEnd, "every byte written is read")
        return back
    }

    private func date(_ year: Int, _ month: Int, _ day: Int) throws -> CivilDate {
        try #require(CivilDate(year: year, month: month, day: day))
    }

    @Test func aPaperWithoutItsTextComesBackEqual() throws {
        let full = Paper(body: Paper.Organization(name: "Rhein-Kreis Neuss", shortName: "RKN"), place: "Neuss/Grevenbroich", date: try date(2013, 2, 19),
                         underDirectionOf: Paper.Organization(name: "50 - Sozialamt", shortName: "50"), paperType: "Ergänzungsvorlage",
                         reference: "50/2403/XV/2013-1", agendaItem: Paper.AgendaItem(name: "Integrationszentrum „neu“", number: "5.1"),
                         consultations: [Paper.Consultation(organization: "Kreistag", meetingDate: try date(2013, 3, 6), isPublic: false, role: "Entscheidung", authoritative: true)],
                         sachverhalt: "Text 🏛", beschlussempfehlung: "Der Kreistag beschließt.",
                         auxiliaryFiles: [Paper.AnnexFile(name: "Konzept", fileURL: URL(fileURLWithPath: "/tmp/annexes/konzept ä.pdf"), date: try date(2013, 2, 1), mode: .separate, isPublic: false)],
                         name: "Integrationszentrum", superordinatedPaper: "50/2403/XV/2013", originatorOrganization: Paper.Organization(name: "CDU-Fraktion"),
                         hasOwnAgendaItem: false)
        let bare = Paper(body: Paper.Organization(name: ""), place: "", date: try date(1, 1, 1), underDirectionOf: Paper.Organization(name: ""), paperType: "",
                         reference: "", agendaItem: Paper.AgendaItem(name: ""), consultations: [], sachverhalt: "", beschlussempfehlung: "", auxiliaryFiles: [])
        #expect(roundTrip(full) == full)
        #expect(roundTrip(bare) == bare)
    }

    @Test func agendaItemsAndProblemsComeBackEqual() {
        let place = SourceLocation(file: "/sitzung/meeting.yaml", line: 41, column: 7)
        for late in [nil] + Meeting.Late.allCases.map(Optional.some) {
            let item = Meeting.AgendaItem(number: "N 2", name: late == nil ? nil : "Grundstück", isPublic: late == nil, paper: late == nil ? nil : "61/2410/XV/2013",
                                          late: late, order: 12, location: place)
            #expect(roundTrip(item) == item)
        }
        let problems = [
            InputError(.noConsultation, at: place, key: "consultation", "Die Beratungsfolge nennt keine Beratung.", hint: "Ergänzen Sie sie."),
            InputError(.paperNotOnAgenda, file: "/sitzung/papers/x.yaml", "Nicht auf der Tagesordnung.", severity: .warning),
        ]
        for problem in problems {
            let back = roundTrip(problem)
            #expect(back.description == problem.description)
            #expect(back.code == problem.code && back.severity == problem.severity && back.line == problem.line && back.key == problem.key)
        }
    }

    @Test func anAgendaInASpoolEqualsTheSameAgendaInMemory() throws {
        let temporary = TemporaryFolder()
        let spool = try Spool(in: temporary.url, temporarySuffix: ".tmp")
        let items = (0..<300).map { order in
            Meeting.AgendaItem(number: "\(order + 1)", name: order % 3 == 0 ? nil : "Punkt \(order)", isPublic: order % 7 != 0,
                               paper: order % 2 == 0 ? "50/\(2400 + order)/XV/2013" : nil, late: order % 11 == 0 ? .nachtrag : nil, order: order,
                               location: SourceLocation(file: "meeting.yaml", line: order * 4 + 3, column: 3))
        }
        var spooled = AgendaItems(spool: spool)
        for item in items { spooled.append(item) }
        let kept = AgendaItems(items)
        #expect(Array(spooled) == items)
        #expect(spooled == kept)
        #expect(spooled.hashValue == kept.hashValue)
        var changed = AgendaItems(items.dropLast())
        #expect(changed != spooled)
        changed.append(items.last!)
        #expect(changed == spooled)
    }
}
