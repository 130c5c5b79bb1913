import ArgumentParser
import Conversion
import Foundation
import Council
import Pipeline
import Templating

/// The command-line tool of a council office: renders submissions from data and templates.
struct Vorlage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vorlage",
        abstract: "Erzeugt Sitzungsvorlagen und Einladungen als OpenDocument-Text (.odt) aus YAML-Daten und Dokumentvorlagen.",
        discussion: """
        Für den Sitzungsdienst: „vorlage build SITZUNG“ erzeugt alle Vorlagen einer Sitzung mit Einladung und manifest.json, \
        „vorlage render VORLAGE.yaml“ eine einzelne Vorlage, „vorlage check DOKUMENTVORLAGE“ prüft eine Dokumentvorlage, \
        „vorlage release SITZUNG“ gibt die erzeugten Dokumente heraus. Jedes Problem nennt Datei, Zeile und Spalte, \
        einen festen Code in eckigen Klammern und einen Hinweis; mit --format json erhalten Programme dasselbe als JSON.
        \(Outcome.helpText)
        """,
        version: VorlageVersion.current,
        subcommands: [Build.self, Release.self, Render.self, Check.self, Schema.self, ConvertWorker.self]
    )
}

/// `vorlage render PAPER.yaml`: one submission.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Erzeugt eine einzelne Vorlage aus ihren YAML-Daten.",
        discussion: """
        Schreibt standardmäßig build/<Sitzung>/<Vorlage>.odt. Haben die Daten oder die Dokumentvorlage ein Problem, \
        wird nichts geschrieben, und jedes Problem wird aufgeführt.
        \(Outcome.helpText)
        """
    )

    @Argument(help: "Die YAML-Daten der Vorlage, z. B. examples/kreistag-2013-03-06/papers/integrationszentrum.yaml.")
    var paper: String

    @Option(name: .shortAndLong, help: "Die Dokumentvorlage (.odt, .ott oder .fodt); Standard: die, die council.yaml für die Vorlagenart nennt, sonst templates/sitzungsvorlage.fodt.")
    var template: String?

    @Option(name: .shortAndLong, help: "Die .odt-Datei, die geschrieben wird (Standard: unter build/).")
    var output: String?

    @Flag(name: .long, help: "Schreibt die Vorlage (und Anlagen, die einzeln hinausgehen) zusätzlich als getaggtes PDF/A-2b daneben.")
    var pdf = false

    @Option(help: "text (für Menschen, Standard) oder json (für Programme: ein JSON-Objekt mit Ergebnis, geschriebenen Dateien und allen Problemen samt Code auf der Standardausgabe).")
    var format: String = "text"

    func validate() throws {
        guard FileManager.default.fileExists(atPath: paper) else {
            throw ValidationError("Die Datendatei \(paper) gibt es nicht.")
        }
        if let template, !FileManager.default.fileExists(atPath: template) {
            throw ValidationError("Die Dokumentvorlage \(template) gibt es nicht. Nennen Sie eine mit --template.")
        }
        if let output, !output.lowercased().hasSuffix(".odt") {
            throw ValidationError("Die Ausgabedatei \(output) muss auf .odt enden.")
        }
        try Output.validate(format: format)
    }

    func run() throws {
        let paperURL = URL(fileURLWithPath: paper)
        let outputURL = output.map { URL(fileURLWithPath: $0) }
            ?? SubmissionJob.defaultOutput(for: paperURL, buildFolder: URL(fileURLWithPath: "build"))
        let written: SubmissionJob.Output
        do {
            written = try SubmissionJob(paper: paperURL, template: template.map { URL(fileURLWithPath: $0) }, output: outputURL,
                                        pdf: pdf ? PDFOptions(executable: PDFConverter.currentExecutable) : nil).run()
        } catch {
            let outcome = Outcome(error)
            if format == "json" {
                var object = Output.frame("render", outcome)
                object["files"] = [[String: Any]]()
                object["problems"] = Output.json(error.problems)
                try Output.json(object)
            } else if case .conversion = error.source {
                Output.error("vorlage: Die PDF-Dateien konnten nicht erzeugt werden; \(outputURL.relativePath) ist geschrieben.\n\(error.description)")
            } else {
                Output.error("vorlage: Es wurde nichts geschrieben.\n\(error.description)")
            }
            try outcome.exit()
            return
        }
        if format == "json" {
            var object = Output.frame("render", .ok)
            var files: [[String: Any]] = [["file": written.document.relativePath, "kind": "submission"]]
            files += written.annexes.compactMap { annex in annex.file.map { ["file": $0.relativePath, "kind": "annex", "annex": annex.number] } }
            files += written.pdfs.map { ["file": $0.relativePath, "kind": "pdf"] }
            object["files"] = files
            object["annexes"] = written.annexes.map { annex -> [String: Any] in
                ["number": annex.number, "name": annex.name, "mode": annex.mode.rawValue, "file": annex.file.map(\.relativePath) ?? NSNull()]
            }
            object["problems"] = [[String: Any]]()
            try Output.json(object)
            return
        }
        print("geschrieben: \(written.document.relativePath)")
        for annex in written.annexes {
            let place = switch annex.mode {
            case .merge: "in der Vorlage"
            case .separate: annex.file.map(\.relativePath) ?? ""
            case .listed: "nur aufgeführt"
            }
            print("  Anlage \(annex.number) „\(annex.name)“: \(place)")
        }
        for file in written.pdfs { print("geschrieben: \(file.relativePath)") }
    }
}

