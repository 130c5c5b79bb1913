public import Foundation
public import Archive
import Council

/// Marks the documents of a complete build as issued (`vorlage release`): from then on no build
/// overwrites them; a changed document becomes a new version beside the issued one.
///
/// Only a build without failures can be released, and only files whose bytes on disk are still
/// the ones the manifest records.
public struct ReleaseJob: Sendable {
    public var meeting: URL
    public var output: URL?
    public var waitSeconds: Double

    public init(meeting: URL, output: URL? = nil, waitSeconds: Double = 600) {
        self.meeting = meeting
        self.output = output
        self.waitSeconds = waitSeconds
    }

    /// What a release did.
    public struct Report: Sendable {
        public var folder: URL
        /// Files issued now.
        public var issued: [IssuedRegister.Entry]
        /// Files that had been issued before and are still current.
        public var alreadyIssued: [String]
    }

    public func run(now: Date = Date()) throws(PipelineError) -> Report {
        let folder = output ?? MeetingBuild.defaultBuildFolder(for: meeting)
        do throws(ArchiveError) {
            let lock = try BuildLock(folder: folder, timeout: waitSeconds)
            defer { withExtendedLifetime(lock) {} }
            let summary = try Manifest.summary(in: folder)
            guard summary.failures.isEmpty else {
                throw ArchiveError(.notReleasable, file: folder.path, "Der letzte Lauf von vorlage build ist nicht vollständig: \(summary.failures.joined(separator: ", ")).",
                                   hint: "Beheben Sie die Probleme, erzeugen Sie die Sitzung erneut, und geben Sie dann einen vollständigen Stand heraus.")
            }
            let stage = try BuildFolder(folder)
            var register = stage.register
            var issued: [IssuedRegister.Entry] = []
            var already: [String] = []
            let stamp = Manifest.timestamp(now)
            for file in summary.files {
                let url = folder.appendingPathComponent(file.fileName)
                guard let bytes = FileManager.default.contents(atPath: url.path), Checksum.sha512(bytes) == file.sha512Checksum else {
                    throw ArchiveError(.notReleasable, file: url.path, "Die Datei fehlt oder weicht von dem ab, was der letzte Lauf geschrieben hat.",
                                       hint: "Erzeugen Sie die Sitzung erneut mit vorlage build, und geben Sie sie dann heraus.")
                }
                if register.entry(file.fileName) != nil {
                    already.append(file.fileName)
                    continue
                }
                let entry = IssuedRegister.Entry(fileName: file.fileName, size: file.size, sha512Checksum: file.sha512Checksum, issued: stamp)
                register.record(entry)
                issued.append(entry)
            }
            if !issued.isEmpty {
                try stage.stageReplacing(register.encoded(), at: "\(BuildFolder.controlFolderName)/issued.json")
                try stage.commit()
            }
            return Report(folder: folder, issued: issued, alreadyIssued: already)
        } catch {
            throw PipelineError(.archive(error))
        }
    }
}
