public import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An append-only file of records that a run keeps on disk instead of in memory, so that what it
/// holds per paper is a place in the file, not the paper's whole summary.
///
/// The file is created in a folder the caller names (a build folder's control folder, the
/// system's folder for temporary files) and unlinked at once: it has no name, is never seen by a
/// clerk or a later run, and is gone when the spool is freed or the process ends, however it
/// ends. Appending and reading are safe from several threads; a record once appended never
/// changes, so a copy of a list of places stays valid while the list goes on.
///
/// When the disk refuses a record (it is full), the spool keeps that record in memory instead:
/// the run needs more memory then, but loses nothing.
public final class Spool: Sendable {
    /// Where a record stands, in eight bytes (a batch keeps one per paper and agenda item): the
    /// record's offset in the file in the low 40 bits and its length in the 23 above them, or,
    /// with the top bit set, its position among the records kept in memory.
    public struct Place: Sendable, Hashable {
        private var bits: UInt64

        private static let offsetBits: UInt64 = 40
        private static let lengthBits: UInt64 = 23
        private static let keptFlag: UInt64 = 1 << 63

        /// The place of `length` bytes at `offset`; nil when either does not fit (a file beyond a
        /// terabyte, a record beyond 8 MiB), and the record is kept in memory instead.
        init?(offset: Int64, length: Int) {
            guard offset >= 0, UInt64(offset) >> Self.offsetBits == 0, length >= 0, UInt64(length) >> Self.lengthBits == 0 else { return nil }
            bits = UInt64(offset) | UInt64(length) << Self.offsetBits
        }

        /// The place of the record kept in memory at `position`.
        init(kept position: Int) {
            bits = Self.keptFlag | UInt64(position)
        }

        /// The position among the records kept in memory, when the record is there.
        var keptPosition: Int? { bits & Self.keptFlag == 0 ? nil : Int(bits & ~Self.keptFlag) }
        var offset: Int64 { Int64(bits & (1 << Self.offsetBits - 1)) }
        var length: Int { Int(bits >> Self.offsetBits & (1 << Self.lengthBits - 1)) }
    }

    private let descriptor: Int32
    private struct State {
        /// Where the next record goes in the file.
        var end: Int64 = 0
        /// Records the disk refused.
        var kept: [[UInt8]] = []
    }
    private let state = Mutex(State())

    /// Why a spool could not be opened: the folder, and the step that failed.
    public struct CreationError: Error, Sendable {
        /// What failed: making the folder, or creating the file in it (with the system's error
        /// number).
        public enum Step: Sendable, Equatable { case folder, file(systemError: Int32) }
        public var folder: String
        public var step: Step
    }

    /// Opens a new, nameless spool file in `folder`, making the folder when it is missing. The
    /// file's short-lived name ends in `temporarySuffix`, so that a cleaner of temporary files
    /// finds it were the process killed between creating and unlinking it.
    public convenience init(in folder: URL, temporarySuffix: String) throws(CreationError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CreationError(folder: folder.path, step: .folder)
        }
        var template = Array(folder.appendingPathComponent(".spool-XXXXXX\(temporarySuffix)").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            mkstemps(buffer.baseAddress!, Int32(temporarySuffix.utf8.count))
        }
        guard descriptor >= 0 else {
            throw CreationError(folder: folder.path, step: .file(systemError: errno))
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        // Not handed to the conversion workers this process starts. (mkostemps, which would set
        // it at once, is not in Swift's view of Glibc.)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.init(descriptor: descriptor)
    }

    /// A spool on an open file, which it owns from now on (tests give it one that refuses writes).
    package init(descriptor: Int32) {
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
        if let place = Place(offset: offset, length: bytes.count), Self.writeAll(bytes, to: descriptor, at: offset) {
            return place
        }
        return state.withLock { state in
            state.kept.append(bytes)
            return Place(kept: state.kept.count - 1)
        }
    }

    /// The bytes of a record appended before.
    public func read(_ place: Place) -> [UInt8] {
        if let position = place.keptPosition { return state.withLock { $0.kept[position] } }
        var bytes = [UInt8](repeating: 0, count: place.length)
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
