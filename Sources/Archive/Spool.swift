public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An append-only file of records that a run keeps on disk instead of in memory, so that what it
/// holds per paper is a place in the file, not the paper's whole summary.
///
/// The file is created in the build folder's control folder and unlinked at once: it has no
/// name, is never seen by a clerk or a later run, and is gone when the spool is freed or the
/// process ends, however it ends. Appending and reading are safe from several threads; a record
/// once appended never changes, so a copy of a list of places stays valid while the list goes on.
///
/// When the disk refuses a record (it is full), the spool keeps that record in memory instead:
/// the run needs more memory then, but loses nothing.
public final class Spool: Sendable {
    /// Where a record stands: `length` bytes at `offset` in the file, or, for a negative offset,
    /// in memory at position `-offset - 1`.
    public struct Place: Sendable, Hashable {
        var offset: Int64
        var length: Int32
    }

    private let descriptor: Int32
    private struct State {
        /// Where the next record goes in the file.
        var end: Int64 = 0
        /// Records the disk refused.
        var kept: [[UInt8]] = []
    }
    private let state = Mutex(State())

    /// Opens a new, nameless spool file in `folder`.
    public convenience init(in folder: URL) throws(ArchiveError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.writeFailed, file: folder.path, "Der Ordner für Zwischendaten kann nicht angelegt werden.", hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")
        }
        // The name ends like every temporary file, so a later run would remove it were this one
        // killed between creating and unlinking it.
        var template = Array(folder.appendingPathComponent(".spool-XXXXXX\(BuildFolder.temporarySuffix)").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            mkstemps(buffer.baseAddress!, Int32(BuildFolder.temporarySuffix.utf8.count))
        }
        guard descriptor >= 0 else {
            throw ArchiveError(.writeFailed, file: folder.path, "Die Datei für Zwischendaten kann nicht angelegt werden (Systemfehler \(errno)).",
                               hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        // Not handed to the conversion workers this process starts.
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.init(descriptor: descriptor)
    }

    /// A spool on an open file, which it owns from now on (tests give it one that refuses writes).
    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Appends a record and says where it stands.
    public func append(_ bytes: [UInt8]) -> Place {
        let offset = state.withLock { state in
            defer { state.end += Int64(bytes.count) }
            return state.end
        }
        if Self.writeAll(bytes, to: descriptor, at: offset) {
            return Place(offset: offset, length: Int32(bytes.count))
        }
        return state.withLock { state in
            state.kept.append(bytes)
            return Place(offset: -Int64(state.kept.count), length: Int32(bytes.count))
        }
    }

    /// The bytes of a record appended before.
    public func read(_ place: Place) -> [UInt8] {
        if place.offset < 0 { return state.withLock { $0.kept[Int(-place.offset - 1)] } }
        var bytes = [UInt8](repeating: 0, count: Int(place.length))
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(place.offset) + off_t(done))
            }
            if count < 0, errno == EINTR { continue }
            // The record was written by this process a moment ago and is in the page cache; not
            // finding it means the machine is failing, and the run must not go on with wrong data.
            precondition(count > 0, "Zwischendaten können nicht wieder gelesen werden (Systemfehler \(errno)).")
            done += count
        }
        return bytes
    }

    /// Writes all of `bytes` at `offset`; false when the file system refuses.
    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, at offset: Int64) -> Bool {
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let count = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset) + off_t(done))
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                done += count
            }
            return true
        }
    }
}
