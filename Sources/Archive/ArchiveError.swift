import Templating

/// Why the build folder could not be read, locked or written, naming the file and what to do.
public struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; a growable set of named values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let writeFailed = Code("write-failed")
        public static let locked = Code("locked")
        public static let unreadableRecord = Code("unreadable-record")
        public static let notReleasable = Code("not-releasable")
    }

    public var code: Code
    public var file: String
    public var message: String
    public var hint: String?

    public init(_ code: Code, file: String, _ message: String, hint: String? = nil) {
        self.code = code
        self.file = file
        self.message = message
        self.hint = hint
    }

    /// The line a clerk reads: `file: Fehler [code]: message Hinweis: hint`.
    public var description: String {
        Phrase.line(location: file, code: code.rawValue, message: message, hint: hint)
    }
}
