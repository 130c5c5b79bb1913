@testable import Archive
import Council
import Dispatch
import Foundation
import Templating
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The spool a run keeps its papers' records in: records come back equal, from several threads,
/// and the file leaves nothing behind in the build folder.
@Suite struct SpoolTests {
    private func date(_ year: Int, _ month: Int, _ day: Int) throws -> CivilDate {
        try #require(CivilDate(year: year, month: month, day: day))
    }

    /// Writes a record and reads it back through the spool.
    private func roundTrip<Record: SpoolRecord>(_ record: Record, in spool: Spool) -> Record {
        var writer = SpoolWriter()
        writer.write(record)
        var reader = SpoolReader(spool.read(spool.append(writer.bytes)))
        let back = Record(from: &reader)
        #expect(reader.isAtEnd, "every byte written is read")
        return back
    }

    @Test func aPapersFactsComeBackEqualWithEveryOptionalFieldSetAndUnset() throws {
        let temporary = TemporaryFolder()
        let spool = try Spool(in: temporary.url)
        let full = Manifest.PaperFacts(
            reference: "50/2403/XV/2013-1", name: "Integrationszentrum – Ergänzung „neu“ 🏛", paperType: "Ergänzungsvorlage",
            date: try date(2013, 2, 19), underDirectionOf: Paper.Organization(name: "Amt für Schulen", shortName: "Amt 40"),
            originatorOrganization: Paper.Organization(name: "CDU-Fraktion"), superordinatedPaper: "50/2403/XV/2013",
            consultations: [Paper.Consultation(organization: "Kreistag", meetingDate: try date(2013, 3, 6), isPublic: false, role: "Entscheidung", authoritative: true),
                            Paper.Consultation(organization: "Kreisausschuss", meetingDate: try date(2013, 2, 27), isPublic: true)])
        let bare = Manifest.PaperFacts(reference: "", name: "", paperType: "Mitteilungsvorlage", date: try date(1, 1, 1),
                                       underDirectionOf: Paper.Organization(name: ""), consultations: [])
        #expect(roundTrip(full, in: spool) == full)
        #expect(roundTrip(bare, in: spool) == bare)
    }

    @Test func recordsAndAnnexesComeBackEqualWithEveryStatus() throws {
        let temporary = TemporaryFolder()
        let spool = try Spool(in: temporary.url)
        let checksum = String(repeating: "ab", count: 64)
        for status in [BuildFolder.Record.Status.written, .unchanged, .issuedUnchanged, .newVersion(of: "integrationszentrum.odt")] {
            let record = BuildFolder.Record(requestedName: "integrationszentrum.odt", fileName: "integrationszentrum-v2.odt", size: 1 << 40,
                                            sha512Checksum: checksum, status: status)
            #expect(roundTrip(record, in: spool) == record)
        }
        for mode in Paper.AnnexMode.allCases {
            let annex = Paper.AnnexFile(name: "Konzept vom 19.2.2013", fileURL: URL(fileURLWithPath: "/tmp/sitzung/annexes/konzept ä.fodt"),
                                        date: mode == .merge ? nil : try date(2013, 2, 19), mode: mode, keepsOwnPageLayout: mode == .merge, isPublic: mode != .merge)
            #expect(roundTrip(annex, in: spool) == annex)
        }
    }

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

    @Test func recordsAppendedFromSeveralThreadsStayApart() throws {
        let temporary = TemporaryFolder()
        let spool = try Spool(in: temporary.url)
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
        let spool = try Spool(in: folder)
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

    @Test func aFolderThatCannotBeMadeIsAClearError() throws {
        let temporary = TemporaryFolder()
        let blocker = temporary.file("datei")
        try Data("x".utf8).write(to: blocker)
        #expect {
            _ = try Spool(in: blocker.appendingPathComponent("unter"))
        } throws: { error in
            (error as? ArchiveError)?.code == .writeFailed
        }
    }
}

/// A value several threads of a test write to under a lock.
private final class UnsafeSendableBox<Value>: @unchecked Sendable {
    var value: Value
    let lock = NSLock()
    init(_ value: Value) { self.value = value }
}
