public import Foundation
import Dispatch
import Synchronization
import Spool
import Templating

/// A meeting folder read and cross-checked: the council profile, the meeting with its agenda,
/// and every paper in `papers/`.
///
/// Problems of the meeting as a whole (its profile, its `meeting.yaml`, its invitation date, an
/// agenda that names a paper nobody wrote or two papers with one reference) are the folder's
/// ``problems``: their errors stop a build before anything is written. Problems of one paper
/// (its data, its number, its consultation, how it is marked on the agenda) belong to that paper:
/// it fails, and the other papers still go out.
public struct MeetingFolder: Sendable {
    public var folder: URL
    public var profile: CouncilProfile
    public var meeting: Meeting
    /// Every paper file in `papers/`, by file name; on disk in a spool when the papers are read
    /// without their text.
    public var papers: PaperFiles
    /// Problems of the meeting as a whole; errors stop the build, warnings are pointed out.
    public var problems: [InputError]

    /// One file of `papers/` and what became of it.
    public struct PaperFile: Sendable {
        /// The folder the file is in, shared by every paper file of a meeting.
        public var folder: URL
        /// The file's name in `folder`.
        public var fileName: String
        /// Where the file is. Made when asked for: a URL of its own per paper would cost a large
        /// meeting a few hundred bytes per paper while it is read.
        public var url: URL { folder.appendingPathComponent(fileName) }
        /// The paper, when its data could be read.
        public var paper: Paper?
        /// The reference the file names, even when the rest could not be read.
        public var reference: String?
        /// The agenda item that treats the paper; nil when it is on no agenda item.
        public var agendaItem: Meeting.AgendaItem?
        /// The paper's own problems; errors mean it cannot be rendered.
        public var problems: [InputError]
        /// What checking the paper against its agenda item found while it was read, until the
        /// cross-checks know whether it is the paper the item treats.
        var checks: PaperChecks?

        /// Whether the paper can be rendered.
        public var isSound: Bool { paper != nil && !problems.contains { $0.severity == .error } }
        /// The file name without its extension: the name of its output files.
        public var stem: String { (fileName as NSString).deletingPathExtension }
    }

    /// How the short-lived name of a spool file ends.
    static let temporarySuffix = ".vorlage-tmp"

    /// The extensions paper files may have.
    public static let dataExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Whether the papers keep their text (Sachverhalt, Beschlussempfehlung) and everything else.
    /// A large build keeps only what the cross-checks, the invitation's agenda and the manifest
    /// read (no text, extra fields, letterhead, own agenda item or places of keys), keeps that and
    /// the agenda in a spool in the system's folder for temporary files (`TMPDIR`, else /tmp; not
    /// the build folder, which a meeting with problems must not create), and reads each paper
    /// again when it renders it, so memory does not grow with the number of papers.
    public let keepsText: Bool

