import ArgumentParser
import Foundation
import Pipeline

/// The command-line tool of a council office: renders submissions from data and templates.
struct Vorlage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vorlage",
        abstract: "Erzeugt Sitzungsvorlagen als OpenDocument-Text (.odt) aus YAML-Daten und Vorlagen.",
        discussion: "Creates council submissions (Sitzungsvorlagen) as OpenDocument text from YAML data and LibreOffice templates.",
        subcommands: [Render.self]
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

    @Option(name: .shortAndLong, help: "The template (.odt, .ott or .fodt).")
    var template: String = "templates/sitzungsvorlage.fodt"

    @Option(name: .shortAndLong, help: "The .odt file to write (default: under build/).")
    var output: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: paper) else {
            throw ValidationError("The data file \(paper) does not exist.")
        }
        guard FileManager.default.fileExists(atPath: template) else {
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
            let written = try SubmissionJob(paper: paperURL, template: URL(fileURLWithPath: template), output: outputURL).run()
            print("geschrieben: \(written.relativePath)")
        } catch {
            FileHandle.standardError.write(Data("vorlage: nothing was written.\n\(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

Vorlage.main()
