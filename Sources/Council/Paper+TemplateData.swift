import Foundation
public import Templating

extension Paper {
    /// The data a submission template sees, under the same names as the YAML input, plus
    /// what a template needs ready-made: `treatment` („öffentlich“ / „nicht öffentlich“) on each
    /// consultation, and `label` („50 - Sozialamt“) on the office.
    public var templateData: Value {
        .map(templateMap)
    }

    /// The data of a paper treated in a meeting: the agenda item's number and name come from the
    /// meeting's agenda, and `meeting.*` describes the meeting.
    public func templateData(in meeting: Meeting, item: Meeting.AgendaItem, profile: CouncilProfile) -> Value {
        var map = templateMap
        map["agendaItem"] = .map(Value.OrderedMap([
            ("name", .string(item.name ?? name)),
            ("number", .string(item.number)),
            ("public", .bool(item.isPublic)),
            ("late", item.late.map { .string($0.rawValue) } ?? .null),
        ]))
        map["meeting"] = meeting.templateData(profile: profile)
        return .map(map)
    }

    private var templateMap: Value.OrderedMap {
        var map = Value.OrderedMap([
            ("body", Self.value(body)),
            ("place", .string(place)),
            ("date", .date(date)),
            ("underDirectionOf", Self.value(underDirectionOf)),
            ("paperType", .string(paperType)),
            ("reference", .string(reference)),
            ("agendaItem", .map(Value.OrderedMap([
                ("name", .string(agendaItem.name)),
                ("number", agendaItem.number.map(Value.string) ?? .null),
            ]))),
            ("consultation", .list(consultations.map { consultation in
                .map(Value.OrderedMap([
                    ("organization", .string(consultation.organization)),
                    ("meetingDate", .date(consultation.meetingDate)),
                    ("public", .bool(consultation.isPublic)),
                    ("treatment", .string(consultation.isPublic ? "öffentlich" : "nicht öffentlich")),
                    ("role", consultation.role.map(Value.string) ?? .null),
                    ("authoritative", .bool(consultation.authoritative)),
                ]))
            })),
            ("sachverhalt", .string(sachverhalt)),
            ("beschlussempfehlung", .string(beschlussempfehlung)),
            ("auxiliaryFile", .list(auxiliaryFiles.enumerated().map { index, annex in
                .map(Value.OrderedMap([
                    ("name", .string(annex.name)),
                    ("fileName", .string(annex.fileURL.lastPathComponent)),
                    ("date", annex.date.map(Value.date) ?? .null),
                    ("number", .number(Decimal(index + 1))),
                    ("mode", .string(annex.mode.rawValue)),
                    ("merged", .bool(annex.mode == .merge)),
                    ("public", .bool(annex.isPublic)),
                    ("document", .string(Self.annexKey(index))),
                ]))
            })),
            ("name", .string(name)),
            ("superordinatedPaper", superordinatedPaper.map(Value.string) ?? .null),
            ("originatorOrganization", originatorOrganization.map(Self.value) ?? .null),
        ])
        for (key, value) in extraFields.pairs { map[key] = value }
        return map
    }

    /// What the invitation's agenda shows of the paper an item treats.
    public var agendaSummary: Value {
        // Filled in from the blank map, so the summaries of a long agenda share one list of keys.
        var map = Self.blankSummary
        map["name"] = .string(name)
        map["reference"] = .string(reference)
        map["paperType"] = .string(paperType)
        map["date"] = .date(date)
        return .map(map)
    }

    private static let blankSummary = Value.OrderedMap(["name", "reference", "paperType", "date"].map { ($0, Value.null) })

    /// The key under which the pipeline supplies the body of the annex at `index` (0-based)
    /// to the template's `{{ document | document }}` marker.
    public static func annexKey(_ index: Int) -> String { "A\(index + 1)" }

    private static func value(_ organization: Organization) -> Value {
        let label = organization.shortName.map { "\($0) - \(organization.name)" } ?? organization.name
        return .map(Value.OrderedMap([
            ("name", .string(organization.name)),
            ("shortName", organization.shortName.map(Value.string) ?? .null),
            ("label", .string(label)),
        ]))
    }
}
