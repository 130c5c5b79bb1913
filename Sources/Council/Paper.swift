public import Foundation
public import Templating

/// A council submission (OParl `Paper`): who issues it, its number, its consultations, its text
/// and its annexes.
///
/// Field names follow OParl 1.1 where it has a field (`reference`, `paperType`,
/// `underDirectionOf`, `consultation`, `auxiliaryFile`); the sections of the text that OParl
/// keeps in files have their German names (`sachverhalt`, `beschlussempfehlung`).
public struct Paper: Sendable, Hashable {
    /// The issuing body (OParl `Body`), such as „Rhein-Kreis Neuss“.
    public var body: Organization
    /// The place named in the letterhead, „Neuss/Grevenbroich“.
    public var place: String
    /// The date of the paper.
    public var date: CivilDate
    /// The office in charge (federführendes Amt), „50 - Sozialamt“.
    public var underDirectionOf: Organization
    /// The kind of paper, „Sitzungsvorlage“, „Mitteilungsvorlage“, „Antrag“ …
    public var paperType: String
    /// The paper's number, „50/2403/XV/2013“.
    public var reference: String
    /// The agenda item the paper is dealt with under.
    public var agendaItem: AgendaItem
    /// The Beratungsfolge: every body that deals with the paper, in order.
    public var consultations: [Consultation]
    /// The facts and reasons.
    public var sachverhalt: String
    /// The proposed resolution.
    public var beschlussempfehlung: String
    /// The annexes (Anlagen), in order.
    public var auxiliaryFiles: [AnnexFile]
    /// The paper's own title (OParl `Paper.name`); the agenda item's name when the data gives none.
    public var name: String
    /// The values of the extra fields the council profile declares for the paper's type.
    public var extraFields: Value.OrderedMap
    /// The reference of the paper this one supplements or amends (OParl `superordinatedPaper`).
    public var superordinatedPaper: String?
    /// Who files the paper when it is not an office, such as a party group's motion.
    public var originatorOrganization: Organization?
    /// Whether the data named an agenda item itself (a paper rendered on its own) or the meeting's
    /// agenda names it.
    public var hasOwnAgendaItem: Bool
    /// The file the paper was read from, and where each key stands in it, for later problems.
    public var source: SourceLocation?
    public var locations: [String: SourceLocation]

    public init(body: Organization, place: String, date: CivilDate, underDirectionOf: Organization, paperType: String,
                reference: String, agendaItem: AgendaItem, consultations: [Consultation], sachverhalt: String,
                beschlussempfehlung: String, auxiliaryFiles: [AnnexFile], name: String? = nil, extraFields: Value.OrderedMap = Value.OrderedMap(),
                superordinatedPaper: String? = nil, originatorOrganization: Organization? = nil, hasOwnAgendaItem: Bool = true,
                source: SourceLocation? = nil, locations: [String: SourceLocation] = [:]) {
        self.body = body
        self.place = place
        self.date = date
        self.underDirectionOf = underDirectionOf
        self.paperType = paperType
        self.reference = reference
        self.agendaItem = agendaItem
        self.consultations = consultations
        self.sachverhalt = sachverhalt
        self.beschlussempfehlung = beschlussempfehlung
        self.auxiliaryFiles = auxiliaryFiles
        self.name = name ?? agendaItem.name
        self.extraFields = extraFields
        self.superordinatedPaper = superordinatedPaper
        self.originatorOrganization = originatorOrganization
        self.hasOwnAgendaItem = hasOwnAgendaItem
        self.source = source
        self.locations = locations
    }

    /// Where a key of the paper's data stands, or the file when the key was not given.
    public func location(of key: String) -> SourceLocation {
        locations[key] ?? source ?? SourceLocation(file: reference)
    }

    /// The consultation of this paper in a meeting of `organization` on `date`, if the
    /// Beratungsfolge has one.
    public func consultation(of organization: String, on date: CivilDate) -> Consultation? {
        consultations.first { $0.organization == organization && $0.meetingDate == date }
    }

    /// A body or office (OParl `Body` or `Organization`).
    public struct Organization: Sendable, Hashable {
        public var name: String
        public var shortName: String?
        public init(name: String, shortName: String? = nil) {
            self.name = name
            self.shortName = shortName
        }
    }

    /// An agenda item (OParl `AgendaItem`): its title and, once known, its number.
    public struct AgendaItem: Sendable, Hashable {
        public var name: String
        public var number: String?
        public init(name: String, number: String? = nil) {
            self.name = name
            self.number = number
        }
    }

    /// One step of the Beratungsfolge (OParl `Consultation`).
    public struct Consultation: Sendable, Hashable {
        /// The body that deals with the paper (Gremium).
        public var organization: String
        /// The meeting's date (Sitzungstermin).
        public var meetingDate: CivilDate
        /// Whether the paper is dealt with in public.
        public var isPublic: Bool
        /// Vorberatung, Entscheidung, Kenntnisnahme, Anhörung …
        public var role: String?
        /// Whether this body takes the decision.
        public var authoritative: Bool
        public init(organization: String, meetingDate: CivilDate, isPublic: Bool, role: String? = nil, authoritative: Bool = false) {
            self.organization = organization
            self.meetingDate = meetingDate
            self.isPublic = isPublic
            self.role = role
            self.authoritative = authoritative
        }
    }

    /// An annex (OParl `File` in `auxiliaryFile`).
    public struct AnnexFile: Sendable, Hashable {
        /// The annex's title as the Anlagen list shows it.
        public var name: String
        /// Where the file is, resolved against the data file's folder.
        public var fileURL: URL
        public var date: CivilDate?
        /// How the annex goes out with the submission.
        public var mode: AnnexMode
        /// For a merged annex: whether it keeps its own page layout, headers and footers (the
        /// default) or flows on the submission's.
        public var keepsOwnPageLayout: Bool
        /// Whether the annex may be published; a non-public annex stays out of public packets.
        public var isPublic: Bool
        public init(name: String, fileURL: URL, date: CivilDate? = nil, mode: AnnexMode = .merge, keepsOwnPageLayout: Bool = true, isPublic: Bool = true) {
            self.name = name
            self.fileURL = fileURL
            self.date = date
            self.mode = mode
            self.keepsOwnPageLayout = keepsOwnPageLayout
            self.isPublic = isPublic
        }
    }

    /// How an annex goes out with its submission.
    public enum AnnexMode: String, Sendable, Hashable, CaseIterable {
        /// Attached into the submission's .odt after its body (ODF annexes only; their default).
        case merge
        /// Written next to the submission as a file of its own, stamped with its number
        /// (ODF annexes); copied byte for byte (PDF annexes, their default).
        case separate
        /// Only named in the submission's list of annexes.
        case listed
    }
}
