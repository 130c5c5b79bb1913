import Foundation
public import Templating

extension Meeting {
    /// The meeting as templates see it under `meeting.*`.
    public func templateData(profile: CouncilProfile) -> Value {
        .map(Value.OrderedMap([
            ("name", .string(name)),
            ("organization", .string(organization)),
            ("start", .dateTime(start)),
            ("end", end.map(Value.dateTime) ?? .null),
            ("date", .date(date)),
            ("location", .map(Value.OrderedMap([("description", location.map(Value.string) ?? .null)]))),
            ("meetingState", meetingState.map(Value.string) ?? .null),
            ("cancelled", .bool(cancelled)),
            ("invitationDate", .date(invitationDate)),
        ]))
    }

    /// The data of the invitation with the agenda (Einladung / Tagesordnung): the body, the
    /// meeting, and every agenda item, also split into the public and the non-public part.
    /// `papers` gives the paper each item treats, by reference.
    public func invitationData(profile: CouncilProfile, papers: [String: Paper]) -> Value {
        invitationData(profile: profile) { papers[$0] }
    }

    /// An agenda item's map in the invitation's data with every key in its place, still null.
    private static let blankItem = Value.OrderedMap(["number", "name", "public", "order", "late", "paper"].map { ($0, Value.null) })

    /// The invitation's data, with `paper` looking up the paper of a reference; the public
    /// invitation (`publicOnly`) has only the public items.
    ///
    /// The lists of items are made as the template reaches each item (``ValueList``), so the
    /// invitation of an agenda of thousands of items never holds all their maps at once, and a
    /// caller with thousands of papers need not copy them into a dictionary.
    public func invitationData(profile: CouncilProfile, publicOnly: Bool = false, paper lookup: @escaping @Sendable (String) -> Paper?) -> Value {
        let items = agendaItems
        // The positions of the public and the non-public items, four bytes each.
        var publicPositions: [Int32] = []
        var nonPublicPositions: [Int32] = []
        for (position, item) in items.enumerated() {
            if item.isPublic { publicPositions.append(Int32(position)) } else { nonPublicPositions.append(Int32(position)) }
        }
        if publicOnly { nonPublicPositions = [] }
        let made = { @Sendable (positions: [Int32]?) -> Value in
            .list(ValueList(count: positions?.count ?? items.count) { index in
                Self.itemData(items[positions.map { Int($0[index]) } ?? index], paper: lookup)
            })
        }
        let body = profile.body
        return .map(Value.OrderedMap([
            ("body", .map(Value.OrderedMap([
                ("name", .string(body.name)),
                ("shortName", body.shortName.map(Value.string) ?? .null),
                ("label", .string(body.name)),
            ]))),
            ("legislativeTerm", profile.legislativeTerm.map { .string($0.name) } ?? .null),
            ("meeting", templateData(profile: profile)),
            ("agendaItem", made(publicOnly ? publicPositions : nil)),
            ("publicItem", made(publicPositions)),
            ("nonPublicItem", made(nonPublicPositions)),
        ]))
    }

    /// One agenda item as the invitation's template sees it.
    private static func itemData(_ item: AgendaItem, paper lookup: (String) -> Paper?) -> Value {
        let paper = item.paper.flatMap(lookup)
        // Filled in from the blank map, so the maps of a long agenda share one list of keys.
        var map = blankItem
        map["number"] = .string(item.number)
        map["name"] = .string(item.name ?? paper?.name ?? "")
        map["public"] = .bool(item.isPublic)
        map["order"] = .number(Decimal(item.order))
        map["late"] = item.late.map { .string($0.rawValue) } ?? .null
        map["paper"] = paper?.agendaSummary ?? .null
        return .map(map)
    }
}
