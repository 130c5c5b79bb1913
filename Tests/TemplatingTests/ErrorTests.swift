import Foundation
import ODFPackage
@testable import Templating
import TestSupport
import Testing

/// Error messages as a template author reads them: where, which marker, what to do.
@Suite struct ErrorTests {
    @Test func anUnknownPathSuggestsTheClosestKnownOne() throws {
        let template = try Rendering.template(body: "<text:p>Nummer: {{ refrence }}</text:p>", name: "vorlage.odt")
        let errors = try #require(throws: TemplateErrors.self) { try template.render(Rendering.data) }
        let error = try #require(errors.errors.first)
        #expect(error.code == .unknownPath)
        #expect(error.description == "vorlage.odt (Textkörper), Platzhalter {{ refrence }} im Absatz „Nummer: {{ refrence }}“: Fehler [unknown-path]: Die Daten haben kein „refrence“. Hinweis: Meinten Sie „reference“?")
    }

    @Test func aMistypedNestedFieldNamesItsParent() throws {
        let template = try Rendering.template(body: "<text:p>{{ body.nmae }}</text:p>")
        let error = try #require(throws: TemplateErrors.self) { try template.render(Rendering.data) }.errors[0]
        #expect(error.path == "body.nmae")
        #expect(error.hint == "Meinten Sie „body.name“?")
    }

    @Test func allProblemsAreReportedTogether() throws {
        let template = try Rendering.template(body: "<text:p>{{ a }}</text:p><text:p>{{ b }} {{ body }}</text:p><text:p>{{#each reference}}x{{/each}}</text:p>")
        let errors = try #require(throws: TemplateErrors.self) { try template.render(Rendering.data) }
        #expect(errors.errors.map(\.code) == [.unknownPath, .unknownPath, .unsupported, .notAList])
        #expect(errors.description.hasPrefix("4 Probleme:"))
    }

    @Test func unbalancedBlocksAreFoundWhenCompiling() throws {
        let errors = try #require(throws: TemplateErrors.self) {
            try Rendering.template(body: "<text:p>{{#each items}}</text:p><text:p>{{ name }}</text:p><text:p>{{/each}}</text:p><text:p>{{/each}}</text:p>")
        }
        #expect(errors.errors.count == 1)
        #expect(errors.errors[0].code == .unbalancedBlock)
        #expect(errors.errors[0].message.contains("schließt kein"))
    }

    @Test func aBlockThatCrossesATableIsRefusedNamingBothEnds() throws {
        let body = """
        <table:table><table:table-row><table:table-cell><text:p>{{#each items}}</text:p></table:table-cell></table:table-row></table:table><text:p>nach der Tabelle {{/each}}</text:p>
        """
        let errors = try #require(throws: TemplateErrors.self) { try Rendering.template(body: body) }
        #expect(errors.errors[0].code == .crossingBlock)
        #expect(errors.errors[0].message.contains("„{{#each items}}“") && errors.errors[0].message.contains("„nach der Tabelle {{/each}}“"))
    }

    @Test func syntaxErrorsAndUnclosedMarkersAreReported() throws {
        let errors = try #require(throws: TemplateErrors.self) {
            try Rendering.template(body: "<text:p>{{ a b }}</text:p><text:p>{{ offen</text:p><text:p>{{#wenn x}}</text:p>")
        }
        #expect(errors.errors.map(\.code) == [.syntax, .unclosedMarker, .syntax])
        #expect(errors.errors[1].hint == "Schließen Sie ihn mit „}}“ im selben Absatz.")
    }

    @Test func aFieldInsideAMarkerIsReported() throws {
        let errors = try #require(throws: TemplateErrors.self) {
            try Rendering.template(body: "<text:p>{{ a<text:page-number>1</text:page-number> }}</text:p>")
        }
        #expect(errors.errors[0].code == .interruptedMarker)
        #expect(errors.errors[0].context == "{{ a… }}")
    }
}

/// Errors of the full template language, as an author reads them.
@Suite struct LanguageErrorTests {
    private func compileErrors(_ body: String) throws -> [TemplateError] {
        try #require(throws: TemplateErrors.self) { try Rendering.template(body: body) }.errors
    }

    @Test func anUnknownFilterSuggestsTheClosestOne() throws {
        let error = try compileErrors("<text:p>{{ date | datum: „d. MMMM yyyy“ }}</text:p>")[0]
        #expect(error.code == .syntax)
        #expect(error.message == "„datum“ ist kein bekannter Filter.")
        #expect(error.hint == "Meinten Sie „date“?")
    }

    @Test func aBadDatePatternIsFoundWhenCompiling() throws {
        let error = try compileErrors("<text:p>{{ date | date: „d. MMMM yyyy Uhr“ }}</text:p>")[0]
        #expect(error.message.contains("„U“ ist kein Buchstabe eines Datumsformats"))
    }

    @Test func crossingBlocksNameBothEnds() throws {
        let errors = try compileErrors("<text:p>{{#each items}}{{#if x}}</text:p><text:p>{{/each}}{{/if}}</text:p>")
        #expect(errors.first?.code == .crossingBlock)
        #expect(errors.first?.message.contains("schließt den Block, den {{#if x}}") == true)
    }

    @Test func elseCannotSplitATableRow() throws {
        let errors = try compileErrors("<table:table><table:table-row><table:table-cell><text:p>{{#if x}}a</text:p></table:table-cell><table:table-cell><text:p>{{else}}b{{/if}}</text:p></table:table-cell></table:table-row></table:table>")
        #expect(errors.first?.code == .unsupported)
        #expect(errors.first?.hint?.contains("{{#unless") == true)
    }

    @Test func markdownMustStandAlone() throws {
        let errors = try compileErrors("<text:p>Sachverhalt: {{ text | markdown }}</text:p>")
        #expect(errors.first?.message.contains("muss allein in seinem Absatz stehen") == true)
    }

    @Test func conditionsAllowComparisonsAndLogicOnly() throws {
        let errors = try compileErrors("<text:p>{{#if a + 1}}x{{/if}}</text:p>")
        #expect(errors.first?.code == .syntax)
        #expect(errors.first?.message.contains("„+“ kann nicht in einer Bedingung stehen") == true)
    }

    @Test func aFilterMeetingTheWrongValueIsAnErrorWithThePath() throws {
        let template = try Rendering.template(body: "<text:p>{{ reference | money }}</text:p>")
        let error = try #require(throws: TemplateErrors.self) { try template.render(Rendering.data) }.errors[0]
        #expect(error.code == .wrongValue)
        #expect(error.path == "reference")
        #expect(error.message.contains("ist keine Zahl"))
    }

    @Test func unsupportedMarkdownNamesThePath() throws {
        let template = try Rendering.template(body: "<text:p>{{ note | markdown }}</text:p>")
        let error = try #require(throws: TemplateErrors.self) { try template.render(["note": "Text <b>fett</b>"]) }.errors[0]
        #expect(error.path == "note")
        #expect(error.message.contains("HTML („<b>“) wird im Markdown hier nicht unterstützt"))
    }
}
