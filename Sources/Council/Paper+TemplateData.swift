import Foundation
public import Templating

extension Paper {
    /// The data a submission template sees, under the same names as the YAML input, plus
    /// what a template needs ready-made: `treatment` („öffentlich“ / „nicht öffentlich“) on each
    /// consultation, and `label` („50 - Sozialamt“) on the office.
    public var templateData: Value {
        .map(Value.OrderedMap([
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
                    ("document", .string(Self.annexKey(index))),
                ]))
            })),
        ]))
    }

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
