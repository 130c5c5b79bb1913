import Foundation
import ODFPackage
@testable import Templating
import TestSupport
import Testing

/// Templates the engine once read wrongly: packages of another ODF type, number literals with
/// trailing characters, and ODF namespaces written with unusual prefixes.
@Suite struct StrictInputTests {
    static let spreadsheet = "application/vnd.oasis.opendocument.spreadsheet"

    /// A flat ODF document of type `mediaType` whose root declares `declarations` and whose body is `body`.
    static func flat(_ body: String, declarations: String = "xmlns:text=\"\(ODFNamespace.text)\"",
                     mediaType: String = ODFDocument.textMediaType) -> Data {
        Data("""
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="\(ODFNamespace.office)" \(declarations) office:version="1.3" office:mimetype="\(mediaType)"><office:body><office:text>\(body)</office:text></office:body></office:document>
        """.utf8)
    }

    @Test func aSpreadsheetPackageIsRefusedAsATemplate() throws {
        let folder = TemporaryFolder()
        // A real package whose mimetype entry and manifest declare a spreadsheet.
        let letter = try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        let file = folder.file("tabelle.ods")
        try letter.packageData(mediaType: Self.spreadsheet).write(to: file)
        #expect(try ODFDocument(contentsOf: file).mediaType == Self.spreadsheet)

        let errors = try #require(throws: TemplateErrors.self) { try Template(contentsOf: file) }
        let error = try #require(errors.errors.first)
        #expect(errors.errors.count == 1)
        #expect(error.code == .notATextDocument)
        #expect(error.template == file.path)
        #expect(error.message.contains(Self.spreadsheet))
        #expect(error.description.hasPrefix(file.path))
    }

    @Test func aFlatSpreadsheetIsRefusedAsATemplate() throws {
        let folder = TemporaryFolder()
        let file = folder.file("tabelle.fods")
        try Self.flat("<text:p>{{ reference }}</text:p>", mediaType: Self.spreadsheet).write(to: file)
        let errors = try #require(throws: TemplateErrors.self) { try Template(contentsOf: file) }
        #expect(errors.errors.map(\.code) == [.notATextDocument])
    }

    @Test(arguments: [ODFDocument.textMediaType, ODFDocument.templateMediaType])
    func textDocumentsAndTextTemplatesAreAccepted(_ mediaType: String) throws {
        let folder = TemporaryFolder()
        let letter = try ODFDocument(contentsOf: Paths.fixture("libreoffice-letter.odt"))
        let file = folder.file("vorlage")
        try letter.packageData(mediaType: mediaType).write(to: file)
        let template = try Template(contentsOf: file)
        #expect(template.name == file.path)
    }

    @Test(arguments: ["1-2", "12abc", "1,5,6", "3.", "0x10"])
    func aNumberWithOtherCharactersIsAnError(_ literal: String) throws {
        let errors = try #require(throws: TemplateErrors.self) {
            try Rendering.template(body: "<text:p>Anzahl {{#if reference == \(literal)}}gleich{{/if}}</text:p>", name: "zahl.odt")
        }
        let error = try #require(errors.errors.first)
        #expect(error.code == .syntax)
        #expect(error.template == "zahl.odt")
        #expect(error.part == "content.xml")
        #expect(error.marker == "{{#if reference == \(literal)}}")
        #expect(error.context?.hasPrefix("Anzahl") == true)
        #expect(error.message.contains("„\(literal)“ ist keine Zahl"))
    }

    @Test func aFilterArgumentThatIsNotANumberIsAnError() throws {
        let errors = try #require(throws: TemplateErrors.self) {
            try Rendering.template(body: "<text:p>{{ betrag | number: 2x }}</text:p>")
        }
        #expect(errors.errors.map(\.code) == [.syntax])
        #expect(errors.errors[0].marker == "{{ betrag | number: 2x }}")
    }

    @Test func plainNumbersStillCompare() throws {
        let body = "<text:p>{{#if n == 3}}drei{{/if}}|{{#if n == -1}}minus{{/if}}|{{#if m == 2,5}}komma{{/if}}|{{#if m == 2.5}}punkt{{/if}}|{{#if m == 25}}falsch{{/if}}|{{ m | number: 1 }}</text:p>"
        let filled = try Rendering.template(body: body).render(["n": 3, "m": .number(Decimal(string: "2.5")!)])
        #expect(try Rendering.paragraphs(filled) == ["drei||komma|punkt||2,5"])
    }

    @Test func aTemplateWithOtherPrefixesForODFNamespacesIsFilled() throws {
        let declarations = "xmlns:t=\"\(ODFNamespace.text)\" xmlns:text=\"urn:example:not-odf-text\" xmlns:vorlage=\"urn:example:not-the-engine\""
        let body = "<t:p>Nummer {{ reference }}</t:p><t:p>{{#each items}}{{ name }}; {{/each}}</t:p><text:fremd>bleibt</text:fremd>"
        let template = try Template(document: try ODFDocument(bytes: Self.flat(body, declarations: declarations), source: "praefix.fodt"), name: "praefix.fodt")
        let filled = try template.render(Rendering.data)
        #expect(try Rendering.paragraphs(filled) == ["Nummer 50/2403/XV/2013", "Sozialausschuss; Kreisausschuss; Kreistag; "])
        let content = try filled.xml("content.xml")
        #expect(content.root.descendantElements { $0.localName == "fremd" }.map(\.namespaceURI) == ["urn:example:not-odf-text"])
        let written = String(decoding: try #require(try filled.data("content.xml")), as: UTF8.self)
        #expect(!written.contains(Template.namespace), "no placeholder is left")
    }
}
