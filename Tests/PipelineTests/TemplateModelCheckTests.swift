import Foundation
import Testing
import TestSupport

/// `vorlage check` without data: paths are checked against the model of the template's kind, and
/// every problem of a template is reported in one run.
@Suite struct TemplateModelCheckTests {
    static var executable: URL { CommandLineTests.executable }
    static let invitation = Paths.packageRoot.appendingPathComponent("templates/einladung.fodt")

    func check(_ template: URL, _ extra: [String] = []) throws -> ExternalTools.Outcome {
        try ExternalTools.run(Self.executable.path, ["check", template.path, "--profile", ExampleProfile.source.path] + extra)
    }

    @Test("the shipped templates pass against the models of their kinds")
    func shippedTemplatesPass() throws {
        let submission = try check(SubmissionTests.template)
        #expect(submission.status == 0, "\(submission.error)")
        #expect(submission.output.contains("OK: Jeder Platzhalter findet seine Daten (geprüft gegen die Daten einer Sitzungsvorlage)."))
        let invitation = try check(Self.invitation, ["--kind", "invitation"])
        #expect(invitation.status == 0, "\(invitation.error)")
        #expect(invitation.output.contains("die Daten einer Einladung"))
    }

    @Test("a misspelt path, also of a profile's extra field, is found without data")
    func misspeltPathsWithoutData() throws {
        let folder = TemporaryFolder()
        let template = folder.file("vorlage.fodt")
        let source = try String(contentsOf: SubmissionTests.template, encoding: .utf8)
        try source.replacingOccurrences(of: "{{ reference }}", with: "{{ referenz }}")
            .replacingOccurrences(of: "{{ finanzen.produkt }}", with: "{{ finanzen.produckt }}")
            .write(to: template, atomically: true, encoding: .utf8)
        let outcome = try check(template)
        #expect(outcome.status == 1)
        #expect(outcome.error.contains("Fehler [unknown-path]: Die Daten haben kein „referenz“. Hinweis: Meinten Sie „reference“?"), "\(outcome.error)")
        #expect(outcome.error.contains("„finanzen.produckt“"), "\(outcome.error)")
        #expect(outcome.error.contains("finanzen.produkt"), "\(outcome.error)")
    }

    @Test("a broken block, an unknown filter and unknown paths are reported together, each located")
    func everyProblemInOneRun() throws {
        let folder = TemporaryFolder()
        let template = folder.file("kaputt.fodt")
        let source = try String(contentsOf: SubmissionTests.template, encoding: .utf8)
        var broken = source.replacingOccurrences(of: "{{ place }}", with: "{{ place | upperr }}")
            .replacingOccurrences(of: "{{ treatment }}", with: "{{ treatmnt }}")
            .replacingOccurrences(of: "{{ organization }}", with: "{{ gremium }}")
            .replacingOccurrences(of: "{{ reference }}", with: "{{ referenz }}")
        let close = try #require(broken.range(of: "{{/if}}"))
        broken.removeSubrange(close)
        try broken.write(to: template, atomically: true, encoding: .utf8)
        let outcome = try check(template)
        #expect(outcome.status == 1)
        #expect(outcome.error.contains("„upperr“ ist kein bekannter Filter"), "\(outcome.error)")
        #expect(outcome.error.contains("Dieser Block wird nie geschlossen"), "\(outcome.error)")
        #expect(outcome.error.contains("Die Daten haben kein „referenz“"), "\(outcome.error)")
        // Inside a repetition, suggestions and lists name a path with its list: consultation[].treatment.
        #expect(outcome.error.contains("Die Daten haben kein „treatmnt“. Hinweis: Meinten Sie „consultation[].treatment“?"), "\(outcome.error)")
        #expect(outcome.error.contains("Die Daten haben kein „gremium“. Hinweis: Bekannte Pfade sind unter anderem consultation[].organization"), "\(outcome.error)")
        for line in outcome.error.split(separator: "\n") where line.hasPrefix("- ") {
            #expect(line.contains("kaputt.fodt (") && line.contains("Platzhalter {{") && line.contains(": Fehler ["), "every problem is located: \(line)")
        }
    }

    @Test("--format json gives programs every problem with its stable code and place")
    func jsonForPrograms() throws {
        let folder = TemporaryFolder()
        let template = folder.file("kaputt.fodt")
        var source = try String(contentsOf: SubmissionTests.template, encoding: .utf8).replacingOccurrences(of: "{{ reference }}", with: "{{ referenz }}")
        source.removeSubrange(try #require(source.range(of: "{{/if}}")))
        try source.write(to: template, atomically: true, encoding: .utf8)
        let outcome = try check(template, ["--format", "json"])
        #expect(outcome.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let problems = try #require(object["problems"] as? [[String: Any]])
        let codes = problems.compactMap { $0["code"] as? String }
        #expect(codes.contains("unbalanced-block") && codes.contains("unknown-path"), "\(codes)")
        let path = try #require(problems.first { $0["code"] as? String == "unknown-path" })
        #expect(path["path"] as? String == "referenz" && path["place"] as? String != nil && path["hint"] as? String == "Meinten Sie „reference“?")
        #expect(object["outcome"] as? String == "input-problems" && object["exitCode"] as? Int == 1)

        let clean = try check(SubmissionTests.template, ["--format", "json"])
        #expect(clean.status == 0, "\(clean.error)")
        let ok = try #require(try JSONSerialization.jsonObject(with: Data(clean.output.utf8)) as? [String: Any])
        #expect(ok["ok"] as? Bool == true && (ok["markers"] as? [Any])?.isEmpty == false)
    }
}
