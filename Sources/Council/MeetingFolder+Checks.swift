import Foundation
import Templating

extension MeetingFolder {
    /// The places in `meeting.yaml` that the cross-checks name, taken before the meeting's
    /// places are dropped: the invitation date, and where each agenda item names its paper.
    struct CheckPlaces {
        var invitationDate: SourceLocation
        /// By the agenda item's position; nil for an item without a paper.
        var paperOfItem: [SourceLocation?]

        init(_ meeting: Meeting) {
            invitationDate = meeting.location(of: "invitationDate")
            paperOfItem = meeting.agendaItems.map { item in
                guard item.paper != nil else { return nil }
                let place = meeting.locations["\(item.keyPath).paper"]
                return SourceLocation(file: meeting.source.file, line: place?.line ?? item.location.line, column: place?.column ?? item.location.column)
            }
        }
    }

    /// What checking one paper against the meeting found: its problems, and where it attaches
    /// each annex (an annex attached twice is the meeting's problem).
    struct PaperChecks: Sendable {
        var problems: [InputError] = []
        var annexUses: [(path: String, location: SourceLocation, key: String)] = []
    }

    /// Checks the meeting, its agenda and its papers against each other and against the council
    /// profile, recording each problem with file, line and key where it belongs. Each paper file
    /// brings what checking it against its agenda item found (``checks(of:item:meeting:profile:)``).
    mutating func crossCheck(places: CheckPlaces) {
        let meetingDate = meeting.date

        // The invitation must go out by the deadline of the rules of procedure.
        let latestInvitation = meetingDate.adding(days: -profile.invitationDays)
        if meeting.invitationDate > latestInvitation {
            problems.append(InputError(.invitationTooLate, at: places.invitationDate, key: "invitationDate",
                                       "Die Einladung vom \(meeting.invitationDate.german) geht weniger als \(profile.invitationDays) Tage vor der Sitzung am \(meetingDate.german) hinaus.",
                                       hint: "Versenden Sie sie bis zum \(latestInvitation.german), oder verlegen Sie die Sitzung; eine Dringlichkeitssitzung braucht eine kürzere Frist in council.yaml (deadlines.invitationDays)."))
        }

        // One reference, one paper. The first file of each reference is found once; only the
        // references used more than once get a list of their files.
        let index = paperIndex
        var byReference: [String: [Int]] = [:]
        for (position, file) in papers.enumerated() {
            guard let reference = file.reference, let first = index[reference], first != position else { continue }
            byReference[reference, default: [first]].append(position)
        }
        for (reference, indices) in byReference.sorted(by: { $0.key < $1.key }) {
            let files = indices.map { papers[$0].fileName }
            for index in indices {
                let location = referenceLocation(of: index)
                problems.append(InputError(.duplicateReference, at: location, key: "reference", "Die Vorlagennummer \(reference) verwenden \(Phrase.list(files)).",
                                           hint: "Jede Vorlage braucht eine eigene Nummer; eine Ergänzung erhält die Nummer ihres Originals mit dem Zusatz aus council.yaml."))
            }
        }

        // Every agenda item's paper exists; every paper is on the agenda.
        let unreadable = papers.filter { $0.reference == nil }.map(\.fileName)
        for (itemIndex, item) in meeting.agendaItems.enumerated() {
            guard let reference = item.paper else { continue }
            if let index = index[reference] {
                papers[index].agendaItem = item
                continue
            }
            let known = papers.compactMap(\.reference)
            let guess = Suggestion.closest(to: reference, among: known).map { " " + Phrase.didYouMean($0) } ?? ""
            let place = places.paperOfItem[itemIndex]!
            let unreadableHint = unreadable.isEmpty ? "" : " Diese Vorlagendateien können nicht gelesen werden, ihre Nummern sind daher unbekannt: \(unreadable.joined(separator: ", "))."
            problems.append(InputError(.unknownPaper, at: place, key: "\(item.keyPath).paper",
                                       "Tagesordnungspunkt \(item.number) nennt die Vorlage \(reference), aber keine Datei in papers/ hat diese Nummer.",
                                       hint: "Legen Sie die Datei der Vorlage in papers/ ab, oder korrigieren Sie die Nummer.\(guess)\(unreadableHint)"))
        }
        for position in papers.indices {
            // A file whose reference cannot be read has failed already; its own errors say why.
            // A reference is on the agenda when the first file with it got an agenda item.
            guard let reference = papers[position].reference, papers[index[reference]!].agendaItem == nil else { continue }
            let location = referenceLocation(of: position)
            problems.append(InputError(.paperNotOnAgenda, at: location, key: "reference",
                                       "Die Vorlage \(reference) steht auf keinem Tagesordnungspunkt dieser Sitzung und wird daher nicht erzeugt.",
                                       hint: "Ergänzen Sie in meeting.yaml einen Tagesordnungspunkt mit „paper: \(reference)“, oder nehmen Sie die Datei aus papers/.",
                                       severity: .warning))
        }

        // Each paper on the agenda, against the meeting and the profile, as checked when it was read.
        var annexUses: [String: [(paper: String, location: SourceLocation, key: String)]] = [:]
        for index in papers.indices {
            var file = papers[index]
            guard let found = file.checks else { continue }
            file.checks = nil
            if let paper = file.paper, file.agendaItem != nil {
                for use in found.annexUses {
                    annexUses[use.path, default: []].append((paper.reference, use.location, use.key))
                }
                file.problems += found.problems
            }
            papers[index] = file
        }
        for (path, uses) in annexUses.sorted(by: { $0.key < $1.key }) where uses.count > 1 {
            let names = uses.map(\.paper)
            for use in uses.dropFirst() {
                problems.append(InputError(.annexUsedTwice, at: use.location, key: use.key,
                                           "Die Anlage \(URL(fileURLWithPath: path).lastPathComponent) ist \(uses.count)-mal angehängt (\(names.joined(separator: ", "))).",
                                           hint: "Prüfen Sie, ob die richtige Datei angehängt ist; ist dieselbe Anlage gemeint, ist nichts zu ändern.", severity: .warning))
            }
        }
    }

