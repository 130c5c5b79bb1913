public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a build folder, so two builds of one meeting never interleave.
///
/// It is an advisory `flock` on `.vorlage/lock`: the kernel releases it when its holder exits,
/// however it exits, so a lock left by a killed run never blocks the next one.
public final class BuildLock {
    private let descriptor: Int32
    public let file: URL

    /// Takes the lock of `folder`, waiting up to `timeout` seconds while another run holds it
    /// (`report` is told once that it waits); throws when it is still held then.
    public init(folder: URL, timeout: Double, report: (String) -> Void = { _ in }) throws(ArchiveError) {
        let control = folder.appendingPathComponent(BuildFolder.controlFolderName)
        file = control.appendingPathComponent("lock")
        do {
            try FileManager.default.createDirectory(at: control, withIntermediateDirectories: true)
        } catch {
            throw ArchiveError(.writeFailed, file: control.path, "cannot create the folder: \(error.localizedDescription)", hint: "Check that the build folder is writable.")
        }
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ArchiveError(.writeFailed, file: file.path, "cannot open the lock file: \(String(cString: strerror(errno))).")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw ArchiveError(.locked, file: folder.path, "another run of vorlage is working on this build folder.",
                                   hint: timeout > 0 ? "It did not finish within \(Int(timeout)) seconds; try again when it has." : "Wait until it has finished, or pass --wait SECONDS.")
            }
            if !told {
                report("waiting for another run of vorlage that is working on \(folder.path) …")
                told = true
            }
            usleep(100_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

@available(*, unavailable, message: "a lock belongs to the run that took it")
extension BuildLock: Sendable {}
