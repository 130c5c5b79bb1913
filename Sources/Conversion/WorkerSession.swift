import Foundation
internal import Subprocess
#if canImport(Glibc)
import Glibc
#endif

/// One worker process of a job slot, from its start to its end.
///
/// The session starts `vorlage convert-worker` through swift-subprocess, waits for its greeting,
/// then sends it documents from the pool's queue one at a time. It ends when the queue is shut
/// down, after `restartAfter` documents, or when the worker dies or is killed for taking longer
/// than the timeout; the slot then starts a new session for its next document.
struct WorkerSession {
    typealias WorkerExecution = Execution<CustomWriteInput, SequenceOutput, FileDescriptorOutput>
    typealias Lines = SubprocessOutputSequence.StringSequence<UTF8>.AsyncIterator

    /// How a session ended, and which document, if any, it leaves unanswered.
    enum Ending: Sendable {
        /// The worker was told to stop and did (or was killed when it would not).
        case retired
        /// The worker never greeted; `permanent` when LibreOffice itself cannot start.
        case startFailed(ConversionJob, ConversionError, permanent: Bool)
        /// The worker's output ended before it greeted.
        case endedBeforeReady(ConversionJob)
        /// The worker ended while converting the document.
        case crashed(ConversionJob)
        /// The worker had ended before it could be given the document, which goes to another
        /// worker once.
        case lost(ConversionJob)
        /// The document took longer than the timeout and the worker was killed.
        case timedOut(ConversionJob)
        /// The worker answered something else than the answer for the document, and was killed.
        case confused(ConversionJob, String)
    }

    /// What waiting for a line of the worker gave.
    enum Line {
        /// A line; `killed` when the deadline killed the worker at the same moment.
        case text(String, killed: Bool)
        /// The worker's output ended: it exited or died.
        case ended
        /// Nothing came before the deadline; the worker was killed.
        case timedOut
    }

    let pool: WorkerPool
    let slot: Int

    private var settings: WorkerPool.Settings { pool.settings }

    /// Starts a worker, converts `first` and whatever else the queue gives it, and ends it.
    func run(first: ConversionJob) async {
        let folder = pool.folder(forSlot: slot)
        let profile = folder.appendingPathComponent("profile", isDirectory: true)
        let log = folder.appendingPathComponent("worker-stderr.log")
        let temporary = folder.appendingPathComponent("tmp", isDirectory: true)
        let logDescriptor: Int32
        do {
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            logDescriptor = try POSIXCall.check(open(log.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644), while: "Anlegen von \(log.path)")
        } catch {
            let failure = ConversionError(.workerStartFailed, file: first.file, "Der Ordner des Arbeitsprozesses \(folder.path) kann nicht vorbereitet werden.", hint: "Prüfen Sie, ob der temporäre Ordner beschreibbar ist.")
            pool.recordUnavailable(failure)
            pool.finish(first, .failure(failure))
            return
        }
        var arguments = ["convert-worker", "--profile", profile.path, "--parent-pid", String(getpid())]
        if settings.allowTestFaults { arguments.append("--allow-test-faults") }
        let started = ContinuousClock.now
        let result: ExecutionResult<Ending, SequenceOutput, FileDescriptorOutput>
        do {
            result = try await Subprocess.run(
                .path(.init(settings.executable.path)),
                arguments: Arguments(arguments),
                // A crash should end the worker at once, not wait for Swift's backtracer; and
                // LibreOffice's temporary folder (lu….tmp, left behind when a worker is killed)
                // goes into the slot's folder, which shutdown clears.
                environment: .inherit.updating(["SWIFT_BACKTRACE": "enable=no", "TMPDIR": temporary.path]),
                input: .inputWriter,
                output: .sequence,
                error: .fileDescriptor(.init(rawValue: logDescriptor), closeAfterSpawningProcess: true)
            ) { execution in
                await serve(execution, first: first, started: started)
            }
        } catch {
            let failure = ConversionError(.workerStartFailed, file: first.file, "Der Arbeitsprozess \(settings.executable.path) lässt sich nicht starten.",
                                          hint: "Die Umwandlung startet das Programm vorlage selbst als Arbeitsprozess; prüfen Sie, ob es dort liegt.")
            pool.recordUnavailable(failure)
            pool.finish(first, .failure(failure))
            return
        }
        conclude(result.closureResult, status: result.terminationStatus, log: log)
    }

