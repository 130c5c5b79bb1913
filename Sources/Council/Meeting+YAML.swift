public import Foundation
import Templating

extension Meeting {
    /// The file names a meeting may have, in the order they are looked for.
    public static let fileNames = ["meeting.yaml", "meeting.yml", "meeting.json"]

    /// Reads `meeting.yaml` (or `.json`); every problem is reported together with file, line and key.
    public init(contentsOf url: URL) throws(InputErrors) {
        let problems = YAMLObject.Problems(file: url.path)
        guard let root = YAMLObject.root(of: url, problems: problems) else { throw InputErrors(problems.errors) }
        let name = root.string("name")
        let organization = root.string("organization")
        let start = root.dateTime("start")
        let end = root.dateTime("end", required: false)
        let location: String? = root.object("location", required: false).flatMap { object in
            defer { object.finish() }
            return object.string("description")
        }
        let state = root.string("meetingState", required: false)
        let cancelled = root.bool("cancelled", required: false, default: false) ?? false
        let isPublic = root.bool("public", required: false, default: true) ?? true
        let invitationDate = root.date("invitationDate")
        var items: [AgendaItem] = []
        var numbers: [String: SourceLocation] = [:]
        for (order, object) in root.list("agendaItem").enumerated() {
            defer { object.finish() }
            let number = object.string("number")
            let title = object.string("name", required: false)
            let isPublic = object.bool("public", required: false, default: true) ?? true
            let paper = object.string("paper", required: false)
            var late: Late?
            if let text = object.string("late", required: false) {
                late = Late(rawValue: text)
                if late == nil {
                    problems.add(.wrongValue, at: object.mapping["late"], key: object.keyPath("late"), Phrase.notAllowed(text, for: "late"),
                                 hint: Phrase.allowedValues(Late.allCases.map(\.rawValue), given: text))
                }
            }
            if title == nil, paper == nil {
                problems.errors.append(InputError(.missingKey, at: object.location, key: object.keyPath("name"), "Der Tagesordnungspunkt hat weder einen Namen noch eine Vorlage.",
                                                  hint: "Ergänzen Sie „name: …“ (den Titel des Punkts) oder „paper: …“ (die Vorlagennummer der Vorlage, die er behandelt)."))
            }
            guard let number else { continue }
            if let earlier = numbers[number] {
                problems.errors.append(InputError(.wrongValue, at: object.location, key: object.keyPath("number"), "Die Nummer „\(number)“ ist doppelt vergeben (zuerst in Zeile \(earlier.line ?? 0)).",
                                                  hint: "Geben Sie jedem Tagesordnungspunkt eine eigene Nummer, etwa 7 und 7.1."))
            }
            numbers[number] = object.location
            items.append(AgendaItem(number: number, name: title, isPublic: isPublic, paper: paper, late: late, order: order,
                                    location: object.location, keyPath: "agendaItem[\(order)]"))
        }
        if let end, let start, end < start, let place = problems.locations["end"] {
            problems.errors.append(InputError(.wrongValue, at: place, key: "end", "Die Sitzung endet, bevor sie beginnt.", hint: "Prüfen Sie Datum und Uhrzeit von „end“."))
        }
        root.finish()
        guard problems.errors.isEmpty, let name, let organization, let start, let invitationDate else { throw InputErrors(problems.errors) }
        self.init(name: name, organization: organization, start: start, end: end, location: location, meetingState: state, cancelled: cancelled,
                  invitationDate: invitationDate, agendaItems: items, source: SourceLocation(file: url.path), locations: problems.locations,
                  isPublic: isPublic)
    }
}
