import Archive
import Council
import Foundation
import TestSupport
import Testing

/// The writing stage of a run: staged files stay invisible until commit, unchanged files are not
/// touched, issued files are never overwritten, killed runs leave nothing half-written; the lock;
/// and the manifest's bytes.
@Suite struct BuildFolderTests {
    // MARK: - Helpers

    /// The inode and modification time of a file: equal before and after means it was not rewritten.
    private func identity(_ url: URL) throws -> (inode: UInt64, modified: Date) {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let inode = try #require(attributes[.systemFileNumber] as? NSNumber).uint64Value
        let modified = try #require(attributes[.modificationDate] as? Date)
        return (inode, modified)
    }

    /// The visible (not hidden) names in a folder.
    private func visibleNames(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The temporary files of runs in a folder and its control folder.
    private func temporaryNames(_ folder: URL) throws -> [String] {
        try MeetingFixture.fileNames(in: folder).filter { $0.hasSuffix(".vorlage-tmp") }
    }

    /// Records `name` as issued with its bytes on disk, as `vorlage release` does, and reopens the folder.
    private func issue(_ name: String, in stage: BuildFolder) throws -> BuildFolder {
        let bytes = try Data(contentsOf: stage.url.appendingPathComponent(name))
        var register = stage.register
        register.record(IssuedRegister.Entry(fileName: name, size: bytes.count, sha512Checksum: Checksum.sha512(bytes), issued: "2013-02-22T10:00:00+01:00"))
        try stage.stageReplacing(register.encoded(), at: "\(BuildFolder.controlFolderName)/issued.json")
        try stage.commit()
        return try BuildFolder(stage.url)
    }

    // MARK: - Staging and committing

    @Test func stagedFilesAreInvisibleUntilCommit() throws {
        let temporary = TemporaryFolder()
        let stage = try BuildFolder(temporary.url)
        let record = try stage.stage(Data("Vorlage".utf8), as: "vorlage.odt")
        #expect(record.fileName == "vorlage.odt")
        #expect(record.status == .written)
        #expect(record.size == 7)
        #expect(record.sha512Checksum == Checksum.sha512(Data("Vorlage".utf8)))
        #expect(try visibleNames(temporary.url).isEmpty, "nothing under its final name before commit")
        #expect(!FileManager.default.fileExists(atPath: temporary.file("vorlage.odt").path))
        #expect(try temporaryNames(temporary.url).count == 1)

        #expect(try stage.commit() == 1)
        #expect(try visibleNames(temporary.url) == ["vorlage.odt"])
        #expect(try Data(contentsOf: temporary.file("vorlage.odt")) == Data("Vorlage".utf8))
        #expect(try temporaryNames(temporary.url).isEmpty)
        #expect(try stage.commit() == 0, "a second commit has nothing to do")
    }

    @Test func commitRenamesTheStagedFileIntoPlace() throws {
        let temporary = TemporaryFolder()
        let stage = try BuildFolder(temporary.url)
        _ = try stage.stage(Data("Vorlage".utf8), as: "vorlage.odt")
        let staged = try #require(try temporaryNames(temporary.url).first)
        #expect(staged.hasPrefix(".vorlage/staging/\(getpid())-"), "the temporary file waits in the run's own staging folder")
        let before = try identity(temporary.file(staged))
        try stage.commit()
        #expect(try identity(temporary.file("vorlage.odt")).inode == before.inode, "the same file, renamed, not copied")
    }

    /// A folder opened empty skips looking for files to compare with, until its first commit:
    /// the same bytes staged again by the same build folder leave the committed file alone.
    @Test func anUnchangedFileIsFoundAfterTheFirstCommitOfTheSameFolder() throws {
        let temporary = TemporaryFolder()
        let bytes = Data("Vorlage".utf8)
        let stage = try BuildFolder(temporary.url)
        #expect(try stage.stage(bytes, as: "vorlage.odt").status == .written)
        try stage.commit()
        let before = try identity(temporary.file("vorlage.odt"))
        #expect(try stage.stage(bytes, as: "vorlage.odt").status == .unchanged)
        #expect(try stage.stage(Data("Neu".utf8), as: "anlage.odt").status == .written)
        #expect(try stage.commit() == 1)
        #expect(try identity(temporary.file("vorlage.odt")).inode == before.inode)
    }

    /// A file that was in the folder before it was opened is compared with, even when it is the
    /// only one there.
    @Test func aFileThatWasThereBeforeIsComparedWith() throws {
        let temporary = TemporaryFolder()
        let bytes = Data("Vorlage".utf8)
        try bytes.write(to: temporary.file("vorlage.odt"))
        let stage = try BuildFolder(temporary.url)
        #expect(try stage.stage(bytes, as: "vorlage.odt").status == .unchanged)
        #expect(try stage.commit() == 0)
    }

    @Test func anUnchangedFileIsNotRewritten() throws {
        let temporary = TemporaryFolder()
        let bytes = Data("Vorlage".utf8)
        let first = try BuildFolder(temporary.url)
        _ = try first.stage(bytes, as: "vorlage.odt")
        try first.commit()
        let before = try identity(temporary.file("vorlage.odt"))
        Thread.sleep(forTimeInterval: 0.02)

        let second = try BuildFolder(temporary.url)
        let record = try second.stage(bytes, as: "vorlage.odt")
        #expect(record.status == .unchanged)
        #expect(record.fileName == "vorlage.odt")
        #expect(try second.commit() == 0)
        let after = try identity(temporary.file("vorlage.odt"))
        #expect(after.inode == before.inode)
        #expect(after.modified == before.modified)

        // Changed bytes of a file that was not issued replace it.
        let changed = try second.stage(Data("Vorlage, geändert".utf8), as: "vorlage.odt")
        #expect(changed.status == .written)
        #expect(changed.fileName == "vorlage.odt")
        try second.commit()
        #expect(try Data(contentsOf: temporary.file("vorlage.odt")) == Data("Vorlage, geändert".utf8))
    }

    @Test func anIssuedFileIsNeverOverwrittenAChangeBecomesANewVersion() throws {
        let temporary = TemporaryFolder()
        let issued = Data("herausgegeben".utf8)
        var stage = try BuildFolder(temporary.url)
        _ = try stage.stage(issued, as: "vorlage.odt")
        try stage.commit()
        stage = try issue("vorlage.odt", in: stage)
        #expect(stage.issuedVersions(of: "vorlage.odt").map(\.fileName) == ["vorlage.odt"])
        let before = try identity(temporary.file("vorlage.odt"))

        let changed = try stage.stage(Data("geändert".utf8), as: "vorlage.odt")
        #expect(changed.fileName == "vorlage-v2.odt")
        #expect(changed.requestedName == "vorlage.odt")
        #expect(changed.status == .newVersion(of: "vorlage.odt"))
        try stage.commit()
        #expect(try Data(contentsOf: temporary.file("vorlage.odt")) == issued)
        #expect(try identity(temporary.file("vorlage.odt")).inode == before.inode)
        #expect(try Data(contentsOf: temporary.file("vorlage-v2.odt")) == Data("geändert".utf8))
        #expect(stage.current("vorlage.odt")?.fileName == "vorlage-v2.odt", "the newest version on disk")

        let again = try stage.stage(issued, as: "vorlage.odt")
        #expect(again.status == .issuedUnchanged)
        #expect(again.fileName == "vorlage.odt")
        #expect(try stage.commit() == 0)

        // Once v2 is issued too, the next change is v3.
        stage = try issue("vorlage-v2.odt", in: stage)
        #expect(stage.issuedVersions(of: "vorlage.odt").map(\.fileName) == ["vorlage.odt", "vorlage-v2.odt"])
        let third = try stage.stage(Data("noch einmal geändert".utf8), as: "vorlage.odt")
        #expect(third.fileName == "vorlage-v3.odt")
        try stage.commit()
        #expect(try visibleNames(temporary.url) == ["vorlage-v2.odt", "vorlage-v3.odt", "vorlage.odt"])
        #expect(try Data(contentsOf: temporary.file("vorlage.odt")) == issued)
    }

    @Test func versionNamesKeepTheExtension() {
        #expect(BuildFolder.versionName("einladung.odt", 1) == "einladung.odt")
        #expect(BuildFolder.versionName("einladung.odt", 2) == "einladung-v2.odt")
        #expect(BuildFolder.versionName("anlage-1.pdf", 3) == "anlage-1-v3.pdf")
        #expect(BuildFolder.versionName("liesmich", 2) == "liesmich-v2")
    }

    @Test func temporaryFilesOfAKilledRunAreRemovedOnOpen() throws {
        // Runs before the staging folder (StagingFolderTests) left them beside their targets.
        let temporary = TemporaryFolder()
        let leftover = temporary.file(".vorlage.odt.123-1.vorlage-tmp")
        try Data("halb".utf8).write(to: leftover)
        try Data("fertig".utf8).write(to: temporary.file("vorlage.odt"))
        try Data("versteckt".utf8).write(to: temporary.file(".versteckt"))
        _ = try BuildFolder(temporary.url)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try Data(contentsOf: temporary.file("vorlage.odt")) == Data("fertig".utf8), "finished files stay")
        #expect(FileManager.default.fileExists(atPath: temporary.file(".versteckt").path), "only temporary files are removed")
    }