    /// Reads and cross-checks a meeting folder. Throws only when the meeting itself or its
    /// profile cannot be read; everything else is recorded as problems. Paper files are read in
    /// parallel, and each paper is checked against the meeting as soon as it is read, so that
    /// without its text it can drop the places of its keys at once.
    public init(_ folder: URL, keepingText: Bool = true) throws(InputErrors) {
        let folder = folder.standardizedFileURL
        guard let meetingFile = Meeting.fileNames.map({ folder.appendingPathComponent($0) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw InputErrors([InputError(.unreadableFile, file: folder.path, "Der Ordner ist kein Sitzungsordner: meeting.yaml fehlt.",
                                          hint: "Ein Sitzungsordner enthält meeting.yaml, papers/ und annexes/; siehe examples/kreistag-2013-03-06.")])
        }
        let profile = try CouncilProfile.governing(folder)
        // Without their text, the agenda and the papers wait on disk. Where no spool can be made
        // (no writable folder for temporary files), they are kept in memory: the build needs
        // more, but runs.
        let spool = keepingText ? nil : try? Spool(in: FileManager.default.temporaryDirectory, temporarySuffix: Self.temporarySuffix)
        var meeting = try Meeting(contentsOf: meetingFile, spool: spool)
        let places = CheckPlaces(meeting)
        if !keepingText {
            // The places of the meeting's keys are in `places` now; a long agenda has thousands.
            meeting.locations = [:]
            AllocatorTuning.releaseFreedMemory()
        }
        // The agenda item that treats each reference: the last one that names it.
        var itemOfReference: [String: Int] = [:]
        for (index, item) in meeting.agendaItems.enumerated() {
            if let reference = item.paper { itemOfReference[reference] = index }
        }
        let items = itemOfReference
        let papersFolder = Self.papersFolder(of: folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: papersFolder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && Self.dataExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
        let checkedMeeting = meeting
        let collector = PaperFiles.Collector(count: names.count, folder: papersFolder, spool: spool)
        // Papers of one meeting mostly share their Beratungsfolge: a paper kept in memory without
        // its text keeps one shared copy of each.
        let beratungsfolgen = Mutex(Set<[Paper.Consultation]>())
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let url = papersFolder.appendingPathComponent(names[index])
            var file: PaperFile
            do throws(InputErrors) {
                var paper = try Paper(contentsOf: url, profile: profile, inMeeting: true)
                let checks = items[paper.reference].map { Self.checks(of: paper, item: checkedMeeting.agendaItems[$0], meeting: checkedMeeting, profile: profile) }
                if !keepingText {
                    // Read again with the text when the paper is rendered, or for the place of a
                    // problem found later (``referenceLocation(of:)``).
                    paper.sachverhalt = ""
                    paper.beschlussempfehlung = ""
                    paper.extraFields = Value.OrderedMap()
                    paper.body = Paper.Organization(name: "")
                    paper.place = ""
                    paper.agendaItem = Paper.AgendaItem(name: "")
                    paper.source = nil
                    paper.locations = [:]
                    if spool == nil {
                        let consultations = paper.consultations
                        paper.consultations = beratungsfolgen.withLock { $0.insert(consultations).memberAfterInsert }
                    }
                }
                file = PaperFile(folder: papersFolder, fileName: names[index], paper: paper, reference: paper.reference, agendaItem: nil, problems: [])
                file.checks = checks
            } catch {
                file = PaperFile(folder: papersFolder, fileName: names[index], paper: nil, reference: Paper.peekReference(in: url), agendaItem: nil, problems: error.errors)
            }
            collector.put(file, at: index)
        }
        let files = collector.files()
        self.folder = folder
        self.profile = profile
        self.meeting = meeting
        self.papers = files
        self.problems = []
        self.keepsText = keepingText
        crossCheck(places: places)
    }


    /// Where the paper file at `index` gives its reference, for a problem of the meeting (a
    /// reference used twice, a paper on no agenda item); a paper without its text is read again
    /// for it.
    func referenceLocation(of index: Int) -> SourceLocation {
        let file = papers[index]
        guard let paper = file.paper else { return SourceLocation(file: file.url.path) }
        guard !keepsText else { return paper.location(of: "reference") }
        return (try? Paper(contentsOf: file.url, profile: profile, inMeeting: true))?.location(of: "reference") ?? SourceLocation(file: file.url.path)
    }

    /// The paper of a file as rendering needs it: with its text, read again when it was dropped.
    public func fullPaper(_ file: PaperFile) throws(InputErrors) -> Paper? {
        guard let paper = file.paper else { return nil }
        return keepsText ? paper : try Paper(contentsOf: file.url, profile: profile, inMeeting: true)
    }

    /// The folder of the paper files, `papers/`.
    public var papersFolder: URL { Self.papersFolder(of: folder) }

    private static func papersFolder(of folder: URL) -> URL { folder.appendingPathComponent("papers") }

    /// The folder's name: the name of its build folder.
    public var name: String { folder.lastPathComponent }

    /// The paper file an agenda item treats.
    public func paperFile(for item: Meeting.AgendaItem) -> PaperFile? {
        guard let reference = item.paper, let index = paperIndex[reference] else { return nil }
        return papers[index]
    }

    /// The position of the first paper file with each reference.
    var paperIndex: [String: Int] {
        var index: [String: Int] = [:]
        for (position, file) in papers.enumerated() {
            if let reference = file.reference, index[reference] == nil { index[reference] = position }
        }
        return index
    }

    /// The paper files on the agenda, in agenda order.
    public var agendaPapers: [PaperFile] { agenda.map(\.file) }

    /// The papers on the agenda with their items, in agenda order.
    public var agenda: [(item: Meeting.AgendaItem, file: PaperFile)] {
        let index = paperIndex
        return meeting.agendaItems.compactMap { item in item.paper.flatMap { index[$0] }.map { (item, papers[$0]) } }
    }


    /// Whether a problem of the meeting as a whole stops the build.
    public var hasBlockingProblems: Bool { problems.contains { $0.severity == .error } }
}
