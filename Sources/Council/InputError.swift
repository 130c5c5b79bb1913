import Templating

/// A problem in the input data, naming the file, the line and the key, and what to do.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; a growable set of named values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let unreadableFile = Code("unreadable-file")
        public static let syntax = Code("syntax")
        public static let unknownKey = Code("unknown-key")
        public static let missingKey = Code("missing-key")
        public static let wrongType = Code("wrong-type")
        public static let malformedDate = Code("malformed-date")
        public static let missingAnnex = Code("missing-annex")
        public static let wrongValue = Code("wrong-value")
        public static let unknownPaper = Code("unknown-paper")
        public static let paperNotOnAgenda = Code("paper-not-on-agenda")
        public static let duplicateReference = Code("duplicate-reference")
        public static let referencePattern = Code("reference-pattern")
        public static let noConsultation = Code("no-consultation")
        public static let nonPublicOnPublicItem = Code("non-public-on-public-item")
        public static let invitationTooLate = Code("invitation-too-late")
        public static let lateNotMarked = Code("late-not-marked")
        public static let annexUsedTwice = Code("annex-used-twice")
    }

    /// Whether the problem stops the work (an error) or is only pointed out (a warning).
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var column: Int?
    /// The key as a dotted path (`consultation[0].meetingDate`).
    public var key: String?
    public var message: String
    public var hint: String?
    public var severity: Severity

    public init(_ code: Code, file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, _ message: String, hint: String? = nil,
                severity: Severity = .error) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
        self.hint = hint
        self.severity = severity
    }

    /// The line a clerk reads: `file:line:column (key): Fehler [code]: message Hinweis: hint`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        if let key { location += " (\(key))" }
        return Phrase.line(location: location, warning: severity == .warning, code: code.rawValue, message: message, hint: hint)
    }
}

/// Every problem found in one input file, reported together.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
