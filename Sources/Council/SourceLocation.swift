/// A place in an input file: the file, and the line and column where known.
///
/// Line and column are kept in 32 bits each (-1 when unknown), so a location takes 24 bytes
/// instead of 48: a meeting keeps one for each agenda item.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    private var storedLine: Int32
    private var storedColumn: Int32

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        storedLine = Self.store(line)
        storedColumn = Self.store(column)
    }

    public var line: Int? {
        get { storedLine < 0 ? nil : Int(storedLine) }
        set { storedLine = Self.store(newValue) }
    }

    public var column: Int? {
        get { storedColumn < 0 ? nil : Int(storedColumn) }
        set { storedColumn = Self.store(newValue) }
    }

    private static func store(_ number: Int?) -> Int32 {
        number.map { Int32(clamping: max($0, 0)) } ?? -1
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
