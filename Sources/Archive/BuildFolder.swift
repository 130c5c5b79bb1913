public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The writing stage of a run: files go into the build folder complete or not at all, durability
/// is paid once per run, and no issued file is ever overwritten.
///
/// ``stage(_:as:)`` writes each file's bytes to a temporary file in the run's own staging folder
/// (``StagingFolder``, inside the control folder), without flushing, and decides its final name:
/// an issued file whose content would change gets a new version beside it (`…-v2.odt`), an
/// unchanged file is not touched at all. ``BackgroundSync`` makes each written file durable on
/// threads of its own while the run goes on. ``commit()`` waits for the last of those syncs,
/// renames the files into place and flushes the folders.
/// A run killed at any moment leaves complete files only (and a staging folder that the next run
/// removes). Staging is safe from several threads.
public final class BuildFolder: Sendable {
    /// The folder of the tool's own records in a build folder: lock, issued register.
    public static let controlFolderName = ".vorlage"
    /// How temporary files end; removed by the next run when a run was killed.
    static let temporarySuffix = ".vorlage-tmp"
    /// The folder inside the control folder that holds each run's staging folder.
    static let stagingFolderName = "staging"

    public let url: URL
    public let register: IssuedRegister
    /// The build folder's path, without a final slash.
    private let root: String
    /// Where this run's temporary files stand until ``commit()`` renames them into place.
    private let staging: StagingFolder
    /// Whether no file can stand under a name yet: the folder held nothing but the tool's own
    /// records when it was opened, and nothing has been committed since. Then staging does not
    /// look for a file to compare with: a first build of 200 documents asked for 200 files that
    /// were not there.
    private let nothingToCompare: Atomic<Bool>
    private let background = BackgroundSync(sync: BuildFolder.syncData(of:target:))
    private let state = Mutex(State())

    private struct State {
        /// Each staged file by its path inside the build folder and the number of its temporary
        /// file, from which both paths follow.
        var staged = StagedFiles()
        var counter = 0
        /// Folders known to exist, so each is created once per run, not once per file.
        var folders: Set<String> = []
        /// Whether the run's staging folder exists; it is made with the first staged file.
        var stagingReady = false
    }

    /// What became of one staged file.
    public struct Record: Sendable, Hashable {
        /// The name the file was asked to have, such as `integrationszentrum.odt`.
        public var requestedName: String
        /// The name it has: the requested one, or a new version's.
        public var fileName: String
        public var size: Int
        public var sha512Checksum: String
        public var status: Status

        public init(requestedName: String, fileName: String, size: Int, sha512Checksum: String, status: Status) {
            self.requestedName = requestedName
            self.fileName = fileName
            self.size = size
            self.sha512Checksum = sha512Checksum
            self.status = status
        }

        public enum Status: Sendable, Hashable {
            /// Written (new or changed, not issued).
            case written
            /// The file on disk already had these bytes; it was not touched.
            case unchanged
            /// The issued file already had these bytes; it was not touched.
            case issuedUnchanged
            /// The issued file would have changed: the new content is a new version beside it.
            case newVersion(of: String)
        }
    }

