public import Foundation
public import Templating

/// What a council declares once for all its meetings: the body, the legislative term, how papers
/// are numbered, the deadlines of its rules of procedure, its templates and the extra fields its
/// paper types carry (`council.yaml`).
public struct CouncilProfile: Sendable, Hashable {
    /// The body (OParl `Body`): „Rhein-Kreis Neuss“, its short name and its 8-digit key (AGS).
    public var body: Body
    /// The legislative term (OParl `LegislativeTerm`), such as „XV“.
    public var legislativeTerm: LegislativeTerm?
    /// Where the OParl ids and access URLs in `manifest.json` start.
    public var baseURL: String
    /// The numbering scheme of references, such as `{office}/{serial}/{term}/{year}`; nil accepts any.
    public var referencePattern: ReferencePattern?
    /// What a supplement (Ergänzungsvorlage) appends to its original's reference, such as `-{n}`.
    public var supplementSuffix: String
    /// Calendar days between the invitation and the meeting (Ladungsfrist).
    public var invitationDays: Int
    /// Calendar days before the meeting by which a late paper must be dated to be a Nachtrag;
    /// later ones are Tischvorlagen.
    public var lateDays: Int
    /// The invitation's template.
    public var invitationTemplate: URL
    /// Every paper type the council uses; empty accepts any type with the default template.
    public var paperTypes: [PaperType]
    /// The template for a paper type that the profile does not name.
    public var defaultPaperTemplate: URL
    /// The file the profile was read from; nil for the built-in defaults.
    public var source: URL?
    /// The council's wording of stamps and property labels.
    public var wording: Wording = Wording()

    /// The body a profile describes (OParl `Body`).
    public struct Body: Sendable, Hashable {
        public var name: String
        public var shortName: String?
        /// The Amtlicher Gemeindeschlüssel, 8 digits.
        public var ags: String?
        public init(name: String, shortName: String? = nil, ags: String? = nil) {
            self.name = name
            self.shortName = shortName
            self.ags = ags
        }
    }

    /// A legislative term (OParl `LegislativeTerm`).
    public struct LegislativeTerm: Sendable, Hashable {
        public var name: String
        public var startDate: CivilDate?
        public var endDate: CivilDate?
        public init(name: String, startDate: CivilDate? = nil, endDate: CivilDate? = nil) {
            self.name = name
            self.startDate = startDate
            self.endDate = endDate
        }
    }

    /// A paper type with its template and extra fields.
    public struct PaperType: Sendable, Hashable {
        public var name: String
        public var template: URL
        public var fields: [FieldSpec]
        /// A numbering scheme of its own (party groups' motions often have one).
        public var referencePattern: ReferencePattern?
        public init(name: String, template: URL, fields: [FieldSpec] = [], referencePattern: ReferencePattern? = nil) {
            self.name = name
            self.template = template
            self.fields = fields
            self.referencePattern = referencePattern
        }
    }

    /// The file names a profile may have, in the order they are looked for.
    public static let fileNames = ["council.yaml", "council.yml", "council.json"]

    /// The defaults when no profile is found: no extra fields, any reference, the templates in
    /// `templates/` of the working folder, deadlines of 6 and 3 days.
    public static func defaults(templates: URL = URL(fileURLWithPath: "templates")) -> CouncilProfile {
        CouncilProfile(
            body: Body(name: ""), legislativeTerm: nil, baseURL: defaultBaseURL, referencePattern: nil,
            supplementSuffix: "-{n}", invitationDays: 6, lateDays: 3,
            invitationTemplate: templates.appendingPathComponent("einladung.fodt"),
            paperTypes: [], defaultPaperTemplate: templates.appendingPathComponent("sitzungsvorlage.fodt"), source: nil)
    }

    /// Where ids point when the profile names no base URL: a reserved name that resolves nowhere,
    /// so nobody mistakes it for a published address.
    public static let defaultBaseURL = "https://oparl.example.invalid/vorlage"

    public init(body: Body, legislativeTerm: LegislativeTerm?, baseURL: String, referencePattern: ReferencePattern?,
                supplementSuffix: String, invitationDays: Int, lateDays: Int, invitationTemplate: URL,
                paperTypes: [PaperType], defaultPaperTemplate: URL, source: URL?) {
        self.body = body
        self.legislativeTerm = legislativeTerm
        self.baseURL = baseURL
        self.referencePattern = referencePattern
        self.supplementSuffix = supplementSuffix
        self.invitationDays = invitationDays
        self.lateDays = lateDays
        self.invitationTemplate = invitationTemplate
        self.paperTypes = paperTypes
        self.defaultPaperTemplate = defaultPaperTemplate
        self.source = source
    }

    /// The declaration of a paper type, when the profile names it.
    public func paperType(_ name: String) -> PaperType? {
        paperTypes.first { $0.name == name }
    }

    /// The extra fields papers of a type carry.
    public func fields(of paperType: String) -> [FieldSpec] {
        self.paperType(paperType)?.fields ?? []
    }

    /// The names of the extra fields of every paper type, in order of declaration: a template
    /// shared by several types sees those of the other types as empty.
    public var allFieldNames: [String] {
        var names: [String] = []
        for name in paperTypes.flatMap({ $0.fields.map(\.name) }) where !names.contains(name) { names.append(name) }
        return names
    }

    /// The template a paper of this type is rendered with.
    public func template(of paperType: String) -> URL {
        self.paperType(paperType)?.template ?? defaultPaperTemplate
    }

    /// The numbering scheme that applies to a paper type.
    public func referencePattern(of paperType: String) -> ReferencePattern? {
        self.paperType(paperType)?.referencePattern ?? referencePattern
    }
}
