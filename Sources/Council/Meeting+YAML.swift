public import Foundation
public import Spool
import Templating

extension Meeting {
    /// The file names a meeting may have, in the order they are looked for.
    public static let fileNames = ["meeting.yaml", "meeting.yml", "meeting.json"]

    /// Reads `meeting.yaml` (or `.json`); every problem is reported together with file, line and key.
    ///
    /// The agenda is read entry by entry while the file is read, keeping of each entry only its
    /// agenda item, so that a long agenda is never held as one tree of YAML nodes; with a
    /// `spool`, the items wait there instead of in memory.
    public init(contentsOf url: URL, spool: Spool? = nil) throws(InputErrors) {
        let problems = YAMLObject.Problems(file: url.path)
        var agenda = AgendaReader(file: url.path, spool: spool)
        guard let root = YAMLObject.root(of: url, problems: problems, streaming: "agendaItem", entry: { agenda.read($0, at: $1) }) else {
            throw InputErrors(problems.errors)
        }
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
        // Streamed, the list is empty here; an agenda the reader could not stream (one with an
        // anchor of its own) is read the same way now.
        for (index, entry) in root.entries("agendaItem").enumerated() {
            agenda.read(entry, at: index)
        }
        problems.errors += agenda.entryProblems.errors + agenda.itemProblems.errors
        problems.locations.merge(agenda.paperPlaces) { _, new in new }
        if let end, let start, end < start, let place = problems.locations["end"] {
            problems.errors.append(InputError(.wrongValue, at: place, key: "end", "Die Sitzung endet, bevor sie beginnt.", hint: "Prüfen Sie Datum und Uhrzeit von „end“."))
        }
        root.finish()
        guard problems.errors.isEmpty, let name, let organization, let start, let invitationDate else { throw InputErrors(problems.errors) }
        self.init(name: name, organization: organization, start: start, end: end, location: location, meetingState: state, cancelled: cancelled,
                  invitationDate: invitationDate, agendaItems: agenda.items, source: SourceLocation(file: url.path), locations: problems.locations,
                  isPublic: isPublic)
    }

    /// Reads the entries of `agendaItem` one at a time, keeping only the agenda items and their
    /// problems, in the order a whole list would have given them.
    private struct AgendaReader {
        /// Entries that are no group of keys; reported before the problems of the items.
        let entryProblems: YAMLObject.Problems
        let itemProblems: YAMLObject.Problems
        var items: AgendaItems
        /// Where each item names its paper, by `agendaItem[order].paper`, for the cross-checks.
        var paperPlaces: [String: SourceLocation] = [:]
        /// The line of each number so far, for a number given twice.
        private var numbers: [String: Int] = [:]
        /// How many entries were groups of keys: the next item's `order`.
        private var order = 0

        init(file: String, spool: Spool?) {
            items = AgendaItems(spool: spool)
            entryProblems = YAMLObject.Problems(file: file)
            itemProblems = YAMLObject.Problems(file: file)
        }

        mutating func read(_ entry: YAMLNode, at index: Int) {
            let isGroup = if case .mapping = entry { true } else { false }
            guard let object = YAMLObject.entry(entry, at: index, of: "agendaItem", path: "agendaItem", problems: isGroup ? itemProblems : entryProblems) else { return }
            defer {
                object.finish()
                order += 1
                // Only the place of `paper` is needed later; the others would grow with the agenda.
                itemProblems.locations.removeAll(keepingCapacity: true)
            }
            let number = object.string("number")
            let title = object.string("name", required: false)
            let isPublic = object.bool("public", required: false, default: true) ?? true
            let paper = object.string("paper", required: false)
            var late: Late?
            if let text = object.string("late", required: false) {
                late = Late(rawValue: text)
                if late == nil {
                    itemProblems.add(.wrongValue, at: object.mapping["late"], key: object.keyPath("late"), Phrase.notAllowed(text, for: "late"),
                                     hint: Phrase.allowedValues(Late.allCases.map(\.rawValue), given: text))
                }
            }
            if title == nil, paper == nil {
                itemProblems.errors.append(InputError(.missingKey, at: object.location, key: object.keyPath("name"), "Der Tagesordnungspunkt hat weder einen Namen noch eine Vorlage.",
                                                      hint: "Ergänzen Sie „name: …“ (den Titel des Punkts) oder „paper: …“ (die Vorlagennummer der Vorlage, die er behandelt)."))
            }
            let keyPath = "agendaItem[\(order)]"
            if let place = itemProblems.locations[object.keyPath("paper")] { paperPlaces["\(keyPath).paper"] = place }
            guard let number else { return }
            if let earlier = numbers[number] {
                itemProblems.errors.append(InputError(.wrongValue, at: object.location, key: object.keyPath("number"), "Die Nummer „\(number)“ ist doppelt vergeben (zuerst in Zeile \(earlier)).",
                                                      hint: "Geben Sie jedem Tagesordnungspunkt eine eigene Nummer, etwa 7 und 7.1."))
            }
            numbers[number] = object.location.line ?? 0
            items.append(AgendaItem(number: number, name: title, isPublic: isPublic, paper: paper, late: late, order: order,
                                    location: object.location))
        }
    }
}
