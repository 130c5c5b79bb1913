import Archive
import Conversion
import Council
import Foundation
import ODFPackage
import PDFPackage
import Pipeline
import TestSupport
import Testing

/// Everything a clerk reads is German: a sample of real problems of every layer (data files,
/// templates, ODF packages, PDF files, annexes, the build folder, LibreOffice) and of the
/// command line, each checked for English sentences and for the one printed form
/// `place: Fehler [code]: message Hinweis: hint`.
@Suite struct GermanMessagesTests {
    /// Words that only English sentences have. Left out: words German has too („was“, „will“,
    /// „an“), and keywords of the template language („not“, „and“, „or“) that hints quote.
    static let englishWords: Set<String> = [
        "the", "is", "are", "must", "cannot", "does", "doesn't", "has", "have", "with", "which", "this", "that", "did", "you",
        "mean", "missing", "unknown", "known", "found", "check", "write", "please", "could", "should", "exist", "exists",
        "failed", "file", "folder", "error", "warning", "into", "from", "only", "here", "there", "nothing", "written",
        "annex", "marker", "paragraph", "problem", "problems", "its", "it", "be", "of", "to", "cannot", "can't", "won't",
    ]

    /// The English words left in `text` once what a message quotes is taken out: values and
    /// keys in „…“, markers, paths, and what qpdf, libxml2, LibreOffice or the library loader said in
    /// their own words.
    static func englishWords(in text: String) -> [String] {
        var text = text
        for pattern in [#"„[^“]*“"#, #"\{\{[^}]*\}\}"#, #"(qpdf|libxml2|LibreOffice|dlopen): [^)]*\)"#, #"\S*/\S*"#, #"\[[a-z0-9-]+\]"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let words = text.lowercased().split { !($0.isLetter || $0 == "'") }.map(String.init)
        return words.filter { englishWords.contains($0) }
    }

    /// Checks each line: German, and printed in the one form with a code.
    func expectGerman(_ lines: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(!lines.isEmpty, "the sample has problems", sourceLocation: sourceLocation)
        for line in lines {
            #expect(Self.englishWords(in: line).isEmpty, "English in: \(line) — \(Self.englishWords(in: line))", sourceLocation: sourceLocation)
            #expect(line.range(of: #": (Fehler|Warnung) \[[a-z0-9-]+\]: "#, options: .regularExpression) != nil, "no code in: \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func theDetectorFindsEnglish() {
        #expect(!Self.englishWords(in: "x.yaml:3:1 (plaec): „plaec“ is not a known key here. Did you mean „place“?").isEmpty)
        #expect(Self.englishWords(in: "x.yaml:3:1 (plaec): Fehler [unknown-key]: „plaec“ ist hier kein bekannter Schlüssel. Hinweis: Meinten Sie „place“?").isEmpty)
    }

    @Test("every cross-check of a meeting folder reads German, with its code")
    func meetingCrossChecks() throws {
        let fixture = try MeetingFixture()
        try fixture.breakEveryCrossCheck()
        let folder = try MeetingFolder(fixture.meeting)
        let problems = folder.problems + folder.papers.flatMap(\.problems)
        #expect(Set(problems.map(\.code)).count >= 9, "\(problems.map(\.description))")
        expectGerman(problems.map(\.description))
    }

    @Test func dataFileProblems() throws {
        let folder = TemporaryFolder()
        let example = try String(contentsOf: SubmissionTests.example, encoding: .utf8)
        let broken = folder.file("kaputt.yaml")
        try example.replacingOccurrences(of: "date: 2013-02-15", with: "date: 15.02.2013").replacingOccurrences(of: "place:", with: "plaec:")
            .replacingOccurrences(of: "public: true", with: "public: ja").write(to: broken, atomically: true, encoding: .utf8)
        var lines = try #require(throws: InputErrors.self) { try Paper(contentsOf: broken) }.errors.map(\.description)
        let syntax = folder.file("syntax.yaml")
        try "body:\n  name: X\n place: Neuss\n".write(to: syntax, atomically: true, encoding: .utf8)
        lines += try #require(throws: InputErrors.self) { try Paper(contentsOf: syntax) }.errors.map(\.description)
        lines += try #require(throws: InputErrors.self) { try Paper(contentsOf: folder.file("fehlt.yaml")) }.errors.map(\.description)
        let council = folder.file("profil/council.yaml")
        try FileManager.default.createDirectory(at: council.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "body:\n  name: X\n  ags: \"123\"\nbaseUrl: ftp://x\ndeadlines:\n  invitationDays: 99\npaperTypes:\n  - name: A\n    fields:\n      - name: sachverhalt\n        type: texxt\n"
            .write(to: council, atomically: true, encoding: .utf8)
        lines += try #require(throws: InputErrors.self) { try CouncilProfile(contentsOf: council) }.errors.map(\.description)
        let meeting = folder.file("meeting.yaml")
        try "name: S\norganization: Kreistag\nstart: 2013-03-06 15:00\ninvitationDate: 2013-02-22\nagendaItem:\n  - number: \"1\"\n  - number: \"1\"\n    name: B\n    late: spät\n"
            .write(to: meeting, atomically: true, encoding: .utf8)
        lines += try #require(throws: InputErrors.self) { try Meeting(contentsOf: meeting) }.errors.map(\.description)
        #expect(lines.count >= 12, "\(lines)")
        expectGerman(lines)
    }

    @Test func templateProblems() throws {
        let folder = TemporaryFolder()
        let template = folder.file("kaputt.fodt")
        var source = try String(contentsOf: SubmissionTests.template, encoding: .utf8)
            .replacingOccurrences(of: "{{ place }}", with: "{{ place | upperr }}")
            .replacingOccurrences(of: "{{ reference }}", with: "{{ referenz }}")
            .replacingOccurrences(of: "{{ treatment }}", with: "{{ treatmnt }}")
            .replacingOccurrences(of: "{{ organization }}", with: "{{#if a + 1}}")
        source.removeSubrange(try #require(source.range(of: "{{/if}}")))
        try source.write(to: template, atomically: true, encoding: .utf8)
        let report = TemplateCheck(template: template, data: SubmissionTests.example).run()
        #expect(Set(report.issues.map(\.code)).isSuperset(of: ["syntax", "unknown-path", "unbalanced-block"]), "\(report.problems)")
        expectGerman(report.problems)

        // Filling: a value a filter cannot format, a group shown as a value, Markdown that is refused.
        let filling = folder.file("fuellen.fodt")
        try String(contentsOf: SubmissionTests.template, encoding: .utf8)
            .replacingOccurrences(of: "{{ place }}", with: "{{ place | money }} {{ body }}")
            .write(to: filling, atomically: true, encoding: .utf8)
        let paper = folder.file("papers/vorlage.yaml")
        try FileManager.default.createDirectory(at: paper.deletingLastPathComponent(), withIntermediateDirectories: true)
        try String(contentsOf: SubmissionTests.example, encoding: .utf8).components(separatedBy: "auxiliaryFile:")[0]
            .replacingOccurrences(of: "sachverhalt: |", with: "sachverhalt: |\n  Ein <b>fetter</b> Satz.\n")
            .write(to: paper, atomically: true, encoding: .utf8)
        try ExampleProfile.install(in: folder.url)
        let error = try #require(throws: PipelineError.self) { try SubmissionJob(paper: paper, template: filling, output: folder.file("out/v.odt")).run() }
        #expect(Set(error.problems.map(\.code)).isSuperset(of: ["wrong-value", "unsupported"]), "\(error.lines)")
        expectGerman(error.lines)
    }

    @Test func packageAndPDFProblems() throws {
        let folder = TemporaryFolder()
        var lines: [String] = []
        for bytes in [Data("Kein Dokument".utf8), Data("<?xml version=\"1.0\"?><html/>".utf8), Data("<?xml version=\"1.0\"?><a><b></a>".utf8)] {
            lines.append(try #require(throws: ODFError.self) { try ODFDocument(bytes: bytes, source: "anlage.odt") }.description)
        }
        let letter = try Data(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        lines.append(try #require(throws: ODFError.self) { try ODFDocument(bytes: letter.prefix(letter.count / 2), source: "halb.odt") }.description)
        lines.append(try #require(throws: ODFError.self) { try ODFDocument(contentsOf: folder.file("fehlt.odt")) }.description)
        for bytes in [Data("Kein PDF".utf8), Data("%PDF-1.4\n%%EOF".utf8)] {
            lines.append(try #require(throws: PDFError.self) { try PDFCheck.validate(bytes, name: "anlage.pdf") }.description)
        }
        expectGerman(lines)
    }

    @Test func annexProblems() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.file("annexes"), withIntermediateDirectories: true)
        try Data("Nur Text".utf8).write(to: folder.file("annexes/notiz.odt"))
        try Data("%PDF-1.4\n%%EOF".utf8).write(to: folder.file("annexes/kaputt.pdf"))
        try Data("Kein PDF".utf8).write(to: folder.file("annexes/falsch.pdf"))
        let paper = folder.file("papers/vorlage.yaml")
        try FileManager.default.createDirectory(at: paper.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (try String(contentsOf: SubmissionTests.example, encoding: .utf8).components(separatedBy: "auxiliaryFile:")[0]
            + "auxiliaryFile:\n  - name: Notiz\n    fileName: ../annexes/notiz.odt\n  - name: Kaputt\n    fileName: ../annexes/kaputt.pdf\n  - name: Falsch\n    fileName: ../annexes/falsch.pdf\n")
            .write(to: paper, atomically: true, encoding: .utf8)
        try ExampleProfile.install(in: folder.url)
        let error = try #require(throws: PipelineError.self) { try SubmissionJob(paper: paper, template: SubmissionTests.template, output: folder.file("out/v.odt")).run() }
        #expect(error.problems.count == 3, "\(error.lines)")
        expectGerman(error.lines)
    }

    @Test func buildFolderAndLibreOfficeProblems() throws {
        let folder = TemporaryFolder()
        var lines: [String] = []
        let lock = try BuildLock(folder: folder.url, timeout: 0)
        lines.append(try #require(throws: ArchiveError.self) { try BuildLock(folder: folder.url, timeout: 0) }.description)
        withExtendedLifetime(lock) {}
        try Data("kein JSON".utf8).write(to: folder.file(".vorlage/issued.json"))
        lines.append(try #require(throws: ArchiveError.self) { try IssuedRegister(folder: folder.url) }.description)
        lines.append(try #require(throws: ConversionError.self) { try LibreOffice(profile: folder.file("profil"), installPath: "/nonexistent/program") }.description)
        expectGerman(lines)
    }

    @Test func commandLineProblems() throws {
        let folder = TemporaryFolder()
        let broken = folder.file("kaputt.yaml")
        try Data("body:\n  name: X\nplaec: Neuss\n".utf8).write(to: broken)
        let render = try ExternalTools.run(CommandLineTests.executable.path, ["render", broken.path, "--template", SubmissionTests.template.path, "--output", folder.file("o.odt").path])
        #expect(render.status == 1)
        let lines = render.error.split(separator: "\n").map(String.init)
        #expect(lines.first == "vorlage: Es wurde nichts geschrieben.")
        expectGerman(Array(lines.dropFirst()))
        for arguments in [["render", "/nonexistent.yaml"], ["build", "/nonexistent"], ["check", SubmissionTests.template.path, "--format", "xml"]] {
            let usage = try ExternalTools.run(CommandLineTests.executable.path, arguments)
            #expect(usage.status == 64)
            // argument-parser adds its own fixed usage lines; the first line is vorlage's.
            let first = try #require(usage.error.split(separator: "\n").first.map(String.init))
            #expect(Self.englishWords(in: first.replacingOccurrences(of: "Error: ", with: "")).isEmpty, "\(first)")
        }
    }
}
