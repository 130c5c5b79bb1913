/// A place in an input file: the file, and the line and column where known.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        guard let line else { return file }
        return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
    }
}

extension InputError {
    /// A problem at a location.
    public init(_ code: Code, at location: SourceLocation, key: String? = nil, _ message: String, hint: String? = nil, severity: Severity = .error) {
        self.init(code, file: location.file, line: location.line, column: location.column, key: key, message, hint: hint, severity: severity)
    }

    /// Where the problem is.
    public var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }
}