    @Test func aKilledReleaseLeavesNoTemporaryRegisterBehind() throws {
        // `vorlage release` stages .vorlage/issued.json; runs before the staging folder left its
        // temporary file in .vorlage/.
        let temporary = TemporaryFolder()
        let control = temporary.file(BuildFolder.controlFolderName)
        try FileManager.default.createDirectory(at: control, withIntermediateDirectories: true)
        let leftover = control.appendingPathComponent(".issued.json.123-1.vorlage-tmp")
        try Data("[".utf8).write(to: leftover)
        _ = try BuildFolder(temporary.url)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    
    }

    @Test func anUnreadableRegisterStopsTheRun() throws {
        let temporary = TemporaryFolder()
        let register = IssuedRegister.file(in: temporary.url)
        try FileManager.default.createDirectory(at: register.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("kein JSON".utf8).write(to: register)
        let error = try #require(throws: ArchiveError.self) { try BuildFolder(temporary.url) }
        #expect(error.code == .unreadableRecord)
        #expect(error.file == register.path)
    }

    @Test func stagingFromManyThreadsCommitsEveryFile() throws {
        let temporary = TemporaryFolder()
        let stage = try BuildFolder(temporary.url)
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            _ = try? stage.stage(Data("Datei \(index)".utf8), as: "datei-\(index).odt")
        }
        #expect(try stage.commit() == 64)
        #expect(try visibleNames(temporary.url).count == 64)
        #expect(try Data(contentsOf: temporary.file("datei-17.odt")) == Data("Datei 17".utf8))
    }

