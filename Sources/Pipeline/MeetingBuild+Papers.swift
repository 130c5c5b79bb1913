import Foundation
import Spool
import Archive
import Council
import Dispatch
import Synchronization
import Templating

extension MeetingBuild {
    /// Renders the papers asked for in parallel, each worker compiling each template once, and
    /// hands each paper's files to the writing stage as soon as they are rendered, so memory does
    /// not grow with the number of papers. A paper with problems fails on its own.
    func renderPapers(_ run: BuildRun, progress: @escaping @Sendable (Progress) -> Void) {
        let started = DispatchTime.now().uptimeNanoseconds
        // The position in the run of each paper to render, four bytes each.
        var work: [Int32] = []
        for (index, paper) in run.papers.enumerated() where only.isEmpty || only.contains(run.item(of: paper).paper ?? "") {
            if paper.isSound {
                work.append(Int32(index))
            } else {
                run.fail(run.url(of: paper).path, paper.errors)
            }
        }
        let folder = run.folder
        let stage = run.stage
        // The run's papers, taken out of the run so that they are not copied: each rendered
        // paper's new record is put in its place as it is stored. The few failures are kept apart
        // by their position in `work`.
        let spool = run.papers.spool
        let outcomes = Mutex((papers: run.papers, failures: [Int: PipelineError](), latencies: [Double]()))
        run.papers = PaperList(spool: spool)
        outcomes.withLock { $0.latencies.reserveCapacity(work.count) }
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let total = work.count
        let items = work
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(total, 1))) { _ in
            var templates: [URL: Result<Template, TemplateErrors>] = [:]
            while true {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < total else { break }
                let index = Int(items[position])
                // Only the place is taken under the lock; the record is read and decoded outside it.
                var paper: BuildRun.Paper = spool.read(at: outcomes.withLock { $0.papers.place(at: index) })
                let item = folder.meeting.agendaItems[paper.itemIndex]
                let url = folder.papersFolder.appendingPathComponent(paper.fileName)
                let paperStarted = DispatchTime.now().uptimeNanoseconds
                let outcome = Result { () throws(PipelineError) in
                    try Self.render(url, item: item, folder: folder, stage: stage, templates: &templates)
                }
                var place: Spool.Place?
                if case .success(let documents) = outcome {
                    paper.documents = documents
                    paper.rendered = true
                    place = spool.append(paper)
                }
                let latency = Double(DispatchTime.now().uptimeNanoseconds - paperStarted) / 1e9
                outcomes.withLock { outcomes in
                    if let place { outcomes.papers.replace(place, at: index) }
                    if case .failure(let error) = outcome { outcomes.failures[position] = error }
                    outcomes.latencies.append(latency)
                }
                let finished = done.add(1, ordering: .relaxed).newValue
                // Rendering frees everything it allocates, but glibc keeps freed pages in its
                // per-thread arenas, so a long build's resident memory would grow with the
                // number of papers. Handing them back now and then keeps it flat.
                if finished % 64 == 0 { AllocatorTuning.releaseFreedMemory() }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                progress(Progress(done: finished, total: total, current: item.paper ?? "", elapsed: elapsed,
                                  remaining: elapsed / Double(finished) * Double(total - finished)))
            }
        }
        let (rendered, failures, latencies) = outcomes.withLock { outcomes in
            defer { outcomes = (PaperList(spool: spool), [:], []) }
            return outcomes
        }
        run.papers = rendered
        for (position, error) in failures.sorted(by: { $0.key < $1.key }) {
            run.fail(run.url(of: run.papers[Int(work[position])]).path, error.lines)
        }
        run.latencies = latencies
        // The workers' compiled templates and arenas are gone; so is the memory they held.
        AllocatorTuning.releaseFreedMemory()
    }

    /// Reads a paper again with its text (the run keeps only its summary), renders it and
    /// stages its files.
    private static func render(_ url: URL, item: Meeting.AgendaItem, folder: MeetingFolder, stage: BuildFolder,
                               templates: inout [URL: Result<Template, TemplateErrors>]) throws(PipelineError) -> [BuiltDocument] {
        let paper: Paper
        do {
            paper = try Paper(contentsOf: url, profile: folder.profile, inMeeting: true)
        } catch {
            throw PipelineError(.input(error))
        }
        let profile = folder.profile
        let templateURL = profile.template(of: paper.paperType)
        if templates[templateURL] == nil {
            templates[templateURL] = Result { () throws(TemplateErrors) in try Template(contentsOf: templateURL) }
        }
        let template: Template
        switch templates[templateURL]! {
        case .failure(let error): throw PipelineError(.template(error))
        case .success(let compiled): template = compiled
        }
        let data = paper.templateData(in: folder.meeting, item: item, profile: profile)
        let rendered = try SubmissionRenderer.render(paper, data: data, template: template, baseName: url.deletingPathExtension().lastPathComponent,
                                                     wording: folder.profile.wording)
        let meeting = folder.meeting
        let paperIsPublic = meeting.isPublic(item, paper: paper)
        var documents: [BuiltDocument] = []
        let annexes = rendered.annexes.filter { $0.file != nil }
        for (number, output) in [(nil, rendered.main)] + annexes.map({ ($0.annex.number, $0.file!) }) {
            let record: BuildFolder.Record
            do {
                record = try stage.stage(output.bytes, as: output.name)
            } catch {
                throw PipelineError(.archive(error))
            }
            let annexIsPublic = number.map { paper.auxiliaryFiles[$0 - 1].isPublic } ?? true
            documents.append(BuiltDocument(record: record, title: output.title, mimeType: output.mimeType, date: output.date,
                                           isPublic: paperIsPublic && annexIsPublic, annexNumber: number))
        }
        return documents
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
