import Foundation
import ODFPackage
import Testing
@testable import Templating
import TestSupport

/// Filling by prepared bytes gives the XML the tree walk gives, on every fixture template.
///
/// The tree walk (``Template/render(_:documents:)``) is the reference: it stays as the path for
/// what bytes cannot express, so the two are compared live, document by document, over a fixed set
/// of seeded random data sets per template.
@Suite struct FillEquivalenceTests {
    /// Every template the project ships and every LibreOffice-made template fixture.
    static let fixtureTemplates: [URL] = [
        Paths.packageRoot.appendingPathComponent("templates/sitzungsvorlage.fodt"),
        Paths.packageRoot.appendingPathComponent("templates/einladung.fodt"),
        Paths.packageRoot.appendingPathComponent("templates/bench/peers.fodt"),
        Paths.fixture("split-markers.odt"),
        Paths.fixture("language.odt"),
        Paths.fixture("libreoffice-letter.ott"),
    ]

    /// Small templates for what the fixtures may lack: names that repetition must keep unique,
    /// `xml:id`s, inline and paragraph conditions, rows, list items and Markdown.
    static let inlineBodies: [String] = [
        #"<text:p>{{#each rows}}<text:bookmark text:name="Marke"/>{{ name }}{{/each}}</text:p><text:p xml:id="p1">{{ title }}</text:p>"#,
        #"<table:table table:name="Liste"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell><table:table-cell><text:p>Wert</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>{{#each rows}}{{ name }}</text:p></table:table-cell><table:table-cell><text:p>{{ value }}{{/each}}</text:p></table:table-cell></table:table-row></table:table>"#,
        #"<text:p>{{#each groups}}</text:p><table:table table:name="Gruppe"><table:table-column/><table:table-row><table:table-cell><text:p xml:id="zelle">{{ name }}</text:p></table:table-cell></table:table-row></table:table><text:p>{{/each}}</text:p>"#,
        #"<text:p>A{{#if flag}}ja {{ title }}{{else}}nein{{/if}}B</text:p><text:p>{{#unless other}}</text:p><text:p>ohne</text:p><text:p>{{else}}</text:p><text:p>mit {{ name }}</text:p><text:p>{{/unless}}</text:p>"#,
        #"<text:list><text:list-item><text:p>{{#each items}}{{ this }}{{/each}}</text:p></text:list-item></text:list>"#,
        #"<text:p text:style-name="Text_20_body">{{ body | markdown }}</text:p><text:p>{{#each parts}}</text:p><text:p>{{ text | markdown }}</text:p><text:p>{{/each}}</text:p>"#,
    ]

    static let dataSets = 12

    static func templates() throws -> [(Template, String)] {
        try fixtureTemplates.map { (try Template(contentsOf: $0), $0.lastPathComponent) }
            + inlineBodies.indices.map { (try Rendering.template(body: inlineBodies[$0], name: "inline-\($0).fodt"), "inline-\($0)") }
    }

    /// The shape of the data `template` reads, from its parts' programs (user fields allowed).
    static func shapes(_ template: Template) throws -> [FillProgram] {
        try Template.filledParts.filter(template.document.contains).compactMap { try FillProgram.compile($0, of: template, shapeOnly: true) }
    }

    @Test(arguments: fixtureTemplates)
    func fixtureTemplate(_ url: URL) throws {
        try compare(try Template(contentsOf: url), name: url.lastPathComponent)
    }

    @Test(arguments: inlineBodies.indices)
    func inlineTemplate(_ index: Int) throws {
        try compare(try Rendering.template(body: Self.inlineBodies[index], name: "inline-\(index).fodt"), name: "inline-\(index)")
    }

