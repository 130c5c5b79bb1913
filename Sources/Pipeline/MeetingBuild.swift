public import Foundation
public import Archive
public import Council
import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import Templating

/// Builds everything a meeting needs: every paper on the agenda with its annexes, the
/// invitation with the agenda, and `manifest.json`, into `build/<meeting folder name>/`.
///
/// The meeting folder is read and cross-checked first; a problem of the meeting as a whole stops
/// the build before anything is written. Papers then render in parallel, each worker compiling
/// each template once; a paper that fails is reported and the others go on. Rendering produces
/// bytes; the ``BuildFolder`` stage writes them, keeps issued files and pays for durability once.
public struct MeetingBuild: Sendable {
    public var meeting: URL
    /// The build folder; nil for `build/<meeting folder name>` under the working folder.
    public var output: URL?
    /// How many papers render at once.
    public var jobs: Int
    /// Only these papers (by reference) are rebuilt; empty rebuilds everything.
    public var only: [String]
    /// How long to wait for another run working on the same build folder.
    public var waitSeconds: Double

    public init(meeting: URL, output: URL? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, only: [String] = [], waitSeconds: Double = 600) {
        self.meeting = meeting
        self.output = output
        self.jobs = max(1, jobs)
        self.only = only
        self.waitSeconds = waitSeconds
    }

