import Foundation
import Archive
import Council
import PDFPackage
import Templating

/// What one run of a meeting build has made so far, phase by phase: the papers' documents, the
/// invitations, the PDF copies and packets, and every failure. Used on one thread between the
/// parallel phases.
final class BuildRun {
    let folder: MeetingFolder
    let stage: BuildFolder
    let target: URL

    /// A paper on the agenda and its documents.
    struct Paper {
        var item: Meeting.AgendaItem
        var file: MeetingFolder.PaperFile
        /// The main document first, then the annexes that go out as files of their own.
        var documents: [BuiltDocument] = []
        /// Whether this run rendered it (else its documents come from disk, or it failed).
        var rendered = false
    }

    var papers: [Paper]
    var invitation: BuiltDocument?
    var publicInvitation: BuiltDocument?
    var packets: [BuiltDocument] = []
    var failures: [Manifest.Failure] = []
    var latencies: [Double] = []
    /// Every file written or found unchanged by this run, in the order they were made.
    var writtenFiles: [BuildFolder.Record] = []

    static let invitationName = "einladung.odt"
    static let publicInvitationName = "einladung-oeffentlich.odt"

    init(folder: MeetingFolder, stage: BuildFolder, target: URL) {
        self.folder = folder
        self.stage = stage
        self.target = target
        papers = folder.agenda.map { Paper(item: $0.item, file: $0.file) }
    }

    /// Records a failure, with the path relative to the meeting folder where it is inside.
    func fail(_ file: String, _ problems: [String]) {
        failures.append(Manifest.Failure(file: file, problems: problems))
    }

    // MARK: - What is public

    /// Whether the meeting has anything that may not be published.
    var hasNonPublicMaterial: Bool {
        !folder.meeting.isPublic || papers.contains { !folder.meeting.isPublic($0.item, paper: $0.file.paper) || ($0.file.paper?.auxiliaryFiles.contains { !$0.isPublic } ?? false) }
            || folder.meeting.agendaItems.contains { !$0.isPublic }
    }

    // MARK: - Documents from disk

    /// Papers and invitations not made in this run are described by their newest files on disk,
    /// so the manifest and the packets cover the whole meeting.
    func completeFromDisk() {
        for index in papers.indices where !papers[index].rendered {
            guard let paper = papers[index].file.paper else { continue }
            papers[index].documents = documentsOnDisk(paper, item: papers[index].item, stem: papers[index].file.stem)
        }
        if invitation == nil, let record = stage.current(Self.invitationName) {
            let meeting = folder.meeting
            invitation = BuiltDocument(record: record, title: InvitationRenderer.title(of: meeting), mimeType: RenderedFile.odtMimeType,
                                       date: meeting.invitationDate, isPublic: meeting.isPublic && !hasNonPublicMaterial)
        }
        if publicInvitation == nil, hasNonPublicMaterial, folder.meeting.isPublic, let record = stage.current(Self.publicInvitationName) {
            publicInvitation = BuiltDocument(record: record, title: InvitationRenderer.title(of: folder.meeting, publicOnly: true),
                                             mimeType: RenderedFile.odtMimeType, date: folder.meeting.invitationDate, isPublic: true)
        }
    }

    /// The files an earlier run wrote for a paper, newest versions.
    func documentsOnDisk(_ paper: Council.Paper, item: Meeting.AgendaItem, stem: String) -> [BuiltDocument] {
        let paperIsPublic = folder.meeting.isPublic(item, paper: paper)
        guard let main = stage.current("\(stem).odt") else { return [] }
        var documents = [BuiltDocument(record: main, title: "\(paper.paperType) \(paper.reference)", mimeType: RenderedFile.odtMimeType,
                                       date: paper.date, isPublic: paperIsPublic)]
        for (index, annex) in paper.auxiliaryFiles.enumerated() where annex.mode == .separate {
            let isPDF = annex.fileURL.pathExtension.lowercased() == "pdf"
            guard let record = stage.current("\(stem)-anlage-\(index + 1).\(isPDF ? "pdf" : "odt")") else { continue }
            documents.append(BuiltDocument(record: record, title: annex.name, mimeType: isPDF ? RenderedFile.pdfMimeType : RenderedFile.odtMimeType,
                                           date: annex.date ?? paper.date, isPublic: paperIsPublic && annex.isPublic, annexNumber: index + 1))
        }
        return documents
    }

    // MARK: - The manifest

    /// The manifest of the build folder as this run leaves it.
    func manifest() -> Manifest {
        var entries: [Manifest.PaperEntry] = []
        for paper in papers {
            guard let data = paper.file.paper else { continue }
            let files = paper.documents.map(\.manifestFile)
            entries.append(Manifest.PaperEntry(paper: data, item: paper.item, mainFile: files.first, auxiliaryFiles: Array(files.dropFirst())))
        }
        var manifest = Manifest(meetingFolder: folder, papers: entries, invitation: invitation?.manifestFile, inputs: inputs(),
                                failures: failures.map { Manifest.Failure(file: MeetingBuild.relative($0.file, to: folder.folder), problems: $0.problems) },
                                generator: VorlageVersion.generator, issuedVersions: [:])
        manifest.meetingFiles = (publicInvitation.map { [$0] } ?? []).map(\.manifestFile) + packets.map(\.manifestFile)
        var versions: [String: [IssuedRegister.Entry]] = [:]
        let documents = (invitation.map { [$0] } ?? []) + (publicInvitation.map { [$0] } ?? []) + packets + papers.flatMap(\.documents)
        for record in documents.flatMap({ [$0.record] + ($0.pdf.map { [$0] } ?? []) }) {
            let issued = stage.issuedVersions(of: record.requestedName)
            if !issued.isEmpty { versions[record.requestedName] = issued }
        }
        manifest.issuedVersions = versions
        return manifest
    }

