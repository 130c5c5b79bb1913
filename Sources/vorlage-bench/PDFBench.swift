import Conversion
import Foundation
import Pipeline
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `vorlage-bench pdf [--papers 50] [--soak 1000] [--jobs 1,2]`: converting a meeting's papers to tagged
/// PDF/A-2b, with ``PDFConverter``'s LibreOfficeKit workers beside LibreOffice's own command line.
///
/// 1. A generated meeting of N papers (``MeetingGenerator``, the example's submission, no annexes)
///    is built to .odt once; its N paper files are what every method converts.
/// 2. `PDFConverter` with 1 and with 2 jobs (a fresh converter each, its workers being the
///    `vorlage` executable beside this one, each with a new profile), then with the most jobs
///    again on the profiles the run before kept, as `vorlage build --pdf` keeps them in the build
///    folder for its next build and a worker restarts on its slot's profile; `soffice --convert-to` with one process and one
///    profile per file (the first 10 files only) and with all files in one call. Each method's
///    PDFs are checked to exist, be non-empty and carry the PDF/A identification.
/// 3. The workers' resident memory, sampled every 100 ms while the converters run.
/// 4. The soak: K documents through one worker that is never restarted, its memory after every
///    100 documents, then the same with the default restart after 200 documents.
/// At the end no LibreOffice process of the run may be left; one that is, is reported and killed.
enum PDFBench {
    /// How many files `soffice` converts one process per file: at about 1.6 s each, a sample.
    static let sofficeSample = 10
    /// How many documents the soak converts between two memory samples.
    static let soakStep = 100

    /// Why the benchmark cannot run.
    struct BenchError: Error, CustomStringConvertible {
        var description: String
    }

    /// What one method did.
    struct Row {
        var method: String
        var documents: Int
        /// From starting the converter or `soffice` to the last PDF, in seconds.
        var wall: Double
        /// The peak VmRSS of one worker and of all workers together, in KiB, where sampled.
        var memory: WorkerMemorySampler.Summary?
        var jobs = 1
        /// Documents per second from the first PDF to the last, with the workers started; nil for soffice.
        var warmRate: Double?
        /// User plus system CPU seconds of the method's processes (workers or `soffice`), their start included.
        var cpu: Double?

        var rate: Double { Double(documents) / wall }
    }

    /// One memory sample of the soak.
    struct SoakSample {
        /// Documents converted so far.
        var documents: Int
        /// The worker and its VmRSS in KiB, or nil when it had just been restarted.
        var worker: (pid: Int32, kib: Int)?
        /// The peak VmRSS of a worker while the last step's documents converted, in KiB.
        var stepPeakKiB: Int
    }

    /// The times (nanoseconds since boot) at which documents finished, from the converter's tasks.
    final class Completions: Sendable {
        private let times = Mutex<[UInt64]>([])

        func record() {
            let now = DispatchTime.now().uptimeNanoseconds
            times.withLock { $0.append(now) }
        }

        var all: [UInt64] { times.withLock { $0 } }
    }

