import Foundation
import ODFPackage
import Pipeline
import TestSupport
import Testing

/// `vorlage build MEETING` and `vorlage release MEETING` on a copy of the example meeting: what
/// is written, that it is written the same every time, that issued files are never overwritten,
/// and what a broken paper, a late invitation, a second run or a killed run leave behind.
@Suite(.serialized) struct MeetingBuildTests {
    // MARK: - Helpers

    static let schemaFolder = Paths.shared.appendingPathComponent("oparl-schema/1.1.1/schema")
    static let validator = Paths.packageRoot.appendingPathComponent("Tests/Tools/validate-oparl.py")
    static let oparlSchemasAreAvailable = Paths.sharedIsAvailable && FileManager.default.fileExists(atPath: schemaFolder.appendingPathComponent("Meeting.json").path)

    /// Builds the fixture's meeting into its output folder.
    @discardableResult
    private func build(_ fixture: MeetingFixture, output: URL? = nil, only: [String] = [], jobs: Int = 4) throws -> MeetingBuild.Report {
        try MeetingBuild(meeting: fixture.meeting, output: output ?? fixture.output, jobs: jobs, only: only, waitSeconds: 0).run()
    }

    /// Runs the vorlage executable and waits for it, with `environment` added to this process's.
    private func vorlage(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> ExternalTools.Outcome {
        try ExternalTools.run(CommandLineTests.executable.path, arguments, in: folder, environment: environment)
    }

    /// The manifest of a build folder as JSON.
    private func manifest(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The papers of a manifest by reference.
    private func manifestPapers(_ manifest: [String: Any]) throws -> [String: [String: Any]] {
        let papers = try #require(manifest["paper"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: papers.map { ($0["reference"] as? String ?? "", $0) })
    }

    /// SHA-512 of files as sha512sum computes them, by path.
    private func sha512(_ urls: [URL]) throws -> [String: String] {
        let outcome = try ExternalTools.run("sha512sum", urls.map(\.path))
        #expect(outcome.status == 0, "\(outcome.error)")
        var sums: [String: String] = [:]
        for line in outcome.output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { continue }
            sums[String(parts[1].drop { $0 == " " || $0 == "*" })] = String(parts[0])
        }
        return sums
    }

    /// The inode and modification time of a file: equal before and after means it was not rewritten.
    private func identity(_ url: URL) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return "\(attributes[.systemFileNumber] ?? "?") \(attributes[.modificationDate] ?? "?")"
    }

    /// The temporary files of runs anywhere under a folder.
    private func temporaryFiles(_ folder: URL) throws -> [String] {
        try MeetingFixture.fileNames(in: folder).filter { $0.hasSuffix(".vorlage-tmp") }
    }

    /// The files of a finished build folder, without the lock (an empty file of the run).
    private func outputFiles(_ folder: URL) throws -> [String: Data] {
        try MeetingFixture.files(in: folder).filter { $0.key != ".vorlage/lock" }
    }