    /// Reports the document a session left unanswered, now that the worker's end is known.
    private func conclude(_ ending: Ending, status: TerminationStatus, log: URL) {
        switch ending {
        case .retired:
            break
        case .startFailed(let job, let error, let permanent):
            if permanent { pool.recordUnavailable(error) }
            pool.finish(job, .failure(error.inFile(job.file)))
        case .endedBeforeReady(let job):
            let error = ConversionError(
                .workerStartFailed, file: job.file,
                "Der Arbeitsprozess endete, bevor LibreOffice bereit war (\(Self.describe(status))\(Self.lastWords(in: log).map { "; LibreOffice: \($0)" } ?? "")).",
                hint: "Prüfen Sie, ob \(settings.executable.path) ein vorlage mit dem Befehl convert-worker ist.")
            // An exit status is the worker's own verdict (a usage error, no LibreOffice): the same
            // for every document. A signal may have been bad luck; the next document tries again.
            if case .exited = status { pool.recordUnavailable(error) }
            pool.finish(job, .failure(error))
        case .crashed(let job):
            pool.finish(job, .failure(ConversionError(
                .workerCrashed, file: job.file,
                "Der Arbeitsprozess von LibreOffice endete während der Umwandlung des Dokuments (\(Self.describe(status))\(Self.lastWords(in: log).map { "; LibreOffice: \($0)" } ?? "")); ein neuer Arbeitsprozess übernimmt das nächste Dokument.",
                hint: "Vielleicht bringt das Dokument LibreOffice zum Absturz; öffnen Sie es dazu in LibreOffice.")))
        case .lost(let job):
            if job.mayRetry() { return pool.retry(job) }
            pool.finish(job, .failure(ConversionError(
                .workerCrashed, file: job.file,
                "Der Arbeitsprozess von LibreOffice war beendet (\(Self.describe(status))\(Self.lastWords(in: log).map { "; LibreOffice: \($0)" } ?? "")), bevor er das Dokument bekam; ein neuer Arbeitsprozess übernimmt das nächste Dokument.",
                hint: "Erzeugen Sie das Dokument erneut.")))
        case .timedOut(let job):
            pool.finish(job, .failure(ConversionError(
                .timeout, file: job.file,
                "Die Umwandlung dauerte länger als \(Self.describe(settings.timeout)); der Arbeitsprozess wurde beendet, ein neuer übernimmt das nächste Dokument.",
                hint: "Vielleicht bringt das Dokument LibreOffice zum Hängen; öffnen Sie es dazu in LibreOffice, oder erhöhen Sie --pdf-timeout.")))
        case .confused(let job, let line):
            pool.finish(job, .failure(ConversionError(
                .protocolViolation, file: job.file,
                "Der Arbeitsprozess antwortete „\(line.prefix(200))“ statt mit dem Ergebnis des Dokuments; er wurde beendet.")))
        }
    }

    // MARK: Talking to the worker

    private func serve(_ execution: WorkerExecution, first: ConversionJob, started: ContinuousClock.Instant) async -> Ending {
        var lines = execution.standardOutput.strings().makeAsyncIterator()
        let ending = await converse(execution, &lines, first: first, started: started)
        await retire(execution, &lines, kill: { if case .confused = ending { true } else { false } }())
        return ending
    }

