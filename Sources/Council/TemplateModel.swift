import Foundation
public import Templating

/// The data each kind of template sees, as one value that has every key: what `vorlage check`
/// checks a template's paths against when no data is given.
///
/// The values are made by the same code that makes real template data (``Paper/templateData(in:item:profile:)``,
/// ``Meeting/invitationData(profile:papers:)``) from a paper and a meeting with every optional
/// part present, so the model cannot drift from what rendering supplies.
public enum TemplateModel: String, Sendable, CaseIterable {
    /// A paper of one of the profile's types (Sitzungsvorlage, Antrag …).
    case submission
    /// The invitation with the agenda.
    case invitation

    /// The model's data under `profile`; a submission's includes the extra fields of `paperType`.
    public func data(profile: CouncilProfile, paperType: String? = nil) -> Value {
        let day = CivilDate(year: 2013, month: 3, day: 6)!
        let office = Paper.Organization(name: "Sozialamt", shortName: "50")
        let type = paperType ?? profile.paperTypes.first?.name ?? "Sitzungsvorlage"
        var extra = Value.OrderedMap()
        for field in profile.paperTypes.first(where: { $0.name == type })?.fields ?? [] {
            extra[field.name] = Self.sample(field)
        }
        let paper = Paper(
            body: Paper.Organization(name: profile.body.name, shortName: profile.body.shortName), place: "Neuss", date: day,
            underDirectionOf: office, paperType: type, reference: "50/2403/XV/2013", agendaItem: Paper.AgendaItem(name: "Titel", number: "7"),
            consultations: [Paper.Consultation(organization: "Kreistag", meetingDate: day, isPublic: true, role: "Entscheidung", authoritative: true)],
            sachverhalt: "Text", beschlussempfehlung: "Text",
            auxiliaryFiles: [Paper.AnnexFile(name: "Anlage", fileURL: URL(fileURLWithPath: "/anlage.odt"), date: day)],
            extraFields: extra, superordinatedPaper: "50/2402/XV/2013", originatorOrganization: office)
        let source = SourceLocation(file: "meeting.yaml")
        let items = [
            Meeting.AgendaItem(number: "1", name: nil, isPublic: true, paper: paper.reference, late: .nachtrag, order: 1, location: source),
            Meeting.AgendaItem(number: "N 1", name: "Nichtöffentlich", isPublic: false, paper: paper.reference, late: .tischvorlage, order: 2, location: source),
        ]
        let meeting = Meeting(name: "Sitzung", organization: "Kreistag", start: day.midnightInBerlin, end: day.midnightInBerlin, location: "Ort",
                              meetingState: "terminiert", cancelled: false, invitationDate: day, agendaItems: AgendaItems(items), source: source)
        switch self {
        case .submission: return paper.templateData(in: meeting, item: items[0], profile: profile)
        case .invitation: return meeting.invitationData(profile: profile, papers: [paper.reference: paper])
        }
    }

    /// A value of the kind a field declares, with every key of a group.
    static func sample(_ field: FieldSpec) -> Value {
        switch field.kind {
        case .text, .markdown: .string("Text")
        case .choice: .string(field.values.first ?? "Text")
        case .date: .date(CivilDate(year: 2013, month: 3, day: 6)!)
        case .number, .money: .number(1)
        case .boolean: .bool(true)
        case .list: .list([.string("Text")])
        case .group: .map(Value.OrderedMap(field.fields.map { ($0.name, sample($0)) }))
        }
    }
}
