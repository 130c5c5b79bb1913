import Foundation
import Archive
import Council
import Spool
import PDFPackage
import Templating

/// What one run of a meeting build has made so far, phase by phase: the papers' documents, the
/// invitations, the PDF copies and packets, and every failure. Used on one thread between the
/// parallel phases.
///
/// The run keeps a small summary of each paper on the agenda (``Paper``), not the papers: a paper
/// is read again when it is rendered. The summaries and the documents made for them wait in a
/// ``Spool`` on disk (``PaperList``), and the manifest's entries are made from them while the
/// manifest is written, so memory does not grow with the number of papers.
final class BuildRun {
    /// The meeting folder, its papers handed over to ``papers`` and ``paperFileNames`` (its own
    /// list of papers is empty).
    let folder: MeetingFolder
    let stage: BuildFolder
    let target: URL

    /// A paper on the agenda: what the build needs to know of it, and its documents.
    struct Paper: Sendable {
        /// The position of its agenda item in the meeting's agenda.
        var itemIndex: Int
        /// The name of its file in `papers/`.
        var fileName: String
        /// What the invitation, the packets and the manifest say of it; nil when its data could not be read.
        var facts: Manifest.PaperFacts?
        /// Its annexes: inputs of the run, and files an earlier run may have written.
        var annexes: [Council.Paper.AnnexFile]
        /// Whether its material may be published (``Meeting/isPublic(_:paper:)``).
        var isPublic: Bool
        /// Whether it can be rendered; when not, `errors` says why.
        var isSound: Bool
        var errors: [String]
        /// The main document first, then the annexes that go out as files of their own.
        var documents: [BuiltDocument] = []
        /// Whether this run rendered it (else its documents come from disk, or it failed).
        var rendered = false
    }

    var papers: PaperList
    /// The name of every file in `papers/`, on the agenda or not, in the folder's order.
    let paperFileNames: [String]
    var invitation: BuiltDocument?
    var publicInvitation: BuiltDocument?
    var packets: [BuiltDocument] = []
    var failures: [Manifest.Failure] = []
    var latencies: [Double] = []
    /// The invitations written or found unchanged by this run.
    var invitationFiles: [BuildFolder.Record] = []
    /// The PDF copies and packets written or found unchanged by this run, in the order they were
    /// made. The papers' files are known from ``papers``.
    var pdfFiles: [BuildFolder.Record] = []

    static let invitationName = "einladung.odt"
    static let publicInvitationName = "einladung-oeffentlich.odt"

    /// Starts a run of a read and checked meeting folder, keeping a summary of each paper on its
    /// agenda in agenda order in a spool in the build folder's records; the folder's papers are
    /// not kept.
    init(folder: MeetingFolder, stage: BuildFolder, target: URL) throws(ArchiveError) {
        let meeting = folder.meeting
        var firstFile: [String: Int] = [:]
        for (position, file) in folder.papers.enumerated() {
            if let reference = file.reference, firstFile[reference] == nil { firstFile[reference] = position }
        }
        var papers = PaperList(spool: try Spool.inControlFolder(of: target))
        papers.reserveCapacity(meeting.agendaItems.count)
        for (itemIndex, item) in meeting.agendaItems.enumerated() {
            guard let reference = item.paper, let position = firstFile[reference] else { continue }
            let file = folder.papers[position]
            papers.append(Paper(itemIndex: itemIndex, fileName: file.fileName, facts: file.paper.map(Manifest.PaperFacts.init),
                                annexes: file.paper?.auxiliaryFiles ?? [], isPublic: meeting.isPublic(item, paper: file.paper), isSound: file.isSound,
                                errors: file.isSound ? [] : file.problems.filter { $0.severity == .error }.map(\.description)))
        }
        self.papers = papers
        paperFileNames = folder.papers.map(\.fileName)
        var rest = folder
        rest.papers = []
        self.folder = rest
        self.stage = stage
        self.target = target
    }

    /// Every file written or found unchanged by this run: the invitations, each rendered paper's
    /// documents in agenda order, then the PDF copies and the packets.
    var files: BuiltFiles {
        BuiltFiles(leading: invitationFiles, papers: papers, trailing: pdfFiles)
    }

    /// Records a failure, with the path relative to the meeting folder where it is inside.
    func fail(_ file: String, _ problems: [String]) {
        failures.append(Manifest.Failure(file: file, problems: problems))
    }

