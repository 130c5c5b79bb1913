import Templating

/// Why a JSON document could not be read as template data, naming the file and the place.
public struct JSONDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; a growable set of named values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The bytes are not JSON.
        public static let invalidJSON = Code("invalid-json")
        /// The parser could not get the memory it needs.
        public static let outOfMemory = Code("out-of-memory")
    }

    public var code: Code
    /// The file (or other source) the bytes came from, as the caller named it.
    public var source: String
    /// The line and column (both from 1, the column in characters) where parsing stopped, when known.
    public var line: Int?
    public var column: Int?
    public var message: String
    public var hint: String?

    public init(_ code: Code, source: String, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) {
        self.code = code
        self.source = source
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// The line a reader sees: `source:line:column: Fehler [code]: message Hinweis: hint`.
    public var description: String {
        let place = [line, column].compactMap { $0 }.map(String.init).joined(separator: ":")
        return Phrase.line(location: place.isEmpty ? source : "\(source):\(place)", code: code.rawValue, message: message, hint: hint)
    }
}
