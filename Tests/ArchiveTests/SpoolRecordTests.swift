@testable import Archive
import Council
import Foundation
import Spool
import Templating
import TestSupport
import Testing

/// The records a run keeps in its spool come back equal, and a spool the build folder cannot
/// hold is a clear error.
@Suite struct SpoolRecordTests {
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
        let spool = try Spool.inControlFolder(of: temporary.url)
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
        let spool = try Spool.inControlFolder(of: temporary.url)
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

    @Test func aFolderThatCannotBeMadeIsAClearError() throws {
        let temporary = TemporaryFolder()
        let blocker = temporary.file("datei")
        try Data("x".utf8).write(to: blocker)
        #expect {
            _ = try Spool.inControlFolder(of: blocker.appendingPathComponent("unter"))
        } throws: { error in
            (error as? ArchiveError)?.code == .writeFailed
        }
    }
}