    /// The agenda item that treats a paper.
    func item(of paper: Paper) -> Meeting.AgendaItem {
        folder.meeting.agendaItems[paper.itemIndex]
    }

    /// Where a paper's file is.
    func url(of paper: Paper) -> URL {
        folder.papersFolder.appendingPathComponent(paper.fileName)
    }

    /// The file name of a paper without its extension: the name of its output files.
    func stem(of paper: Paper) -> String {
        url(of: paper).deletingPathExtension().lastPathComponent
    }

    // MARK: - What is public

    /// Whether the meeting has anything that may not be published.
    var hasNonPublicMaterial: Bool {
        !folder.meeting.isPublic || papers.contains { !$0.isPublic || $0.annexes.contains { !$0.isPublic } }
            || folder.meeting.agendaItems.contains { !$0.isPublic }
    }

    // MARK: - Documents from disk

    /// Papers and invitations not made in this run are described by their newest files on disk,
    /// so the manifest and the packets cover the whole meeting.
    func completeFromDisk() {
        for index in papers.indices where !papers[index].rendered {
            papers[index].documents = documentsOnDisk(papers[index])
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
    func documentsOnDisk(_ paper: Paper) -> [BuiltDocument] {
        guard let facts = paper.facts else { return [] }
        let stem = stem(of: paper)
        guard let main = stage.current("\(stem).odt") else { return [] }
        var documents = [BuiltDocument(record: main, title: "\(facts.paperType) \(facts.reference)", mimeType: RenderedFile.odtMimeType,
                                       date: facts.date, isPublic: paper.isPublic)]
        for (index, annex) in paper.annexes.enumerated() where annex.mode == .separate {
            let isPDF = annex.fileURL.pathExtension.lowercased() == "pdf"
            guard let record = stage.current("\(stem)-anlage-\(index + 1).\(isPDF ? "pdf" : "odt")") else { continue }
            documents.append(BuiltDocument(record: record, title: annex.name, mimeType: isPDF ? RenderedFile.pdfMimeType : RenderedFile.odtMimeType,
                                           date: annex.date ?? facts.date, isPublic: paper.isPublic && annex.isPublic, annexNumber: index + 1))
        }
        return documents
    }

    // MARK: - The invitation

    /// The paper of each reference on the agenda as the invitation shows it (its name, reference,
    /// type and date), made from its summary when the invitation's data asks for it.
    func agendaPapers() -> @Sendable (String) -> Council.Paper? {
        var positions: [String: Int] = [:]
        for (position, paper) in papers.enumerated() {
            if let reference = paper.facts?.reference, positions[reference] == nil { positions[reference] = position }
        }
        let papers = papers
        return { [positions] reference in
            guard let facts = positions[reference].flatMap({ papers[$0].facts }) else { return nil }
            return Council.Paper(body: Council.Paper.Organization(name: ""), place: "", date: facts.date, underDirectionOf: facts.underDirectionOf,
                                 paperType: facts.paperType, reference: facts.reference, agendaItem: Council.Paper.AgendaItem(name: facts.name),
                                 consultations: facts.consultations, sachverhalt: "", beschlussempfehlung: "", auxiliaryFiles: [], name: facts.name,
                                 superordinatedPaper: facts.superordinatedPaper, originatorOrganization: facts.originatorOrganization, hasOwnAgendaItem: false)
        }
    }

    // MARK: - The manifest

    /// The manifest of the build folder as this run leaves it; its paper entries and inputs are
    /// made from the summaries while it is written.
    func manifest() -> Manifest {
        let papers = papers
        let items = folder.meeting.agendaItems
        // The papers whose data could be read, found in one pass over the spool; nil when that is
        // every paper.
        let readable = papers.indices.filter { papers[$0].facts != nil }
        let listed = readable.count == papers.count ? nil : readable
        let entries = Manifest.Papers(count: readable.count, entry: { position in
            let paper = papers[listed?[position] ?? position]
            let files = paper.documents.map(\.manifestFile)
            return Manifest.PaperEntry(paper: paper.facts!, item: items[paper.itemIndex], mainFile: files.first, auxiliaryFiles: Array(files.dropFirst()))
        }, order: { position in
            items[Int(papers.itemIndices[listed?[position] ?? position])].order
        })
        var manifest = Manifest(meetingFolder: folder, papers: entries, invitation: invitation?.manifestFile, inputs: inputs(),
                                failures: failures.map { Manifest.Failure(file: MeetingBuild.relative($0.file, to: folder.folder), problems: $0.problems) },
                                generator: VorlageVersion.generator, issuedVersions: [:])
        manifest.meetingFiles = (publicInvitation.map { [$0] } ?? []).map(\.manifestFile) + packets.map(\.manifestFile)
        var versions: [String: [IssuedRegister.Entry]] = [:]
        func note(_ document: BuiltDocument) {
            for record in [document.record] + (document.pdf.map { [$0] } ?? []) {
                let issued = stage.issuedVersions(of: record.requestedName)
                if !issued.isEmpty { versions[record.requestedName] = issued }
            }
        }
        invitation.map(note)
        publicInvitation.map(note)
        packets.forEach(note)
        for paper in papers { paper.documents.forEach(note) }
        manifest.issuedVersions = versions
        return manifest
    }

    /// Every input of the run, by path relative to the meeting folder: the profile, the meeting,
    /// the papers, the templates and the annexes. Each is read and hashed when the manifest is
    /// written.
    func inputs() -> Manifest.Inputs {
        let profile = folder.profile
        let base = folder.folder
        let papersFolder = folder.papersFolder
        let names = paperFileNames
        // Every input but the paper files, each once.
        var urls: [URL] = []
        if let source = profile.source { urls.append(source) }
        urls.append(URL(fileURLWithPath: folder.meeting.source.file))
        urls.append(profile.invitationTemplate)
        var paperTypes: Set<String> = []
        for facts in papers.lazy.compactMap(\.facts) where paperTypes.insert(facts.paperType).inserted {
            urls.append(profile.template(of: facts.paperType))
        }
        for paper in papers where paper.facts != nil {
            urls += paper.annexes.map(\.fileURL)
        }
        var seen: Set<String> = []
        var others: [(relative: String, path: String)] = []
        for url in urls {
            let standardized = url.standardizedFileURL
            guard seen.insert(standardized.path).inserted else { continue }
            // A file of papers/ is listed with the paper files.
            if standardized.deletingLastPathComponent().path == papersFolder.path, names.contains(standardized.lastPathComponent) { continue }
            others.append((MeetingBuild.relative(url.path, to: base), url.path))
        }
        others.sort { $0.relative < $1.relative }
        // The paper files are in name order, and so are their paths under papers/: merged with
        // the others, every input comes in the order of its path. A position below zero is
        // another input's, -1 the first.
        let papersPath = MeetingBuild.relative(papersFolder.path, to: base)
        var order: [Int] = []
        order.reserveCapacity(names.count + others.count)
        var next = 0
        for (index, name) in names.enumerated() {
            let relative = papersPath + "/" + name
            while next < others.count, others[next].relative < relative {
                order.append(-next - 1)
                next += 1
            }
            order.append(index)
        }
        order += (next..<others.count).map { -$0 - 1 }
        return Manifest.Inputs(count: order.count) { [others, order, papersPath] position in
            let path: String, relative: String
            if order[position] >= 0 {
                path = papersFolder.appendingPathComponent(names[order[position]]).path
                relative = papersPath + "/" + names[order[position]]
            } else {
                (relative, path) = others[-order[position] - 1]
            }
            guard let bytes = FileManager.default.contents(atPath: path) else { return nil }
            return Manifest.Input(path: relative, size: bytes.count, sha512Checksum: Checksum.sha512(bytes))
        }
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
            throw PacketProblem("\(document.record.fileName) hat keine PDF-Kopie.")
        }
        return try Data(contentsOf: stage.currentLocation(of: document.record.fileName))
    }

    /// The parts of a packet; the public packet leaves out everything that may not be published.
    func packetParts(publicOnly: Bool) throws -> [PacketPart] {
        let cover = publicOnly ? (publicInvitation ?? invitation) : invitation
        guard let cover, !publicOnly || cover.isPublic else { throw PacketProblem("Die Einladung fehlt; erzeugen Sie zuerst die ganze Sitzung.") }
        var parts = [PacketPart(title: cover.title, labelPrefix: "Einladung: ", data: try pdfBytes(of: cover))]
        for paper in papers {
            guard let data = paper.facts else { continue }
            guard let main = paper.documents.first else { throw PacketProblem("\(paper.fileName) ist noch nicht erzeugt.") }
            if publicOnly, !main.isPublic { continue }
            let item = item(of: paper)
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
