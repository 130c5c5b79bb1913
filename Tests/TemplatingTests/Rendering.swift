import Foundation
import ODFPackage
@testable import Templating
import TestSupport

/// Helpers that read a filled document the way a reader sees it.
enum Rendering {
    static let data: Value = [
        "reference": "50/2403/XV/2013",
        "kind": "Sitzungsvorlage",
        "note": "Hinweis",
        "body": ["name": "Rhein-Kreis Neuss"],
        "items": [
            ["name": "Sozialausschuss", "date": .date(CivilDate(year: 2013, month: 1, day: 31)!)],
            ["name": "Kreisausschuss", "date": .date(CivilDate(year: 2013, month: 2, day: 27)!)],
            ["name": "Kreistag", "date": .date(CivilDate(year: 2013, month: 3, day: 6)!)],
        ],
    ]

    /// The LibreOffice-made template with split markers, compiled.
    static func splitMarkers() throws -> Template {
        try Template(contentsOf: Paths.fixture("split-markers.odt"))
    }

    /// The text of every paragraph and heading of a part, as a reader sees it.
    static func paragraphs(_ document: ODFDocument, _ part: String = "content.xml") throws -> [String] {
        try document.xml(part).root
            .descendantElements { $0.is(ODFNamespace.text, "p") || $0.is(ODFNamespace.text, "h") }
            .map { ParagraphText($0).displayText }
    }

    /// The first paragraph of the body that starts with `prefix`.
    static func paragraph(_ document: ODFDocument, startingWith prefix: String) throws -> XMLNode? {
        try document.xml("content.xml").root
            .descendantElements { $0.is(ODFNamespace.text, "p") }
            .first { ParagraphText($0).displayText.hasPrefix(prefix) }
    }

    /// A one-paragraph template holding `text` (already XML) in its body, as a package.
    static func template(body: String, name: String = "inline.fodt") throws -> Template {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="\(ODFNamespace.office)" xmlns:text="\(ODFNamespace.text)" xmlns:table="\(ODFNamespace.table)" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>\(body)</office:text></office:body></office:document>
        """
        return try Template(document: try ODFDocument(bytes: Data(xml.utf8), source: name), name: name)
    }
}
