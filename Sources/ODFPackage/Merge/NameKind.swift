/// A namespace of names in an ODF document: names are unique within one kind, and a reference
/// of a kind names a definition of the same kind.
///
/// Styles of different families (`paragraph`, `text`, `table-cell` …) are different kinds, as ODF
/// keeps one name space per family.
struct NameKind: Hashable, Comparable, CustomStringConvertible {
    let rawValue: String
    init(_ rawValue: String) { self.rawValue = rawValue }
    var description: String { rawValue }
    static func < (lhs: NameKind, rhs: NameKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// A `style:style` of `family`.
    static func style(_ family: String) -> NameKind { NameKind("style:" + family) }

    // Definitions that live in the style parts.
    static let list = NameKind("list-style")
    static let outline = NameKind("outline-style")
    static let data = NameKind("data-style")
    static let masterPage = NameKind("master-page")
    static let pageLayout = NameKind("page-layout")
    static let presentationPageLayout = NameKind("presentation-page-layout")
    static let font = NameKind("font-face")
    static let gradient = NameKind("gradient")
    static let hatch = NameKind("hatch")
    static let fillImage = NameKind("fill-image")
    static let marker = NameKind("marker")
    static let strokeDash = NameKind("stroke-dash")
    static let opacity = NameKind("opacity")
    static let tableTemplate = NameKind("table-template")

    // Names of things in the body (and in headers and footers).
    static let bookmark = NameKind("bookmark")
    static let referenceMark = NameKind("reference-mark")
    static let section = NameKind("section")
    static let table = NameKind("table")
    static let frame = NameKind("frame")
    static let note = NameKind("note")
    static let sequenceReference = NameKind("sequence-reference")
    /// `xml:id` and the older identifiers that share its value space (`draw:id`, `form:id`,
    /// `text:id` of paragraphs and changed regions).
    static let id = NameKind("id")
    static let indexMark = NameKind("index-mark")
    static let annotation = NameKind("annotation")
    static let form = NameKind("form")

    // Names declared at the start of office:text.
    static let userField = NameKind("user-field")
    static let variable = NameKind("variable")
    static let sequence = NameKind("sequence")
    static let ddeConnection = NameKind("dde-connection")
    static let validation = NameKind("content-validation")

    /// True for the kinds whose definitions are styles of some sort (kept in office:styles,
    /// office:automatic-styles, office:master-styles or office:font-face-decls).
    var isStyle: Bool {
        rawValue.hasPrefix("style:") || Self.styleKinds.contains(self)
    }

    private static let styleKinds: Set<NameKind> = [
        .list, .outline, .data, .masterPage, .pageLayout, .presentationPageLayout, .font, .gradient, .hatch,
        .fillImage, .marker, .strokeDash, .opacity, .tableTemplate,
    ]

    /// The kinds of body names that must stay unique in the merged document.
    static let bodyNames: [NameKind] = [
        .bookmark, .referenceMark, .section, .table, .frame, .note, .sequenceReference, .id, .indexMark,
        .annotation, .form,
    ]

    /// Declared names that are shared when the receiver declares the same name the same way.
    static let declarations: [NameKind] = [.userField, .ddeConnection, .validation]

    /// Declared names that are always shared by name (their values live in formulas).
    static let sharedByName: [NameKind] = [.variable, .sequence]
}
