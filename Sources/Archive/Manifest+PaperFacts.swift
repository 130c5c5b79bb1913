public import Council
public import Templating

extension Manifest {
    /// What the manifest says of a paper: its OParl fields without its text, its annexes or the
    /// places of its keys, small enough to keep for every paper of a large meeting.
    public struct PaperFacts: Sendable, Hashable {
        public var reference: String
        public var name: String
        public var paperType: String
        public var date: CivilDate
        public var underDirectionOf: Paper.Organization
        public var originatorOrganization: Paper.Organization?
        public var superordinatedPaper: String?
        public var consultations: [Paper.Consultation]

        public init(reference: String, name: String, paperType: String, date: CivilDate, underDirectionOf: Paper.Organization,
                    originatorOrganization: Paper.Organization? = nil, superordinatedPaper: String? = nil, consultations: [Paper.Consultation]) {
            self.reference = reference
            self.name = name
            self.paperType = paperType
            self.date = date
            self.underDirectionOf = underDirectionOf
            self.originatorOrganization = originatorOrganization
            self.superordinatedPaper = superordinatedPaper
            self.consultations = consultations
        }

        public init(_ paper: Paper) {
            self.init(reference: paper.reference, name: paper.name, paperType: paper.paperType, date: paper.date,
                      underDirectionOf: paper.underDirectionOf, originatorOrganization: paper.originatorOrganization,
                      superordinatedPaper: paper.superordinatedPaper, consultations: paper.consultations)
        }
    }
}