    // MARK: - The lock

    @Test func aSecondLockOnTheSameFolderFailsUntilTheFirstIsReleased() throws {
        let temporary = TemporaryFolder()
        var first: BuildLock? = try BuildLock(folder: temporary.url, timeout: 0)
        #expect(first != nil)
        let error = try #require(throws: ArchiveError.self) { try BuildLock(folder: temporary.url, timeout: 0) }
        #expect(error.code == .locked)
        #expect(error.file == temporary.url.path)
        #expect(error.message.contains("Ein anderer Lauf von vorlage"))
        #expect(error.hint?.contains("--wait") == true)
        first = nil
        let second = try BuildLock(folder: temporary.url, timeout: 0)
        #expect(second.file == temporary.url.appendingPathComponent(".vorlage/lock"))
    }

    @Test func aLockWaitsForItsTimeoutAndSaysSoOnce() throws {
        let temporary = TemporaryFolder()
        let first = try BuildLock(folder: temporary.url, timeout: 0)
        let reports = ReportLog()
        let started = Date()
        let error = try #require(throws: ArchiveError.self) {
            try BuildLock(folder: temporary.url, timeout: 0.3) { reports.add($0) }
        }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        #expect(error.code == .locked)
        #expect(reports.lines.count == 1)
        #expect(reports.lines.first?.contains("Warte auf einen anderen Lauf von vorlage") == true)
        withExtendedLifetime(first) {}
    }

    @Test func locksOfDifferentFoldersDoNotMeet() throws {
        let one = TemporaryFolder(), two = TemporaryFolder()
        let first = try BuildLock(folder: one.url, timeout: 0)
        let second = try BuildLock(folder: two.url, timeout: 0)
        withExtendedLifetime((first, second)) {}
    }

    // MARK: - The manifest

    /// A manifest of the example meeting with made-up file bytes.
    private func manifest(_ fixture: MeetingFixture, stage: BuildFolder, issued: [String: [IssuedRegister.Entry]] = [:]) throws -> Manifest {
        let folder = try MeetingFolder(fixture.meeting)
        var entries: [Manifest.PaperEntry] = []
        for item in folder.meeting.agendaItems {
            guard let file = folder.paperFile(for: item), let paper = file.paper else { continue }
            let record = try stage.stage(Data("Vorlage \(paper.reference)".utf8), as: "\(file.stem).odt")
            entries.append(Manifest.PaperEntry(paper: paper, item: item,
                                               mainFile: Manifest.File(record: record, name: "\(paper.paperType) \(paper.reference)",
                                                                       mimeType: "application/vnd.oasis.opendocument.text", date: paper.date),
                                               auxiliaryFiles: []))
        }
        let invitation = try stage.stage(Data("Einladung".utf8), as: "einladung.odt")
        return Manifest(meetingFolder: folder, papers: entries,
                        invitation: Manifest.File(record: invitation, name: "Einladung", mimeType: "application/vnd.oasis.opendocument.text",
                                                  date: folder.meeting.invitationDate),
                        inputs: [Manifest.Input(path: "meeting.yaml", size: 1, sha512Checksum: "00"), Manifest.Input(path: "../council.yaml", size: 2, sha512Checksum: "ff")],
                        failures: [Manifest.Failure(file: "papers/x.yaml", problems: ["„Anführung“ und \"Zeichen\"\nzweite Zeile\t\\"])],
                        generator: "vorlage test", issuedVersions: issued)
    }

    @Test func theManifestIsDeterministic() throws {
        let fixture = try MeetingFixture()
        let temporary = TemporaryFolder()
        let stage = try BuildFolder(temporary.url)
        let issued = ["integrationszentrum.odt": [IssuedRegister.Entry(fileName: "integrationszentrum-alt.odt", size: 3, sha512Checksum: "ab", issued: "2013-02-22T10:00:00+01:00")]]
        // Built twice from separately read input: the same bytes.
        let first = try manifest(fixture, stage: stage, issued: issued).encoded()
        let second = try manifest(fixture, stage: stage, issued: issued).encoded()
        #expect(first == second)

        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"vorlage:generator\": \"vorlage test\",\n  \"vorlage:inputs\": ["), "keys in a fixed order, two-space indent")
        #expect(text.hasSuffix("}\n"))
        let root = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any], "valid JSON, special characters escaped")
        let failures = try #require(root["vorlage:failures"] as? [[String: Any]])
        #expect((failures.first?["problems"] as? [String])?.first == "„Anführung“ und \"Zeichen\"\nzweite Zeile\t\\")
        let papers = try #require(root["paper"] as? [[String: Any]])
        #expect(papers.map { $0["reference"] as? String } == MeetingFixture.agendaPapers.map(\.reference))
        // created and modified come from the data, not the clock.
        let seed = try #require(papers.first { $0["reference"] as? String == "50/2403/XV/2013" })
        #expect(seed["created"] as? String == "2013-02-15T00:00:00+01:00")
        #expect(seed["modified"] as? String == "2013-02-15T00:00:00+01:00")
        let superseded = try #require(root["vorlage:supersededFile"] as? [[String: Any]])
        #expect(superseded.map { $0["fileName"] as? String } == ["integrationszentrum-alt.odt"])
    }
}

/// Lines a lock reports while it waits, collected from its callback.
private final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