    /// Starts the vorlage executable without waiting; its output goes to files in `logs`.
    private func start(_ arguments: [String], logs: URL, name: String) throws -> (process: Process, output: URL, error: URL) {
        let output = logs.appendingPathComponent("\(name).out"), error = logs.appendingPathComponent("\(name).err")
        try Data().write(to: output)
        try Data().write(to: error)
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: error)
        try process.run()
        return (process, output, error)
    }

    // MARK: - The example

    @Test func theExampleMeetingBuildsEverything() throws {
        let fixture = try MeetingFixture()
        let report = try build(fixture)
        #expect(report.succeeded, "\(report.failures)")
        #expect(report.warnings.isEmpty, "\(report.warnings.map(\.description))")
        #expect(report.folder == fixture.output)
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.output.path).filter { !$0.hasPrefix(".") }.sorted()
        let expected = MeetingFixture.agendaPapers.map { "\($0.stem).odt" } + ["berufskollegs-schuelerzahlen-anlage-1.pdf", "einladung.odt", "einladung-oeffentlich.odt", "manifest.json"]
        #expect(names == expected.sorted())
        for name in names where name.hasSuffix(".odt") {
            #expect(try ODFDocument(contentsOf: fixture.output.appendingPathComponent(name)).mediaType == ODFDocument.textMediaType, "\(name)")
        }
        let annex = try Data(contentsOf: fixture.file("annexes/schuelerzahlen-berufskollegs-2012-13.pdf"))
        #expect(try Data(contentsOf: fixture.output.appendingPathComponent("berufskollegs-schuelerzahlen-anlage-1.pdf")) == annex, "the PDF annex is copied byte for byte")
        #expect(report.files.map(\.fileName).sorted() == expected.filter { $0 != "manifest.json" }.sorted(), "the report names every file")
        #expect(report.files.prefix(2).map(\.fileName) == ["einladung.odt", "einladung-oeffentlich.odt"], "the invitations first")
        #expect(report.files.allSatisfy { $0.status == .written })
        #expect(try temporaryFiles(fixture.output).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.file("build").path), "nothing is written into the meeting folder")
    }

    @Test func buildingTwiceGivesTheSameBytesForEveryFile() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        let first = try outputFiles(fixture.output)
        #expect(first.count == 9, "\(first.keys.sorted())")

        // A second build by another process (another hash seed, another clock) into another folder.
        let other = fixture.temporary.file("build-2/kreistag-2013-03-06")
        let outcome = try vorlage(["build", fixture.meeting.path, "--output", other.path])
        #expect(outcome.status == 0, "\(outcome.error)")
        let second = try outputFiles(other)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (name, bytes) in first {
            #expect(second[name] == bytes, "\(name) differs between two builds")
        }

        // Built again in place: nothing is rewritten.
        let before = try Dictionary(uniqueKeysWithValues: first.keys.map { ($0, try identity(fixture.output.appendingPathComponent($0))) })
        Thread.sleep(forTimeInterval: 0.02)
        let again = try build(fixture)
        #expect(again.files.allSatisfy { $0.status == .unchanged }, "\(again.files.map { "\($0.fileName) \($0.status)" })")
        for (name, identity) in before {
            #expect(try self.identity(fixture.output.appendingPathComponent(name)) == identity, "\(name) was rewritten")
        }
        #expect(try outputFiles(fixture.output) == first)
    }

    // MARK: - manifest.json

    @Test("manifest.json validates against the OParl 1.1 schemas, object by object",
          .enabled(if: MeetingBuildTests.oparlSchemasAreAvailable, "needs ../shared/oparl-schema, absent here; CI always has it"))
    func theManifestValidatesAgainstOParl() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        let outcome = try ExternalTools.run("python3", [Self.validator.path, fixture.output.appendingPathComponent("manifest.json").path, Self.schemaFolder.path])
        #expect(outcome.status == 0, "validate-oparl.py failed:\n\(outcome.output)\n\(outcome.error)")
        #expect(outcome.output.hasSuffix(" passed, 0 failed\n"), "\(outcome.output)")
        let passed = Int(outcome.output.split(separator: "\n").last?.split(separator: " ").first ?? "") ?? 0
        #expect(passed >= 30, "every object was found: body, term, organizations, meeting, items, papers, files, consultations")
    }

    @Test("validate-oparl.py names each broken object with its JSON path",
          .enabled(if: MeetingBuildTests.oparlSchemasAreAvailable, "needs ../shared/oparl-schema, absent here; CI always has it"))
    func theValidatorFindsBrokenObjects() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        var root = try manifest(fixture.output)
        var meeting = try #require(root["meeting"] as? [String: Any])
        var items = try #require(meeting["agendaItem"] as? [[String: Any]])
        items[0]["order"] = nil
        meeting["agendaItem"] = items
        root["meeting"] = meeting
        var papers = try #require(root["paper"] as? [[String: Any]])
        var main = try #require(papers[0]["mainFile"] as? [String: Any])
        main["accessUrl"] = nil
        papers[0]["mainFile"] = main
        papers[1]["created"] = nil
        papers[2]["date"] = "06.03.2013"
        papers[3]["id"] = papers[4]["id"]
        root["paper"] = papers
        let broken = fixture.temporary.file("broken.json")
        try JSONSerialization.data(withJSONObject: root).write(to: broken)

        let outcome = try ExternalTools.run("python3", [Self.validator.path, broken.path, Self.schemaFolder.path])
        #expect(outcome.status == 1)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("FAIL $.meeting.agendaItem[0] (AgendaItem)") && $0.contains("'order' is a required property") }, "\(outcome.output)")
        #expect(lines.contains { $0.hasPrefix("FAIL $.paper[0].mainFile (File)") && $0.contains("'accessUrl' is a required property") })
        #expect(lines.contains { $0.contains("$.paper[1].created: missing") })
        #expect(lines.contains { $0.contains("$.paper[2].date: '06.03.2013' is not a 'date'") })
        #expect(lines.contains { $0.contains("$.paper[4].id:") && $0.contains("different object at $.paper[3]") })
        #expect(lines.last?.hasSuffix(" passed, 5 failed") == true, "\(outcome.output)")
    }

    @Test func theManifestDescribesTheMeetingItsPapersAndEveryFile() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        let root = try manifest(fixture.output)
        #expect(root["vorlage:generator"] as? String == "vorlage \(VorlageVersion.current)")
        #expect((root["vorlage:failures"] as? [Any])?.isEmpty == true)

        let meeting = try #require(root["meeting"] as? [String: Any])
        #expect(meeting["name"] as? String == "20. Sitzung des Kreistags")
        #expect(meeting["start"] as? String == "2013-03-06T15:00:00+01:00")
        let items = try #require(meeting["agendaItem"] as? [[String: Any]])
        #expect(items.map { $0["number"] as? String } == ["1", "2", "3", "4", "5", "5.1", "6", "N 1"])
        #expect(items.map { $0["order"] as? Int } == Array(0..<8))
        #expect(items.map { $0["public"] as? Bool } == [true, true, true, true, true, true, true, false])
        #expect(items[5]["vorlage:late"] as? String == "Nachtrag")
        #expect(items[4]["name"] as? String == "Kommunales Integrationszentrum/ Integrationskonzept", "an item takes its paper's name")

        // Every file the manifest names is on disk with the size and checksum it records.
        var files: [(String, [String: Any])] = []
        let invitation = try #require(meeting["invitation"] as? [String: Any], "the invitation is in the manifest")
        #expect(invitation["fileName"] as? String == "einladung.odt")
        files.append(("invitation", invitation))
        let papers = try manifestPapers(root)
        #expect(Set(papers.keys) == Set(MeetingFixture.agendaPapers.map(\.reference)))
        for (stem, reference) in MeetingFixture.agendaPapers {
            let paper = try #require(papers[reference])
            let main = try #require(paper["mainFile"] as? [String: Any], "\(reference) has a mainFile")
            #expect(main["fileName"] as? String == "\(stem).odt")
            files.append((reference, main))
            for annex in paper["auxiliaryFile"] as? [[String: Any]] ?? [] { files.append((reference, annex)) }
        }
        #expect((papers["40/2391/XV/2013"]?["auxiliaryFile"] as? [[String: Any]])?.first?["fileName"] as? String == "berufskollegs-schuelerzahlen-anlage-1.pdf")
        let sums = try sha512(files.compactMap { ($0.1["fileName"] as? String).map { fixture.output.appendingPathComponent($0) } })
        for (owner, file) in files {
            let url = fixture.output.appendingPathComponent(try #require(file["fileName"] as? String))
            #expect(file["sha512Checksum"] as? String == sums[url.path], "\(owner): \(url.lastPathComponent)")
            #expect(file["size"] as? Int == (try Data(contentsOf: url)).count, "\(owner): \(url.lastPathComponent)")
        }

        // The inputs: the profile, the meeting and every paper, with their checksums.
        let inputs = try #require(root["vorlage:inputs"] as? [[String: Any]])
        let byPath = Dictionary(uniqueKeysWithValues: inputs.map { ($0["path"] as? String ?? "", $0) })
        let expected = ["../council.yaml", "meeting.yaml"] + MeetingFixture.agendaPapers.map { "papers/\($0.stem).yaml" }
        let inputSums = try sha512(expected.map { fixture.meeting.appendingPathComponent($0).standardizedFileURL })
        for path in expected {
            let input = try #require(byPath[path], "vorlage:inputs lacks \(path): \(byPath.keys.sorted())")
            #expect(input["sha512Checksum"] as? String == inputSums[fixture.meeting.appendingPathComponent(path).standardizedFileURL.path], "\(path)")
        }
    }

    // MARK: - The invitation and the documents, as LibreOffice reads them

    @Test func theInvitationListsThePublicPartBeforeTheNonPublicPart() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        let pdf = try ExternalTools.convertToPDF(fixture.output.appendingPathComponent("einladung.odt"), into: fixture.temporary.url)
        let text = try ExternalTools.pdfText(pdf)
        #expect(text.contains("20. Sitzung des Kreistags"), "\(text)")
        let publicPart = try #require(text.range(of: "Öffentlicher Teil"), "\(text)")
        let nonPublicPart = try #require(text.range(of: "Nichtöffentlicher Teil"), "\(text)")
        #expect(publicPart.upperBound <= nonPublicPart.lowerBound)
        let publicText = text[publicPart.upperBound..<nonPublicPart.lowerBound]
        let nonPublicText = text[nonPublicPart.upperBound...]
        for reference in ["40/2391/XV/2013", "CDU/2406/XV/2013", "50/2403/XV/2013", "50/2403/XV/2013-1"] {
            #expect(publicText.contains(reference), "\(reference) in the public part")
        }
        #expect(!text[..<nonPublicPart.lowerBound].contains("61/2410/XV/2013"), "the non-public paper is not named in the public part")
        #expect(nonPublicText.contains("61/2410/XV/2013"))
        #expect(nonPublicText.contains("Grundstücksangelegenheit"))
        #expect(publicText.contains("Nachtrag"), "the late item is marked")
        #expect(!nonPublicText.contains("Nachtrag"))
    }

    @Test("the invitation and a paper pass odfcheck",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func odfcheckPassesOnTheInvitationAndAPaper() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        for name in ["einladung.odt", "integrationszentrum-ergaenzung.odt"] {
            let outcome = try ExternalTools.odfcheck(fixture.output.appendingPathComponent(name))
            #expect(outcome.status == 0, "odfcheck failed on \(name):\n\(outcome.output)\n\(outcome.error)")
            #expect(outcome.output.contains("RESULT: PASS"), "\(name)")
        }
    }

    // MARK: - Problems

    @Test func aBrokenPaperFailsAloneAndTheOthersAreWritten() throws {
        let fixture = try MeetingFixture()
        let broken = fixture.paper("radwege-kreisstrassen")
        try fixture.editPaper("radwege-kreisstrassen", replacing: "date: 2013-02-18", with: "date: 18.02.2013")
        let line = try fixture.line(of: "date: 18.02.2013", in: broken)
        let report = try build(fixture)
        #expect(!report.succeeded)
        let failure = try #require(report.failures.first { $0.file == broken.path }, "\(report.failures)")
        #expect(failure.problems.contains { $0.hasPrefix("\(broken.path):\(line):") && $0.contains("(date)") }, "\(failure.problems)")
        #expect(report.failures.contains { $0.file.hasSuffix("einladung.odt") }, "the invitation is named as not built")
        for (stem, _) in MeetingFixture.agendaPapers where stem != "radwege-kreisstrassen" {
            #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("\(stem).odt").path), "\(stem).odt")
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("radwege-kreisstrassen.odt").path))
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("einladung.odt").path), "the invitation needs every paper")
        let root = try manifest(fixture.output)
        let failures = try #require(root["vorlage:failures"] as? [[String: Any]])
        #expect(failures.contains { $0["file"] as? String == "papers/radwege-kreisstrassen.yaml" }, "\(failures)")
        #expect(try manifestPapers(root)["CDU/2406/XV/2013"] == nil)
        #expect(try manifestPapers(root).count == 4)

        // The command line says which file failed and exits 2.
        let other = fixture.temporary.file("build-cli")
        let outcome = try vorlage(["build", fixture.meeting.path, "-o", other.path])
        #expect(outcome.status == 2, "\(outcome.output)\n\(outcome.error)")
        #expect(outcome.error.contains(broken.path), "\(outcome.error)")
        #expect(outcome.error.contains("konnten nicht erzeugt werden:"), "\(outcome.error)")
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("integrationszentrum.odt").path))
        #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("manifest.json").path))
    }

    /// A council office's machine without qpdf: the paper with a PDF annex cannot have it
    /// checked, fails alone with a German message that says what to install, and the rest is
    /// written. `VORLAGE_LIBQPDF` names a library file that is not there, as the loader would
    /// find no libqpdf.
    @Test func withoutQPDFThePaperWithAPDFAnnexFailsAloneAndSaysWhatToInstall() throws {
        let fixture = try MeetingFixture()
        let withPDF = fixture.paper("berufskollegs-schuelerzahlen")
        let missing = fixture.temporary.file("fehlt/libqpdf.so.29")
        let outcome = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path], environment: ["VORLAGE_LIBQPDF": missing.path])
        #expect(outcome.status == 2, "\(outcome.output)\n\(outcome.error)")
        let lines = outcome.error.split(separator: "\n").map(String.init)
        let message = try #require(lines.first { $0.contains("[qpdf-missing]") }, "\(outcome.error)")
        #expect(message.contains(": Fehler [qpdf-missing]: Die Bibliothek qpdf"), "\(message)")
        #expect(message.contains(missing.path) && message.contains("VORLAGE_LIBQPDF"), "the file tried is named: \(message)")
        #expect(message.contains("Hinweis: Installieren Sie qpdf (unter Debian: apt install qpdf)"), "\(message)")
        #expect(GermanMessagesTests.englishWords(in: message).isEmpty, "\(message)")
        #expect(outcome.error.contains("- \(withPDF.path)"), "the paper is named: \(outcome.error)")
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("berufskollegs-schuelerzahlen.odt").path))
        for stem in ["integrationszentrum", "radwege-kreisstrassen", "grundstueck-kreisstrasse-juechen"] {
            #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("\(stem).odt").path), "\(stem).odt")
        }
        // With qpdf found again, the next build writes the paper.
        let again = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path])
        #expect(again.status == 0, "\(again.error)")
        #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("berufskollegs-schuelerzahlen.odt").path))
    }

    @Test func aProblemOfTheMeetingWritesNothing() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "invitationDate: 2013-02-22", with: "invitationDate: 2013-03-01")
        let error = try #require(throws: PipelineError.self) { try build(fixture) }
        guard case .input(let errors) = error.source else {
            Issue.record("expected input problems, got \(error)")
            return
        }
        #expect(errors.errors.map(\.code) == [.invitationTooLate])
        #expect(error.description.contains("\(fixture.meetingFile.path):"))
        let written = (try? FileManager.default.contentsOfDirectory(atPath: fixture.output.path)) ?? []
        #expect(written.isEmpty, "nothing is written: \(written)")

        let outcome = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path])
        #expect(outcome.status == 1, "\(outcome.error)")
        #expect(outcome.error.contains("vorlage: Es wurde nichts geschrieben."))
        #expect(outcome.error.contains("(invitationDate)"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: fixture.output.path)) ?? []).isEmpty)
    }

    @Test func aProblemOfTheMeetingIsReportedWithThePapersOwnProblems() throws {
        let fixture = try MeetingFixture()
        try fixture.editMeeting(replacing: "invitationDate: 2013-02-22", with: "invitationDate: 2013-03-01")
        let papers = fixture.meeting.appendingPathComponent("papers")
        let paper = try #require(try FileManager.default.contentsOfDirectory(atPath: papers.path).filter { $0.hasSuffix(".yaml") }.sorted().first)
        let url = papers.appendingPathComponent(paper)
        let text = try String(contentsOf: url, encoding: .utf8)
        try (text + "reference: 50/9999/XV/2013\n").write(to: url, atomically: true, encoding: .utf8)
        let error = try #require(throws: PipelineError.self) { try build(fixture) }
        guard case .input(let errors) = error.source else {
            Issue.record("expected input problems, got \(error)")
            return
        }
        #expect(errors.errors.contains { $0.code == .invitationTooLate })
        let duplicate = try #require(errors.errors.first { $0.file == url.path && $0.code == .syntax }, "\(errors.errors)")
        #expect(duplicate.line == text.split(separator: "\n", omittingEmptySubsequences: false).count, "the place of the second key")
        #expect(duplicate.description.contains("„reference“"))
    }

    // MARK: - Rebuilding one paper

    @Test func onlyRebuildsThatPaperAndTheManifestStillListsAll() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        let before = try outputFiles(fixture.output)
        try fixture.editPaper("radwege-kreisstrassen", replacing: "An mehreren Kreisstraßen", with: "An vielen Kreisstraßen")
        try fixture.editPaper("integrationszentrum", replacing: "Der Sozial- und Gesundheitsausschuss", with: "Der Sozialausschuss")

        let report = try build(fixture, only: ["CDU/2406/XV/2013"])
        #expect(report.succeeded, "\(report.failures)")
        #expect(report.files.map(\.fileName) == ["radwege-kreisstrassen.odt"])
        #expect(report.files.first?.status == .written)
        let after = try outputFiles(fixture.output)
        #expect(after["radwege-kreisstrassen.odt"] != before["radwege-kreisstrassen.odt"], "the paper named is rebuilt")
        for name in before.keys where name != "radwege-kreisstrassen.odt" && name != "manifest.json" {
            #expect(after[name] == before[name], "\(name) is left as it was")
        }

        let root = try manifest(fixture.output)
        let papers = try manifestPapers(root)
        #expect(Set(papers.keys) == Set(MeetingFixture.agendaPapers.map(\.reference)), "the manifest still lists every paper")
        let sums = try sha512([fixture.output.appendingPathComponent("radwege-kreisstrassen.odt"), fixture.output.appendingPathComponent("integrationszentrum.odt")])
        #expect((papers["CDU/2406/XV/2013"]?["mainFile"] as? [String: Any])?["sha512Checksum"] as? String == sums[fixture.output.appendingPathComponent("radwege-kreisstrassen.odt").path])
        #expect((papers["50/2403/XV/2013"]?["mainFile"] as? [String: Any])?["sha512Checksum"] as? String == sums[fixture.output.appendingPathComponent("integrationszentrum.odt").path],
                "a paper not rebuilt is described as it is on disk")
        #expect(((root["meeting"] as? [String: Any])?["invitation"] as? [String: Any])?["fileName"] as? String == "einladung.odt")
        #expect((papers["40/2391/XV/2013"]?["auxiliaryFile"] as? [[String: Any]])?.count == 1, "the annexes of papers not rebuilt are listed")
    }

    @Test func onlyWithAnUnknownReferenceIsRefused() throws {
        let fixture = try MeetingFixture()
        let error = try #require(throws: PipelineError.self) { try build(fixture, only: ["CDU/2460/XV/2013"]) }
        guard case .request(let message) = error.source else {
            Issue.record("expected a request error, got \(error)")
            return
        }
        #expect(message.contains("CDU/2406/XV/2013"), "the closest reference is suggested: \(message)")
        #expect(error.problems.map(\.code) == [PipelineError.unknownReferenceCode])
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))
        let outcome = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path, "--only", "CDU/2460/XV/2013"])
        #expect(outcome.status == 64, "\(outcome.error)")
    }

    // MARK: - Release

    @Test func aReleasedFileIsNeverOverwrittenAChangeBecomesVersionTwo() throws {
        let fixture = try MeetingFixture()
        try build(fixture)
        let release = try ReleaseJob(meeting: fixture.meeting, output: fixture.output, waitSeconds: 0).run()
        #expect(release.issued.count == 8, "\(release.issued.map(\.fileName))")
        #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent(".vorlage/issued.json").path))
        let issuedFile = fixture.output.appendingPathComponent("integrationszentrum.odt")
        let issuedBytes = try Data(contentsOf: issuedFile)
        let issuedIdentity = try identity(issuedFile)

        try fixture.editPaper("integrationszentrum", replacing: "Der Sozial- und Gesundheitsausschuss", with: "Der Sozialausschuss")
        let report = try build(fixture)
        #expect(report.succeeded)
        let newVersion = try #require(report.files.first { $0.requestedName == "integrationszentrum.odt" })
        #expect(newVersion.fileName == "integrationszentrum-v2.odt")
        #expect(newVersion.status == .newVersion(of: "integrationszentrum.odt"))
        #expect(try Data(contentsOf: issuedFile) == issuedBytes, "the issued file keeps its bytes")
        #expect(try identity(issuedFile) == issuedIdentity, "the issued file is not touched")
        let v2 = fixture.output.appendingPathComponent("integrationszentrum-v2.odt")
        #expect(try Data(contentsOf: v2) != issuedBytes)
        #expect(report.files.filter { $0.fileName != "integrationszentrum-v2.odt" }.allSatisfy { $0.status == .issuedUnchanged },
                "\(report.files.map { "\($0.fileName) \($0.status)" })")

        let root = try manifest(fixture.output)
        let main = try #require(try manifestPapers(root)["50/2403/XV/2013"]?["mainFile"] as? [String: Any])
        #expect(main["fileName"] as? String == "integrationszentrum-v2.odt")
        let sums = try sha512([issuedFile, v2])
        #expect(main["sha512Checksum"] as? String == sums[v2.path])
        let superseded = try #require(root["vorlage:supersededFile"] as? [[String: Any]])
        #expect(superseded.count == 1)
        let old = try #require(superseded.first)
        #expect(old["fileName"] as? String == "integrationszentrum.odt")
        #expect(old["sha512Checksum"] as? String == sums[issuedFile.path])
        #expect(old["vorlage:supersededBy"] as? String == main["id"] as? String)
        #expect(old["vorlage:issued"] != nil)
        if Self.oparlSchemasAreAvailable {
            let outcome = try ExternalTools.run("python3", [Self.validator.path, fixture.output.appendingPathComponent("manifest.json").path, Self.schemaFolder.path])
            #expect(outcome.status == 0, "the manifest with a superseded file validates:\n\(outcome.output)\n\(outcome.error)")
        }

        // Built again without a change: both versions stay as they are.
        let v2Identity = try identity(v2)
        let v2Bytes = try Data(contentsOf: v2)
        Thread.sleep(forTimeInterval: 0.02)
        let outcome = try vorlage(["build", fixture.meeting.path, "-o", fixture.output.path])
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(try identity(issuedFile) == issuedIdentity)
        #expect(try identity(v2) == v2Identity)
        #expect(try Data(contentsOf: v2) == v2Bytes)
        #expect(try Data(contentsOf: issuedFile) == issuedBytes)
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("integrationszentrum-v3.odt").path))
        #expect(outcome.output.contains(": 0 geschrieben, 8 unverändert"), "\(outcome.output)")
        #expect(!outcome.output.contains("neue Fassung"), "\(outcome.output)")
    
    }

    @Test func releaseRefusesABuildWithFailures() throws {
        let fixture = try MeetingFixture()
        try fixture.editPaper("radwege-kreisstrassen", replacing: "date: 2013-02-18", with: "date: 18.02.2013")
        #expect(try !build(fixture).succeeded)
        let error = try #require(throws: PipelineError.self) { try ReleaseJob(meeting: fixture.meeting, output: fixture.output, waitSeconds: 0).run() }
        guard case .archive(let archive) = error.source else {
            Issue.record("expected an archive error, got \(error)")
            return
        }
        #expect(archive.code == .notReleasable)
        #expect(archive.message.contains("papers/radwege-kreisstrassen.yaml"), "\(archive)")
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent(".vorlage/issued.json").path))

        let outcome = try vorlage(["release", fixture.meeting.path, "-o", fixture.output.path])
        #expect(outcome.status == 1, "\(outcome.error)")
        #expect(outcome.error.contains("vorlage: Es wurde nichts herausgegeben."))
        #expect(!FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent(".vorlage/issued.json").path))
    }

    @Test func releaseRefusesWhenNothingWasBuilt() throws {
        let fixture = try MeetingFixture()
        let error = try #require(throws: PipelineError.self) { try ReleaseJob(meeting: fixture.meeting, output: fixture.output, waitSeconds: 0).run() }
        guard case .archive(let archive) = error.source else {
            Issue.record("expected an archive error, got \(error)")
            return
        }
        #expect(archive.code == .notReleasable)
    }

    // MARK: - Two runs at once, a killed run

    @Test func aSecondBuildAtOnceWithoutWaitingExitsThree() throws {
        let fixture = try MeetingFixture()
        try fixture.generatePapers(100)
        let logs = fixture.temporary.url
        let arguments = ["build", fixture.meeting.path, "-o", fixture.output.path, "--wait", "0"]
        let runs = [try start(arguments, logs: logs, name: "a"), try start(arguments, logs: logs, name: "b")]
        for run in runs { run.process.waitUntilExit() }
        let statuses = runs.map(\.process.terminationStatus)
        #expect(statuses.sorted() == [0, 3], "\(statuses)")
        if let refused = runs.first(where: { $0.process.terminationStatus == 3 }) {
            let error = try String(contentsOf: refused.error, encoding: .utf8)
            #expect(error.contains("Fehler [locked]: Ein anderer Lauf von vorlage arbeitet gerade an diesem Ausgabeordner."), "\(error)")
        }
        #expect(try temporaryFiles(fixture.output).isEmpty)
        #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent("generiert-0099.odt").path))
    }

    @Test func twoBuildsAtOnceThatWaitGiveWhatOneBuildGives() throws {
        let fixture = try MeetingFixture()
        try fixture.generatePapers(100)
        let logs = fixture.temporary.url
        let arguments = ["build", fixture.meeting.path, "-o", fixture.output.path]
        let runs = [try start(arguments, logs: logs, name: "a"), try start(arguments, logs: logs, name: "b")]
        for run in runs { run.process.waitUntilExit() }
        for run in runs {
            let error = (try? String(contentsOf: run.error, encoding: .utf8)) ?? ""
            #expect(run.process.terminationStatus == 0, "\(error)")
        }
        let single = fixture.temporary.file("build-single/kreistag-2013-03-06")
        #expect(try build(fixture, output: single).succeeded)
        let together = try outputFiles(fixture.output)
        let alone = try outputFiles(single)
        #expect(together.keys.sorted() == alone.keys.sorted())
        #expect(together.count == 100 + 9)
        for (name, bytes) in alone {
            #expect(together[name] == bytes, "\(name) differs")
        }
        #expect(try temporaryFiles(fixture.output).isEmpty)
    }

    @Test func aKilledBuildLeavesOnlyCompleteFilesAndTheNextBuildCompletes() throws {
        let fixture = try MeetingFixture()
        let generated = try fixture.generatePapers(300)
        let run = try start(["build", fixture.meeting.path, "-o", fixture.output.path], logs: fixture.temporary.url, name: "killed")
        // Kill it mid-way: after about 0.3 s, once it has begun writing.
        let started = Date()
        Thread.sleep(forTimeInterval: 0.3)
        while Date().timeIntervalSince(started) < 10, run.process.isRunning,
              ((try? temporaryFiles(fixture.output)) ?? []).isEmpty {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let wasWriting = !((try? temporaryFiles(fixture.output)) ?? []).isEmpty
        kill(run.process.processIdentifier, SIGKILL)
        run.process.waitUntilExit()
        #expect(run.process.terminationReason == .uncaughtSignal, "the build was still running when killed")
        #expect(wasWriting, "it was killed while staging files")

        let left = try MeetingFixture.fileNames(in: fixture.output)
        for name in left where name.hasSuffix(".odt") {
            #expect(throws: Never.self, "\(name) is complete") { _ = try ODFDocument(contentsOf: fixture.output.appendingPathComponent(name)) }
        }
        for name in left where !name.hasPrefix(".") {
            #expect(name.hasSuffix(".odt") || name.hasSuffix(".pdf") || name == "manifest.json", "only finished files under final names: \(name)")
        }

        let report = try build(fixture)
        #expect(report.succeeded, "\(report.failures)")
        for name in (MeetingFixture.agendaPapers.map(\.stem) + generated.map(\.stem)).map({ "\($0).odt" }) + ["einladung.odt", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: fixture.output.appendingPathComponent(name).path), "\(name)")
        }
        #expect(try temporaryFiles(fixture.output).isEmpty, "no temporary file is left")
        #expect(try manifestPapers(manifest(fixture.output)).count == 305)
    }

    // MARK: - The command line

    @Test func versionIsPrinted() throws {
        let outcome = try vorlage(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines) == VorlageVersion.current)
    }

    @Test func buildWithoutAMeetingFolderIsAUsageError() throws {
        let outcome = try vorlage(["build", "/nonexistent/meeting"])
        #expect(outcome.status == 64)
        #expect(outcome.error.contains("Den Sitzungsordner /nonexistent/meeting gibt es nicht."))
    }
}
