import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The `.json` files of a folder, handed to the workers one at a time while the folder is read,
/// so that ten thousand inputs need no list of ten thousand names (a name such as
/// `vorlage_00001.json` is too long to be stored inline in a `String` and takes a heap block).
///
/// The order is the folder's, not sorted: each output is named after its input, so the outputs
/// do not depend on it.
final class DataFiles: Sendable {
    /// How many `.json` files the folder held when it was counted.
    let count: Int
    private let folder: String
    private let directory: Mutex<OpaquePointer?>

    init(folder: URL) throws {
        self.folder = folder.path
        var count = 0
        try Self.forEachName(in: folder.path) { _ in count += 1 }
        self.count = count
        guard let directory = opendir(folder.path) else { throw PeersBench.UsageError(description: "\(folder.path) cannot be read") }
        self.directory = Mutex(directory)
    }

    deinit {
        directory.withLock { directory in
            if let directory { closedir(directory) }
        }
    }

    /// The name of the next `.json` file, nil when every one was handed out.
    func next() -> String? {
        directory.withLock { directory in
            guard let open = directory else { return nil }
            while let entry = readdir(open) {
                if let name = Self.dataFileName(entry) { return name }
            }
            closedir(open)
            directory = nil
            return nil
        }
    }

    /// Calls `body` with the name of each `.json` file of `path`.
    private static func forEachName(in path: String, _ body: (String) -> Void) throws {
        guard let directory = opendir(path) else { throw PeersBench.UsageError(description: "\(path) cannot be read") }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            if let name = dataFileName(entry) { body(name) }
        }
    }

    /// The entry's name when it is a `.json` file that is not hidden.
    private static func dataFileName(_ entry: UnsafeMutablePointer<dirent>) -> String? {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
        return !name.hasPrefix(".") && name.hasSuffix(".json") ? name : nil
    }
}
