@testable import Archive
import Foundation
import TestSupport
import Testing

/// Where a run's files wait before its commit: a staging folder of the run's own inside the
/// control folder, removed by the commit, and by the next run when a run was killed.
@Suite struct StagingFolderTests {
    /// The staging folder's parent, `.vorlage/staging`, in a build folder.
    private func stagingParent(_ folder: URL) -> URL {
        folder.appendingPathComponent(BuildFolder.controlFolderName).appendingPathComponent(BuildFolder.stagingFolderName)
    }

    /// The names in a folder, sorted; none when it does not exist.
    private func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func stagedFilesWaitInTheRunsOwnFolderUntilCommit() throws {
        let temporary = TemporaryFolder()
        let stage = try BuildFolder(temporary.url)
        _ = try stage.stage(Data("eins".utf8), as: "p00001.odt")
        _ = try stage.stage(Data("zwei".utf8), as: "p00002.odt")
        try stage.stageReplacing(Data("{}".utf8), at: "manifest.json")

        let runs = names(stagingParent(temporary.url))
        #expect(runs.count == 1, "one folder for the run")
        let run = stagingParent(temporary.url).appendingPathComponent(try #require(runs.first))
        #expect(names(run).count == 3)
        #expect(names(run).allSatisfy { $0.hasSuffix(".vorlage-tmp") })
        #expect(names(temporary.url) == [BuildFolder.controlFolderName], "nothing beside the targets")
        // Before the commit a file is read from where it waits.
        #expect(try Data(contentsOf: stage.currentLocation(of: "p00002.odt")) == Data("zwei".utf8))
        #expect(stage.currentLocation(of: "p00002.odt").path.hasPrefix(run.path + "/"))

        #expect(try stage.commit() == 3)
        #expect(names(temporary.url) == [BuildFolder.controlFolderName, "manifest.json", "p00001.odt", "p00002.odt"])
        #expect(names(stagingParent(temporary.url)).isEmpty, "the commit removes the run's folder")
        #expect(try Data(contentsOf: temporary.file("p00001.odt")) == Data("eins".utf8))

        // Staging again after a commit makes the folder again.
        _ = try stage.stage(Data("drei".utf8), as: "p00003.odt")
        #expect(names(stagingParent(temporary.url)).count == 1)
        #expect(try stage.commit() == 1)
        #expect(try Data(contentsOf: temporary.file("p00003.odt")) == Data("drei".utf8))
        #expect(names(stagingParent(temporary.url)).isEmpty)
    }

    @Test func theFirstFilesOfEachStagingFolderHaveLongNames() throws {
        let long = (1...StagingFolder.longNames).map { StagingFolder.fileName(number: $0, suffix: BuildFolder.temporarySuffix) }
        #expect(long.allSatisfy { $0.utf8.count == StagingFolder.longNameLength && $0.hasSuffix(BuildFolder.temporarySuffix) })
        #expect(Set(long).count == long.count, "no two alike")
        #expect(long[11].hasPrefix("12-"))
        #expect(StagingFolder.fileName(number: StagingFolder.longNames + 1, suffix: BuildFolder.temporarySuffix) == "\(StagingFolder.longNames + 1).vorlage-tmp")
        // At 136 bytes a folder entry (8 bytes and the name, in steps of 4), they fill a 4 KiB
        // block beside "." and "..".
        #expect(StagingFolder.longNames * (8 + StagingFolder.longNameLength) > 4096 - 24)

        // A build folder numbers its files from 1 in each staging folder, after a commit too.
        let temporary = TemporaryFolder()
        let stage = try BuildFolder(temporary.url)
        for round in 1...2 {
            for index in 1...(StagingFolder.longNames + 2) {
                _ = try stage.stage(Data("\(round)-\(index)".utf8), as: "p\(index).odt")
            }
            let run = stagingParent(temporary.url).appendingPathComponent(try #require(names(stagingParent(temporary.url)).first))
            let lengths = names(run).map(\.utf8.count)
            #expect(lengths.filter { $0 == StagingFolder.longNameLength }.count == StagingFolder.longNames, "round \(round)")
            #expect(lengths.filter { $0 < StagingFolder.longNameLength }.count == 2, "round \(round)")
            #expect(try stage.commit() == StagingFolder.longNames + 2)
            #expect(try Data(contentsOf: temporary.file("p\(StagingFolder.longNames + 2).odt")) == Data("\(round)-\(StagingFolder.longNames + 2)".utf8))
        }
    }

    @Test func aRunThatStagesNothingMakesNoFolder() throws {
        let temporary = TemporaryFolder()
        let stage = try BuildFolder(temporary.url)
        #expect(try stage.commit() == 0)
        #expect(!FileManager.default.fileExists(atPath: stagingParent(temporary.url).path))
    }

    @Test func theStagingFolderOfAKilledRunIsRemovedOnOpen() throws {
        let temporary = TemporaryFolder()
        let killed = stagingParent(temporary.url).appendingPathComponent("4711-1")
        try FileManager.default.createDirectory(at: killed, withIntermediateDirectories: true)
        try Data("halb".utf8).write(to: killed.appendingPathComponent("12.vorlage-tmp"))
        try Data("fertig".utf8).write(to: temporary.file("vorlage.odt"))

        _ = try BuildFolder(temporary.url)
        #expect(names(stagingParent(temporary.url)).isEmpty)
        #expect(try Data(contentsOf: temporary.file("vorlage.odt")) == Data("fertig".utf8), "finished files stay")
    }

    @Test func twoBuildFoldersOfOneProcessStageApart() throws {
        let temporary = TemporaryFolder()
        let first = try BuildFolder(temporary.url.appendingPathComponent("a"))
        let second = try BuildFolder(temporary.url.appendingPathComponent("b"))
        _ = try first.stage(Data("a".utf8), as: "vorlage.odt")
        _ = try second.stage(Data("b".utf8), as: "vorlage.odt")
        let firstRun = first.currentLocation(of: "vorlage.odt").deletingLastPathComponent().lastPathComponent
        let secondRun = second.currentLocation(of: "vorlage.odt").deletingLastPathComponent().lastPathComponent
        #expect(firstRun != secondRun)
        try first.commit()
        try second.commit()
        #expect(try Data(contentsOf: temporary.url.appendingPathComponent("a/vorlage.odt")) == Data("a".utf8))
        #expect(try Data(contentsOf: temporary.url.appendingPathComponent("b/vorlage.odt")) == Data("b".utf8))
    }

    /// Where the file system takes the flag (ext4, as on /tmp of this machine class), the staging
    /// folders' parent carries it; where it does not, staging works all the same (the first test).
    @Test func theParentIsMarkedAsTopOfAHierarchyWhereTheFileSystemTakesIt() throws {
        let temporary = TemporaryFolder()
        let probe = temporary.file("probe")
        try FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        let takesTheFlag = StagingFolder.flags(of: probe.path).map { StagingFolder.setFlags($0 | StagingFolder.topOfHierarchy, of: probe.path) } ?? false

        let stage = try BuildFolder(temporary.file("build"))
        _ = try stage.stage(Data("Vorlage".utf8), as: "vorlage.odt")
        let flags = StagingFolder.flags(of: stagingParent(temporary.file("build")).path)
        if takesTheFlag {
            #expect(flags.map { $0 & StagingFolder.topOfHierarchy != 0 } == true)
        } else {
            #expect(flags.map { $0 & StagingFolder.topOfHierarchy == 0 } ?? true)
        }
        #expect(try stage.commit() == 1)
    }
}