    /// Checks one paper against the meeting, the agenda item that treats it, and the profile.
    static func checks(of paper: Paper, item: Meeting.AgendaItem, meeting: Meeting, profile: CouncilProfile) -> PaperChecks {
        let meetingDate = meeting.date
        var found: [InputError] = []

        if let pattern = profile.referencePattern(of: paper.paperType) {
            found += Self.referenceProblems(of: paper, pattern: pattern, profile: profile)
        }

        let consultation = paper.consultation(of: meeting.organization, on: meetingDate)
        if consultation == nil {
            let bodies = paper.consultations.map { "\($0.organization) \($0.meetingDate.german)" }.joined(separator: ", ")
            found.append(InputError(.noConsultation, at: paper.location(of: "consultation"), key: "consultation",
                                    "Die Beratungsfolge nennt keine Beratung im Gremium \(meeting.organization) am \(meetingDate.german), der Sitzung, die die Vorlage als Punkt \(item.number) behandelt\(bodies.isEmpty ? "" : " (sie nennt: \(bodies))").",
                                    hint: "Ergänzen Sie „- organization: \(meeting.organization)“ mit „meetingDate: \(meetingDate.iso)“, oder korrigieren Sie die Tagesordnung."))
        }
        if let consultation, !consultation.isPublic, item.isPublic {
            found.append(InputError(.nonPublicOnPublicItem, at: item.location, key: "\(item.keyPath).public",
                                    "Die Vorlage \(paper.reference) soll nichtöffentlich beraten werden, Tagesordnungspunkt \(item.number) steht aber im öffentlichen Teil.",
                                    hint: "Verschieben Sie den Punkt in den nichtöffentlichen Teil (public: false), oder machen Sie die Beratung öffentlich, wenn die Vorlage veröffentlicht werden darf."))
        }

        // A paper dated after the invitation went out is late and must say so.
        if paper.date > meeting.invitationDate {
            let lastNachtrag = meetingDate.adding(days: -profile.lateDays)
            if item.late == nil {
                found.append(InputError(.lateNotMarked, at: item.location, key: "\(item.keyPath).late",
                                        "Die Vorlage \(paper.reference) ist vom \(paper.date.german) und damit nach der Einladung vom \(meeting.invitationDate.german), aber Tagesordnungspunkt \(item.number) ist nicht als verspätet gekennzeichnet.",
                                        hint: paper.date > lastNachtrag ? "Ergänzen Sie „late: Tischvorlage“ (sie ist weniger als \(profile.lateDays) Tage vor der Sitzung datiert)." : "Ergänzen Sie „late: Nachtrag“."))
            } else if item.late == .nachtrag, paper.date > lastNachtrag {
                found.append(InputError(.lateNotMarked, at: item.location, key: "\(item.keyPath).late",
                                        "Die Vorlage \(paper.reference) ist vom \(paper.date.german), weniger als \(profile.lateDays) Tage vor der Sitzung, und kann daher nicht als Nachtrag hinausgehen.",
                                        hint: "Kennzeichnen Sie sie mit „late: Tischvorlage“, oder datieren Sie sie spätestens auf den \(lastNachtrag.german)."))
            }
        }

        let paperIsPublic = meeting.isPublic(item, paper: paper)
        for (number, annex) in paper.auxiliaryFiles.enumerated() where paperIsPublic && !annex.isPublic && annex.mode == .merge {
            found.append(InputError(.nonPublicOnPublicItem, at: paper.location(of: "auxiliaryFile[\(number)].fileName"), key: "auxiliaryFile[\(number)].public",
                                    "Die nichtöffentliche Anlage „\(annex.name)“ würde in die öffentliche Vorlage \(paper.reference) eingefügt.",
                                    hint: "Geben Sie ihr „mode: separate“ (dann bleibt sie aus öffentlichen Mappen heraus) oder „mode: listed“."))
        }
        var checks = PaperChecks(problems: found)
        for (number, annex) in paper.auxiliaryFiles.enumerated() {
            let key = "auxiliaryFile[\(number)].fileName"
            checks.annexUses.append((annex.fileURL.path, paper.location(of: key), key))
        }
        return checks
    }

