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
    /// profile, recording each problem with file, line and key where it belongs. `checks` holds
    /// what checking each paper file against its agenda item found (``checks(of:item:meeting:profile:)``).
    mutating func crossCheck(places: CheckPlaces, checks: [PaperChecks?]) {
        let meetingDate = meeting.date

        // The invitation must go out by the deadline of the rules of procedure.
        let latestInvitation = meetingDate.adding(days: -profile.invitationDays)
        if meeting.invitationDate > latestInvitation {
            problems.append(InputError(.invitationTooLate, at: places.invitationDate, key: "invitationDate",
                                       "the invitation of \(meeting.invitationDate.german) goes out less than \(profile.invitationDays) days before the meeting on \(meetingDate.german).",
                                       hint: "Send it by \(latestInvitation.german), or move the meeting; an urgent meeting needs a shorter deadline in council.yaml (deadlines.invitationDays)."))
        }

        // One reference, one paper.
        var byReference: [String: [Int]] = [:]
        for (index, file) in papers.enumerated() {
            if let reference = file.reference { byReference[reference, default: []].append(index) }
        }
        for (reference, indices) in byReference.sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            let files = indices.map { papers[$0].url.lastPathComponent }
            for index in indices {
                let location = referenceLocation(of: index)
                problems.append(InputError(.duplicateReference, at: location, key: "reference", "the reference \(reference) is used by \(files.joined(separator: " and ")).",
                                           hint: "Each paper needs its own reference; a supplement gets its original's reference with the suffix of council.yaml."))
            }
        }

        // Every agenda item's paper exists; every paper is on the agenda.
        let unreadable = papers.filter { $0.reference == nil }.map { $0.url.lastPathComponent }
        var treated: Set<String> = []
        let index = paperIndex
        for (itemIndex, item) in meeting.agendaItems.enumerated() {
            guard let reference = item.paper else { continue }
            treated.insert(reference)
            if let index = index[reference] {
                papers[index].agendaItem = item
                continue
            }
            let known = papers.compactMap(\.reference)
            let guess = Suggestion.closest(to: reference, among: known).map { " Did you mean \($0)?" } ?? ""
            let place = places.paperOfItem[itemIndex]!
            let unreadableHint = unreadable.isEmpty ? "" : " These paper files cannot be read, so their references are unknown: \(unreadable.joined(separator: ", "))."
            problems.append(InputError(.unknownPaper, at: place, key: "\(item.keyPath).paper",
                                       "the agenda item \(item.number) names the paper \(reference), but no file in papers/ has this reference.",
                                       hint: "Add the paper's file to papers/ or correct the reference.\(guess)\(unreadableHint)"))
        }
        for index in papers.indices {
            // A file whose reference cannot be read has failed already; its own errors say why.
            guard let reference = papers[index].reference, !treated.contains(reference) else { continue }
            let location = referenceLocation(of: index)
            problems.append(InputError(.paperNotOnAgenda, at: location, key: "reference",
                                       "the paper \(reference) is on no agenda item of this meeting, so it is not built.",
                                       hint: "Add an agenda item with paper: \(reference) to meeting.yaml, or move the file out of papers/.",
                                       severity: .warning))
        }

        // Each paper on the agenda, against the meeting and the profile, as checked when it was read.
        var annexUses: [String: [(paper: String, location: SourceLocation, key: String)]] = [:]
        for index in papers.indices {
            guard let paper = papers[index].paper, papers[index].agendaItem != nil, let found = checks[index] else { continue }
            for use in found.annexUses {
                annexUses[use.path, default: []].append((paper.reference, use.location, use.key))
            }
            papers[index].problems += found.problems
        }
        for (path, uses) in annexUses.sorted(by: { $0.key < $1.key }) where uses.count > 1 {
            let names = uses.map(\.paper)
            for use in uses.dropFirst() {
                problems.append(InputError(.annexUsedTwice, at: use.location, key: use.key,
                                           "the annex \(URL(fileURLWithPath: path).lastPathComponent) is attached \(uses.count) times (\(names.joined(separator: ", "))).",
                                           hint: "Check that the right file is attached; if the same annex is meant, nothing needs to change.", severity: .warning))
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
                                    "the Beratungsfolge has no consultation of \(meeting.organization) on \(meetingDate.german), the meeting that treats the paper as item \(item.number)\(bodies.isEmpty ? "" : " (it names: \(bodies))").",
                                    hint: "Add - organization: \(meeting.organization) with meetingDate: \(meetingDate.iso), or correct the agenda."))
        }
        if let consultation, !consultation.isPublic, item.isPublic {
            found.append(InputError(.nonPublicOnPublicItem, at: item.location, key: "\(item.keyPath).public",
                                    "the paper \(paper.reference) is to be treated in non-public session, but agenda item \(item.number) is in the public part.",
                                    hint: "Move the item to the non-public part (public: false), or make the consultation public if the paper may be published."))
        }

        // A paper dated after the invitation went out is late and must say so.
        if paper.date > meeting.invitationDate {
            let lastNachtrag = meetingDate.adding(days: -profile.lateDays)
            if item.late == nil {
                found.append(InputError(.lateNotMarked, at: item.location, key: "\(item.keyPath).late",
                                        "the paper \(paper.reference) is dated \(paper.date.german), after the invitation of \(meeting.invitationDate.german), but agenda item \(item.number) is not marked late.",
                                        hint: paper.date > lastNachtrag ? "Add late: Tischvorlage (it is dated less than \(profile.lateDays) days before the meeting)." : "Add late: Nachtrag."))
            } else if item.late == .nachtrag, paper.date > lastNachtrag {
                found.append(InputError(.lateNotMarked, at: item.location, key: "\(item.keyPath).late",
                                        "the paper \(paper.reference) is dated \(paper.date.german), less than \(profile.lateDays) days before the meeting, so it cannot go out as a Nachtrag.",
                                        hint: "Mark it late: Tischvorlage, or date it by \(lastNachtrag.german)."))
            }
        }

        let paperIsPublic = meeting.isPublic(item, paper: paper)
        for (number, annex) in paper.auxiliaryFiles.enumerated() where paperIsPublic && !annex.isPublic && annex.mode == .merge {
            found.append(InputError(.nonPublicOnPublicItem, at: paper.location(of: "auxiliaryFile[\(number)].fileName"), key: "auxiliaryFile[\(number)].public",
                                    "the non-public annex „\(annex.name)“ would be merged into the public paper \(paper.reference).",
                                    hint: "Give it mode: separate (it then stays out of public packets) or mode: listed."))
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
                                   "the supplement's reference \(reference) does not continue the reference of its original \(original).",
                                   hint: "Write \(original)\(example) (the suffix is set in council.yaml as reference.supplementSuffix).")]
            }
            reference = original
        }
        guard let parts = pattern.match(reference) else {
            let example = pattern.example(office: paper.underDirectionOf.shortName ?? "50", term: profile.legislativeTerm?.name ?? "XV", year: paper.date.year)
            return [InputError(.referencePattern, at: location, key: "reference",
                               "\(paper.reference) does not follow the council's numbering \(pattern).",
                               hint: "A reference looks like \(example).")]
        }
        var problems: [InputError] = []
        if let office = parts.office, let shortName = paper.underDirectionOf.shortName, office != shortName {
            problems.append(InputError(.referencePattern, at: location, key: "reference",
                                       "the reference \(paper.reference) names the office \(office), but the paper is under the direction of \(shortName).",
                                       hint: "Correct the reference or underDirectionOf.shortName."))
        }
        if let term = parts.term, let current = profile.legislativeTerm?.name, term != current {
            problems.append(InputError(.referencePattern, at: location, key: "reference",
                                       "the reference \(paper.reference) names the legislative term \(term), but the council's is \(current).",
                                       hint: "Correct the reference, or the legislative term in council.yaml."))
        }
        if let year = parts.year, paper.superordinatedPaper == nil, year != paper.date.year {
            problems.append(InputError(.referencePattern, at: location, key: "reference",
                                       "the reference \(paper.reference) names the year \(year), but the paper is dated \(paper.date.german).",
                                       hint: "Correct the reference or the date."))
        }
        return problems
    }
}
