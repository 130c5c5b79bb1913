public import Foundation
import Templating

extension Paper {
    /// Reads a paper from a YAML or JSON file; annex paths are relative to the file's folder.
    ///
    /// The council profile that governs the file's folder (`council.yaml` there or in a parent
    /// folder) declares the extra fields of the paper's type; without one, there are none.
    /// Every problem (unknown or missing key, wrong type, malformed date, missing annex file) is
    /// reported together, each with the file, line and key.
    public init(contentsOf url: URL) throws(InputErrors) {
        try self.init(contentsOf: url, profile: CouncilProfile.governing(url.deletingLastPathComponent()), inMeeting: false)
    }

    /// Reads a paper under a council profile. In a meeting, the agenda item comes from the
    /// meeting's agenda, so the paper need not name one; on its own, it needs `agendaItem` or `name`.
    public init(contentsOf url: URL, profile: CouncilProfile, inMeeting: Bool) throws(InputErrors) {
        let problems = YAMLObject.Problems(file: url.path)
        guard let root = YAMLObject.root(of: url, problems: problems) else { throw InputErrors(problems.errors) }
        let folder = url.deletingLastPathComponent()

        let body = Self.organization(root.object("body"))
        let place = root.string("place")
        let date = root.date("date")
        let office = Self.organization(root.object("underDirectionOf"))
        let paperType = root.string("paperType")
        let reference = root.string("reference")
        let title = root.string("name", required: false)
        let ownItem = root.object("agendaItem", required: false)
        let agendaItem: AgendaItem? = ownItem.flatMap { item in
            defer { item.finish() }
            return item.string("name", required: title == nil).map { AgendaItem(name: $0, number: item.string("number", required: false)) }
                ?? title.map { AgendaItem(name: $0, number: item.string("number", required: false)) }
        } ?? title.map { AgendaItem(name: $0) }
        if ownItem == nil, title == nil, problems.locations["agendaItem"] == nil {
            problems.errors.append(InputError(.missingKey, at: root.location, key: "name", Phrase.missing("name"),
                                              hint: inMeeting ? "Ergänzen Sie den Titel der Vorlage als „name: …“." : "Ergänzen Sie den Titel der Vorlage als „name: …“ oder den Tagesordnungspunkt als „agendaItem:“ mit seinem Namen."))
        }
        let superordinated = root.string("superordinatedPaper", required: false)
        let originator = root.object("originatorOrganization", required: false).flatMap { Self.organization($0) }
        let consultations = root.list("consultation").compactMap { item -> Consultation? in
            defer { item.finish() }
            let organization = item.string("organization")
            let meetingDate = item.date("meetingDate")
            let isPublic = item.bool("public")
            let role = item.string("role", required: false)
            let authoritative = item.bool("authoritative", required: false, default: false)
            guard let organization, let meetingDate, let isPublic, let authoritative else { return nil }
            return Consultation(organization: organization, meetingDate: meetingDate, isPublic: isPublic, role: role, authoritative: authoritative)
        }
        let sachverhalt = root.string("sachverhalt")
        let beschlussempfehlung = root.string("beschlussempfehlung")
        let annexes = root.list("auxiliaryFile", required: false).compactMap { item -> AnnexFile? in
            defer { item.finish() }
            let name = item.string("name")
            let fileName = item.string("fileName")
            let date = item.date("date", required: false)
            var mode: AnnexMode?
            if let text = item.string("mode", required: false) {
                mode = AnnexMode(rawValue: text)
                if mode == nil {
                    let mark = item.mark(of: "mode")
                    problems.errors.append(InputError(.wrongValue, file: url.path, line: mark?.line, column: mark?.column, key: item.keyPath("mode"),
                                                      Phrase.notAllowed(text, for: "mode"), hint: Phrase.allowedValues(AnnexMode.allCases.map(\.rawValue), given: text)))
                }
            }
            var keepsOwnPageLayout = true
            if let layout = item.string("pageLayout", required: false) {
                switch layout {
                case "own": keepsOwnPageLayout = true
                case "submission": keepsOwnPageLayout = false
                default:
                    let mark = item.mark(of: "pageLayout")
                    problems.errors.append(InputError(.wrongValue, file: url.path, line: mark?.line, column: mark?.column, key: item.keyPath("pageLayout"),
                                                      Phrase.notAllowed(layout, for: "pageLayout"),
                                                      hint: "Schreiben Sie einen dieser Werte: own (Seitenformat, Kopf- und Fußzeilen der Anlage), submission (die der Vorlage)."))
                }
            }
            guard let name, let fileName else { return nil }
            let fileURL = URL(fileURLWithPath: fileName, relativeTo: folder).standardizedFileURL
            if !FileManager.default.isReadableFile(atPath: fileURL.path) {
                let mark = item.mark(of: "fileName")
                problems.errors.append(InputError(.missingAnnex, file: url.path, line: mark?.line, column: mark?.column, key: item.keyPath("fileName"),
                                                  "Die Anlage „\(name)“ verweist auf \(fileURL.path); diese Datei gibt es nicht, oder sie kann nicht gelesen werden.",
                                                  hint: "Pfade gelten relativ zum Ordner von \(url.lastPathComponent)."))
            }
            let isPDF = fileURL.pathExtension.lowercased() == "pdf"
            if isPDF, mode == .merge {
                let mark = item.mark(of: "mode")
                problems.errors.append(InputError(.wrongValue, file: url.path, line: mark?.line, column: mark?.column, key: item.keyPath("mode"),
                                                  Self.pdfNotMergeable(name), hint: Self.pdfNotMergeableHint))
            }
            let isPublic = item.bool("public", required: false, default: true) ?? true
            return AnnexFile(name: name, fileURL: fileURL, date: date, mode: mode ?? (isPDF ? .separate : .merge), keepsOwnPageLayout: keepsOwnPageLayout,
                             isPublic: isPublic)
        }
        var extraFields = Value.OrderedMap()
        if let paperType {
            if !profile.paperTypes.isEmpty, profile.paperType(paperType) == nil, let location = problems.locations["paperType"] {
                let known = profile.paperTypes.map(\.name)
                problems.errors.append(InputError(.wrongValue, at: location, key: "paperType", Phrase.notAllowed(paperType, for: "paperType"),
                                                  hint: Phrase.allowedValues(known, given: paperType)))
            }
            for field in profile.fields(of: paperType) {
                if let value = root.value(of: field) { extraFields[field.name] = value }
            }
            for name in profile.allFieldNames where extraFields[name] == nil && profile.fields(of: paperType).allSatisfy({ $0.name != name }) {
                extraFields[name] = .null
            }
        }
        root.finish()

        guard problems.errors.isEmpty, let body, let place, let date, let office, let paperType, let reference,
              let agendaItem, let sachverhalt, let beschlussempfehlung else {
            throw InputErrors(problems.errors)
        }
        self.init(body: body, place: place, date: date, underDirectionOf: office, paperType: paperType, reference: reference,
                  agendaItem: agendaItem, consultations: consultations, sachverhalt: sachverhalt,
                  beschlussempfehlung: beschlussempfehlung, auxiliaryFiles: annexes, name: title, extraFields: extraFields,
                  superordinatedPaper: superordinated, originatorOrganization: originator, hasOwnAgendaItem: ownItem != nil,
                  source: SourceLocation(file: url.path), locations: problems.locations)
    }

    /// A PDF annex marked to be merged into the .odt, found by its name or by its content.
    public static func pdfNotMergeable(_ name: String) -> String {
        "Die PDF-Anlage „\(name)“ kann nicht in die Vorlage (.odt) eingefügt werden."
    }

    /// What to write instead of `mode: merge` for a PDF annex.
    public static let pdfNotMergeableHint =
        "Schreiben Sie „mode: separate“ (die Anlage wird neben die Vorlage kopiert und in der Sitzungsmappe als PDF angefügt) oder „mode: listed“."

    /// The reference a paper file names, read without checking anything else: to tell which
    /// paper an agenda item means even when the file has other problems.
    public static func peekReference(in url: URL) -> String? {
        let problems = YAMLObject.Problems(file: url.path)
        return YAMLObject.root(of: url, problems: problems)?.peek("reference")
    }

    private static func organization(_ object: YAMLObject?) -> Organization? {
        guard let object else { return nil }
        defer { object.finish() }
        let name = object.string("name")
        let shortName = object.string("shortName", required: false)
        return name.map { Organization(name: $0, shortName: shortName) }
    }
}
