@testable import Archive
import Foundation
import Synchronization
import TestSupport
import Testing

/// The syncs that run beside the rendering: every file handed over is synced by `finish()`, a
/// failure reaches the caller, and no thread outlives `finish()`.
@Suite struct BackgroundSyncTests {
    @Test func everyFileHandedOverIsSyncedByFinish() throws {
        let folder = TemporaryFolder()
        let synced = Mutex<[String]>([])
        let background = BackgroundSync { path, _ throws(ArchiveError) in
            try BuildFolder.syncData(of: path, target: path)
            synced.withLock { $0.append(path) }
        }
        var paths: [String] = []
        for index in 0..<600 {
            let file = folder.file("datei-\(index)")
            try Data("Inhalt \(index)".utf8).write(to: file)
            paths.append(file.path)
            background.add(file.path, target: file.path)
        }
        #expect((1...BackgroundSync.lanes).contains(background.threads), "threads while syncing")
        try background.finish()
        #expect(synced.withLock { $0.sorted() } == paths.sorted(), "each file once")
        #expect(background.threads == 0, "no sync thread outlives finish()")

        // Handed over again after finish(): a new round.
        let again = folder.file("danach")
        try Data("später".utf8).write(to: again)
        background.add(again.path, target: again.path)
        try background.finish()
        #expect(synced.withLock { $0.last } == again.path)
        #expect(background.threads == 0)
    }

    @Test func aFailedSyncIsThrownByFinishNamingTheFile() throws {
        let folder = TemporaryFolder()
        let background = BackgroundSync(sync: BuildFolder.syncData(of:target:))
        let good = folder.file("gut.odt")
        try Data("ok".utf8).write(to: good)
        background.add(good.path, target: good.path)
        background.add(folder.file(".fehlt.odt.1-1.vorlage-tmp").path, target: folder.file("fehlt.odt").path)
        let error = try #require(throws: ArchiveError.self) { try background.finish() }
        #expect(error.file == folder.file("fehlt.odt").path)
        #expect(background.threads == 0)
        // The failure was reported once; the next round starts clean.
        try background.finish()
    }

    @Test func finishWithNothingHandedOverReturnsAtOnce() throws {
        let background = BackgroundSync(sync: BuildFolder.syncData(of:target:))
        try background.finish()
        #expect(background.threads == 0)
    }
}
