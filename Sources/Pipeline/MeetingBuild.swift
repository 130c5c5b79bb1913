public import Foundation
public import Archive
public import Council
import Dispatch
import Templating

/// Builds everything a meeting needs: every paper on the agenda with its annexes, the
/// invitation with the agenda, optionally PDF/A copies and the session packets, and
/// `manifest.json`, into `build/<meeting folder name>/`.
///
/// The meeting folder is read and cross-checked first; a problem of the meeting as a whole stops
/// the build before anything is written. Papers then render in parallel, each worker compiling
/// each template once; a paper that fails is reported and the others go on. Rendering produces
/// bytes; the ``BuildFolder`` stage writes them, keeps issued files and pays for durability once.
public struct MeetingBuild: Sendable {
    public var meeting: URL
    /// The build folder; nil for `build/<meeting folder name>` under the working folder.
    public var output: URL?
    /// How many papers render (and documents convert) at once.
    public var jobs: Int
    /// Only these papers (by reference) are rebuilt; empty rebuilds everything.
    public var only: [String]
    /// How long to wait for another run working on the same build folder.
    public var waitSeconds: Double
    /// How PDF/A copies and the session packets are made; nil makes none.
    public var pdf: PDFOptions?

    public init(meeting: URL, output: URL? = nil, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, only: [String] = [],
                waitSeconds: Double = 600, pdf: PDFOptions? = nil) {
        self.meeting = meeting
        self.output = output
        self.jobs = max(1, jobs)
        self.only = only
        self.waitSeconds = waitSeconds
        self.pdf = pdf
    }

    /// Where a run stands, for a progress display.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        /// The paper just finished (its reference) or the document just converted.
        public var current: String
        public var elapsed: Double
        /// A guess from the pace so far; nil before the first paper.
        public var remaining: Double?
        /// What the run is doing: „Vorlagen“, „PDF“.
        public var phase: String = "Vorlagen"
    }

    /// What a run did.
    public struct Report: Sendable {
        public var folder: URL
        /// Every file the run wrote or found unchanged, the invitations first, then the papers' in
        /// agenda order, then the PDF copies and packets.
        public var files: BuiltFiles
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
        output ?? Self.defaultBuildFolder(for: folder.folder)
    }

    /// `build/<meeting folder name>` under the working folder.
    public static func defaultBuildFolder(for meeting: URL) -> URL {
        URL(fileURLWithPath: "build").appendingPathComponent(meeting.standardizedFileURL.lastPathComponent)
    }

    /// Runs the build; throws only when nothing could be built (the meeting has problems, the
    /// build folder is locked or cannot be written).
    public func run(progress: @escaping @Sendable (Progress) -> Void = { _ in }, notice: @escaping @Sendable (String) -> Void = { _ in }) throws(PipelineError) -> Report {
        let (run, lock, warnings) = try prepare(notice: notice)
        defer { withExtendedLifetime(lock) {} }
        // The invitations go first, while the run holds least; their failures are listed after
        // the papers', as the manifest has always listed them.
        let invitationFailures = only.isEmpty ? renderInvitations(run) : []
        renderPapers(run, progress: progress)
        run.failures += invitationFailures
        run.completeFromDisk()
        if let pdf { makePDFs(run, options: pdf, progress: progress) }
        do {
            try run.manifest().stage(in: run.stage)
            try run.stage.commit()
        } catch {
            throw PipelineError(.archive(error))
        }
        return Report(folder: run.target, files: run.files, failures: run.failures, warnings: warnings, latencies: run.latencies)
    }

    /// Reads and cross-checks the meeting folder, takes the build folder's lock and opens it for
    /// writing. The run keeps a summary of each paper; the folder's papers go when this returns.
    private func prepare(notice: @escaping @Sendable (String) -> Void) throws(PipelineError) -> (BuildRun, BuildLock, warnings: [InputError]) {
        let folder: MeetingFolder
        do {
            folder = try MeetingFolder(meeting, keepingText: false)
        } catch {
            throw PipelineError(.input(error))
        }
        // When the meeting as a whole has a problem, nothing is built: the papers' own problems
        // (a file that cannot be read, a paper that fails a check) are reported with it, so one
        // run names everything to fix.
        guard !folder.hasBlockingProblems else { throw PipelineError(.input(InputErrors(folder.problems + folder.papers.flatMap(\.problems)))) }
        if !only.isEmpty {
            // The references of the papers on the agenda, in agenda order.
            let onFile = Set(folder.papers.compactMap(\.reference))
            let known = folder.meeting.agendaItems.compactMap(\.paper).filter(onFile.contains)
            for reference in only where !known.contains(reference) {
                let guess = Suggestion.closest(to: reference, among: known).map { " " + Phrase.didYouMean($0) } ?? ""
                throw PipelineError(.request("\(reference) ist keine Vorlagennummer auf der Tagesordnung von „\(folder.meeting.name)“.\(guess)"))
            }
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
        let run: BuildRun
        do {
            run = try BuildRun(folder: folder, stage: stage, target: target)
        } catch {
            throw PipelineError(.archive(error))
        }
        return (run, lock, folder.problems.filter { $0.severity == .warning })
    }
}
