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
            throw ODFError(.writeFailed, file: url.path, "cannot create the folder \(folder.path): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw ODFError(.writeFailed, file: url.path, "cannot create a temporary file in \(folder.path).", hint: "Check that the folder is writable.")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw ODFError(.writeFailed, file: url.path, "writing failed: \(error.localizedDescription)", hint: "Check free disk space.")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ODFError(.writeFailed, file: url.path, "cannot move the finished file into place: \(reason)")
        }
    }
}
