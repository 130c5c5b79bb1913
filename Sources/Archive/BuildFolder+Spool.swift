public import Foundation
public import Spool

extension Spool {
    /// Opens a run's spool in the build folder's control folder, where a later run removes it
    /// were this one killed before it could unlink it.
    public static func inControlFolder(of target: URL) throws(ArchiveError) -> Spool {
        let folder = target.appendingPathComponent(BuildFolder.controlFolderName)
        do {
            return try Spool(in: folder, temporarySuffix: BuildFolder.temporarySuffix)
        } catch {
            let message = switch error.step {
            case .folder: "Der Ordner für Zwischendaten kann nicht angelegt werden."
            case .file(let systemError): "Die Datei für Zwischendaten kann nicht angelegt werden (Systemfehler \(systemError))."
            }
            throw ArchiveError(.writeFailed, file: error.folder, message, hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")
        }
    }
}

extension BuildFolder.Record: SpoolRecord {
    public func write(to writer: inout SpoolWriter) {
        writer.write(requestedName)
        writer.write(fileName)
        writer.write(size)
        writer.write(sha512Checksum)
        switch status {
        case .written: writer.write(0)
        case .unchanged: writer.write(1)
        case .issuedUnchanged: writer.write(2)
        case .newVersion(let previous):
            writer.write(3)
            writer.write(previous)
        }
    }

    public init(from reader: inout SpoolReader) {
        let (requestedName, fileName, size, checksum): (String, String, Int, String) = (reader.read(), reader.read(), reader.read(), reader.read())
        let status: Status
        switch reader.read(Int.self) {
        case 0: status = .written
        case 1: status = .unchanged
        case 2: status = .issuedUnchanged
        case 3: status = .newVersion(of: reader.read())
        default: preconditionFailure("Zwischendaten sind beschädigt.")
        }
        self.init(requestedName: requestedName, fileName: fileName, size: size, sha512Checksum: checksum, status: status)
    }
}
