import Council
import Foundation
import Templating
import TestSupport
import Testing

/// The same problem reads the same in a paper, a meeting and a council profile: one German
/// phrase with one code for a missing key, one for an unknown key (with „Meinten Sie …?“), one
/// for a value of the wrong kind, whatever file the clerk is editing.
@Suite struct WordingConsistencyTests {
    static let paper = PaperTests.valid

    static let meeting = """
    name: 20. Sitzung des Kreistags
    organization: Kreistag
    start: 2013-03-06T15:00:00+01:00
    invitationDate: 2013-02-22
    public: true
    agendaItem:
      - number: "1"
        name: Eröffnung
    """

    static let council = """
    body:
      name: Rhein-Kreis Neuss
    paperTypes:
      - name: Sitzungsvorlage
        fields:
          - name: klima
            type: text
            required: false
    """

    enum Kind: String, CaseIterable { case paper, meeting, council }

    /// Reads `text` as the kind of file, each in a folder of its own, and returns its problems.
    func problems(_ kind: Kind, _ text: String) throws -> [InputError] {
        let folder = TemporaryFolder()
        let file = folder.file(kind == .paper ? "vorlage.yaml" : kind == .meeting ? "meeting.yaml" : "council.yaml")
        try Data(text.utf8).write(to: file)
        switch kind {
        case .paper: return try #require(throws: InputErrors.self) { try Paper(contentsOf: file) }.errors
        case .meeting: return try #require(throws: InputErrors.self) { try Meeting(contentsOf: file) }.errors
        case .council: return try #require(throws: InputErrors.self) { try CouncilProfile(contentsOf: file) }.errors
        }
    }

    /// Replaces `old` (which must be there) by `new`.
    func edit(_ text: String, _ old: String, _ new: String) throws -> String {
        #expect(text.contains(old), "„\(old)“ is not in the text")
        return text.replacingOccurrences(of: old, with: new)
    }

    /// The one problem with `code`; its message and hint with the key and value named in it
    /// replaced by placeholders, so the wording itself can be compared across files.
    func wording(_ problems: [InputError], _ code: InputError.Code, names: [String]) throws -> (code: String, message: String, hint: String) {
        let matching = problems.filter { $0.code == code }
        #expect(matching.count == 1, "\(problems.map(\.description))")
        let problem = try #require(matching.first)
        var message = problem.message, hint = problem.hint ?? ""
        // Longer names first, so „paperTypes“ is not taken for „paperType“ with an s.
        for (index, name) in names.enumerated().sorted(by: { $0.element.count > $1.element.count }) {
            message = message.replacingOccurrences(of: "„\(name)“", with: "„#\(index)“")
            hint = hint.replacingOccurrences(of: "„\(name)", with: "„#\(index)")
        }
        // The location is printed the same way, code included.
        #expect(problem.description.contains(": Fehler [\(code.rawValue)]: \(problem.message)"))
        return (problem.code.rawValue, message, hint)
    }

    @Test func anUnknownKeyReadsTheSameInEveryFile() throws {
        let cases: [(Kind, String, [String])] = [
            (.paper, try edit(Self.paper, "place: Neuss", "plaec: Neuss"), ["plaec", "place"]),
            (.meeting, try edit(Self.meeting, "organization: Kreistag", "organisation: Kreistag"), ["organisation", "organization"]),
            (.council, try edit(Self.council, "paperTypes:", "paperType:"), ["paperType", "paperTypes"]),
        ]
        var seen: Set<String> = []
        for (kind, text, names) in cases {
            let found = try wording(try problems(kind, text), .unknownKey, names: names)
            #expect(found.message == "„#0“ ist hier kein bekannter Schlüssel.", "\(kind)")
            #expect(found.hint == "Meinten Sie „#1“?", "\(kind)")
            seen.insert("\(found)")
        }
        #expect(seen.count == 1, "one wording: \(seen)")
    }

    @Test func aMissingKeyReadsTheSameInEveryFile() throws {
        let cases: [(Kind, String, [String])] = [
            (.paper, try edit(Self.paper, "place: Neuss\n", ""), ["place"]),
            (.meeting, try edit(Self.meeting, "organization: Kreistag\n", ""), ["organization"]),
            (.council, try edit(Self.council, "      - name: klima\n        type: text", "      - type: text"), ["name"]),
        ]
        var messages: Set<String> = []
        for (kind, text, names) in cases {
            let found = try wording(try problems(kind, text), .missingKey, names: names)
            #expect(found.message == "„#0“ fehlt.", "\(kind)")
            #expect(found.hint.hasPrefix("Ergänzen Sie „#0: …“"), "\(kind): \(found.hint)")
            messages.insert(found.message)
        }
        #expect(messages.count == 1)
    }

    @Test func aValueOfTheWrongKindReadsTheSameInEveryFile() throws {
        let cases: [(Kind, String, [String])] = [
            (.paper, try edit(Self.paper, "    public: true", "    public: vielleicht"), ["public", "vielleicht"]),
            (.meeting, try edit(Self.meeting, "public: true", "public: vielleicht"), ["public", "vielleicht"]),
            (.council, try edit(Self.council, "required: false", "required: vielleicht"), ["required", "vielleicht"]),
        ]
        var messages: Set<String> = []
        for (kind, text, names) in cases {
            let found = try wording(try problems(kind, text), .wrongType, names: names)
            #expect(found.message == "„#0“ muss true oder false sein, nicht „#1“.", "\(kind)")
            messages.insert(found.message)
        }
        #expect(messages.count == 1)
    }

    @Test func aValueOutsideTheAllowedOnesReadsTheSameInEveryFile() throws {
        let cases: [(Kind, String, [String])] = [
            (.paper, try edit(Self.paper, "sachverhalt: Text", "sachverhalt: Text\nauxiliaryFile:\n  - name: A\n    fileName: /dev/null\n    mode: seperate"), ["mode", "seperate", "separate"]),
            (.meeting, try edit(Self.meeting, "    name: Eröffnung", "    name: Eröffnung\n    late: Nachtrg"), ["late", "Nachtrg", "Nachtrag"]),
            (.council, try edit(Self.council, "type: text", "type: txt"), ["type", "txt", "text"]),
        ]
        var messages: Set<String> = []
        for (kind, text, names) in cases {
            let problem = try #require(try problems(kind, text).first { $0.code == .wrongValue })
            let message = problem.message.replacingOccurrences(of: "„\(names[1])“", with: "„#1“").replacingOccurrences(of: "„\(names[0])“", with: "„#0“")
            #expect(message == "„#1“ ist kein zulässiger Wert für „#0“.", "\(kind)")
            #expect(problem.hint?.hasPrefix("Schreiben Sie einen dieser Werte: ") == true, "\(kind)")
            #expect(problem.hint?.hasSuffix("Meinten Sie „\(names[2])“?") == true, "\(kind): \(problem.hint ?? "")")
            messages.insert(message)
        }
        #expect(messages.count == 1)
    }
}
