import ArgumentParser
import Conversion
import Foundation
import Council
import Pipeline

/// The command-line tool of a council office: renders submissions from data and templates.
struct Vorlage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vorlage",
        abstract: "Erzeugt Sitzungsvorlagen als OpenDocument-Text (.odt) aus YAML-Daten und Vorlagen.",
        discussion: "Creates council submissions (Sitzungsvorlagen) as OpenDocument text from YAML data and LibreOffice templates.",
        version: VorlageVersion.current,
        subcommands: [Build.self, Release.self, Render.self, Check.self, Schema.self, ConvertWorker.self]
    )
}

/// `vorlage render PAPER.yaml`: one submission.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one submission from its YAML data.",
        discussion: "Writes build/<meeting>/<paper>.odt by default. Nothing is written when the data or the template has a problem; every problem is listed."
    )

    @Argument(help: "The paper's YAML data, e.g. examples/kreistag-2013-03-06/papers/integrationszentrum.yaml.")
    var paper: String

    @Option(name: .shortAndLong, help: "The template (.odt, .ott or .fodt); default: the one council.yaml names for the paper's type, else templates/sitzungsvorlage.fodt.")
    var template: String?

    @Option(name: .shortAndLong, help: "The .odt file to write (default: under build/).")
    var output: String?

    @Flag(name: .long, help: "Also write the submission (and annexes that go out on their own) as tagged PDF/A-2b beside it.")
    var pdf = false

    func validate() throws {
        guard FileManager.default.fileExists(atPath: paper) else {
            throw ValidationError("The data file \(paper) does not exist.")
        }
        if let template, !FileManager.default.fileExists(atPath: template) {
            throw ValidationError("The template \(template) does not exist. Name one with --template.")
        }
        if let output, !output.lowercased().hasSuffix(".odt") {
            throw ValidationError("The output \(output) must end in .odt.")
        }
    }

    func run() throws {
        let paperURL = URL(fileURLWithPath: paper)
        let outputURL = output.map { URL(fileURLWithPath: $0) }
            ?? SubmissionJob.defaultOutput(for: paperURL, buildFolder: URL(fileURLWithPath: "build"))
        do {
            let written = try SubmissionJob(paper: paperURL, template: template.map { URL(fileURLWithPath: $0) }, output: outputURL,
                                            pdf: pdf ? PDFOptions(executable: PDFConverter.currentExecutable) : nil).run()
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
        } catch {
            FileHandle.standardError.write(Data("vorlage: nothing was written.\n\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `vorlage check TEMPLATE [--data FILE]`: a template's markers, checked without rendering.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List a template's markers, blocks and data paths and check them, without rendering.",
        discussion: "Every path is checked in every branch and repetition: with --data against that paper's data, without it against the model of the template's kind (a submission with the profile's extra fields, or the invitation). Broken blocks do not hide unknown paths: every problem is listed. Exits non-zero on any problem."
    )

    @Argument(help: "The template (.odt, .ott or .fodt).")
    var template: String

    @Option(name: .shortAndLong, help: "A paper's YAML data to check the template against.")
    var data: String?

    @Option(help: "Without --data: the kind of template whose model the paths are checked against (submission or invitation); by default what council.yaml uses it for.")
    var kind: String?

    @Option(help: "Without --data: the council profile whose paper types and extra fields make the model; by default the council.yaml governing the template's folder.")
    var profile: String?

    @Option(help: "Without --data, for a submission: the paper type whose extra fields the model has.")
    var paperType: String?

    @Option(help: "text (for people, the default) or json (for programs: markers and problems with their stable codes, on standard output).")
    var format: String = "text"

    func validate() throws {
        guard FileManager.default.fileExists(atPath: template) else { throw ValidationError("The template \(template) does not exist.") }
        if let data, !FileManager.default.fileExists(atPath: data) { throw ValidationError("The data file \(data) does not exist.") }
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json, not „\(format)“.") }
        if let kind, TemplateModel(rawValue: kind) == nil {
            throw ValidationError("--kind is submission or invitation, not „\(kind)“.")
        }
    }

    func run() throws {
        let report = TemplateCheck(template: URL(fileURLWithPath: template), data: data.map { URL(fileURLWithPath: $0) },
                                   profile: profile.map { URL(fileURLWithPath: $0) }, kind: kind.flatMap(TemplateModel.init(rawValue:)), paperType: paperType).run()
        if format == "json" {
            print(try Self.json(report, template: template))
            if !report.issues.isEmpty { throw ExitCode(1) }
            return
        }
        if !report.markers.isEmpty {
            print("\(template): \(report.markers.count) markers")
            let width = min(report.markers.map(\.marker.count).max() ?? 0, 48)
            for marker in report.markers {
                let padded = marker.marker.padding(toLength: max(width, marker.marker.count), withPad: " ", startingAt: 0)
                print("  \(marker.place.padding(toLength: 20, withPad: " ", startingAt: 0)) \(padded)  \(marker.kind)")
            }
            print("data paths: \(report.dataPaths.joined(separator: ", "))")
            if !report.dataFields.isEmpty { print("user fields filled from the data: \(report.dataFields.joined(separator: ", "))") }
        }
        guard report.problems.isEmpty else {
            FileHandle.standardError.write(Data(((report.problems.count == 1 ? "1 problem:" : "\(report.problems.count) problems:") + "\n" + report.problems.map { "- \($0)" }.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        }
        print("OK: every marker finds its data in \(report.checkedAgainst).")
    }

    /// The report as one JSON object, keys sorted, so programs can drive the check.
    static func json(_ report: TemplateCheck.Report, template: String) throws -> String {
        let markers: [[String: Any]] = report.markers.map { ["place": $0.place, "marker": $0.marker, "kind": $0.kind, "paths": $0.paths] }
        let problems: [[String: Any]] = report.issues.map { issue in
            var object: [String: Any] = ["code": issue.code, "file": issue.file, "message": issue.message, "text": issue.text]
            if let place = issue.place { object["place"] = place }
            if let marker = issue.marker { object["marker"] = marker }
            if let path = issue.path { object["path"] = path }
            if let hint = issue.hint { object["hint"] = hint }
            return object
        }
        let object: [String: Any] = ["template": template, "checkedAgainst": report.checkedAgainst, "ok": report.issues.isEmpty,
                                     "markers": markers, "dataPaths": report.dataPaths, "problems": problems]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

AllocatorTuning.keepFreedMemory()
Vorlage.main()

