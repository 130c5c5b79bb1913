import Foundation
import Synchronization

/// The shared state of a ``PDFConverter``: the queue of documents, the job slots that take from it,
/// the statistics and the profile folders.
///
/// Each job slot is a task that runs one ``WorkerSession`` after another: a session starts a worker
/// process, feeds it documents from the queue and ends with the process. Slots start with the first
/// document and end at ``shutdown()``; they hold the pool, not the converter, so releasing the
/// converter can shut the pool down.
final class WorkerPool: Sendable {
    /// What the converter was made with.
    struct Settings: Sendable {
        var jobs: Int
        var executable: URL
        var timeout: Duration
        /// How long a worker may take to start LibreOffice and greet.
        var startTimeout: Duration
        /// How long a worker may take to end after its input was closed, before it is killed.
        var exitGrace: Duration
        var restartAfter: Int
        var profileRoot: URL
        /// Whether the pool made `profileRoot` (and so removes it), or only the slot folders in it.
        var ownsProfileRoot: Bool
        /// Whether the slots' profiles outlive the pool (only in a root the caller owns).
        var keepsProfiles: Bool
        var allowTestFaults: Bool
    }

    private struct State {
        var queue: [ConversionJob] = []
        var queueStart = 0
        var idleSlots: [CheckedContinuation<ConversionJob?, Never>] = []
        var slots: [Task<Void, Never>] = []
        var isShutDown = false
        /// Set when LibreOffice cannot start at all; later documents fail with it at once.
        var unavailable: ConversionError?
        var statistics = PDFConverter.Statistics()
        var lastID = 0

        mutating func popJob() -> ConversionJob? {
            guard queueStart < queue.count else { return nil }
            defer {
                queueStart += 1
                if queueStart == queue.count { queue.removeAll(keepingCapacity: true); queueStart = 0 }
            }
            return queue[queueStart]
        }
    }

    let settings: Settings
    private let state = Mutex(State())

    init(settings: Settings) {
        self.settings = settings
    }

    var statistics: PDFConverter.Statistics {
        state.withLock { $0.statistics }
    }

    /// Queues `request` and waits for its result.
    func convert(_ request: ConversionRequest) async -> ConversionResult {
        await withCheckedContinuation { continuation in
            enqueue(request, continuation)
        }
    }

    private func enqueue(_ request: ConversionRequest, _ continuation: CheckedContinuation<ConversionResult, Never>) {
        enum Next { case refuse(ConversionJob, ConversionError), handOver(CheckedContinuation<ConversionJob?, Never>, ConversionJob), wait }
        let next = state.withLock { state -> Next in
            state.lastID += 1
            let job = ConversionJob(id: state.lastID, request: request, continuation: continuation)
            if state.isShutDown {
                return .refuse(job, ConversionError(.shutDown, file: job.file, "Die Umwandlung wurde beendet, bevor das Dokument an der Reihe war."))
            }
            if request.fault != nil && !settings.allowTestFaults {
                return .refuse(job, ConversionError(.testFaultsDisabled, file: job.file, "Der Auftrag verlangt einen Testfehler, den diese Umwandlung nicht erlaubt."))
            }
            if state.slots.isEmpty {
                POSIXCall.ignoreBrokenPipes()
                state.slots = (1...settings.jobs).map { slot in Task { await self.runSlot(slot) } }
            }
            if !state.idleSlots.isEmpty { return .handOver(state.idleSlots.removeFirst(), job) }
            state.queue.append(job)
            return .wait
        }
        switch next {
        case .refuse(let job, let error): finish(job, .failure(error))
        case .handOver(let slot, let job): slot.resume(returning: job)
        case .wait: break
        }
    }

    /// Puts `job` first in the queue again, for the next free worker.
    func retry(_ job: ConversionJob) {
        let slot = state.withLock { state -> CheckedContinuation<ConversionJob?, Never>?? in
            if state.isShutDown { return .some(nil) }
            if !state.idleSlots.isEmpty { return .some(state.idleSlots.removeFirst()) }
            if state.queueStart > 0 {
                state.queueStart -= 1
                state.queue[state.queueStart] = job
            } else {
                state.queue.insert(job, at: 0)
            }
            return nil
        }
        switch slot {
        case .some(.some(let slot)): slot.resume(returning: job)
        case .some(.none): finish(job, .failure(ConversionError(.shutDown, file: job.file, "Die Umwandlung wurde beendet, bevor das Dokument an der Reihe war.")))
        case .none: break
        }
    }

