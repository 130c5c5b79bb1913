import Council
import Foundation
import TestSupport
import Testing

/// Reading `meeting.yaml` with its agenda read entry by entry: long agendas, anchors and aliases,
/// JSON, and every problem of the agenda with its file, line and key, in the order of the file.
@Suite struct MeetingReadingTests {
    /// The example's meeting up to its agenda, and a meeting file made of it and `agenda`.
    private func meeting(_ agenda: String, in fixture: MeetingFixture) throws -> URL {
        let text = try fixture.read(fixture.meetingFile)
        let head = try #require(text.components(separatedBy: "agendaItem:").first)
        try fixture.write(head + "agendaItem:\n" + agenda, to: fixture.meetingFile)
        return fixture.meetingFile
    }

    /// The problems of reading a meeting file; empty when it reads.
    private func problems(_ url: URL) -> [InputError] {
        do throws(InputErrors) {
            _ = try Meeting(contentsOf: url)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func aLongAgendaKeepsEveryItemWithItsPlace() throws {
        let fixture = try MeetingFixture()
        let count = 3_000
        var agenda = ""
        for index in 0..<count {
            agenda += "  - number: \"\(index + 1)\"\n    paper: 50/\(10_000 + index)/XV/2013\n    public: \(index % 2 == 0)\n"
        }
        let url = try meeting(agenda, in: fixture)
        let read = try Meeting(contentsOf: url)
        let headLines = try fixture.line(of: "agendaItem:", in: url)
        #expect(read.agendaItems.count == count)
        #expect(read.agendaItems.map(\.order) == Array(0..<count))
        #expect(read.agendaItems.map(\.number) == (1...count).map(String.init))
        #expect(read.agendaItems.map(\.isPublic) == (0..<count).map { $0 % 2 == 0 })
        let last = try #require(read.agendaItems.last)
        #expect(last.paper == "50/12999/XV/2013")
        #expect(last.keyPath == "agendaItem[2999]")
        #expect(last.location == SourceLocation(file: url.path, line: headLines + 1 + 3 * (count - 1), column: 5))
        #expect(read.locations["agendaItem[2999].paper"] == SourceLocation(file: url.path, line: headLines + 2 + 3 * (count - 1), column: 12))
        #expect(read.location(of: "invitationDate").line == (try fixture.line(of: "invitationDate:", in: url)))
    }

    @Test func anchorsAndAliasesInTheAgendaReadAsTheirValues() throws {
        let fixture = try MeetingFixture()
        let plain = try Meeting(contentsOf: fixture.meetingFile)
        try fixture.editMeeting(replacing: "  - number: \"1\"\n    name: Eröffnung der Sitzung und Feststellung der ordnungsgemäßen Einberufung und der Beschlussfähigkeit\n    public: true",
                                with: "  - number: \"1\"\n    name: Eröffnung der Sitzung und Feststellung der ordnungsgemäßen Einberufung und der Beschlussfähigkeit\n    public: &offen true")
        try fixture.editMeeting(replacing: "  - number: \"2\"\n    name: Feststellung der Tagesordnung\n    public: true",
                                with: "  - number: \"2\"\n    name: Feststellung der Tagesordnung\n    public: *offen")
        try fixture.editMeeting(replacing: "late: Nachtrag", with: "late: &spaet Nachtrag")
        let aliased = try Meeting(contentsOf: fixture.meetingFile)
        #expect(aliased.agendaItems == plain.agendaItems)

        // An agenda with an anchor of its own is read whole, to the same items.
        try fixture.editMeeting(replacing: "agendaItem:  ", with: "agendaItem: &tagesordnung ")
        let anchored = try Meeting(contentsOf: fixture.meetingFile)
        #expect(anchored.agendaItems == plain.agendaItems)
        #expect(anchored.locations["agendaItem[3].paper"] == plain.locations["agendaItem[3].paper"])
        #expect(plain.locations["agendaItem[3].paper"] != nil)
    }

    @Test func aMeetingInJSONReadsLikeTheSameInYAML() throws {
        let fixture = try MeetingFixture()
        let yaml = try Meeting(contentsOf: fixture.meetingFile)
        let items: [[String: Any]] = yaml.agendaItems.map { item in
            var object: [String: Any] = ["number": item.number, "public": item.isPublic]
            if let name = item.name { object["name"] = name }
            if let paper = item.paper { object["paper"] = paper }
            if let late = item.late { object["late"] = late.rawValue }
            return object
        }
        let object: [String: Any] = [
            "name": yaml.name, "organization": yaml.organization,
            "start": "2013-03-06T15:00:00+01:00", "end": "2013-03-06T19:00:00+01:00",
            "location": ["description": try #require(yaml.location)], "meetingState": try #require(yaml.meetingState),
            "cancelled": yaml.cancelled, "invitationDate": yaml.invitationDate.iso, "agendaItem": items,
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        let url = fixture.file("meeting.json")
        try data.write(to: url)
        let json = try Meeting(contentsOf: url)
        #expect(json.agendaItems.map(\.number) == yaml.agendaItems.map(\.number))
        #expect(json.agendaItems.map(\.name) == yaml.agendaItems.map(\.name))
        #expect(json.agendaItems.map(\.paper) == yaml.agendaItems.map(\.paper))
        #expect(json.agendaItems.map(\.isPublic) == yaml.agendaItems.map(\.isPublic))
        #expect(json.agendaItems.map(\.late) == yaml.agendaItems.map(\.late))
        #expect(json.start == yaml.start && json.end == yaml.end && json.invitationDate == yaml.invitationDate)
        #expect(json.name == yaml.name && json.location == yaml.location && json.meetingState == yaml.meetingState)
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        let paperLine = try #require(lines.firstIndex { $0.contains("\"CDU\\/2406\\/XV\\/2013\"") }) + 1
        #expect(json.locations["agendaItem[3].paper"]?.line == paperLine)
    }

    @Test func everyProblemOfTheAgendaIsNamedInTheOrderOfTheFile() throws {
        let fixture = try MeetingFixture()
        let url = try meeting("""
          - number: "1"
            name: Eröffnung
          - nur Text
          - number: "1"
            name: Doppelt
          - number: "3"
            paper: 40/2391/XV/2013
            late: Morgen
          - name: Ohne Nummer
          - number: "5"
          - number: "6"
            nam: Tippfehler

        """, in: fixture)
        try fixture.editMeeting(replacing: "organization: Kreistag\n", with: "")
        let line = { (needle: String) in try fixture.line(of: needle, in: url) }
        let found = problems(url)
        let expected: [(InputError.Code, String, Int?, Int?)] = [
            (.missingKey, "organization", try line("name: 20. Sitzung"), 1),
            (.wrongType, "agendaItem[1]", try line("- nur Text"), 5),
            (.wrongValue, "agendaItem[2].number", try line("name: Doppelt") - 1, 5),
            (.wrongValue, "agendaItem[3].late", try line("late: Morgen"), 11),
            (.missingKey, "agendaItem[4].number", try line("name: Ohne Nummer"), 5),
            (.missingKey, "agendaItem[5].name", try line("number: \"5\""), 5),
            (.missingKey, "agendaItem[6].name", try line("number: \"6\""), 5),
            (.unknownKey, "agendaItem[6].nam", try line("nam: Tippfehler"), 5),
        ]
        #expect(found.count == expected.count, "\(found.map(\.description))")
        for (problem, (code, key, line, column)) in zip(found, expected) {
            #expect(problem.code == code && problem.key == key, "\(problem)")
            #expect(problem.file == url.path && problem.line == line && problem.column == column, "\(problem)")
        }
        #expect(found.first { $0.key == "agendaItem[2].number" }?.message == "Die Nummer „1“ ist doppelt vergeben (zuerst in Zeile \(try line("- number: \"1\""))).")
        #expect(found.first { $0.key == "agendaItem[6].nam" }?.hint?.contains("name") == true)
        #expect(found.first { $0.key == "agendaItem[3].late" }?.message == "„Morgen“ ist kein zulässiger Wert für „late“.")
        #expect(found.first { $0.key == "agendaItem[1]" }?.message == "„agendaItem[1]“ muss eine Gruppe von Schlüsseln sein.")
    }

    @Test func aBrokenFileIsItsOnlyProblemWhereverTheBreakIs() throws {
        let fixture = try MeetingFixture()
        let cases: [(agenda: String, needle: String?, message: String)] = [
            ("  - number: \"1\"\n    name: A\n  - number: \"2\n    name: B\n", nil, "Kein gültiges YAML: die Datei endet, bevor ein Text in Anführungszeichen geschlossen ist."),
            ("  - number: \"1\"\n    name: *fehlt\n", "name: *fehlt", "Kein gültiges YAML: found undefined alias (Meldung der YAML-Bibliothek)."),
            ("  - number: \"1\"\n    name: A: B\n", "name: A: B", "Kein gültiges YAML: an dieser Stelle ist kein „schlüssel: wert“ erlaubt."),
            ("  - number: \"1\"\n    name: A\n    name: B\n", "name: B", "Der Schlüssel „name“ steht hier zum zweiten Mal; zuerst steht er in Zeile {name: A}."),
            ("  - number: \"1\"\n    name: A\n---\nname: B\n", "---", "Kein gültiges YAML: but found another document (Meldung der YAML-Bibliothek)."),
        ]
        for (agenda, needle, message) in cases {
            let url = try meeting(agenda, in: fixture)
            // A key missing before the agenda is not reported: the file was not read to its end.
            try fixture.editMeeting(replacing: "organization: Kreistag\n", with: "")
            let found = problems(url)
            #expect(found.count == 1, "\(found.map(\.description))")
            let problem = try #require(found.first)
            // A duplicate key names the line where the key stood first.
            let expected = message.contains("{name: A}")
                ? message.replacingOccurrences(of: "{name: A}", with: String(try fixture.line(of: "name: A", in: url))) : message
            #expect(problem.code == .syntax && problem.file == url.path && problem.message == expected, "\(problem)")
            if let needle {
                #expect(problem.line == (try fixture.line(of: needle, in: url)), "\(problem)")
            } else {
                #expect(problem.line != nil)
            }
            try fixture.write(try String(contentsOf: MeetingFixture.exampleMeeting.appendingPathComponent("meeting.yaml"), encoding: .utf8), to: url)
        }

        var bytes = Array(try fixture.read(fixture.meetingFile).utf8)
        bytes.append(contentsOf: [0x23, 0x20, 0xFF, 0x0A])
        try Data(bytes).write(to: fixture.meetingFile)
        let unreadable = problems(fixture.meetingFile)
        #expect(unreadable.map(\.code) == [.unreadableFile], "\(unreadable.map(\.description))")
        #expect(unreadable.first?.message == "Die Datei kann nicht gelesen werden oder ist kein UTF-8-Text.")
    }
}
