import Archive
import BenchSupport
import Dispatch
import Foundation
import JSONData
import ODFPackage
import Pipeline
import Synchronization
import Templating
#if canImport(Glibc)
import Glibc
#endif

/// `vorlage-bench peers DATADIR OUTDIR [--jobs N] [--template FILE]`: vorlage beside the Python
/// peers of ../shared/bench/peers, on their generated data and in the same run.
///
/// Renders every `DATADIR/*.json` (the peers' contract: `{ort, datum, amt, nummer, titel,
/// beratung:[{gremium, termin, behandlung}], sachverhalt:[str], beschluss:[str], anlagen:[str]}`)
/// to `OUTDIR/<same name>.odt` in this one process, with `templates/bench/peers.fodt`, through
/// the path `vorlage build` takes: each worker compiles the template once (``Template``), fills it
/// with the JSON as a ``Value`` and packs it (``Template/fill(_:documents:metadata:mediaType:)``), and stages the
/// bytes in a ``BuildFolder`` under the folder's ``BuildLock``; one ``BuildFolder/commit()`` at
/// the end flushes them to disk and renames them into place. Workers: `--jobs` (default: the
/// active cores), pulling the next document as MeetingBuild+Papers does.
///
/// The report goes to standard error: the peers' `run_cmd.py` runs this under `bench_all.sh`,
/// which reads the standard output of `run_cmd.py` (and so of this child) as one JSON line.
enum PeersBench {
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static let usage = "usage: vorlage-bench peers DATADIR OUTDIR [--jobs N] [--template FILE]"