    /// Opens a build folder for writing, removing temporary files of runs that were killed.
    /// The caller holds the folder's ``BuildLock``.
    public init(_ url: URL) throws(ArchiveError) {
        self.url = url
        var root = url.path
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.writeFailed, file: url.path, "Der Ausgabeordner kann nicht angelegt werden.", hint: "Prüfen Sie, ob er beschreibbar ist.")
        }
        register = try IssuedRegister(folder: url)
        let control = url.appendingPathComponent(Self.controlFolderName)
        staging = StagingFolder(parent: control.appendingPathComponent(Self.stagingFolderName).path)
        // The staging folders of runs that were killed; below, temporary files in the build folder
        // and its control folder (a killed run's spool, and what runs before d392c7f staged beside
        // their targets).
        staging.removeLeftovers()
        var onlyOwnRecords = true
        for folder in [url, control] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                if name.hasPrefix(".") && name.hasSuffix(Self.temporarySuffix) {
                    try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
                } else if folder == url && name != Self.controlFolderName {
                    onlyOwnRecords = false
                }
            }
        }
        nothingToCompare = Atomic(onlyOwnRecords)
    }

    deinit {
        // A run that ends without a commit (it failed) must not leave the sync threads waiting;
        // its temporary files stay for the next run to remove.
        try? background.finish()
    }

    /// The name of version `number` of a file: `name.odt`, `name-v2.odt`, `name-v3.odt` …
    public static func versionName(_ name: String, _ number: Int) -> String {
        guard number > 1 else { return name }
        let url = URL(fileURLWithPath: name)
        let stem = url.deletingPathExtension().lastPathComponent
        let ext = url.pathExtension
        return ext.isEmpty ? "\(stem)-v\(number)" : "\(stem)-v\(number).\(ext)"
    }

    /// The newest version of a file that exists on disk, with its record read from disk.
    public func current(_ name: String) -> Record? {
        var number = 1
        var found: Record?
        while true {
            let candidate = Self.versionName(name, number)
            guard let bytes = FileManager.default.contents(atPath: path(of: candidate)) else { break }
            found = Record(requestedName: name, fileName: candidate, size: bytes.count, sha512Checksum: Checksum.sha512(bytes), status: .unchanged)
            number += 1
        }
        return found
    }

    /// Every issued version of a file, oldest first.
    public func issuedVersions(of name: String) -> [IssuedRegister.Entry] {
        var versions: [IssuedRegister.Entry] = []
        var number = 1
        while let entry = register.entry(Self.versionName(name, number)) {
            versions.append(entry)
            number += 1
        }
        return versions
    }

    /// Stages `bytes` to become the file `name`, deciding its version; nothing is visible under
    /// the final name before ``commit()``.
    public func stage(_ bytes: Data, as name: String) throws(ArchiveError) -> Record {
        let checksum = Checksum.sha512(bytes)
        var number = 1
        var status = Record.Status.written
        while true {
            let candidate = Self.versionName(name, number)
            if let issued = register.entry(candidate) {
                if issued.sha512Checksum == checksum {
                    return Record(requestedName: name, fileName: candidate, size: bytes.count, sha512Checksum: checksum, status: .issuedUnchanged)
                }
                number += 1
                status = .newVersion(of: name)
                continue
            }
            if !nothingToCompare.load(ordering: .relaxed),
               let existing = FileManager.default.contents(atPath: path(of: candidate)), existing == bytes {
                return Record(requestedName: name, fileName: candidate, size: bytes.count, sha512Checksum: checksum, status: .unchanged)
            }
            try write(bytes, as: candidate)
            return Record(requestedName: name, fileName: candidate, size: bytes.count, sha512Checksum: checksum, status: status)
        }
    }

    /// Where a file's bytes can be read now, before ``commit()``: its temporary file when it was
    /// staged in this run, else the file in the build folder.
    public func currentLocation(of fileName: String) -> URL {
        let number = state.withLock { state in state.staged.number(of: fileName) }
        return URL(fileURLWithPath: number.map { temporaryPath(number: $0) } ?? path(of: fileName), isDirectory: false)
    }

    /// Stages a file the tool keeps for itself (the manifest, the register): always replaced, and
    /// moved into place after the files it describes.
    public func stageReplacing(_ bytes: Data, at relativePath: String) throws(ArchiveError) {
        if let existing = FileManager.default.contents(atPath: path(of: relativePath)), existing == bytes { return }
        try write(bytes, as: relativePath, last: true)
    }

    /// Stages a record the tool writes in pieces (the manifest of a large meeting): `produce`
    /// hands each piece to the function it is given. Left as it is when the bytes did not change.
    public func stageReplacing(at relativePath: String, produce: ((String) throws(ArchiveError) -> Void) throws(ArchiveError) -> Void) throws(ArchiveError) {
        let target = URL(fileURLWithPath: path(of: relativePath), isDirectory: false)
        try prepareStaging(for: target.path)
        let number = nextNumber()
        let temporary = URL(fileURLWithPath: temporaryPath(number: number), isDirectory: false)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil), let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw ArchiveError(.writeFailed, file: target.path, "Ihre temporäre Datei kann nicht angelegt werden.", hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")
        }
        do {
            defer { try? handle.close() }
            try produce { (piece: String) throws(ArchiveError) in
                do {
                    try handle.write(contentsOf: Data(piece.utf8))
                } catch {
                    throw ArchiveError(.writeFailed, file: target.path, "Die Datei kann nicht geschrieben werden.", hint: "Prüfen Sie den freien Speicherplatz und die Zugriffsrechte.")
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if Self.sameContents(temporary, target) {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        state.withLock { $0.staged.append(relativePath, number: number, last: true) }
        background.add(temporary.path, target: target.path)
    }

    /// Whether two files hold the same bytes, compared in pieces.
    private static func sameContents(_ first: URL, _ second: URL) -> Bool {
        guard let a = FileHandle(forReadingAtPath: first.path), let b = FileHandle(forReadingAtPath: second.path) else { return false }
        defer {
            try? a.close()
            try? b.close()
        }
        while true {
            let left = (try? a.read(upToCount: 1 << 20)) ?? nil
            let right = (try? b.read(upToCount: 1 << 20)) ?? nil
            if left != right { return false }
            if left == nil || left?.isEmpty == true { return true }
        }
    }

    /// A number no other temporary file of this run has.
    private func nextNumber() -> Int {
        state.withLock { state in
            state.counter += 1
            return state.counter
        }
    }

    /// The path of `name`, a path inside the build folder. Paths are put together as text: a
    /// `URL` asks the file system whether each path it extends is a folder, which cost two `stat`
    /// calls per staged file in the peers' benchmark.
    private func path(of name: String) -> String {
        root + "/" + name
    }

    /// The temporary file of the staged file with `number`: `.vorlage/staging/4711-1/12.vorlage-tmp`.
    private func temporaryPath(number: Int) -> String {
        "\(staging.path)/\(StagingFolder.fileName(number: number, suffix: Self.temporarySuffix))"
    }

    /// Makes the run's staging folder when the run stages its first file, and again after a commit.
    private func prepareStaging(for target: String) throws(ArchiveError) {
        try state.withLock { (state: inout State) throws(ArchiveError) in
            guard !state.stagingReady else { return }
            guard staging.make() else {
                throw ArchiveError(.writeFailed, file: target, "Der Ordner für die temporären Dateien (\(staging.path)) kann nicht angelegt werden.", hint: "Prüfen Sie die Zugriffsrechte im Ausgabeordner.")
            }
            state.stagingReady = true
            // Numbered from 1 in each staging folder: its first files get the long names that
            // make the folder indexed (StagingFolder.fileName).
            state.counter = 0
        }
    }

    /// The folder a path in the build folder stands in (paths here always hold a slash).
    private static func folder(of path: String) -> String {
        String(path[..<lastSlash(in: path)])
    }

    /// Where the last slash of `path` is, found in its UTF-8 bytes: looking for the slash as a
    /// `Character` segments the whole path into grapheme clusters, which made building the two
    /// paths of each staged file cost as much as writing it (callgrind, `vorlage-bench peers`).
    private static func lastSlash(in path: String) -> String.Index {
        path.utf8.lastIndex(of: UInt8(ascii: "/"))!
    }

    /// Writes `bytes` to the temporary file of `name`, a path inside the build folder.
    private func write(_ bytes: Data, as name: String, last: Bool = false) throws(ArchiveError) {
        let target = path(of: name)
        let folder = Self.folder(of: target)
        try prepareStaging(for: target)
        let number = nextNumber()
        let temporary = temporaryPath(number: number)
        if !state.withLock({ $0.folders.contains(folder) }) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ArchiveError(.writeFailed, file: target, "Ihr Ordner kann nicht angelegt werden.", hint: "Prüfen Sie die Zugriffsrechte.")
            }
            state.withLock { _ = $0.folders.insert(folder) }
        }
        // A new file of its own (O_EXCL), written in full; it is synced in the background.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        var failure = descriptor < 0 ? errno : 0
        if descriptor >= 0 {
            failure = bytes.withUnsafeBytes { raw -> Int32 in
                var offset = 0
                while offset < raw.count {
                    let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return errno
                    }
                    offset += written
                }
                return 0
            }
            if close(descriptor) != 0, failure == 0 { failure = errno }
        }
        guard failure == 0 else {
            unlink(temporary)
            throw ArchiveError(.writeFailed, file: target, "Die Datei kann nicht geschrieben werden (Systemfehler \(failure)).", hint: "Prüfen Sie den freien Speicherplatz und die Zugriffsrechte.")
        }
        state.withLock { $0.staged.append(name, number: number, last: last) }
        background.add(temporary, target: target)
    }

    /// Waits until every staged file is durable, renames them into place and flushes the folders. Returns how many files were renamed.
    @discardableResult
    public func commit() throws(ArchiveError) -> Int {
        let staged = state.withLock { state in
            defer { state.staged = StagedFiles() }
            return state.staged
        }
        try background.finish()
        guard !staged.isEmpty else { return 0 }
        // From the first rename on, files stand under their names.
        nothingToCompare.store(false, ordering: .relaxed)
        // Documents first, then the records that describe them, so a run killed in between leaves
        // an old manifest beside new documents, never a manifest naming files not yet in place.
        // In the order they were staged: a sorted copy of the list would cost a batch of ten
        // thousand papers a quarter megabyte more at its very end.
        // The folders inside the build folder the files went to, gathered as they go: most files
        // are in the build folder itself, so this is not a list of every file's folder.
        var folders = Set<String>()
        for last in [false, true] {
            for file in staged.files where file.last == last {
                let target = path(of: file.name)
                if rename(temporaryPath(number: file.number), target) != 0 {
                    let reason = errno
                    throw ArchiveError(.writeFailed, file: target, "Die fertige Datei kann nicht an ihren Platz verschoben werden (Systemfehler \(reason)).")
                }
                folders.insert(Self.folder(of: target))
            }
        }
        for folder in folders.sorted() {
            try Self.syncFolder(folder)
        }
        // Empty now; a later stage makes it again.
        state.withLock { state in
            staging.remove()
            state.stagingReady = false
        }
        return staged.count
    }

    /// Makes one staged file's bytes durable before it is renamed into place.
    ///
    /// Called by ``BackgroundSync`` soon after the file was written, so the disk works while the
    /// next documents render. (A `sync_file_range(2)` hint on the rendering thread before it, to
    /// start the writeback even sooner, only moved that work onto the rendering threads: the
    /// peers' 200 documents took 2-4 ms longer with it, medians of 12 and 20 alternating runs.)
    /// A sync per file rather than one `syncfs(2)`: measured with `vorlage-bench
    /// peers`, 200 documents right after 8 MiB of other programs' writes, the commit took 16–19 ms
    /// with a sync per file at its end against 19–36 ms with `syncfs`, which also waits for
    /// everything else unwritten on the file system (in the peers' benchmark, their outputs).
    static func syncData(of path: String, target: String) throws(ArchiveError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ArchiveError(.writeFailed, file: target, "Die geschriebene Datei kann zum Sichern auf die Platte nicht geöffnet werden (Systemfehler \(errno)).")
        }
        defer { close(descriptor) }
        guard fdatasync(descriptor) == 0 else {
            throw ArchiveError(.writeFailed, file: target, "Das Sichern der geschriebenen Datei auf die Platte ist gescheitert (Systemfehler \(errno)).", hint: "Prüfen Sie die Festplatte.")
        }
    }

    /// Makes the renames in a folder durable.
    private static func syncFolder(_ path: String) throws(ArchiveError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ArchiveError(.writeFailed, file: path, "Der Ordner kann zum Sichern auf die Platte nicht geöffnet werden (Systemfehler \(errno)).") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw ArchiveError(.writeFailed, file: path, "Das Sichern des Ordners auf die Platte ist gescheitert (Systemfehler \(errno)).", hint: "Prüfen Sie die Festplatte.")
        }
    }
}
