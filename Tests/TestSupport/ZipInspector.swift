public import Foundation

/// Reads a zip's local headers and central directory straight from the bytes, independently of
/// libzip, so tests can check what was really written.
public struct ZipInspector {
    /// One entry as its local header and central directory record describe it.
    public struct Entry: Sendable {
        public var name: String
        public var method: UInt16
        public var localExtraLength: Int
        public var centralExtraLength: Int
        public var flags: UInt16
        public var dosTime: UInt16
        public var dosDate: UInt16
        public var dataOffset: Int
        public var compressedSize: Int
    }

    public var entries: [Entry] = []

    public init(_ data: Data) throws {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { Int(u16(at)) | Int(u16(at + 2)) << 16 }
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4B50 }) else {
            throw InspectorError("no end of central directory")
        }
        let count = Int(u16(end + 10))
        var at = u32(end + 16)
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50 else { throw InspectorError("bad central directory record") }
            let nameLength = Int(u16(at + 28)), extra = Int(u16(at + 30)), comment = Int(u16(at + 32))
            let local = u32(at + 42)
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            guard u32(local) == 0x0403_4B50 else { throw InspectorError("bad local header for \(name)") }
            let localName = Int(u16(local + 26)), localExtra = Int(u16(local + 28))
            entries.append(Entry(
                name: name, method: u16(at + 10), localExtraLength: localExtra, centralExtraLength: extra,
                flags: u16(at + 8), dosTime: u16(at + 12), dosDate: u16(at + 14),
                dataOffset: local + 30 + localName + localExtra, compressedSize: u32(at + 20)))
            at += 46 + nameLength + extra + comment
        }
    }

    struct InspectorError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
