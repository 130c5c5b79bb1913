/// A problem with an ODF package or one of its XML parts, naming the file, the part and what to do.
///
/// Errors carry a ``Code`` so callers and tests can tell problems apart without parsing messages,
/// and a location (file, part, line) so a council clerk can find the cause.
public struct ODFError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; a growable set of named values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let unreadableFile = Code("unreadable-file")
        public static let notAZip = Code("not-a-zip")
        public static let corruptZip = Code("corrupt-zip")
        public static let notODF = Code("not-odf")
        public static let encrypted = Code("encrypted")
        public static let unsafeEntryName = Code("unsafe-entry-name")
        public static let duplicateEntry = Code("duplicate-entry")
        public static let limitExceeded = Code("limit-exceeded")
        public static let malformedXML = Code("malformed-xml")
        public static let forbiddenMarkup = Code("forbidden-markup")
        public static let missingPart = Code("missing-part")
        public static let writeFailed = Code("write-failed")
        public static let zipLibrary = Code("zip-library")
    }

    public var code: Code
    /// The package or file on disk the problem was found in, when known.
    public var file: String?
    /// The entry inside the package (`content.xml`, `Pictures/1.png`), when the problem is in one.
    public var part: String?
    /// The line in the part, for XML problems.
    public var line: Int?
    public var message: String
    /// What the reader can do about it.
    public var hint: String?

    public init(
        _ code: Code, file: String? = nil, part: String? = nil, line: Int? = nil,
        _ message: String, hint: String? = nil
    ) {
        self.code = code
        self.file = file
        self.part = part
        self.line = line
        self.message = message
        self.hint = hint
    }

    /// The same error with the file filled in, for layers that learn the file name later.
    public func inFile(_ file: String) -> ODFError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    /// The line a clerk reads: `file [part, Zeile N]: Fehler [code]: message Hinweis: hint`.
    public var description: String {
        var location = file ?? "(im Speicher)"
        if let part { location += " [\(part)" + (line.map { ", Zeile \($0)" } ?? "") + "]" }
        return "\(location): Fehler [\(code.rawValue)]: \(message)" + (hint.map { " Hinweis: \($0)" } ?? "")
    }

    /// The hint for a damaged or odd package.
    public static let resaveHint = "Speichern Sie die Datei in LibreOffice neu."
    /// The hint for an encrypted document.
    public static let savePlainHint = "Speichern Sie das Dokument ohne Passwort, und versuchen Sie es erneut."
}
