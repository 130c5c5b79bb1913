import Council

/// Hands out one shared copy of values that repeat from paper to paper (paper types, offices,
/// bodies, whole Beratungsfolgen), so that a meeting of thousands of papers keeps each once.
struct Interner {
    private var strings: Set<String> = []
    private var consultations: Set<[Paper.Consultation]> = []

    /// The shared copy of a string.
    mutating func callAsFunction(_ text: String) -> String {
        strings.insert(text).memberAfterInsert
    }

    mutating func callAsFunction(_ organization: Paper.Organization) -> Paper.Organization {
        Paper.Organization(name: self(organization.name), shortName: organization.shortName.map { self($0) })
    }

    /// The shared copy of a Beratungsfolge, its bodies and roles shared as well.
    mutating func callAsFunction(_ list: [Paper.Consultation]) -> [Paper.Consultation] {
        if let known = consultations.firstIndex(of: list) { return consultations[known] }
        let shared = list.map { consultation in
            Paper.Consultation(organization: self(consultation.organization), meetingDate: consultation.meetingDate,
                               isPublic: consultation.isPublic, role: consultation.role.map { self($0) }, authoritative: consultation.authoritative)
        }
        return consultations.insert(shared).memberAfterInsert
    }
}