    /// Returns the exit status: 0 when every document was written.
    static func run(_ arguments: [String]) throws -> Int32 {
        let started = DispatchTime.now().uptimeNanoseconds
        var positional: [String] = []
        var jobs = ProcessInfo.processInfo.activeProcessorCount
        var templateURL = BenchPaths.templates.appendingPathComponent("bench/peers.fodt")
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--jobs", "--template":
                guard index + 1 < arguments.count else { throw UsageError(description: "\(arguments[index]) needs a value\n\(usage)") }
                if arguments[index] == "--jobs" {
                    jobs = try MeetingBench.positive(arguments[index + 1], "--jobs")
                } else {
                    templateURL = URL(fileURLWithPath: arguments[index + 1])
                }
                index += 2
            default:
                positional.append(arguments[index])
                index += 1
            }
        }
        guard positional.count == 2 else { throw UsageError(description: usage) }
        let dataFolder = URL(fileURLWithPath: positional[0])
        let outFolder = URL(fileURLWithPath: positional[1])

        // Handed out one at a time as the folder is read, so memory stays flat however many
        // documents there are.
        let inputs = try DataFiles(folder: dataFolder)
        guard inputs.count > 0 else { throw UsageError(description: "\(dataFolder.path) holds no .json file") }

        // The writing stage of `vorlage build`: the lock, then a build folder to stage into.
        let lock = try BuildLock(folder: outFolder, timeout: 0)
        let stage = try BuildFolder(outFolder)

        let failures = Mutex([String]())
        let bytesWritten = Atomic<Int>(0)
        let compileNanoseconds = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let workers = min(jobs, inputs.count)
        let dataPath = dataFolder.path
        let template = templateURL
        let fillStarted = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            // Each worker compiles its own template: a Template holds libxml2 documents and is not Sendable.
            let compileStarted = DispatchTime.now().uptimeNanoseconds
            let compiled: Template
            let reader: JSONReader
            do {
                compiled = try Template(contentsOf: template)
                reader = try JSONReader()
            } catch {
                failures.withLock { $0.append("\(template.path): \(error)") }
                return
            }
            compileNanoseconds.add(Int(DispatchTime.now().uptimeNanoseconds - compileStarted), ordering: .relaxed)
            while true {
                guard let name = inputs.next() else { break }
                // Put together as text: `appendingPathComponent` asks the file system whether
                // the new path is a folder, one `stat` per document.
                let input = URL(fileURLWithPath: dataPath + "/" + name, isDirectory: false)
                do {
                    let bytes = try render(input, with: compiled, reader: reader)
                    _ = try stage.stage(bytes, as: String(name.dropLast(".json".count)) + ".odt")
                    bytesWritten.add(bytes.count, ordering: .relaxed)
                } catch {
                    // An error that names the input itself (a JSON error, with its line and
                    // column) is not given the path twice.
                    let text = "\(error)"
                    failures.withLock { $0.append(text.hasPrefix(input.path) ? text : "\(input.path): \(text)") }
                }
                // As in MeetingBuild.renderPapers: hand glibc's freed pages back now and then, so
                // resident memory stays flat however many documents there are.
                if done.add(1, ordering: .relaxed).newValue % 64 == 0 { AllocatorTuning.releaseFreedMemory() }
            }
        }
        let filled = DispatchTime.now().uptimeNanoseconds
        let committed = try stage.commit()
        let finished = DispatchTime.now().uptimeNanoseconds
        withExtendedLifetime(lock) {}

        let problems = failures.withLock { $0 }
        let count = inputs.count
        let written = count - problems.count
        let wall = Double(finished - started) / 1e9
        let cpu = ProcessStatus.cpuSeconds
        // Written straight to the descriptor and without `String(format:)`: `String(format:)` and
        // `Data` made of a string ask the Swift runtime for protocol conformances it has not
        // looked up yet, about 1 ms of this timed process at its very end (Double+Fixed.swift).
        func report(_ line: String) {
            var text = line + "\n"
            text.withUTF8 { bytes in _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
        }
        let peak = ProcessStatus.kibibytes("VmHWM").map { (Double($0) / 1024).fixed(1) + " MiB" } ?? "unknown"
        report("vorlage-bench peers: \(written) of \(count) documents from \(dataFolder.path) to \(outFolder.path) (\(committed) files committed), template \(templateURL.lastPathComponent), \(workers) worker\(workers == 1 ? "" : "s") (--jobs \(jobs)) on \(ProcessInfo.processInfo.activeProcessorCount) cores")
        report("  \((Double(written) / wall).fixed(1)) docs/s (\(wall.fixed(3)) s in this process, from start to commit); CPU \(cpu.fixed(3)) s = \((cpu / Double(count) * 1000).fixed(2)) ms/doc (user+sys of this process)")
        report("  compile \((Double(compileNanoseconds.load(ordering: .relaxed)) / 1e6 / Double(workers)).fixed(1)) ms per worker; fill + pack + stage \((Double(filled - fillStarted) / 1e9).fixed(3)) s; commit (fdatasync of each file, renames, folder fsync) \((Double(finished - filled) / 1e6).fixed(1)) ms; \((Double(bytesWritten.load(ordering: .relaxed)) / Double(max(written, 1)) / 1024).fixed(1)) KiB/doc; peak RSS \(peak)")
        if workers == 1 {
            report("  single-core rate: \((Double(written) / Double(finished - fillStarted) * 1e9).fixed(1)) docs/s (one worker, process start excluded, commit included)")
        } else {
            report("  per core: \((Double(written) / cpu).fixed(1)) docs per CPU second")
        }
        for problem in problems.prefix(20) { report("  failed: \(problem)") }
        if problems.count > 20 { report("  … and \(problems.count - 20) more failures") }
        return problems.isEmpty ? 0 : 1
    }

    /// One document: the JSON read as a ``Value`` (by the worker's own ``JSONReader``), filled,
    /// packed as .odt bytes.
    static func render(_ input: URL, with template: Template, reader: JSONReader) throws -> Data {
        let data = try reader.value(of: Data(contentsOf: input), source: input.path)
        return try template.fill(data, mediaType: ODFDocument.textMediaType)
    }
}
