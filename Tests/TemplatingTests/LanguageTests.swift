import Foundation
import ODFPackage
@testable import Templating
import TestSupport
import Testing

/// Every construct of the template language, in a template LibreOffice saved, with markers
/// split by spans and quotes typed the way autocorrect leaves them.
@Suite struct LanguageTests {
    static func data(confidential: Bool = false, kind: String = "Tischvorlage") -> Value {
        [
            "reference": "50/2403/XV/2013",
            "title": "Integrationskonzept",
            "date": .date(CivilDate(year: 2013, month: 3, day: 6)!),
            // 14:00 UTC is 15:00 in Berlin in winter, whatever zone the machine is in.
            "start": .dateTime(Date(timeIntervalSince1970: 1_362_578_400)),
            "amount": .number(Decimal(string: "1234.5")!),
            "count": 3,
            "office": "Sozialamt",
            "missing": .null,
            "bodies": ["Kreistag", "Kreisausschuss"],
            "confidential": .bool(confidential),
            "kind": .string(kind),
            "items": [["name": "A"], ["name": "B"], ["name": "C"]],
            "sachverhalt": "Absatz mit **fett**.\n\n- eins\n- zwei",
        ]
    }

    static func filled(_ data: Value = data()) throws -> ODFDocument {
        try Template(contentsOf: Paths.fixture("language.odt")).render(data)
    }

    @Test func filtersFormatTheGermanWay() throws {
        let texts = try Rendering.paragraphs(Self.filled())
        #expect(texts.contains("Datum: 6. März 2013"))
        #expect(texts.contains("Wochentag: Mittwoch, 06.03.13"))
        #expect(texts.contains("Beginn: 15:00 Uhr"))
        #expect(texts.contains("Betrag: 1.234,50 € / 1.234,5 / 3"))
        #expect(texts.contains("Amt: SOZIALAMT; Zusatz: keiner"))
        #expect(texts.contains("Gremien: Kreistag · Kreisausschuss"))
    }

    @Test func conditionsChooseTheirBranch() throws {
        let open = try Rendering.paragraphs(Self.filled())
        #expect(open.contains("Status: öffentlich."))
        #expect(open.contains("Tischvorlage, öffentlich."))
        #expect(!open.contains { $0.hasPrefix("Andere Art") })
        #expect(open.contains("Drei Punkte."))
        #expect(!open.contains("Nur für den Kreisausschuss."))
        #expect(!open.contains { $0.contains("{{") })

        let closed = try Rendering.paragraphs(Self.filled(Self.data(confidential: true)))
        #expect(closed.contains("Status: vertraulich."))
        #expect(closed.contains("Andere Art: Tischvorlage."))
        #expect(closed.contains("Nur für den Kreisausschuss."))
        #expect(try Rendering.paragraphs(Self.filled(Self.data(confidential: true)), "styles.xml") == ["50/2403/XV/2013 – nicht öffentlich"])
        #expect(try Rendering.paragraphs(Self.filled(), "styles.xml") == ["50/2403/XV/2013"])
        #expect(!(try Rendering.paragraphs(Self.filled(Self.data(kind: "Antrag")))).contains("Drei Punkte."))
    }

    @Test func sectionsRepeatWithUniqueNamesAndHide() throws {
        let filled = try Self.filled()
        let sections = try filled.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "section") }
        #expect(sections.map { $0.attribute(ODFNamespace.text, "name") } == ["Punkt", "Punkt (2)", "Punkt (3)"])
        #expect(sections.map { $0.textContent } == ["Abschnitt 1: A", "Abschnitt 2: B", "Abschnitt 3: C (letzter)"])
    }

    @Test func listItemsRepeat() throws {
        let list = try #require(try Self.filled().xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "list") }.first)
        #expect(list.childElements.map(\.textContent) == ["Punkt 0: A", "Punkt 1: B", "Punkt 2: C"])
    }

    @Test func framesPlaceholdersAndUserFieldsAreFilled() throws {
        let filled = try Self.filled()
        let texts = try Rendering.paragraphs(filled)
        #expect(texts.contains("Im Rahmen: 50/2403/XV/2013"))
        #expect(texts.contains("Feld: …; Platzhalter: Integrationskonzept; frei: …"), "the placeholder naming no data stays for the clerk")
        let root = try filled.xml("content.xml").root
        let declaration = try #require(root.descendantElements { $0.is(ODFNamespace.text, "user-field-decl") && $0.attribute(ODFNamespace.text, "name") == "reference" }.first)
        #expect(declaration.attribute(ODFNamespace.office, "string-value") == "50/2403/XV/2013")
        #expect(root.descendantElements { $0.is(ODFNamespace.text, "user-field-get") }.first?.textContent == "50/2403/XV/2013")
        let other = root.descendantElements { $0.attribute(ODFNamespace.text, "name") == "Bearbeiter" }.first
        #expect(other?.attribute(ODFNamespace.office, "string-value") == "frei", "a field that names no data keeps its value")
    }

    @Test func documentPropertiesAreFilled() throws {
        let metadata = try Self.filled().metadata
        #expect(metadata.title == "Vorlage 50/2403/XV/2013")
        #expect(metadata.subject == "Integrationskonzept")
        #expect(metadata.userDefined.contains(.init("Aktenzeichen", "50/2403/XV/2013")))
    }

    @Test func markdownBecomesParagraphsInTheTemplatesStyles() throws {
        let root = try Self.filled().xml("content.xml").root
        let paragraph = try #require(root.descendantElements { $0.is(ODFNamespace.text, "p") && $0.textContent == "Absatz mit fett." }.first)
        #expect(paragraph.attribute(ODFNamespace.text, "style-name") == "Vorlage_20_Text", "the marker paragraph's style carries over")
        let list = try #require(root.descendantElements { $0.is(ODFNamespace.text, "list") && $0.textContent == "einszwei" }.first)
        #expect(list.childElements.count == 2)
        let texts = try Rendering.paragraphs(Self.filled())
        #expect(!texts.contains { $0.contains("markdown") })
    }

    @Test("the filled fixture passes odfcheck", .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func filledFixtureIsValid() throws {
        let folder = TemporaryFolder()
        let output = folder.file("language.odt")
        try Self.filled(Self.data(confidential: true)).write(to: output)
        let outcome = try ExternalTools.odfcheck(output, ["--expect", "Nur für den Kreisausschuss."])
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func checkFindsMissingDataInBranchesTheDataDoesNotTake() throws {
        let template = try Template(contentsOf: Paths.fixture("language.odt"))
        var data = Self.data()
        if case .map(var map) = data { map["kind"] = nil; data = .map(map) }
        let problems = template.check(against: data)
        #expect(problems.map(\.path).contains("kind"), "both the condition and the else branch read kind")
        #expect(template.check(against: Self.data()).isEmpty)
    }
}