/// `vorlage check TEMPLATE [--data FILE]`: a template's markers, checked without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Listet Platzhalter, Blöcke und Datenpfade einer Dokumentvorlage auf und prüft sie, ohne etwas zu erzeugen.",
        discussion: """
        Jeder Pfad wird in jedem Zweig und jeder Wiederholung geprüft: mit --data gegen die Daten dieser Vorlage, ohne \
        gegen das Modell der Art der Dokumentvorlage (eine Vorlage mit den zusätzlichen Feldern des Ratsprofils, oder \
        die Einladung). Fehlerhafte Blöcke verdecken keine unbekannten Pfade: jedes Problem wird aufgeführt. \
        Exit-Code 0, wenn alles passt; 1 bei jedem Problem; 64 bei falschem Aufruf.
        """
    )

    @Argument(help: "Die Dokumentvorlage (.odt, .ott oder .fodt).")
    var template: String

    @Option(name: .shortAndLong, help: "Die YAML-Daten einer Vorlage, gegen die die Dokumentvorlage geprüft wird.")
    var data: String?

    @Option(help: "Ohne --data: die Art der Dokumentvorlage, gegen deren Modell die Pfade geprüft werden (submission oder invitation); Standard: wofür council.yaml sie verwendet.")
    var kind: String?

    @Option(help: "Ohne --data: das Ratsprofil, dessen Vorlagenarten und zusätzliche Felder das Modell bilden; Standard: die council.yaml, die für den Ordner der Dokumentvorlage gilt.")
    var profile: String?

    @Option(help: "Ohne --data, für eine Vorlage: die Vorlagenart, deren zusätzliche Felder das Modell hat.")
    var paperType: String?

    @Option(help: "text (für Menschen, Standard) oder json (für Programme: Platzhalter und Probleme mit ihren festen Codes, auf der Standardausgabe).")
    var format: String = "text"

    func validate() throws {
        guard FileManager.default.fileExists(atPath: template) else { throw ValidationError("Die Dokumentvorlage \(template) gibt es nicht.") }
        if let data, !FileManager.default.fileExists(atPath: data) { throw ValidationError("Die Datendatei \(data) gibt es nicht.") }
        try Output.validate(format: format)
        if let kind, TemplateModel(rawValue: kind) == nil {
            throw ValidationError("--kind ist submission oder invitation, nicht „\(kind)“.")
        }
    }

    func run() throws {
        let report = TemplateCheck(template: URL(fileURLWithPath: template), data: data.map { URL(fileURLWithPath: $0) },
                                   profile: profile.map { URL(fileURLWithPath: $0) }, kind: kind.flatMap(TemplateModel.init(rawValue:)), paperType: paperType).run()
        let outcome: Outcome = report.issues.isEmpty ? .ok : .inputProblems
        if format == "json" {
            try Output.json(Self.json(report, template: template))
            try outcome.exit()
            return
        }
        if !report.markers.isEmpty {
            print("\(template): \(report.markers.count) Platzhalter")
            let width = min(report.markers.map(\.marker.count).max() ?? 0, 48)
            for marker in report.markers {
                let padded = marker.marker.padding(toLength: max(width, marker.marker.count), withPad: " ", startingAt: 0)
                print("  \(marker.place.padding(toLength: 20, withPad: " ", startingAt: 0)) \(padded)  \(Self.kindName(marker.kind))")
            }
            print("Datenpfade: \(report.dataPaths.joined(separator: ", "))")
            if !report.dataFields.isEmpty { print("Benutzerfelder, die aus den Daten gefüllt werden: \(report.dataFields.joined(separator: ", "))") }
        }
        guard report.problems.isEmpty else {
            Output.error(Output.count(report.problems.count, "Problem", "Probleme") + ":\n" + report.problems.map { "- \($0)" }.joined(separator: "\n"))
            try outcome.exit()
            return
        }
        print("OK: Jeder Platzhalter findet seine Daten (geprüft gegen \(report.checkedAgainst)).")
    }

    /// A marker's kind in a clerk's words; the template language's keywords stay as they are.
    static func kindName(_ kind: String) -> String {
        if kind.hasPrefix("end of ") { return "Ende von " + kind.dropFirst("end of ".count) }
        if kind.hasPrefix("value") { return "Wert" + kind.dropFirst("value".count) }
        if kind == "else" { return "sonst (else)" }
        return kind
    }

    /// The report as one JSON object, keys sorted, so programs can drive the check.
    static func json(_ report: TemplateCheck.Report, template: String) -> [String: Any] {
        let markers: [[String: Any]] = report.markers.map { ["place": $0.place, "marker": $0.marker, "kind": $0.kind, "paths": $0.paths] }
        var object = Output.frame("check", report.issues.isEmpty ? .ok : .inputProblems)
        object["template"] = template
        object["checkedAgainst"] = report.checkedAgainst
        object["ok"] = report.issues.isEmpty
        object["markers"] = markers
        object["dataPaths"] = report.dataPaths
        object["problems"] = Output.json(report.issues.map(\.problem))
        return object
    }
}

AllocatorTuning.keepFreedMemory()
Vorlage.mainInGerman()
