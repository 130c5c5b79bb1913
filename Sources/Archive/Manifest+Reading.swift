public import Foundation

extension Manifest {
    /// What a written manifest says about a build: its files and whether anything failed.
    public struct Summary: Sendable {
        /// Every current file: the invitation, each paper's main file and annexes.
        public var files: [(fileName: String, size: Int, sha512Checksum: String)]
        /// The files that could not be built.
        public var failures: [String]
    }

    /// Reads the manifest of a build folder.
    public static func summary(in folder: URL) throws(ArchiveError) -> Summary {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ArchiveError(.notReleasable, file: folder.path, "Der Ordner hat kein manifest.json; hier wurde noch nichts erzeugt.",
                               hint: "Erzeugen Sie die Sitzung zuerst mit vorlage build.")
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ArchiveError(.unreadableRecord, file: url.path, "Die Datei ist kein manifest.json von vorlage.", hint: "Erzeugen Sie die Sitzung erneut.")
        }
        var files: [(String, Int, String)] = []
        func add(_ object: Any?) {
            guard let file = object as? [String: Any], let name = file["fileName"] as? String, let size = file["size"] as? Int,
                  let checksum = file["sha512Checksum"] as? String else { return }
            files.append((name, size, checksum))
        }
        let meeting = root["meeting"] as? [String: Any]
        add(meeting?["invitation"])
        for file in meeting?["auxiliaryFile"] as? [Any] ?? [] { add(file) }
        for paper in root["paper"] as? [[String: Any]] ?? [] {
            add(paper["mainFile"])
            for annex in paper["auxiliaryFile"] as? [Any] ?? [] { add(annex) }
        }
        for file in root["file"] as? [Any] ?? [] { add(file) }
        let failures = (root["vorlage:failures"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        return Summary(files: files, failures: failures)
    }
}
