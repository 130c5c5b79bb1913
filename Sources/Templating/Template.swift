public import Foundation
public import ODFPackage

/// A template compiled once and then filled for any number of documents.
///
/// Compiling reads the template's body (content.xml) and its headers and footers (styles.xml),
/// finds every `{{ … }}` marker over the whole text of its paragraph, whatever spans LibreOffice
/// put inside, and replaces it with a placeholder; each block is bound to the structure its two
/// ends enclose (a table row, a run of paragraphs, or text inside one paragraph). Filling works on
/// a copy, so the compiled template is never read again from disk or changed.
///
/// A template holds libxml2 documents and is therefore not `Sendable`.
public final class Template {
    /// The template's name for messages (its file name).
    public let name: String
    let document: ODFDocument
    /// Every marker found, indexed by the id its placeholder carries.
    var markers: [MarkerRecord] = []
    /// Names of user fields (`text:user-field-decl`) that read as data paths.
    var userFields: [String] = []
    /// The prepared bytes that ``fill(_:documents:metadata:mediaType:)`` appends; made on first use.
    var fillPlan: FillPlan??

    /// The parts whose paragraphs hold markers: the body, and headers and footers.
    static let parts = ["content.xml", "styles.xml"]
    /// Every part a filled document may differ in.
    static let filledParts = ["content.xml", "styles.xml", "meta.xml"]
    /// The namespace of placeholders; none is left in a filled document.
    static let namespace = "urn:x-vorlage:template"

    /// A marker with where it was found.
    struct MarkerRecord {
        var marker: Marker
        var part: String
        var context: String
    }

    /// The package types a template may have: a text document or a text template.
    static let mediaTypes: Set<String> = [ODFDocument.textMediaType, ODFDocument.templateMediaType]

    /// Problems found while compiling, kept instead of thrown by ``init(inspecting:name:)``.
    var compileProblems: [TemplateError] = []

    /// Compiles as far as possible and keeps every problem in ``compileProblems``, so a check can
    /// go on to the paths of a template whose blocks are broken.
    init(inspecting document: ODFDocument, name: String) {
        self.name = name
        self.document = document.copy()
        if !Self.mediaTypes.contains(document.mediaType) {
            compileProblems = [TemplateError(.notATextDocument, template: name, "Die Datei ist ein ODF-Dokument vom Typ \(document.mediaType), kein Textdokument.",
                                             hint: "Erstellen Sie die Dokumentvorlage mit LibreOffice Writer, und speichern Sie sie als .odt, .ott oder .fodt.")]
            return
        }
        do {
            try compile()
        } catch {
            compileProblems = error.errors
        }
    }

    /// Compiles a package already opened; a package of another ODF type (a spreadsheet, a
    /// drawing) is refused. Every problem of the template is thrown together.
    public convenience init(document: ODFDocument, name: String) throws(TemplateErrors) {
        self.init(inspecting: document, name: name)
        if !compileProblems.isEmpty { throw TemplateErrors(compileProblems) }
    }

    /// Opens and compiles the template at `url` (.odt, .ott or .fodt).
    public convenience init(contentsOf url: URL) throws(TemplateErrors) {
        let document: ODFDocument
        do {
            document = try ODFDocument(contentsOf: url)
        } catch {
            throw TemplateErrors([TemplateError(error, template: url.path)])
        }
        try self.init(document: document, name: url.path)
    }

    /// The data paths the template uses, in order of first use.
    public var dataPaths: [String] {
        var seen: [String] = []
        for record in markers {
            for text in record.marker.paths.map(\.description) where !seen.contains(text) { seen.append(text) }
        }
        return seen
    }

    func error(_ code: TemplateError.Code, _ record: MarkerRecord, path: String? = nil, _ message: String, hint: String? = nil) -> TemplateError {
        TemplateError(code, template: name, part: record.part, context: record.context, marker: record.marker.raw, path: path, message, hint: hint)
    }
}

@available(*, unavailable, message: "a template holds libxml2 documents; compile one per task")
extension Template: Sendable {}
