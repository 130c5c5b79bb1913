public import Foundation

/// The record of what was issued from a build folder (`.vorlage/issued.json`): every file that went
/// out, with its checksum, so that no later build overwrites it.
public struct IssuedRegister: Sendable, Hashable {
    /// One issued file.
    public struct Entry: Sendable, Hashable, Codable {
        public var fileName: String
        public var size: Int
        public var sha512Checksum: String
        /// When it was released, ISO 8601 with offset.
        public var issued: String
        public init(fileName: String, size: Int, sha512Checksum: String, issued: String) {
            self.fileName = fileName
            self.size = size
            self.sha512Checksum = sha512Checksum
            self.issued = issued
        }
    }

    public private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// The register's file in a build folder.
    public static func file(in folder: URL) -> URL {
        folder.appendingPathComponent(BuildFolder.controlFolderName).appendingPathComponent("issued.json")
    }

    /// Reads the register of a build folder; an absent register is empty.
    public init(folder: URL) throws(ArchiveError) {
        let url = Self.file(in: folder)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            let list = try JSONDecoder().decode([Entry].self, from: Data(contentsOf: url))
            for entry in list { entries[entry.fileName] = entry }
        } catch {
            throw ArchiveError(.unreadableRecord, file: url.path, "Das Verzeichnis der herausgegebenen Dateien kann nicht gelesen werden.",
                               hint: "Stellen Sie es aus einer Sicherung wieder her; ohne es weiß vorlage nicht, welche Dateien herausgegeben sind. Bearbeiten Sie es nie von Hand.")
        }
    }

    public func entry(_ fileName: String) -> Entry? { entries[fileName] }

    /// Records a file as issued; a file already issued keeps its first record.
    public mutating func record(_ entry: Entry) {
        if entries[entry.fileName] == nil { entries[entry.fileName] = entry }
    }

    /// The register as written: sorted by file name, so the same register gives the same bytes.
    public func encoded() throws(ArchiveError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(entries.values.sorted { $0.fileName < $1.fileName })
        } catch {
            throw ArchiveError(.writeFailed, file: "issued.json", "Das Verzeichnis der herausgegebenen Dateien kann nicht geschrieben werden.")
        }
    }
}
