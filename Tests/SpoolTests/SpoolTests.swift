@testable import Spool
import Dispatch
import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The spool's file and its record format: numbers and text come back equal, from several
/// threads, the file has no name, and records the disk refuses are kept in memory.
@Suite struct SpoolTests {
    @Test func numbersKeepTheirValueAcrossTheWholeRange() throws {
        let values = [0, 1, -1, 63, -64, 64, 127, 128, 300, -300, 1 << 31, Int(Int32.min), Int.max, Int.min]
        var writer = SpoolWriter()
        for value in values { writer.write(value) }
        writer.write(Int?.none)
        writer.write(Int?.some(-7))
        var reader = SpoolReader(writer.bytes)
        #expect(values.map { _ in reader.read(Int.self) } == values)
        #expect(reader.read(Int?.self) == nil)
        #expect(reader.read(Int?.self) == -7)
        #expect(reader.isAtEnd)
    }

    /// A record of two fields, for the typed calls.
    struct Entry: SpoolRecord, Equatable {
        var number: Int
        var title: String?
        init(number: Int, title: String?) {
            self.number = number
            self.title = title
        }
        init(from reader: inout SpoolReader) {
            number = reader.read()
            title = reader.read()
        }
        func write(to writer: inout SpoolWriter) {
            writer.write(number)
            writer.write(title)
        }
    }

    @Test func typedRecordsComeBackEqualWithOrWithoutADecoder() throws {
        let temporary = TemporaryFolder()
        let spool = try Spool(in: temporary.url, temporarySuffix: ".tmp")
        let entries = [Entry(number: 7, title: "Kreistag"), Entry(number: -1, title: nil), Entry(number: 1 << 40, title: "")]
        let places = entries.map { spool.append($0) }
        #expect(places.map { spool.read(Entry.self, at: $0) } == entries)
        // The decoder may bring what the record does not hold, as a paper file its folder.
        let suffixed = places.map { place in
            spool.read(at: place) { reader in Entry(number: reader.read() + 1, title: reader.read(String?.self).map { $0 + "!" }) }
        }
        #expect(suffixed == [Entry(number: 8, title: "Kreistag!"), Entry(number: 0, title: nil), Entry(number: (1 << 40) + 1, title: "!")])
        // Fields written one by one read back as the record they make up.
        let written = spool.append { writer in
            writer.write(3)
            writer.write(String?.some("Ausschuss"))
        }
        #expect(spool.read(Entry.self, at: written) == Entry(number: 3, title: "Ausschuss"))
    }

    @Test func recordsAppendedFromSeveralThreadsStayApart() throws {
        let temporary = TemporaryFolder()
        let spool = try Spool(in: temporary.url, temporarySuffix: ".tmp")
        let count = 2_000
        let places = UnsafeSendableBox([Spool.Place?](repeating: nil, count: count))
        DispatchQueue.concurrentPerform(iterations: count) { index in
            var writer = SpoolWriter()
            writer.write("Vorlage \(index) " + String(repeating: "x", count: index % 97))
            let place = spool.append(writer.bytes)
            places.lock.withLock { places.value[index] = place }
        }
        for (index, place) in places.value.enumerated() {
            var reader = SpoolReader(spool.read(try #require(place)))
            #expect(reader.read(String.self) == "Vorlage \(index) " + String(repeating: "x", count: index % 97))
        }
    }

    @Test func theSpoolFileHasNoNameInTheFolder() throws {
        let temporary = TemporaryFolder()
        let folder = temporary.url.appendingPathComponent(".vorlage")
        let spool = try Spool(in: folder, temporarySuffix: ".tmp")
        _ = spool.append(Array("Sitzungsvorlage".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "the file is unlinked as soon as it is open")
        #expect(spool.read(spool.append(Array("Anlage".utf8))) == Array("Anlage".utf8))
    }

    @Test func recordsTheDiskRefusesAreKeptInMemoryAndComeBackEqual() throws {
        let temporary = TemporaryFolder()
        let file = temporary.file("nur-lesen")
        try Data().write(to: file)
        // A descriptor opened for reading only: every write to it fails, as on a full disk.
        let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
        try #require(descriptor >= 0)
        let spool = Spool(descriptor: descriptor)
        let records = (0..<50).map { "Vorlage \($0): " + String(repeating: "ä", count: $0) }
        let places = records.map { record in
            var writer = SpoolWriter()
            writer.write(record)
            return spool.append(writer.bytes)
        }
        for (record, place) in zip(records, places) {
            var reader = SpoolReader(spool.read(place))
            #expect(reader.read(String.self) == record)
        }
        #expect(try Data(contentsOf: file).isEmpty, "nothing reached the file")
    }

    @Test func aRecordTooLongForAPlaceIsKeptInMemoryAndComesBackEqual() throws {
        let temporary = TemporaryFolder()
        let spool = try Spool(in: temporary.url, temporarySuffix: ".tmp")
        let before = spool.append(Array("Vorlage".utf8))
        // A place holds lengths below 8 MiB.
        let long = (0..<(8 << 20) + 5).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let place = spool.append(long)
        let after = spool.append(Array("Anlage".utf8))
        #expect(spool.read(place) == long)
        #expect(spool.read(before) == Array("Vorlage".utf8))
        #expect(spool.read(after) == Array("Anlage".utf8), "the records around it keep their places")
        #expect(MemoryLayout<Spool.Place>.size == 8, "a place takes eight bytes")
    }

    @Test func aFolderThatCannotBeMadeSaysWhichAndWhy() throws {
        let temporary = TemporaryFolder()
        let blocker = temporary.file("datei")
        try Data("x".utf8).write(to: blocker)
        #expect {
            _ = try Spool(in: blocker.appendingPathComponent("unter"), temporarySuffix: ".tmp")
        } throws: { error in
            guard let error = error as? Spool.CreationError else { return false }
            return error.step == .folder && error.folder.hasSuffix("datei/unter")
        }
    }
}

/// A value several threads of a test write to under a lock.
private final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    let lock = NSLock()
    init(_ value: Value) { self.value = value }
}
