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
            throw ArchiveError(.writeFailed, file: control.path, "Der Ordner kann nicht angelegt werden.", hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")
        }
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ArchiveError(.writeFailed, file: file.path, "Die Sperrdatei kann nicht geöffnet werden (Systemfehler \(errno)).", hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw ArchiveError(.locked, file: folder.path, "Ein anderer Lauf von vorlage arbeitet gerade an diesem Ausgabeordner.",
                                   hint: timeout > 0 ? "Er ist nicht innerhalb von \(Int(timeout)) Sekunden fertig geworden; versuchen Sie es erneut, wenn er fertig ist." : "Warten Sie, bis er fertig ist, oder geben Sie --wait SEKUNDEN an.")
            }
            if !told {
                report("Warte auf einen anderen Lauf von vorlage, der an \(folder.path) arbeitet …")
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
