import ArgumentParser
import Archive
import Conversion
import Foundation
import Pipeline
import Synchronization

/// `vorlage build MEETING`: everything a meeting needs, into build/<meeting>/.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build every paper on a meeting's agenda, the invitation and manifest.json.",
        discussion: """
        Reads MEETING/meeting.yaml, MEETING/papers/ and council.yaml (in MEETING or a parent folder), checks them \
        against each other, and writes into build/<meeting folder name>/; with --pdf also PDF/A copies and the \
        session packets, converted by LibreOffice worker processes that the run starts and ends. A problem of the meeting as a whole stops \
        the build before anything is written; a paper with problems fails on its own and the others are written. \
        Issued files (vorlage release) are never overwritten: a changed one becomes a new version (…-v2.odt).
        Exit codes: 0 everything built; 1 the input has problems, nothing written; 2 some documents failed, the \
        others were written; 3 the build folder is busy or cannot be written; 64 wrong command line.
        """
    )

    @Argument(help: "The meeting folder, e.g. examples/kreistag-2013-03-06.")
    var meeting: String

    @Option(name: .shortAndLong, help: "The build folder (default: build/<meeting folder name>).")
    var output: String?

    @Option(name: .shortAndLong, help: "How many papers render at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, parsing: .upToNextOption, help: "Rebuild only these papers, by reference (e.g. 50/2403/XV/2013); the manifest is updated.")
    var only: [String] = []

    @Option(name: .long, help: "Seconds to wait while another run works on the same build folder (default: 600).")
    var wait: Double = 600

    @Flag(name: .long, help: "Also write every document as tagged PDF/A-2b and the session packets (<meeting>-mappe.pdf, <meeting>-mappe-oeffentlich.pdf).")
    var pdf = false

    @Option(name: .long, help: "Seconds one document may take to convert before its LibreOffice worker is replaced (default: 120).")
    var pdfTimeout: Double = 120

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: meeting, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("The meeting folder \(meeting) does not exist.")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        guard wait >= 0 else { throw ValidationError("--wait must not be negative.") }
        guard pdfTimeout > 0 else { throw ValidationError("--pdf-timeout must be positive.") }
    }

    func run() throws {
        let job = MeetingBuild(meeting: URL(fileURLWithPath: meeting), output: output.map { URL(fileURLWithPath: $0) },
                               jobs: jobs, only: only, waitSeconds: wait,
                               pdf: pdf ? PDFOptions(executable: PDFConverter.currentExecutable, timeout: pdfTimeout) : nil)
        let display = ProgressDisplay()
        let report: MeetingBuild.Report
        do {
            report = try job.run(progress: { display.show($0) }, notice: { display.note($0) })
        } catch {
            display.finish()
            Output.error("vorlage: nothing was written.\n\(error.description)")
            throw ExitCode(Self.exitCode(for: error))
        }
        display.finish()
        for warning in report.warnings { Output.error(warning.description) }
        var written = 0, unchanged = 0
        for record in report.files {
            switch record.status {
            case .written: written += 1
            case .unchanged, .issuedUnchanged: unchanged += 1
            case .newVersion(let original):
                written += 1
                print("neue Fassung: \(record.fileName) (\(original) ist bereits herausgegeben und bleibt unverändert)")
            }
        }
        print("\(report.folder.relativePath): \(written) geschrieben, \(unchanged) unverändert, manifest.json")
        guard report.succeeded else {
            Output.error("\(report.failures.count == 1 ? "1 document" : "\(report.failures.count) documents") could not be built:")
            for failure in report.failures {
                Output.error("- \(failure.file)")
                for problem in failure.problems { Output.error("    \(problem)") }
            }
            throw ExitCode(2)
        }
    }

    static func exitCode(for error: PipelineError) -> Int32 {
        switch error.source {
        case .archive: 3
        case .request: 64
        default: 1
        }
    }
}

/// `vorlage release MEETING`: the built documents are issued.
struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark the documents of a complete build as issued, so no later build overwrites them.",
        discussion: "Records every file of build/<meeting>/manifest.json in build/<meeting>/.vorlage/issued.json. A later build writes a changed document as a new version beside the issued one."
    )

    @Argument(help: "The meeting folder, e.g. examples/kreistag-2013-03-06.")
    var meeting: String

    @Option(name: .shortAndLong, help: "The build folder (default: build/<meeting folder name>).")
    var output: String?

    func run() throws {
        do {
            let report = try ReleaseJob(meeting: URL(fileURLWithPath: meeting), output: output.map { URL(fileURLWithPath: $0) }).run()
            for entry in report.issued { print("herausgegeben: \(entry.fileName)") }
            print("\(report.folder.relativePath): \(report.issued.count) herausgegeben, \(report.alreadyIssued.count) bereits herausgegeben")
        } catch {
            Output.error("vorlage: nothing was released.\n\(error.description)")
            throw ExitCode(error.source.isArchive ? 3 : 1)
        }
    }
}

extension PipelineError.Source {
    var isArchive: Bool {
        if case .archive(let error) = self { return error.code != .notReleasable }
        return false
    }
}

/// Writing to standard error.
enum Output {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Shows a build's progress: one updating line on a terminal, plain log lines otherwise.
final class ProgressDisplay: Sendable {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let state = Mutex((lastLine: 0.0, shown: false))

    func show(_ progress: MeetingBuild.Progress) {
        let remaining = progress.remaining.map { ", noch ~\(Self.clock($0))" } ?? ""
        let line = "[\(progress.done)/\(progress.total)] \(progress.current) – \(Self.clock(progress.elapsed))\(remaining)"
        if isTerminal {
            let due = state.withLock { state -> Bool in
                guard progress.done == progress.total || progress.elapsed - state.lastLine >= 0.1 else { return false }
                state.lastLine = progress.elapsed
                state.shown = true
                return true
            }
            if due { FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8)) }
        } else {
            Output.error(line)
        }
    }

    func note(_ text: String) {
        finish()
        Output.error(text)
    }

    func finish() {
        let shown = state.withLock { state in
            defer { state.shown = false }
            return state.shown
        }
        if isTerminal, shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}