    private func converse(_ execution: WorkerExecution, _ lines: inout Lines, first: ConversionJob, started: ContinuousClock.Instant) async -> Ending {
        switch await nextLine(&lines, of: execution, within: settings.startTimeout) {
        case .text(let text, _):
            guard let greeting = WorkerProtocol.decode(WorkerProtocol.Greeting.self, from: text) else {
                return .confused(first, text)
            }
            guard greeting.ready else {
                return .startFailed(first, ConversionError(.libreOfficeUnavailable, greeting.error ?? "LibreOffice ist im Arbeitsprozess nicht gestartet.", hint: ConversionError.installHint), permanent: true)
            }
        case .ended:
            return .endedBeforeReady(first)
        case .timedOut:
            return .startFailed(first, ConversionError(.workerStartFailed, "LibreOffice war nach \(Self.describe(settings.startTimeout)) nicht bereit; der Arbeitsprozess wurde beendet."), permanent: false)
        }
        pool.recordStart(after: .now - started)

        var job = first
        var served = 0
        while true {
            let request = WorkerProtocol.Request(id: job.id, input: job.request.input.path, output: job.request.output.path, fault: job.request.fault)
            // swift-subprocess writes nothing, without an error, once it knows the worker exited.
            let line = Array((WorkerProtocol.line(request) + "\n").utf8)
            guard let written = try? await execution.standardInputWriter.write(line), written == line.count else {
                return .lost(job)
            }
            switch await nextLine(&lines, of: execution, within: settings.timeout) {
            case .ended:
                return .crashed(job)
            case .timedOut:
                return .timedOut(job)
            case .text(let text, let killed):
                guard let answer = WorkerProtocol.decode(WorkerProtocol.Answer.self, from: text), answer.id == job.id else {
                    return .confused(job, text)
                }
                served += 1
                // Counted before the result is handed over, so the caller's statistics include it.
                let quotaReached = served >= settings.restartAfter
                if quotaReached && !killed { pool.recordRestart() }
                pool.finish(job, Self.outcome(of: answer, for: job))
                if killed || quotaReached { return .retired }
            }
            guard let next = await pool.nextJob() else { return .retired }
            job = next
        }
    }

    /// Closes the worker's input and waits for its output to end, killing it when that takes too
    /// long (or at once, when `kill`).
    ///
    /// It ends with a SIGKILL in any case: harmless when the worker has exited, and `run` waits for
    /// the process, so a worker whose output ended early (a read error) must not live on.
    private func retire(_ execution: WorkerExecution, _ lines: inout Lines, kill: Bool) async {
        if kill { try? execution.send(signal: .kill) }
        try? await execution.standardInputWriter.finish()
        let deadline = ContinuousClock.now + settings.exitGrace
        while case .text = await nextLine(&lines, of: execution, within: max(deadline - .now, .zero)) {}
        try? execution.send(signal: .kill)
    }

    /// The worker's next line, waiting at most `limit`; after that the worker is killed.
    private func nextLine(_ lines: inout Lines, of execution: WorkerExecution, within limit: Duration) async -> Line {
        await withTaskGroup(of: Bool.self) { deadline in
            deadline.addTask {
                do { try await Task.sleep(for: limit) } catch { return false }
                try? execution.send(signal: .kill)
                return true
            }
            let line = try? await lines.next()
            deadline.cancelAll()
            let killed = await deadline.next() ?? false
            if let line { return .text(line, killed: killed) }
            return killed ? .timedOut : .ended
        }
    }

    // MARK: Wording

    private static func outcome(of answer: WorkerProtocol.Answer, for job: ConversionJob) -> Result<ConversionResult.Converted, ConversionError> {
        if answer.ok {
            return .success(ConversionResult.Converted(output: job.request.output, duration: .milliseconds(answer.milliseconds)))
        }
        let code = answer.code.map(ConversionError.Code.init) ?? .saveFailed
        return .failure(ConversionError(code, file: job.file, answer.error ?? "LibreOffice ist ohne Angabe eines Grundes gescheitert."))
    }

    private static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "Exit-Status \(code)"
        case .signaled(let signal): "beendet durch Signal \(signal)"
        }
    }

    private static func describe(_ duration: Duration) -> String {
        let seconds = duration.milliseconds / 1000
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds).replacingOccurrences(of: ".", with: ",")
    }

    /// The worker's last words on standard error: LibreOffice's crash report line when it wrote
    /// one ("Fatal exception: Signal 11"), else its last line ("Unspecified Application Error").
    private static func lastWords(in log: URL) -> String? {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (lines.last { $0.hasPrefix("Fatal exception") } ?? lines.last).map { String($0.prefix(200)) }
    }
}