    /// Returns the exit status: 0 when every document converted, every PDF is there and no
    /// LibreOffice process was left.
    static func run(_ arguments: [String]) throws -> Int32 {
        let papers = try MeetingBench.option("--papers", in: arguments).map { try MeetingBench.positive($0, "--papers") } ?? 50
        let soak = try MeetingBench.option("--soak", in: arguments).map { text -> Int in
            guard let value = Int(text), value >= 0 else { throw MeetingBench.UsageError(description: "--soak needs a number ≥ 0 (0: no soak), not „\(text)“") }
            return value
        } ?? 1000
        // `--jobs 1,2,3`: the worker counts to measure PDFConverter with.
        let jobCounts = try MeetingBench.option("--jobs", in: arguments).map(MeetingBench.parseSizes) ?? [1, 2]
        let vorlage = try vorlageExecutable()
        let soffice = try sofficeExecutable()

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vorlage-bench-pdf-\(ProcessTable.ownID)")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Each method points TMPDIR at a folder of its own (``useTemporaryFolder(in:)``).
        let originalTemporary = ProcessInfo.processInfo.environment["TMPDIR"]
        defer {
            if let originalTemporary { setenv("TMPDIR", originalTemporary, 1) } else { unsetenv("TMPDIR") }
        }
        var problems: [String] = []

        MeetingBench.printMachine()
        print("LibreOffice: \(libreOfficeVersion(soffice, scratch: scratch))")
        print("Workers: \(vorlage.path) convert-worker (LibreOfficeKit in process).")

        // MARK: 1. The meeting's papers as .odt

        let inputs = try buildMeeting(papers: papers, in: scratch)
        let bytes = inputs.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        print("Converting the \(papers) paper .odt files (\(bytes / papers / 1024) KiB each) to tagged PDF/A-2b, filter options \(LibreOffice.pdfA2bOptions).")
        print("")

        // MARK: 2. and 3. Rates and worker memory

        var rows: [Row] = []
        for jobs in jobCounts {
            // The last converter keeps its profiles for the run on kept profiles below.
            let (row, found) = convert(inputs, jobs: jobs, vorlage: vorlage, in: scratch.appendingPathComponent("jobs\(jobs)"), keepProfiles: jobs == jobCounts.last)
            rows.append(row)
            problems += found
        }
        if let most = jobCounts.last {
            let (row, found) = convert(inputs, jobs: most, vorlage: vorlage, in: scratch.appendingPathComponent("jobs\(most)-kept"),
                                       profilesFrom: scratch.appendingPathComponent("jobs\(most)").appendingPathComponent("profiles"))
            rows.append(row)
            problems += found
        }
        let sample = Array(inputs.prefix(sofficeSample))
        let (perFile, perFileProblems) = sofficePerFile(sample, soffice: soffice, in: scratch.appendingPathComponent("soffice-per-file"))
        rows.append(perFile)
        problems += perFileProblems
        let (oneCall, oneCallProblems) = sofficeOneCall(inputs, soffice: soffice, in: scratch.appendingPathComponent("soffice-one-call"))
        rows.append(oneCall)
        problems += oneCallProblems

        print("")
        printTable(rows, baseline: perFile.rate)
        if sample.count < inputs.count {
            print("soffice one process per file: measured on the first \(sample.count) of the \(inputs.count) files only (about 1.6 s per file); its rate is the ratios' base.")
        }
        print("wall s: from creating the converter (its workers start with the first document) or starting soffice to the last PDF; docs/s = documents / wall s; ms/doc = wall s / documents; × per-file = docs/s / that of soffice one process per file; warm docs/s: from the first PDF to the last.")
        print("CPU ms/doc: user + system CPU time of the method's processes (the workers, or soffice) per document, their start included; it depends less than the wall time on what else the machine runs.")
        print("peak worker RSS: the VmRSS of the convert-worker processes in /proc, sampled every 100 ms; for 2 jobs, the largest worker / both together.")
        let twoJobs = rows.filter { $0.jobs == 2 }
        if let fresh = twoJobs.first {
            var line = "Target (issue 8): at least 20 documents/s on 2 cores for the example-sized submission: "
                + String(format: "%.1f with 2 jobs including the start of workers on new profiles, %.1f after the first PDF", fresh.rate, fresh.warmRate ?? 0)
            if let kept = twoJobs.dropFirst().first {
                line += String(format: ", %.1f including the start of workers on kept profiles", kept.rate)
            }
            let best = twoJobs.map(\.rate).max() ?? 0
            print(line + " — \(fresh.rate >= 20 ? "met" : best >= 20 ? "met from a build's second run on (kept profiles)" : (fresh.warmRate ?? 0) >= 20 ? "met once the workers run" : "not met").")
        }

        // MARK: 4. The soak

        if soak > 0 {
            let output = scratch.appendingPathComponent("soak")
            for (restartAfter, label) in [(soak + 1, "\(soak + 1) (no restart)"), (200, "200 (the default)")] {
                print("")
                problems += soakRun(inputs, documents: soak, restartAfter: restartAfter, label: label, vorlage: vorlage, in: output)
            }
        }

        // MARK: Leftovers

        print("")
        let leftovers = ProcessTable.descendants(orMentioning: scratch.path)
        if leftovers.isEmpty {
            print("No LibreOffice or worker process of this run is left (checked in /proc: children of vorlage-bench and command lines naming \(scratch.path)).")
        } else {
            print("LEFT OVER: \(leftovers.count) processes of this run were still running; they are killed now:")
            for entry in leftovers {
                print("  \(entry.pid) (parent \(entry.parent)): \(entry.commandLine.prefix(200))")
                kill(entry.pid, SIGKILL)
            }
            problems.append("\(leftovers.count) processes were left over.")
        }
        print("Load average at the end: \(ProcessStatus.loadAverage)")
        if !problems.isEmpty {
            print("\nProblems:")
            for problem in problems { print("  - \(problem)") }
        }
        return problems.isEmpty ? 0 : 1
    }

    // MARK: Finding the programs

    /// The `vorlage` executable beside this one (`.build/release/vorlage`).
    static func vorlageExecutable() throws -> URL {
        let folder = PDFConverter.currentExecutable.deletingLastPathComponent()
        let vorlage = folder.appendingPathComponent("vorlage")
        guard FileManager.default.isExecutableFile(atPath: vorlage.path) else {
            throw BenchError(description: """
                the pdf benchmark runs the vorlage executable as its conversion worker, and there is none beside vorlage-bench (\(vorlage.path)).
                Build it first: swift build -c release --product vorlage (with the same --scratch-path as vorlage-bench, if any).
                """)
        }
        return vorlage
    }

    /// `soffice` from the search path.
    static func sofficeExecutable() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/soffice"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BenchError(description: "the pdf benchmark compares with LibreOffice's soffice, which is not on the search path (PATH=\(path)). Install libreoffice-writer-nogui.")
    }