    /// The next queued document, waiting for one; nil once the pool is shut down.
    func nextJob() async -> ConversionJob? {
        await withCheckedContinuation { (continuation: CheckedContinuation<ConversionJob?, Never>) in
            let ready = state.withLock { state -> ConversionJob?? in
                if state.isShutDown { return .some(nil) }
                if let job = state.popJob() { return .some(job) }
                state.idleSlots.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// One job slot: worker after worker, as long as there are documents.
    private func runSlot(_ slot: Int) async {
        while let job = await nextJob() {
            if let unavailable = state.withLock({ $0.unavailable }) {
                finish(job, .failure(ConversionError(unavailable.code, file: job.file, unavailable.message, hint: unavailable.hint)))
                continue
            }
            await WorkerSession(pool: self, slot: slot).run(first: job)
        }
    }

    /// Ends every slot: queued documents fail, documents being converted finish, every worker
    /// ends and is waited for, and the profile folders are removed.
    func shutdown() async {
        let (idle, queued, slots) = state.withLock { state in
            state.isShutDown = true
            var queued: [ConversionJob] = []
            while let job = state.popJob() { queued.append(job) }
            defer { state.idleSlots.removeAll() }
            return (state.idleSlots, queued, state.slots)
        }
        for slot in idle { slot.resume(returning: nil) }
        for job in queued {
            finish(job, .failure(ConversionError(.shutDown, file: job.file, "Die Umwandlung wurde beendet, bevor das Dokument an der Reihe war.")))
        }
        for slot in slots { await slot.value }
        removeFolders()
    }

    // MARK: Reports from sessions

    /// Finishes `job` with `outcome` and counts it, unless it was finished before.
    func finish(_ job: ConversionJob, _ outcome: Result<ConversionResult.Converted, ConversionError>) {
        job.finish(outcome, record: record)
    }

    private func record(_ outcome: Result<ConversionResult.Converted, ConversionError>) {
        state.withLock { state in
            switch outcome {
            case .success(let converted):
                state.statistics.converted += 1
                state.statistics.conversionTime += converted.duration
            case .failure(let error):
                state.statistics.failed += 1
                if error.code == .timeout { state.statistics.timeouts += 1 }
                if error.code == .workerCrashed { state.statistics.crashes += 1 }
            }
        }
    }

    /// Counts a worker that started and greeted after `duration`.
    func recordStart(after duration: Duration) {
        state.withLock { state in
            state.statistics.workerStarts += 1
            state.statistics.workerStartTime += duration
        }
    }

    /// Counts a worker ended after `restartAfter` documents.
    func recordRestart() {
        state.withLock { $0.statistics.restarts += 1 }
    }

    /// Remembers that LibreOffice cannot start at all, so the queue fails fast instead of trying
    /// again for every document.
    func recordUnavailable(_ error: ConversionError) {
        state.withLock { state in
            if state.unavailable == nil { state.unavailable = error }
        }
    }

    // MARK: Folders

    /// The folder of one job slot: its LibreOffice profile (kept across its workers) and the log
    /// of its current worker's standard error.
    func folder(forSlot slot: Int) -> URL {
        settings.profileRoot.appendingPathComponent("worker-\(slot)", isDirectory: true)
    }

    private func removeFolders() {
        if settings.ownsProfileRoot {
            try? FileManager.default.removeItem(at: settings.profileRoot)
        } else if settings.keepsProfiles {
            // Only the profile stays; the worker's log and temporary folder go.
            for slot in 1...settings.jobs {
                let folder = folder(forSlot: slot)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name != "profile" {
                    try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
                }
            }
        } else {
            for slot in 1...settings.jobs { try? FileManager.default.removeItem(at: folder(forSlot: slot)) }
        }
    }
}
