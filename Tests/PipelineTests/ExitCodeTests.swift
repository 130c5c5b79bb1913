import Foundation
import Pipeline
import TestSupport
import Testing

/// The exit codes of the built `vorlage`, as README („Exit codes“) and the commands' help
/// document them, and the JSON that `--format json` prints for programs in each case.
@Suite(.serialized) struct ExitCodeTests {
    func vorlage(_ arguments: [String], in folder: URL? = nil) throws -> ExternalTools.Outcome {
        try ExternalTools.run(CommandLineTests.executable.path, arguments, in: folder)
    }

    /// The one JSON object on standard output.
    func json(_ outcome: ExternalTools.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any], "\(outcome.output)\n\(outcome.error)")
    }

    func problems(_ object: [String: Any]) throws -> [[String: Any]] {
        try #require(object["problems"] as? [[String: Any]])
    }

    @Test func zeroWhenEverythingIsBuilt() throws {
        let fixture = try MeetingFixture()
        let text = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("geschrieben"))
        let again = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path, "--format", "json"])
        #expect(again.status == 0, "\(again.error)")
        let object = try json(again)
        #expect(object["outcome"] as? String == "ok" && object["exitCode"] as? Int == 0 && object["command"] as? String == "build")
        #expect(object["version"] as? String == VorlageVersion.current)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.contains { $0["file"] as? String == "integrationszentrum.odt" && $0["status"] as? String == "unchanged" }, "\(files)")
        #expect(try problems(object).isEmpty)
        let places = ["\"command\":", "\"exitCode\":", "\"outcome\":", "\"version\":"].compactMap { again.output.range(of: $0)?.lowerBound }
        #expect(places.count == 4 && places == places.sorted(), "keys are sorted")
        let second = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path, "--format", "json"])
        #expect(second.output == again.output, "the same run prints the same bytes")
    }

    @Test("vorlage schema prints the committed schemas, refuses an unknown kind (64) and a broken profile (1)")
    func schemaCommand() throws {
        let examples = Paths.packageRoot.appendingPathComponent("examples")
        for kind in ["paper", "meeting", "council"] {
            let outcome = try vorlage(["schema", kind, "--profile", examples.appendingPathComponent("council.yaml").path])
            #expect(outcome.status == 0, "\(outcome.error)")
            let committed = try String(contentsOf: examples.appendingPathComponent("schemas/\(kind).schema.json"), encoding: .utf8)
            #expect(outcome.output == committed, "vorlage schema \(kind) prints what examples/schemas holds")
        }
        let unknown = try vorlage(["schema", "vorlage"])
        #expect(unknown.status == 64)
        #expect(unknown.error.contains("„vorlage“ ist keine Art von Eingabedatei"))
        let folder = TemporaryFolder()
        let profile = folder.file("council.yaml")
        try Data("body:\n  nmae: Rhein-Kreis Neuss\n".utf8).write(to: profile)
        let broken = try vorlage(["schema", "paper", "--profile", profile.path])
        #expect(broken.status == 1)
        #expect(broken.output.isEmpty, "no half schema on standard output")
        #expect(broken.error.contains("Fehler [unknown-key]"), "\(broken.error)")
    }

    @Test func oneWhenTheInputHasProblemsAndNothingIsWritten() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "invitationDate: 2013-02-22", with: "invitationDate: 2013-0222")
        let text = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path])
        #expect(text.status == 1, "\(text.error)")
        #expect(text.error.hasPrefix("vorlage: Es wurde nichts geschrieben.\n"))
        #expect(text.error.contains("(invitationDate): Fehler [malformed-date]: „2013-0222“ ist kein Datum. Hinweis: Schreiben Sie Daten als JJJJ-MM-TT"))
        let object = try json(try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path, "--format", "json"]))
        #expect(object["outcome"] as? String == "input-problems" && object["exitCode"] as? Int == 1)
        let problem = try #require(try problems(object).first)
        #expect(problem["code"] as? String == "malformed-date")
        #expect(problem["file"] as? String == fixture.meetingFile.path)
        let line = try fixture.line(of: "invitationDate: 2013-0222", in: fixture.meetingFile)
        let column = try fixture.column(of: "2013-0222", in: fixture.meetingFile)
        #expect(problem["line"] as? Int == line)
        #expect(problem["column"] as? Int == column)
        #expect(problem["key"] as? String == "invitationDate")
        #expect(problem["message"] as? String == "„2013-0222“ ist kein Datum.")
        #expect((problem["hint"] as? String)?.hasPrefix("Schreiben Sie Daten") == true)
        #expect(problem["severity"] as? String == "error")
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("manifest.json").path))

        // render: bad data writes nothing and exits 1, with the problem in JSON as well.
        let broken = fixture.temporary.file("kaputt.yaml")
        try Data("body:\n  name: X\nplaec: Neuss\n".utf8).write(to: broken)
        let render = try vorlage(["render", broken.path, "--template", SubmissionTests.template.path, "-o", fixture.temporary.file("o.odt").path, "--format", "json"])
        #expect(render.status == 1)
        let rendered = try json(render)
        #expect(rendered["outcome"] as? String == "input-problems")
        #expect(try problems(rendered).contains { $0["code"] as? String == "unknown-key" && $0["key"] as? String == "plaec" && $0["hint"] as? String == "Meinten Sie „place“?" })
    }

    @Test func twoWhenSomeDocumentsFailAndTheOthersAreWritten() throws {
        let fixture = try MeetingFixture()
        let broken = fixture.paper("radwege-kreisstrassen")
        try fixture.editPaper("radwege-kreisstrassen", replacing: "date: 2013-02-18", with: "date: 18.02.2013")
        let text = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path])
        #expect(text.status == 2, "\(text.error)")
        #expect(text.error.contains("Dokumente konnten nicht erzeugt werden:"), "\(text.error)")
        #expect(text.error.contains("\(broken.path):"))
        let object = try json(try vorlage(["build", fixture.meeting.path, "-o", fixture.temporary.file("json").path, "--format", "json"]))
        #expect(object["outcome"] as? String == "some-failed" && object["exitCode"] as? Int == 2)
        #expect((object["failed"] as? [String])?.contains { $0.hasSuffix("radwege-kreisstrassen.yaml") } == true, "\(object["failed"] ?? "")")
        let dated = try #require(try problems(object).first { $0["code"] as? String == "malformed-date" })
        #expect((dated["document"] as? String)?.hasSuffix("radwege-kreisstrassen.yaml") == true)
        let line = try fixture.line(of: "date: 18.02.2013", in: broken)
        #expect(dated["key"] as? String == "date" && dated["line"] as? Int == line)
        #expect((object["files"] as? [[String: Any]])?.contains { $0["file"] as? String == "integrationszentrum.odt" && $0["status"] as? String == "written" } == true)
    }

    @Test func threeWhenTheBuildFolderCannotBeWritten() throws {
        let fixture = try MeetingFixture()
        let blocker = fixture.temporary.file("eine-datei")
        try Data("kein Ordner".utf8).write(to: blocker)
        let output = blocker.appendingPathComponent("build")
        let text = try vorlage(["build", fixture.meeting.path, "-o", output.path])
        #expect(text.status == 3, "\(text.error)")
        #expect(text.error.contains("Fehler [write-failed]"), "\(text.error)")
        let object = try json(try vorlage(["build", fixture.meeting.path, "-o", output.path, "--format", "json"]))
        #expect(object["outcome"] as? String == "build-folder-busy" && object["exitCode"] as? Int == 3)
        #expect(try problems(object).first?["code"] as? String == "write-failed")
    }

    @Test func sixtyFourForAWrongCommandLine() throws {
        let fixture = try MeetingFixture()
        for arguments in [["build", "/nonexistent/meeting"], ["build"], ["frobnicate"], ["build", fixture.meeting.path, "--jobs", "0"],
                          ["build", fixture.meeting.path, "--format", "xml"], ["render", "/nonexistent.yaml"]] {
            let outcome = try vorlage(arguments)
            #expect(outcome.status == 64, "\(arguments): \(outcome.error)")
        }
        let unknown = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path, "--only", "CDU/2460/XV/2013", "--format", "json"])
        #expect(unknown.status == 64, "\(unknown.error)")
        let object = try json(unknown)
        #expect(object["outcome"] as? String == "usage" && object["exitCode"] as? Int == 64)
        #expect(try problems(object).first?["code"] as? String == PipelineError.unknownReferenceCode)
    }

    @Test("the argument parser's own words reach the clerk in German: help headings, usage errors")
    func theParsersWordsAreGerman() throws {
        let fixture = try MeetingFixture()
        let cases: [([String], String)] = [
            (["build"], "Fehler [usage]: Das Argument <meeting> fehlt."),
            (["build", fixture.meeting.path, "--jobs", "viele"], "Fehler [usage]: Der Wert „viele“ passt nicht zu --jobs <jobs>."),
            (["build", fixture.meeting.path, "--jbos", "2"], "Fehler [usage]: Unbekannte Option „--jbos“. Meinten Sie „--jobs“?"),
            (["build", fixture.meeting.path, "--jobs"], "Fehler [usage]: Bei --jobs <jobs> fehlt der Wert."),
            (["frobnicate"], "Fehler [usage]: Unerwartetes Argument „frobnicate“."),
        ]
        for (arguments, first) in cases {
            let outcome = try vorlage(arguments)
            #expect(outcome.status == 64)
            let lines = outcome.error.split(separator: "\n").map(String.init)
            #expect(lines.first == first, "\(arguments): \(outcome.error)")
            #expect(lines.contains { $0.hasPrefix("Aufruf: vorlage") }, "\(outcome.error)")
            #expect(GermanMessagesTests.englishWords(in: outcome.error.replacingOccurrences(of: #"<[a-z-]+>|--[a-z-]+"#, with: " ", options: .regularExpression)).isEmpty,
                    "\(outcome.error)")
        }
        for arguments in [["--help"], ["build", "--help"], ["render", "--help"], ["check", "--help"], ["schema", "--help"], ["help", "release"]] {
            let help = try vorlage(arguments)
            #expect(help.status == 0)
            for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS:", "(default:", "Show help information", "Show the version", "See '"] {
                #expect(!help.output.contains(english), "\(arguments) still says \(english)")
            }
            #expect(help.output.contains("AUFRUF: vorlage") && help.output.contains("OPTIONEN:"), "\(arguments)")
        }
    }

    @Test func versionAndTheDocumentedExitCodes() throws {
        let version = try vorlage(["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == VorlageVersion.current)
        for command in ["build", "render"] {
            let help = try vorlage([command, "--help"])
            #expect(help.status == 0)
            let flat = help.output.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
            #expect(flat.contains("Exit-Codes: 0 alles erzeugt; 1 die Eingaben haben Probleme"), "\(command): \(flat)")
            #expect(flat.contains("3 der Ausgabeordner ist belegt") && flat.contains("64 falscher Aufruf"))
        }
        let readme = try String(contentsOf: Paths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("## Exit codes"))
        for code in ["| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 64 |"] { #expect(readme.contains(code), "README documents \(code)") }
    }
}