    /// What `soffice --version` prints, with a profile folder of its own.
    static func libreOfficeVersion(_ soffice: String, scratch: URL) -> String {
        let folder = scratch.appendingPathComponent("version")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("stdout.txt")
        let child = ChildProcess(executable: soffice, arguments: [profileArgument(folder.appendingPathComponent("profile")), "--version"],
                                 standardOutput: output, standardError: folder.appendingPathComponent("stderr.txt"))
        guard (try? child.run())?.exitCode == 0, let text = try? String(contentsOf: output, encoding: .utf8) else { return "unknown (soffice --version failed)" }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `-env:UserInstallation=file:///…`: the profile folder one `soffice` uses.
    static func profileArgument(_ folder: URL) -> String {
        "-env:UserInstallation=\(folder.absoluteURL.absoluteString)"
    }

    // MARK: 1. The meeting

    /// Generates a meeting of `papers` papers, builds its .odt files and returns the papers' files.
    static func buildMeeting(papers: Int, in scratch: URL) throws -> [URL] {
        let meeting = scratch.appendingPathComponent("kreistag-2013-03-06-pdf\(papers)")
        let started = DispatchTime.now().uptimeNanoseconds
        try MeetingGenerator(papers: papers, annexEvery: 0).write(to: meeting)
        let report = try MeetingBuild(meeting: meeting, output: scratch.appendingPathComponent("build")).run()
        guard report.succeeded else {
            let failures = report.failures.map { "\($0.file): \($0.problems.joined(separator: "; "))" }
            throw BenchError(description: "the generated meeting did not build:\n" + failures.joined(separator: "\n"))
        }
        let inputs = (1...papers).map { report.folder.appendingPathComponent("\(MeetingGenerator.stem($0)).odt") }
        for input in inputs where !FileManager.default.fileExists(atPath: input.path) {
            throw BenchError(description: "the meeting's build has no \(input.lastPathComponent) in \(report.folder.path).")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        print(String(format: "Meeting: %d papers with the text of 50/2403/XV/2013 (the example's submission), no annexes; generated and built to .odt in %.1f s.", papers, seconds))
        return inputs
    }

    // MARK: 2. The methods

    /// Converts every input with a fresh `PDFConverter` of `jobs` workers, sampling their memory.
    /// Its workers' profiles are new, or those that an earlier converter kept in `profilesFrom`;
    /// with `keepProfiles` they stay for a later converter.
    static func convert(_ inputs: [URL], jobs: Int, vorlage: URL, in folder: URL, keepProfiles: Bool = false, profilesFrom: URL? = nil) -> (Row, [String]) {
        let output = folder.appendingPathComponent("pdf")
        let requests = inputs.map { ConversionRequest(input: $0, output: pdf(for: $0, in: output)) }
        let temporary = useTemporaryFolder(in: folder)
        let sampler = WorkerMemorySampler()
        sampler.start()
        let completions = Completions()
        let cpuBefore = ProcessStatus.childrenCPUSeconds
        let started = DispatchTime.now().uptimeNanoseconds
        let converter = PDFConverter(jobs: jobs, executable: vorlage, profileRoot: profilesFrom ?? folder.appendingPathComponent("profiles"),
                                     keepsProfiles: keepProfiles)
        let results = converter.convertBlocking(requests) { _, _ in completions.record() }
        let finished = DispatchTime.now().uptimeNanoseconds
        converter.shutdownBlocking()
        let shutdown = Double(DispatchTime.now().uptimeNanoseconds - finished) / 1e9
        let memory = sampler.stop()
        let statistics = converter.statistics
        // The workers have ended and been waited for, so their CPU time is counted now.
        let cpu = ProcessStatus.childrenCPUSeconds - cpuBefore

        let wall = Double(finished - started) / 1e9
        let method = "PDFConverter, jobs \(jobs)" + (profilesFrom == nil ? "" : ", kept profiles")
        var problems = failures(of: results, method: method)
        var line = "\(method): " + String(format: "%d documents in %.2f s (%.1f documents/s)", inputs.count, wall, Double(inputs.count) / wall)
        let times = completions.all.sorted()
        var warmRate: Double?
        if times.count > 1, let first = times.first, let last = times.last, last > first {
            warmRate = Double(times.count - 1) / (Double(last - first) / 1e9)
            line += String(format: ", %.1f documents/s after the first PDF", warmRate ?? 0)
        }
        if let start = statistics.meanWorkerStartTime {
            line += "; \(plural(statistics.workerStarts, "worker start")), " + String(format: "%.2f s each", seconds(start))
        }
        if let conversion = statistics.meanConversionTime {
            line += String(format: "; LibreOffice %.1f ms per document as the workers measured it", seconds(conversion) * 1000)
        }
        line += String(format: "; workers' CPU %.2f s (%.1f ms per document, their start included)", cpu, cpu / Double(inputs.count) * 1000)
        line += String(format: "; shutdown %.2f s; ", shutdown) + "\(plural(memory.samples, "memory sample")) of \(plural(memory.workers.count, "worker"))."
        print(line)
        problems += check(requests.map(\.output), method: method)
        reportTemporaryFolder(temporary)
        return (Row(method: method, documents: inputs.count, wall: wall, memory: memory, jobs: jobs, warmRate: warmRate, cpu: cpu), problems)
    }

    /// Converts each input with a `soffice` process of its own, each with a new profile folder.
    static func sofficePerFile(_ inputs: [URL], soffice: String, in folder: URL) -> (Row, [String]) {
        let method = "soffice, one process per file"
        let output = folder.appendingPathComponent("pdf")
        let temporary = useTemporaryFolder(in: folder)
        var problems: [String] = []
        var wall = 0.0
        let cpuBefore = ProcessStatus.childrenCPUSeconds
        for (index, input) in inputs.enumerated() {
            let profile = folder.appendingPathComponent("profile-\(index + 1)")
            let (seconds, problem) = runSoffice(soffice, [input], profile: profile, output: output, logs: folder.appendingPathComponent("log-\(index + 1)"))
            wall += seconds
            if let problem { problems.append("\(method), \(input.lastPathComponent): \(problem)") }
        }
        print("\(method) (the first \(inputs.count) files, a new profile each): "
            + String(format: "%d documents in %.2f s (%.2f s per document).", inputs.count, wall, wall / Double(inputs.count)))
        problems += check(inputs.map { pdf(for: $0, in: output) }, method: method)
        reportTemporaryFolder(temporary)
        return (Row(method: "soffice, one process per file", documents: inputs.count, wall: wall, cpu: ProcessStatus.childrenCPUSeconds - cpuBefore), problems)
    }

    /// Converts every input with one `soffice` call and one profile folder.
    static func sofficeOneCall(_ inputs: [URL], soffice: String, in folder: URL) -> (Row, [String]) {
        let method = "soffice, all files in one call"
        let output = folder.appendingPathComponent("pdf")
        let temporary = useTemporaryFolder(in: folder)
        let cpuBefore = ProcessStatus.childrenCPUSeconds
        let (wall, problem) = runSoffice(soffice, inputs, profile: folder.appendingPathComponent("profile"), output: output, logs: folder.appendingPathComponent("log"))
        var problems = problem.map { ["\(method): \($0)"] } ?? []
        print("\(method) (one new profile): " + String(format: "%d documents in %.2f s.", inputs.count, wall))
        problems += check(inputs.map { pdf(for: $0, in: output) }, method: method)
        reportTemporaryFolder(temporary)
        return (Row(method: method, documents: inputs.count, wall: wall, cpu: ProcessStatus.childrenCPUSeconds - cpuBefore), problems)
    }

    /// Runs `soffice --headless --convert-to pdf:writer_pdf_Export:{…}` on `inputs`; returns its
    /// wall time and, when it failed, why.
    static func runSoffice(_ soffice: String, _ inputs: [URL], profile: URL, output: URL, logs: URL) -> (Double, String?) {
        try? FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let arguments = [profileArgument(profile), "--headless", "--convert-to", "pdf:writer_pdf_Export:" + LibreOffice.pdfA2bOptions,
                         "--outdir", output.path] + inputs.map(\.path)
        let errors = logs.appendingPathComponent("stderr.txt")
        let child = ChildProcess(executable: soffice, arguments: arguments, standardOutput: logs.appendingPathComponent("stdout.txt"), standardError: errors)
        do {
            let outcome = try child.run()
            guard outcome.exitCode == 0 else {
                let how = outcome.signal.map { "was ended by signal \($0)" } ?? "exited with status \(outcome.exitCode ?? -1)"
                let said = (try? String(contentsOf: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines).suffix(300) ?? ""
                return (outcome.wallSeconds, "soffice \(how)\(said.isEmpty ? "" : ": \(said)")")
            }
            return (outcome.wallSeconds, nil)
        } catch {
            return (0, error.description)
        }
    }

    /// Where the PDF of `input` goes in `folder`: its name with `.pdf`, as `soffice` names it.
    static func pdf(for input: URL, in folder: URL) -> URL {
        folder.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".pdf")
    }

    /// The failed conversions among `results`, described.
    static func failures(of results: [ConversionResult], method: String) -> [String] {
        results.compactMap { result in result.error.map { "\(method): \($0.description)" } }
    }

    /// Checks that every PDF is there, is not empty and carries the PDF/A identification
    /// (`pdfaid:part` in its XMP); returns what is wrong and prints a line saying what was checked.
    static func check(_ pdfs: [URL], method: String) -> [String] {
        var problems: [String] = []
        var marked = 0
        var present = 0
        for pdf in pdfs {
            guard let data = try? Data(contentsOf: pdf) else {
                problems.append("\(method): \(pdf.lastPathComponent) is missing.")
                continue
            }
            guard !data.isEmpty else {
                problems.append("\(method): \(pdf.lastPathComponent) is empty.")
                continue
            }
            present += 1
            if data.range(of: Data("pdfaid:part".utf8)) != nil { marked += 1 }
        }
        if marked < present {
            problems.append("\(method): \(present - marked) PDFs carry no PDF/A identification (pdfaid:part).")
        }
        print("  checked: \(present) of \(pdfs.count) PDFs there and non-empty, \(marked) with pdfaid:part in their XMP.")
        return problems
    }

    // MARK: 4. The soak

    /// Converts `documents` documents (the inputs over and over, the outputs overwritten) through
    /// one converter of 1 job restarting after `restartAfter`, and prints the worker's VmRSS after
    /// every ``soakStep`` documents.
    static func soakRun(_ inputs: [URL], documents: Int, restartAfter: Int, label: String, vorlage: URL, in folder: URL) -> [String] {
        let method = "soak, restartAfter \(restartAfter)"
        let output = folder.appendingPathComponent("restart-after-\(restartAfter)")
        let temporary = useTemporaryFolder(in: output)
        let converter = PDFConverter(jobs: 1, executable: vorlage, restartAfter: restartAfter, profileRoot: folder.appendingPathComponent("profiles"))
        var problems: [String] = []
        var samples: [SoakSample] = []
        var done = 0
        let started = DispatchTime.now().uptimeNanoseconds
        while done < documents {
            let step = min(soakStep, documents - done)
            let requests = (done..<(done + step)).map { index in
                let input = inputs[index % inputs.count]
                return ConversionRequest(input: input, output: pdf(for: input, in: output))
            }
            let sampler = WorkerMemorySampler()
            sampler.start()
            let results = converter.convertBlocking(requests)
            let memory = sampler.stop()
            problems += failures(of: results, method: method)
            done += step
            if done % restartAfter == 0 {
                // The worker retires after its last answer: wait until it is gone.
                let deadline = DispatchTime.now().uptimeNanoseconds + 15_000_000_000
                while !ProcessTable.conversionWorkers().isEmpty, DispatchTime.now().uptimeNanoseconds < deadline { usleep(20_000) }
                samples.append(SoakSample(documents: done, worker: nil, stepPeakKiB: memory.peakWorkerKiB))
            } else {
                let worker = ProcessTable.conversionWorkers().first.flatMap { entry in
                    ProcessTable.kibibytes("VmRSS", of: entry.pid).map { (pid: entry.pid, kib: $0) }
                }
                if worker == nil { problems.append("\(method): no worker found after \(done) documents.") }
                samples.append(SoakSample(documents: done, worker: worker, stepPeakKiB: memory.peakWorkerKiB))
            }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        converter.shutdownBlocking()
        let statistics = converter.statistics

        print("Soak, jobs 1, restartAfter \(label): \(documents) documents cycling over the \(inputs.count) files in "
            + String(format: "%.1f s (%.1f documents/s), ", wall, Double(documents) / wall)
            + "\(plural(statistics.workerStarts, "worker start")), \(plural(statistics.restarts, "restart")).")
        let header = ["documents", "worker pid", "VmRSS MiB", "peak in the step MiB"]
        var lines = [header]
        for sample in samples {
            lines.append([String(sample.documents),
                          sample.worker.map { String($0.pid) } ?? "restarted",
                          sample.worker.map { mebibytes($0.kib) } ?? "-",
                          sample.stepPeakKiB > 0 ? mebibytes(sample.stepPeakKiB) : "-"])
        }
        printAligned(lines, leftColumns: [])
        let measured = samples.compactMap(\.worker)
        if measured.count > 1, let first = measured.first, let last = measured.last {
            let growth = Double(last.kib - first.kib) / 1024
            let workers = Set(measured.map(\.pid)).count
            print("  growth (last − first sample): " + String(format: "%+.1f MiB", growth)
                + (workers > 1 ? " (the samples come from \(workers) workers: a restarted worker starts small again)" : ""))
        } else {
            print("  growth: fewer than two samples.")
        }
        problems += check(inputs.prefix(documents).map { pdf(for: $0, in: output) }, method: method)
        reportTemporaryFolder(temporary)
        return problems
    }

    // MARK: LibreOffice's temporary files

    /// Makes `folder/tmp` and points this process's TMPDIR at it, so that the workers and `soffice`
    /// processes started from now on keep their temporary files (`lu….tmp`) there.
    static func useTemporaryFolder(in folder: URL) -> URL {
        let temporary = folder.appendingPathComponent("tmp")
        try? FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        setenv("TMPDIR", temporary.path, 1)
        return temporary
    }

    /// Prints how many entries LibreOffice left in its temporary folder (removed with the scratch folder).
    static func reportTemporaryFolder(_ temporary: URL) {
        let left = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        print("  LibreOffice's TMPDIR: \(left.count) entr\(left.count == 1 ? "y" : "ies") left behind\(left.isEmpty ? "" : " (" + left.sorted().prefix(3).joined(separator: ", ") + (left.count > 3 ? ", …" : "") + ")").")
    }

    // MARK: Printing

    static func printTable(_ rows: [Row], baseline: Double) {
        var lines = [["method", "docs", "wall s", "docs/s", "ms/doc", "× per-file", "warm docs/s", "CPU ms/doc", "peak worker RSS MiB"]]
        for row in rows {
            var memory = "-"
            if let summary = row.memory {
                memory = row.jobs > 1 ? "\(mebibytes(summary.peakWorkerKiB)) / \(mebibytes(summary.peakTotalKiB))" : mebibytes(summary.peakWorkerKiB)
            }
            lines.append([row.method, String(row.documents), String(format: "%.2f", row.wall), String(format: "%.1f", row.rate),
                          String(format: "%.1f", row.wall / Double(row.documents) * 1000),
                          baseline > 0 ? String(format: "%.1f", row.rate / baseline) : "-",
                          row.warmRate.map { String(format: "%.1f", $0) } ?? "-",
                          row.cpu.map { String(format: "%.1f", $0 / Double(row.documents) * 1000) } ?? "-", memory])
        }
        printAligned(lines, leftColumns: [0])
    }

    /// Prints rows of cells in columns, right-aligned except `leftColumns`.
    static func printAligned(_ lines: [[String]], leftColumns: Set<Int>) {
        let widths = lines[0].indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        for line in lines {
            let cells = line.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return leftColumns.contains(column) ? cell + padding : padding + cell
            }
            print("  " + cells.joined(separator: "  "))
        }
    }

    static func mebibytes(_ kib: Int) -> String { String(format: "%.1f", Double(kib) / 1024) }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `1 worker`, `2 workers`.
    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