    /// Where a run stands, for a progress display.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        /// The paper just finished (its reference) or the file being written.
        public var current: String
        public var elapsed: Double
        /// A guess from the pace so far; nil before the first paper.
        public var remaining: Double?
    }

    /// What a run did.
    public struct Report: Sendable {
        public var folder: URL
        /// Every file the run wrote or found unchanged, in agenda order, the invitation first.
        public var files: [BuildFolder.Record]
        /// What could not be built, each with its problems.
        public var failures: [Manifest.Failure]
        /// Problems that were only pointed out.
        public var warnings: [InputError]
        /// Seconds each paper took to render and stage, in the order they finished.
        public var latencies: [Double]
        /// Whether everything asked for was built.
        public var succeeded: Bool { failures.isEmpty }
    }

    /// The build folder of a meeting folder.
    public func buildFolder(for folder: MeetingFolder) -> URL {
        output ?? URL(fileURLWithPath: "build").appendingPathComponent(folder.name)
    }

    /// Runs the build; throws only when nothing could be built (the meeting has problems, the
    /// build folder is locked or cannot be written).
    public func run(progress: @escaping @Sendable (Progress) -> Void = { _ in }, notice: @escaping @Sendable (String) -> Void = { _ in }) throws(PipelineError) -> Report {
        let started = DispatchTime.now().uptimeNanoseconds
        let folder: MeetingFolder
        do {
            folder = try MeetingFolder(meeting, keepingText: false)
        } catch {
            throw PipelineError(.input(error))
        }
        guard !folder.hasBlockingProblems else { throw PipelineError(.input(InputErrors(folder.problems))) }
        let agenda = folder.agenda
        for reference in only where !agenda.contains(where: { $0.1.reference == reference }) {
            let known = agenda.compactMap(\.1.reference)
            let guess = Suggestion.closest(to: reference, among: known).map { " Did you mean \($0)?" } ?? ""
            throw PipelineError(.request("\(reference) is not the reference of a paper on the agenda of \(folder.meeting.name).\(guess)"))
        }
        let target = buildFolder(for: folder)
        let lock: BuildLock
        let stage: BuildFolder
        do {
            lock = try BuildLock(folder: target, timeout: waitSeconds, report: notice)
            stage = try BuildFolder(target)
        } catch {
            throw PipelineError(.archive(error))
        }
        defer { withExtendedLifetime(lock) {} }

        // Papers: the sound ones render in parallel; the others fail with their own problems.
        let selected = agenda.filter { only.isEmpty || only.contains($0.1.reference ?? "") }
        var failures: [Manifest.Failure] = []
        var work: [(item: Meeting.AgendaItem, file: MeetingFolder.PaperFile, paper: Paper)] = []
        for (item, file) in selected {
            if file.isSound, let paper = file.paper {
                work.append((item, file, paper))
            } else {
                failures.append(Manifest.Failure(file: file.url.path, problems: file.problems.filter { $0.severity == .error }.map(\.description)))
            }
        }
        let results = Mutex([Int: Result<SubmissionRenderer.Result, PipelineError>]())
        let records = Mutex([Int: [BuildFolder.Record]]())
        let latencies = Mutex([Double]())
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let total = work.count
        let profile = folder.profile
        let meeting = folder.meeting
        let items = work
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(total, 1))) { _ in
            var templates: [URL: Result<Template, TemplateErrors>] = [:]
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < total else { break }
                let (item, file, slim) = items[index]
                let paperStarted = DispatchTime.now().uptimeNanoseconds
                // The folder dropped the papers' text after checking them; read it again now.
                let paper: Paper
                do throws(InputErrors) {
                    paper = try folder.fullPaper(file) ?? slim
                } catch {
                    results.withLock { $0[index] = .failure(PipelineError(.input(error))) }
                    let finished = done.add(1, ordering: .relaxed).newValue
                    progress(Progress(done: finished, total: total, current: slim.reference, elapsed: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9, remaining: nil))
                    continue
                }
                let templateURL = profile.template(of: paper.paperType)
                if templates[templateURL] == nil {
                    templates[templateURL] = Result { () throws(TemplateErrors) in try Template(contentsOf: templateURL) }
                }
                let outcome: Result<SubmissionRenderer.Result, PipelineError>
                switch templates[templateURL]! {
                case .failure(let error):
                    outcome = .failure(PipelineError(.template(error)))
                case .success(let template):
                    let data = paper.templateData(in: meeting, item: item, profile: profile)
                    outcome = Result { () throws(PipelineError) in
                        try SubmissionRenderer.render(paper, data: data, template: template, baseName: file.stem)
                    }
                }
                // Writing is the next stage: the bytes go to the build folder now, so memory
                // does not grow with the number of papers.
                var staged: Result<[BuildFolder.Record], PipelineError> = .success([])
                if case .success(let rendered) = outcome {
                    staged = Result { () throws(PipelineError) in try Self.stage(rendered, in: stage) }
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - paperStarted) / 1e9
                switch (outcome, staged) {
                case (.success(let rendered), .success(let written)):
                    results.withLock { $0[index] = .success(Self.withoutBytes(rendered)) }
                    records.withLock { $0[index] = written }
                case (.failure(let error), _), (_, .failure(let error)):
                    results.withLock { $0[index] = .failure(error) }
                }
                latencies.withLock { $0.append(seconds) }
                let finished = done.add(1, ordering: .relaxed).newValue
                // Rendering frees everything it allocates, but glibc keeps freed pages in its
                // per-thread arenas, so a long build's resident memory would grow with the
                // number of papers. Handing them back now and then keeps it flat.
                if finished % 64 == 0 { Self.releaseFreedMemory() }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                progress(Progress(done: finished, total: total, current: paper.reference, elapsed: elapsed,
                                  remaining: elapsed / Double(finished) * Double(total - finished)))
            }
        }

        var rendered: [Int: SubmissionRenderer.Result] = [:]
        for index in work.indices {
            switch results.withLock({ $0[index] }) {
            case .success(let result): rendered[index] = result
            case .failure(let error): failures.append(Manifest.Failure(file: work[index].file.url.path, problems: error.lines))
            case nil: break
            }
        }
        let written = records.withLock { $0 }

        // The invitation lists every item, so it needs every paper on the agenda to be sound.
        var invitationRecord: BuildFolder.Record?
        var invitation: Manifest.File?
        let invitationName = "einladung.odt"
        let unsound = agenda.filter { !$0.1.isSound }.map { $0.1.url.lastPathComponent }
        if only.isEmpty {
            if unsound.isEmpty {
                do {
                    let file = try InvitationRenderer.render(folder)
                    invitationRecord = try stage.stage(file.bytes, as: file.name)
                    invitation = invitationRecord.map { Manifest.File(record: $0, name: file.title, mimeType: file.mimeType, date: file.date) }
                } catch let error as PipelineError {
                    failures.append(Manifest.Failure(file: profile.invitationTemplate.path, problems: error.lines))
                } catch let error as ArchiveError {
                    failures.append(Manifest.Failure(file: error.file, problems: [error.description]))
                } catch {
                    failures.append(Manifest.Failure(file: invitationName, problems: ["\(error)"]))
                }
            } else {
                failures.append(Manifest.Failure(file: target.appendingPathComponent(invitationName).path,
                                                 problems: ["the invitation was not built because papers on its agenda have problems: \(unsound.joined(separator: ", "))."]))
            }
        }
        if invitation == nil, let current = stage.current(invitationName) {
            invitation = Manifest.File(record: current, name: InvitationRenderer.title(of: folder.meeting), mimeType: RenderedFile.odtMimeType,
                                       date: folder.meeting.invitationDate)
        }

        // The manifest describes the folder as it is after this run: what was rendered now, and
        // for papers not rebuilt (--only, or failed) the newest version on disk.
        var entries: [Manifest.PaperEntry] = []
        var files: [BuildFolder.Record] = invitationRecord.map { [$0] } ?? []
        let workIndex = Dictionary(work.indices.map { (work[$0].file.url, $0) }, uniquingKeysWith: { first, _ in first })
        for (item, file) in agenda {
            guard let paper = file.paper else { continue }
            if let index = workIndex[file.url], let result = rendered[index], let records = written[index] {
                files += records
                let outputs = [result.main] + result.annexes.compactMap(\.file)
                let described = zip(records, outputs).map { Manifest.File(record: $0, name: $1.title, mimeType: $1.mimeType, date: $1.date) }
                entries.append(Manifest.PaperEntry(paper: paper, item: item, mainFile: described.first, auxiliaryFiles: Array(described.dropFirst())))
            } else {
                entries.append(Self.entryFromDisk(paper, item: item, stem: file.stem, stage: stage))
            }
        }
        let manifest = Manifest(meetingFolder: folder, papers: entries, invitation: invitation, inputs: Self.inputs(of: folder, papers: agenda.compactMap(\.1.paper)),
                                failures: failures.map { Manifest.Failure(file: Self.relative($0.file, to: folder.folder), problems: $0.problems) },
                                generator: VorlageVersion.generator, issuedVersions: Self.issuedVersions(stage, entries: entries, invitation: invitation))
        do {
            try manifest.stage(in: stage)
            try stage.commit()
        } catch {
            throw PipelineError(.archive(error))
        }
        return Report(folder: target, files: files, failures: failures, warnings: folder.problems.filter { $0.severity == .warning },
                      latencies: latencies.withLock { $0 })
    }

    /// Returns freed heap pages to the system (glibc's `malloc_trim`, looked up by name because
    /// Glibc's module does not include malloc.h; nothing where it is missing).
    static func releaseFreedMemory() {
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
    }

    /// Hands every file of a rendered submission to the writing stage.
    static func stage(_ rendered: SubmissionRenderer.Result, in stage: BuildFolder) throws(PipelineError) -> [BuildFolder.Record] {
        var written: [BuildFolder.Record] = []
        for file in [rendered.main] + rendered.annexes.compactMap(\.file) {
            do {
                written.append(try stage.stage(file.bytes, as: file.name))
            } catch {
                throw PipelineError(.archive(error))
            }
        }
        return written
    }

    /// The rendered result without its bytes, once they are staged.
    private static func withoutBytes(_ result: SubmissionRenderer.Result) -> SubmissionRenderer.Result {
        var copy = result
        copy.main.bytes = Data()
        copy.annexes = copy.annexes.map { annex, file in (annex, file.map { var file = $0; file.bytes = Data(); return file }) }
        return copy
    }

    /// A paper not rebuilt in this run, described from the newest files on disk.
    static func entryFromDisk(_ paper: Paper, item: Meeting.AgendaItem, stem: String, stage: BuildFolder) -> Manifest.PaperEntry {
        let main = stage.current("\(stem).odt").map { Manifest.File(record: $0, name: "\(paper.paperType) \(paper.reference)", mimeType: RenderedFile.odtMimeType, date: paper.date) }
        var annexes: [Manifest.File] = []
        for (index, annex) in paper.auxiliaryFiles.enumerated() where annex.mode == .separate {
            let isPDF = annex.fileURL.pathExtension.lowercased() == "pdf"
            let name = "\(stem)-anlage-\(index + 1).\(isPDF ? "pdf" : "odt")"
            if let record = stage.current(name) {
                annexes.append(Manifest.File(record: record, name: annex.name, mimeType: isPDF ? RenderedFile.pdfMimeType : RenderedFile.odtMimeType, date: annex.date ?? paper.date))
            }
        }
        return Manifest.PaperEntry(paper: paper, item: item, mainFile: main, auxiliaryFiles: annexes)
    }

    /// The issued versions of every file the manifest names.
    static func issuedVersions(_ stage: BuildFolder, entries: [Manifest.PaperEntry], invitation: Manifest.File?) -> [String: [IssuedRegister.Entry]] {
        var versions: [String: [IssuedRegister.Entry]] = [:]
        let files = (invitation.map { [$0] } ?? []) + entries.flatMap { ($0.mainFile.map { [$0] } ?? []) + $0.auxiliaryFiles }
        for file in files {
            let issued = stage.issuedVersions(of: file.record.requestedName)
            if !issued.isEmpty { versions[file.record.requestedName] = issued }
        }
        return versions
    }

    /// Every input of the run with its checksum: the profile, the meeting, the papers, the
    /// templates and the annexes, by path relative to the meeting folder.
    static func inputs(of folder: MeetingFolder, papers: [Paper]) -> [Manifest.Input] {
        var urls: [URL] = []
        if let profile = folder.profile.source { urls.append(profile) }
        urls += folder.meeting.source.file.isEmpty ? [] : [URL(fileURLWithPath: folder.meeting.source.file)]
        urls += folder.papers.map(\.url)
        urls.append(folder.profile.invitationTemplate)
        urls += papers.map { folder.profile.template(of: $0.paperType) }
        urls += papers.flatMap { $0.auxiliaryFiles.map(\.fileURL) }
        var seen: Set<String> = []
        var inputs: [Manifest.Input] = []
        for url in urls where seen.insert(url.standardizedFileURL.path).inserted {
            guard let bytes = FileManager.default.contents(atPath: url.path) else { continue }
            inputs.append(Manifest.Input(path: relative(url.path, to: folder.folder), size: bytes.count, sha512Checksum: Checksum.sha512(bytes)))
        }
        return inputs.sorted { $0.path < $1.path }
    }

    /// A path relative to the meeting folder (`papers/x.yaml`, `../council.yaml`).
    static func relative(_ path: String, to folder: URL) -> String {
        let from = folder.standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var shared = 0
        while shared < min(from.count, to.count), from[shared] == to[shared] { shared += 1 }
        guard shared > 1 else { return path }
        return (Array(repeating: "..", count: from.count - shared) + to[shared...]).joined(separator: "/")
    }
}
