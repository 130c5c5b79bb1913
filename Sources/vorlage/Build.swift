import ArgumentParser
import Archive
import Conversion
import Foundation
import Pipeline
import Synchronization

/// `vorlage build MEETING`: everything a meeting needs, into build/<meeting>/.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Erzeugt alle Vorlagen der Tagesordnung einer Sitzung, die Einladung und manifest.json.",
        discussion: """
        Liest SITZUNG/meeting.yaml, SITZUNG/papers/ und council.yaml (in SITZUNG oder einem übergeordneten Ordner), prüft \
        sie gegeneinander und schreibt nach build/<Name des Sitzungsordners>/; mit --pdf auch PDF/A-Kopien und die \
        Sitzungsmappen, umgewandelt von LibreOffice-Arbeitsprozessen, die der Lauf startet und beendet. Ein Problem der \
        Sitzung als Ganzes hält den Lauf an, bevor etwas geschrieben wird; eine Vorlage mit Problemen scheitert für sich, \
        die übrigen werden geschrieben. Herausgegebene Dateien (vorlage release) werden nie überschrieben: eine geänderte \
        wird eine neue Fassung (…-v2.odt).
        \(Outcome.helpText)
        """
    )

    @Argument(help: "Der Sitzungsordner, z. B. examples/kreistag-2013-03-06.")
    var meeting: String

    @Option(name: .shortAndLong, help: "Der Ausgabeordner (Standard: build/<Name des Sitzungsordners>).")
    var output: String?

    @Option(name: .shortAndLong, help: "Wie viele Vorlagen gleichzeitig erzeugt werden (Standard: die Zahl der Prozessorkerne).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .long, parsing: .upToNextOption, help: "Nur diese Vorlagen neu erzeugen, nach Vorlagennummer (z. B. 50/2403/XV/2013); manifest.json wird aktualisiert.")
    var only: [String] = []

    @Option(name: .long, help: "Sekunden, die gewartet wird, solange ein anderer Lauf an demselben Ausgabeordner arbeitet (Standard: 600).")
    var wait: Double = 600

    @Flag(name: .long, help: "Schreibt jedes Dokument zusätzlich als getaggtes PDF/A-2b und die Sitzungsmappen (<Sitzung>-mappe.pdf, <Sitzung>-mappe-oeffentlich.pdf).")
    var pdf = false

    @Option(name: .long, help: "Sekunden, die die Umwandlung eines Dokuments dauern darf, bevor sein LibreOffice-Arbeitsprozess ersetzt wird (Standard: 120).")
    var pdfTimeout: Double = 120

    @Option(help: "text (für Menschen, Standard) oder json (für Programme: ein JSON-Objekt mit Ergebnis, geschriebenen Dateien und allen Problemen samt Code auf der Standardausgabe).")
    var format: String = "text"

    func validate() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: meeting, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("Den Sitzungsordner \(meeting) gibt es nicht.")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs muss mindestens 1 sein.") }
        guard wait >= 0 else { throw ValidationError("--wait darf nicht negativ sein.") }
        guard pdfTimeout > 0 else { throw ValidationError("--pdf-timeout muss positiv sein.") }
        try Output.validate(format: format)
    }

    func run() throws {
        let job = MeetingBuild(meeting: URL(fileURLWithPath: meeting), output: output.map { URL(fileURLWithPath: $0) },
                               jobs: jobs, only: only, waitSeconds: wait,
                               pdf: pdf ? PDFOptions(executable: PDFConverter.currentExecutable, timeout: pdfTimeout) : nil)
        let json = format == "json"
        let display = ProgressDisplay()
        let report: MeetingBuild.Report
        do {
            report = try job.run(progress: { if !json { display.show($0) } }, notice: { display.note($0) })
        } catch {
            display.finish()
            let outcome = Outcome(error)
            if json {
                var object = Output.frame("build", outcome)
                object["files"] = [[String: Any]]()
                object["failed"] = [String]()
                object["problems"] = Output.json(error.problems)
                try Output.json(object)
            } else {
                Output.error("vorlage: Es wurde nichts geschrieben.\n\(error.description)")
            }
            try outcome.exit()
            return
        }
        display.finish()
        let outcome: Outcome = report.succeeded ? .ok : .someFailed
        if json {
            try Output.json(Self.json(report, outcome: outcome))
            try outcome.exit()
            return
        }
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
            let count = report.failures.count
            Output.error("\(Output.count(count, "Dokument", "Dokumente")) \(count == 1 ? "konnte" : "konnten") nicht erzeugt werden:")
            for failure in report.failures {
                Output.error("- \(failure.file)")
                for problem in failure.problems { Output.error("    \(problem)") }
            }
            try outcome.exit()
            return
        }
    }

    /// A run's report as one JSON object: the outcome, every file with what happened to it, the
    /// documents that failed, and every problem (warnings and each failure's problems) with its code.
    static func json(_ report: MeetingBuild.Report, outcome: Outcome) -> [String: Any] {
        var object = Output.frame("build", outcome)
        object["folder"] = report.folder.relativePath
        object["files"] = report.files.map { record -> [String: Any] in
            let (status, original): (String, String?) = switch record.status {
            case .written: ("written", nil)
            case .unchanged: ("unchanged", nil)
            case .issuedUnchanged: ("issued-unchanged", nil)
            case .newVersion(let original): ("new-version", original)
            }
            return ["file": record.fileName, "status": status, "supersedes": original ?? NSNull(), "size": record.size, "sha512": record.sha512Checksum]
        }
        object["failed"] = report.failures.map(\.file)
        object["problems"] = Output.json(report.warnings.map(Problem.init))
            + report.failures.flatMap { failure in Output.json(failure.problems.map(Problem.init(line:)), document: failure.file) }
        return object
    }
}

/// `vorlage release MEETING`: the built documents are issued.
struct Release: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Gibt die Dokumente eines vollständigen Laufs heraus, sodass kein späterer Lauf sie überschreibt.",
        discussion: """
        Trägt jede Datei aus build/<Sitzung>/manifest.json in build/<Sitzung>/.vorlage/issued.json ein. Ein späterer \
        Lauf schreibt ein geändertes Dokument als neue Fassung neben das herausgegebene.
        Exit-Codes: 0 herausgegeben; 1 der letzte Lauf ist unvollständig oder seine Dateien fehlen, nichts wurde \
        herausgegeben; 3 der Ausgabeordner ist belegt oder nicht beschreibbar; 64 falscher Aufruf.
        """
    )

    @Argument(help: "Der Sitzungsordner, z. B. examples/kreistag-2013-03-06.")
    var meeting: String

    @Option(name: .shortAndLong, help: "Der Ausgabeordner (Standard: build/<Name des Sitzungsordners>).")
    var output: String?

    func run() throws {
        do {
            let report = try ReleaseJob(meeting: URL(fileURLWithPath: meeting), output: output.map { URL(fileURLWithPath: $0) }).run()
            for entry in report.issued { print("herausgegeben: \(entry.fileName)") }
            print("\(report.folder.relativePath): \(report.issued.count) herausgegeben, \(report.alreadyIssued.count) bereits herausgegeben")
        } catch {
            Output.error("vorlage: Es wurde nichts herausgegeben.\n\(error.description)")
            try Outcome(error).exit()
        }
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