    /// Every input of the run with its checksum: the profile, the meeting, the papers, the
    /// templates and the annexes, by path relative to the meeting folder.
    func inputs() -> [Manifest.Input] {
        let profile = folder.profile
        let agendaPapers = papers.compactMap(\.file.paper)
        var urls: [URL] = []
        if let source = profile.source { urls.append(source) }
        urls.append(URL(fileURLWithPath: folder.meeting.source.file))
        urls += folder.papers.map(\.url)
        urls.append(profile.invitationTemplate)
        urls += agendaPapers.map { profile.template(of: $0.paperType) }
        urls += agendaPapers.flatMap { $0.auxiliaryFiles.map(\.fileURL) }
        var seen: Set<String> = []
        var inputs: [Manifest.Input] = []
        for url in urls where seen.insert(url.standardizedFileURL.path).inserted {
            guard let bytes = FileManager.default.contents(atPath: url.path) else { continue }
            inputs.append(Manifest.Input(path: MeetingBuild.relative(url.path, to: folder.folder), size: bytes.count, sha512Checksum: Checksum.sha512(bytes)))
        }
        return inputs.sorted { $0.path < $1.path }
    }
}

/// Where a document stands in a build: an invitation, a packet, or a paper's document.
enum DocumentPlace: Hashable {
    case invitation
    case publicInvitation
    case paper(Int, Int)
}

extension BuildRun {
    /// Every document of the meeting, the invitations first.
    func documentPlaces() -> [DocumentPlace] {
        var places: [DocumentPlace] = []
        if invitation != nil { places.append(.invitation) }
        if publicInvitation != nil { places.append(.publicInvitation) }
        for (index, paper) in papers.enumerated() {
            places += paper.documents.indices.map { DocumentPlace.paper(index, $0) }
        }
        return places
    }

    func document(at place: DocumentPlace) -> BuiltDocument {
        switch place {
        case .invitation: invitation!
        case .publicInvitation: publicInvitation!
        case .paper(let paper, let document): papers[paper].documents[document]
        }
    }

    func setPDF(_ record: BuildFolder.Record, at place: DocumentPlace) {
        switch place {
        case .invitation: invitation?.pdf = record
        case .publicInvitation: publicInvitation?.pdf = record
        case .paper(let paper, let document): papers[paper].documents[document].pdf = record
        }
    }

    /// `kreistag-2013-03-06-mappe.pdf` and `kreistag-2013-03-06-mappe-oeffentlich.pdf`.
    func packetName(publicOnly: Bool) -> String {
        "\(folder.name)-mappe\(publicOnly ? "-oeffentlich" : "").pdf"
    }

    /// The bytes of a document's PDF: its PDF copy, or the document itself when it is a PDF.
    func pdfBytes(of document: BuiltDocument) throws -> Data {
        if let pdf = document.pdf { return try Data(contentsOf: stage.currentLocation(of: pdf.fileName)) }
        guard document.mimeType == RenderedFile.pdfMimeType else {
            throw PacketProblem("\(document.record.fileName) has no PDF copy.")
        }
        return try Data(contentsOf: stage.currentLocation(of: document.record.fileName))
    }

    /// The parts of a packet; the public packet leaves out everything that may not be published.
    func packetParts(publicOnly: Bool) throws -> [PacketPart] {
        let cover = publicOnly ? (publicInvitation ?? invitation) : invitation
        guard let cover, !publicOnly || cover.isPublic else { throw PacketProblem("the invitation is missing; build the whole meeting first.") }
        var parts = [PacketPart(title: cover.title, labelPrefix: "Einladung: ", data: try pdfBytes(of: cover))]
        for paper in papers {
            guard let data = paper.file.paper else { continue }
            guard let main = paper.documents.first else { throw PacketProblem("\(paper.file.url.lastPathComponent) has not been built.") }
            if publicOnly, !main.isPublic { continue }
            let item = paper.item
            var children: [PacketPart.Child] = []
            for annex in paper.documents.dropFirst() where !publicOnly || annex.isPublic {
                let label = annex.annexNumber.map { "Anlage \($0)" } ?? "Anlage"
                children.append(PacketPart.Child(title: "\(label): \(annex.title)", labelPrefix: "TOP \(item.number) \(label): ", data: try pdfBytes(of: annex)))
            }
            parts.append(PacketPart(title: "TOP \(item.number): \(item.name ?? data.name)", labelPrefix: "TOP \(item.number): ",
                                    data: try pdfBytes(of: main), children: children))
        }
        return parts
    }
}

/// Why a session packet cannot be joined.
struct PacketProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
