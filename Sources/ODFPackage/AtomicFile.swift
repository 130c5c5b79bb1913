public import Foundation

/// Writes files so that a reader sees either the old file or the complete new one, never a part.
///
/// The bytes go to a temporary file in the target folder (same file system, so the rename is
/// atomic), are flushed to disk, and the temporary file is then renamed over the target.
public enum AtomicFile {
    /// Writes `data` to `url` through a temporary file in the same folder and a rename.
    public static func write(_ data: Data, to url: URL) throws(ODFError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ODFError(.writeFailed, file: url.path, "Der Ordner \(folder.path) kann nicht angelegt werden.", hint: "Prüfen Sie, ob der übergeordnete Ordner beschreibbar ist.")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw ODFError(.writeFailed, file: url.path, "In \(folder.path) kann keine temporäre Datei angelegt werden.", hint: "Prüfen Sie, ob der Ordner beschreibbar ist.")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ODFError(.writeFailed, file: url.path, "Die Datei kann nicht geschrieben werden.", hint: "Prüfen Sie, ob genug Speicherplatz frei ist.")
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw ODFError(.writeFailed, file: url.path, "Die fertige Datei kann nicht an ihren Platz verschoben werden (Systemfehler \(code)).", hint: "Prüfen Sie, ob der Ordner beschreibbar ist.")
        }
    }
}
