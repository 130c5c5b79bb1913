
/// A value that goes into a ``Spool`` as bytes and comes back equal.
///
/// The format is the spool's own and lives only as long as a run: fields in a fixed order,
/// integers as variable-length numbers, text as its length and its UTF-8 bytes. It is never
/// read by another version of the tool, so it has no version of its own.
public protocol SpoolRecord {
    func write(to writer: inout SpoolWriter)
    init(from reader: inout SpoolReader)
}

/// Writes the fields of spool records one after the other.
public struct SpoolWriter {
    public private(set) var bytes: [UInt8] = []

    public init() {
        bytes.reserveCapacity(512)
    }

    public mutating func write(_ value: Int) {
        // Zigzag, so that small negative numbers stay short too.
        var rest = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func write(_ value: some SpoolRecord) {
        value.write(to: &self)
    }

    public mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write<Record: SpoolRecord>(_ value: Record?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write(_ values: [String]) {
        write(values.count)
        for value in values { write(value) }
    }

    public mutating func write<Record: SpoolRecord>(_ values: [Record]) {
        write(values.count)
        for value in values { write(value) }
    }
}

/// Reads the fields of spool records in the order they were written.
///
/// The bytes were written by this process moments before, so bytes that do not fit are a
/// programming error, not bad input: reading stops the process with a precondition failure.
public struct SpoolReader {
    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte was read.
    public var isAtEnd: Bool { position == bytes.count }

    public mutating func read(_: Int.Type = Int.self) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
            precondition(shift < 64, "Zwischendaten sind beschädigt.")
        }
        return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1))
    }

    public mutating func read(_: Bool.Type = Bool.self) -> Bool {
        defer { position += 1 }
        return bytes[position] != 0
    }

    public mutating func read(_: String.Type = String.self) -> String {
        let count = read(Int.self)
        defer { position += count }
        return String(decoding: bytes[position..<position + count], as: UTF8.self)
    }

    public mutating func read<Record: SpoolRecord>(_: Record.Type = Record.self) -> Record {
        Record(from: &self)
    }

    public mutating func read(_: String?.Type = String?.self) -> String? {
        read(Bool.self) ? read(String.self) : nil
    }

    public mutating func read(_: Int?.Type = Int?.self) -> Int? {
        read(Bool.self) ? read(Int.self) : nil
    }

    public mutating func read<Record: SpoolRecord>(_: Record?.Type = Record?.self) -> Record? {
        read(Bool.self) ? Record(from: &self) : nil
    }

    public mutating func read(_: [String].Type = [String].self) -> [String] {
        (0..<read(Int.self)).map { _ in read(String.self) }
    }

    public mutating func read<Record: SpoolRecord>(_: [Record].Type = [Record].self) -> [Record] {
        (0..<read(Int.self)).map { _ in Record(from: &self) }
    }
}