    /// Whether a reference follows the council's numbering: the pattern, the office, the
    /// legislative term and the paper's year; a supplement carries its original's reference.
    static func referenceProblems(of paper: Paper, pattern: ReferencePattern, profile: CouncilProfile) -> [InputError] {
        let location = paper.location(of: "reference")
        var reference = paper.reference
        if let original = paper.superordinatedPaper {
            let parts = profile.supplementSuffix.components(separatedBy: "{n}")
            let prefix = original + parts[0]
            let suffix = parts.count > 1 ? parts[1] : ""
            let number = reference.hasPrefix(prefix) && reference.hasSuffix(suffix) && reference.count > prefix.count + suffix.count
                ? String(reference.dropFirst(prefix.count).dropLast(suffix.count)) : ""
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                let example = profile.supplementSuffix.replacingOccurrences(of: "{n}", with: "1")
                return [InputError(.referencePattern, at: location, key: "reference",
                                   "Die Nummer der Ergänzung \(reference) setzt die Nummer ihres Originals \(original) nicht fort.",
                                   hint: "Schreiben Sie \(original)\(example) (der Zusatz steht in council.yaml unter reference.supplementSuffix).")]
            }
            reference = original
        }
        guard let parts = pattern.match(reference) else {
            let example = pattern.example(office: paper.underDirectionOf.shortName ?? "50", term: profile.legislativeTerm?.name ?? "XV", year: paper.date.year)
            return [InputError(.referencePattern, at: location, key: "reference",
                               "\(paper.reference) folgt nicht dem Nummernschema des Rates \(pattern).",
                               hint: "Eine Vorlagennummer sieht so aus: \(example).")]
        }
        var problems: [InputError] = []
        if let office = parts.office, let shortName = paper.underDirectionOf.shortName, office != shortName {
            problems.append(InputError(.referencePattern, at: location, key: "reference",
                                       "Die Vorlagennummer \(paper.reference) nennt das Amt \(office), die Vorlage steht aber unter Federführung von \(shortName).",
                                       hint: "Korrigieren Sie die Nummer oder underDirectionOf.shortName."))
        }
        if let term = parts.term, let current = profile.legislativeTerm?.name, term != current {
            problems.append(InputError(.referencePattern, at: location, key: "reference",
                                       "Die Vorlagennummer \(paper.reference) nennt die Wahlperiode \(term), die des Rates ist \(current).",
                                       hint: "Korrigieren Sie die Nummer oder die Wahlperiode in council.yaml."))
        }
        if let year = parts.year, paper.superordinatedPaper == nil, year != paper.date.year {
            problems.append(InputError(.referencePattern, at: location, key: "reference",
                                       "Die Vorlagennummer \(paper.reference) nennt das Jahr \(year), die Vorlage ist aber vom \(paper.date.german).",
                                       hint: "Korrigieren Sie die Nummer oder das Datum."))
        }
        return problems
    }
}
