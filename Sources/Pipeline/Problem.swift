public import Archive
public import Council
public import Conversion
import Foundation
public import ODFPackage
public import PDFPackage
public import Templating

/// One problem a clerk meets, whatever layer found it: its stable code, where it is, what is
/// wrong and what to do; printed as one line and given to programs as one JSON object.
///
/// The printed line is the source error's own ``description``, so a problem reads the same in
/// `vorlage render`, `vorlage build`, `vorlage check` and their `--format json`.
public struct Problem: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// The stable code (`missing-key`, `unknown-path`, `not-a-zip`, `locked` …), kebab-case.
    public var code: String
    public var severity: Severity
    /// The file the problem is in, when known.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// In data files: the key as a dotted path (`consultation[0].meetingDate`).
    public var key: String?
    /// In templates: body, header/footer or document properties; in packages: the part.
    public var place: String?
    /// In templates: the marker as typed.
    public var marker: String?
    /// In templates: the data path the marker reads.
    public var path: String?
    public var message: String
    public var hint: String?
    /// The line a clerk reads.
    public var description: String

    public init(code: String, severity: Severity = .error, file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil,
                place: String? = nil, marker: String? = nil, path: String? = nil, message: String, hint: String? = nil, description: String? = nil) {
        self.code = code
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.place = place
        self.marker = marker
        self.path = path
        self.message = message
        self.hint = hint
        self.description = description ?? Phrase.line(location: file ?? "vorlage", warning: severity == .warning, code: code, message: message, hint: hint)
    }

    public init(_ error: InputError) {
        self.init(code: error.code.rawValue, severity: error.severity == .warning ? .warning : .error, file: error.file, line: error.line,
                  column: error.column, key: error.key, message: error.message, hint: error.hint, description: error.description)
    }

    public init(_ error: TemplateError) {
        self.init(code: error.code.rawValue, file: error.template, place: TemplateError.placeName(error.part), marker: error.marker, path: error.path,
                  message: error.message, hint: error.hint, description: error.description)
    }

    public init(_ error: ODFError) {
        self.init(code: error.code.rawValue, file: error.file, line: error.line, place: error.part, message: error.message, hint: error.hint,
                  description: error.description)
    }

    public init(_ error: ArchiveError) {
        self.init(code: error.code.rawValue, file: error.file, message: error.message, hint: error.hint, description: error.description)
    }

    public init(_ problem: AnnexProblem) {
        self.init(code: problem.code, file: problem.file, message: problem.message, hint: problem.hint, description: problem.description)
    }

    public init(_ error: ConversionError) {
        self.init(code: error.code.rawValue, file: error.file, message: error.message, hint: error.hint, description: error.description)
    }

    public init(_ error: PDFError) {
        self.init(code: error.code.rawValue, file: error.file, message: error.message + (error.qpdfMessage.map { " (qpdf: \($0))" } ?? ""),
                  hint: error.hint, description: error.description)
    }

    /// Any error of the layers below, as a problem.
    public init(_ error: any Error) {
        switch error {
        case let error as InputError: self.init(error)
        case let error as TemplateError: self.init(error)
        case let error as ODFError: self.init(error)
        case let error as ArchiveError: self.init(error)
        case let error as AnnexProblem: self.init(error)
        case let error as ConversionError: self.init(error)
        case let error as PDFError: self.init(error)
        case let error as Problem: self = error
        default: self.init(code: "internal", message: "Unerwarteter Fehler: \(error).", hint: "Bitte melden Sie diesen Fehler den Entwicklern von vorlage.")
        }
    }

    /// A problem read back from its printed line, as a build's failures record it: the code and
    /// the place (`file:line:column (key)`) are taken apart, the rest stays the message.
    public init(line text: String) {
        let severity: Severity
        guard let range = text.range(of: ": Fehler [") ?? text.range(of: ": Warnung ["),
              let close = text[range.upperBound...].range(of: "]: ") else {
            self.init(code: "unknown", message: text, description: text)
            return
        }
        severity = text[range].contains("Warnung") ? .warning : .error
        let code = String(text[range.upperBound..<close.lowerBound])
        var rest = String(text[close.upperBound...])
        var hint: String?
        if let split = rest.range(of: " Hinweis: ") {
            hint = String(rest[split.upperBound...])
            rest = String(rest[..<split.lowerBound])
        }
        var location = String(text[..<range.lowerBound])
        var key: String?
        if location.hasSuffix(")"), let open = location.range(of: " (", options: .backwards) {
            key = String(location[open.upperBound..<location.index(before: location.endIndex)])
            location = String(location[..<open.lowerBound])
        }
        var numbers: [Int] = []
        while let colon = location.lastIndex(of: ":"), let number = Int(location[location.index(after: colon)...]), numbers.count < 2 {
            numbers.insert(number, at: 0)
            location = String(location[..<colon])
        }
        self.init(code: code, severity: severity, file: location, line: numbers.first, column: numbers.count > 1 ? numbers[1] : nil, key: key,
                  message: rest, hint: hint, description: text)
    }

    /// The problem as a JSON object: every field, absent ones as null, for programs that drive the tool.
    public var jsonObject: [String: Any] {
        func value(_ optional: Any?) -> Any { optional ?? NSNull() }
        return [
            "code": code, "severity": severity.rawValue, "file": value(file), "line": value(line), "column": value(column),
            "key": value(key), "place": value(place), "marker": value(marker), "path": value(path),
            "message": message, "hint": value(hint), "text": description,
        ]
    }
}

extension Problem: Error {}