    @Test("a part whose own text holds the sentinel has no program, and fills by the tree walk")
    func sentinelTextInTheTemplate() throws {
        let plain = try Rendering.template(body: "<text:p>Vorlage {{ title }}</text:p>", name: "plain.fodt")
        #expect(try FillProgram.compile("content.xml", of: plain) != nil)
        // At the start, in the middle and at the very end of a paragraph's text.
        for text in ["\(FillProgram.open)N1\(FillProgram.close) {{ title }}", "a @@vorlage {{ title }} b\(FillProgram.open)", "{{ title }}x\(FillProgram.open)"] {
            let template = try Rendering.template(body: "<text:p>\(text)</text:p>", name: "sentinel.fodt")
            #expect(try FillProgram.compile("content.xml", of: template) == nil, "\(text)")
            let filled = try template.fill(.map(.init([("title", .string("Haushalt"))])))
            let part = try ODFDocument(bytes: filled, source: "sentinel.odt").data("content.xml")
            let content = String(decoding: try #require(part), as: UTF8.self)
            #expect(content.contains("Haushalt") && content.contains(FillProgram.open), "\(text)")
        }
    }

    @Test("only user fields filled from data keep a fixture template on the tree walk")
    func everyFixtureButUserFieldsHasAPlan() throws {
        for (template, name) in try Self.templates() {
            #expect((FillPlan.make(for: template) != nil) == template.userFields.isEmpty, "\(name)")
        }
    }

    /// Fills `template` with each data set both ways and compares the packages part by part.
    func compare(_ template: Template, name: String) throws {
        let shapes = try Self.shapes(template)
        #expect(!shapes.isEmpty, "\(name): no part could be read for its data's shape")
        var byBytes = 0
        for seed in 1 ... UInt64(Self.dataSets) {
            var random = RandomData(seed: seed)
            var data: Value = .map(.init())
            for program in shapes { random.fill(program.ops, template: template, into: &data) }
            let treeWalk = Result { () throws(FillFailure) in try template.fillByTreeWalk(data) }
            let fast = Result { () throws(FillFailure) in try template.fill(data) }
            switch (treeWalk, fast) {
            case (.success(let expected), .success(let actual)):
                try Self.expectEquivalent(expected, actual, "\(name), seed \(seed)")
                if (try? template.fillByBytes(data, metadata: nil, mediaType: nil)) != nil { byBytes += 1 }
            case (.failure(let expected), .failure(let actual)):
                #expect("\(expected)" == "\(actual)", "\(name), seed \(seed): the two paths report differently")
            default:
                Issue.record("\(name), seed \(seed): one path failed, the other did not: \(treeWalk), \(fast)")
            }
        }
        // Where a plan exists, some data sets must really be filled by bytes, or nothing was compared.
        if FillPlan.make(for: template) != nil {
            #expect(byBytes > 0, "\(name): no data set was filled by bytes")
        }
    }

    @Test("document properties applied after filling are the same on both paths, for .odt written from a template")
    func metadataAndMediaTypeAgree() throws {
        let metadata = DocumentMetadata(title: "Sitzungsvorlage 50/2403/XV/2013: Titel & <mehr>", subject: "Titel", keywords: ["Sitzungsvorlage", "Kreistag"],
                                        language: "de-DE", userDefined: [.init("Vorlagennummer", "50/2403/XV/2013"), .init("Anlagen", "2")])
        for url in Self.fixtureTemplates {
            let template = try Template(contentsOf: url)
            let shapes = try Self.shapes(template)
            var random = RandomData(seed: 2013)
            var data: Value = .map(.init())
            for program in shapes { random.fill(program.ops, template: template, into: &data) }
            let treeWalk = Result { () throws(FillFailure) in try template.fillByTreeWalk(data, metadata: metadata, mediaType: ODFDocument.textMediaType) }
            let fast = Result { () throws(FillFailure) in try template.fill(data, metadata: metadata, mediaType: ODFDocument.textMediaType) }
            guard case .success(let expected) = treeWalk, case .success(let actual) = fast else {
                #expect("\(treeWalk)" == "\(fast)", "\(url.lastPathComponent): the two paths report differently")
                continue
            }
            try Self.expectEquivalent(expected, actual, "\(url.lastPathComponent) with properties")
            let written = try ODFDocument(bytes: actual, source: url.lastPathComponent)
            #expect(written.mediaType == ODFDocument.textMediaType)
            // A template's own custom properties stay beside the applied ones.
            let names = written.metadata.userDefined.map(\.name)
            #expect(written.metadata.title == metadata.title && names.contains("Vorlagennummer") && names.contains("Anlagen"), "\(url.lastPathComponent): \(names)")
        }
    }

    @Test("a part larger than what is deflated at once gives the same XML, and a problem late in it still takes the tree walk")
    func largePartsAreDeflatedInPieces() throws {
        let template = try Rendering.template(body: Self.inlineBodies[4], name: "gross.fodt")
        let items = (0 ..< 20_000).map { Value.string("Tagesordnungspunkt \($0) & <Anlage>") }
        let large: Value = ["items": .list(items)]
        let bytes = try template.fill(large)
        #expect(try template.fillByBytes(large, metadata: nil, mediaType: nil) != nil, "filled by bytes, not by the tree walk")
        try Self.expectEquivalent(try template.fillByTreeWalk(large), bytes, "20,000 items")
        let content = try #require(try ODFDocument(bytes: bytes, source: "gross.odt").data("content.xml"))
        #expect(content.count > 1 << 20, "the part passed the flush size several times: \(content.count) bytes")

        // The last item is a group, which a value cannot show: found after pieces were deflated.
        let broken: Value = ["items": .list(items + [["name": "x"]])]
        let byBytes = Result { () throws(FillFailure) in try template.fill(broken) }
        let byTree = Result { () throws(FillFailure) in try template.fillByTreeWalk(broken) }
        guard case .failure(let failure) = byBytes, case .failure(let expected) = byTree else {
            Issue.record("both paths must refuse a group shown as a value")
            return
        }
        #expect("\(failure)" == "\(expected)")
        // The package is usable again afterwards.
        try Self.expectEquivalent(try template.fillByTreeWalk(large), try template.fill(large), "after a refused document")
    }

    /// Random data in which every plain condition shows its branch: each filled document is valid
    /// ODF and shows every value that is not filtered or inside a branch the data may hide.
    @Test("random data gives valid ODF that shows every value",
          .enabled(if: Paths.sharedIsAvailable, "needs ../shared/odfcheck, absent here; CI always has it"))
    func randomDataShowsEveryValue() throws {
        let folder = TemporaryFolder()
        // A new seed each run keeps exploring; the seed is in every message, to make a failure again.
        let base = UInt64.random(in: 1 ... 1_000_000)
        var checkedWords = 0
        for (template, name) in try Self.templates() {
            let shapes = try Self.shapes(template)
            for offset in 0 ..< 2 {
                let seed = base + UInt64(offset)
                var random = RandomData(seed: seed, showsAll: true)
                var data: Value = .map(.init())
                for program in shapes { random.fill(program.ops, template: template, into: &data) }
                let filled = Result { () throws(FillFailure) in try template.fill(data, mediaType: ODFDocument.textMediaType) }
                guard case .success(let bytes) = filled else {
                    // Data the template refuses (a value its filter cannot take) shows nothing.
                    if case .failure(.template(let errors)) = filled, errors.errors.allSatisfy({ $0.path != nil }) { continue }
                    Issue.record("\(name), seed \(seed): \(filled)")
                    continue
                }
                let document = try ODFDocument(bytes: bytes, source: name)
                let text = try Template.filledParts.filter(document.contains).map { part in
                    try document.xml(part).root.descendantElements { $0.is(ODFNamespace.text, "p") || $0.is(ODFNamespace.text, "h") }
                        .map { ParagraphText($0).displayText }.joined(separator: "\n")
                }.joined(separator: "\n")
                let words = Set(ReadingOrder.words(text).map(String.init))
                for shown in random.shownTexts {
                    checkedWords += ReadingOrder.words(shown).count
                    for word in ReadingOrder.words(shown) where !words.contains(String(word)) && !text.contains(word) {
                        Issue.record("\(name), seed \(seed): „\(word)“ of „\(shown)“ is not in the document")
                    }
                }
                let file = folder.file("\(name)-\(seed).odt")
                try bytes.write(to: file)
                let check = try ExternalTools.odfcheck(file, ["--no-pdf"])
                #expect(check.status == 0, "\(name), seed \(seed): \(check.output)")
            }
        }
        #expect(checkedWords > 100, "too few values were looked for (\(checkedWords) words)")
    }

    /// Same entries in the same order; XML parts equal in canonical form, other entries byte for byte.
    static func expectEquivalent(_ expected: Data, _ actual: Data, _ label: String) throws {
        let left = try ODFDocument(bytes: expected, source: "tree-walk")
        let right = try ODFDocument(bytes: actual, source: "bytes")
        #expect(left.entryNames == right.entryNames, "\(label): entries differ")
        #expect(left.mediaType == right.mediaType, "\(label)")
        let xmlParts = Set(left.xmlPartNames)
        for name in left.entryNames where right.entryNames.contains(name) && !name.hasSuffix("/") {
            if xmlParts.contains(name) {
                let a = String(decoding: try left.xml(name).canonicalized(), as: UTF8.self)
                let b = String(decoding: try right.xml(name).canonicalized(), as: UTF8.self)
                if a != b {
                    let index = zip(a, b).prefix { $0 == $1 }.count
                    Issue.record("\(label): \(name) differs at \(index): …\(a.dropFirst(max(0, index - 80)).prefix(200))… vs …\(b.dropFirst(max(0, index - 80)).prefix(200))…")
                }
            } else {
                #expect(try left.data(name) == right.data(name), "\(label): \(name) differs")
            }
        }
    }
}
