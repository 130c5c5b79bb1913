import Foundation
public import ODFPackage

/// One problem of a template or of the data it is filled with, located for a template author.
///
/// It names the template file and part (`content.xml`, `styles.xml` for headers and footers), the
/// text around the marker, the marker as typed, and the data path.
public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; a growable set of named values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let syntax = Code("syntax")
        public static let unclosedMarker = Code("unclosed-marker")
        public static let interruptedMarker = Code("interrupted-marker")
        public static let unbalancedBlock = Code("unbalanced-block")
        public static let crossingBlock = Code("crossing-block")
        public static let unknownPath = Code("unknown-path")
        public static let notAList = Code("not-a-list")
        public static let wrongValue = Code("wrong-value")
        public static let forbiddenCharacter = Code("forbidden-character")
        public static let unsupported = Code("unsupported")
        public static let package = Code("package")
        public static let notATextDocument = Code("not-a-text-document")
    }

    public var code: Code
    public var template: String
    public var part: String?
    /// The paragraph's text around the marker, as the author sees it in LibreOffice.
    public var context: String?
    public var marker: String?
    public var path: String?
    public var message: String
    public var hint: String?

    public init(_ code: Code, template: String, part: String? = nil, context: String? = nil, marker: String? = nil,
                path: String? = nil, _ message: String, hint: String? = nil) {
        self.code = code
        self.template = template
        self.part = part
        self.context = context
        self.marker = marker
        self.path = path
        self.message = message
        self.hint = hint
    }

    /// Where in the document the part is, in the words of a LibreOffice user.
    public static func placeName(_ part: String?) -> String? {
        switch part {
        case "content.xml": "Textkörper"
        case "styles.xml": "Kopf-/Fußzeile"
        case "meta.xml": "Dokumenteigenschaften"
        case let other?: other
        case nil: nil
        }
    }

    /// The line a clerk reads: `template (place), Platzhalter {{ … }} im Absatz „…“: Fehler [code]: message Hinweis: hint`.
    public var description: String {
        var location = template
        if let place = Self.placeName(part) { location += " (\(place))" }
        if let marker { location += ", Platzhalter \(marker)" }
        if let context { location += " im Absatz „\(Self.shortened(context))“" }
        return Phrase.line(location: location, code: code.rawValue, message: message, hint: hint)
    }

    /// A problem of the template's package, keeping the package layer's code (`not-a-zip`, `malformed-xml` …).
    public init(_ error: ODFError, template: String, part: String? = nil) {
        self.init(Code(error.code.rawValue), template: template, part: part ?? error.part, error.message, hint: error.hint)
    }

    static func shortened(_ text: String, limit: Int = 80) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }
}

/// Every problem found in one template and its data, reported together before anything is written.
public struct TemplateErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [TemplateError]

    public init(_ errors: [TemplateError]) { self.errors = errors }

    public var description: String {
        let heading = errors.count == 1 ? "1 Problem" : "\(errors.count) Probleme"
        return ([heading + ":"] + errors.map { "- \($0)" }).joined(separator: "\n")
    }
}
