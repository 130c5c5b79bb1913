import Council
import Foundation
import ODFPackage
import Templating

/// `vorlage-bench [fill] [--documents N] [--annex-out FILE.odt]`: the template engine on its own.
///
/// 1. Filling: the default template compiled once, then filled for N submissions (each with its
///    own reference and a Markdown Sachverhalt) and packed into .odt bytes; also written to disk.
/// 2. Merging: a generated annex of about 100 pages merged into the example submission.
/// The peers' figures from ../shared/DESIGN.md §6 are printed beside ours for comparison.
enum FillBench {
    static func run(_ arguments: [String]) throws {
        let documents = arguments.firstIndex(of: "--documents").flatMap { Int(arguments[$0 + 1]) } ?? 200
        let templateURL = BenchPaths.root.appendingPathComponent("templates/sitzungsvorlage.fodt")

        // MARK: 1. Filling

        let paper = try Paper(contentsOf: BenchPaths.seedPaper)
        var template: Template!
        let compile = try seconds { template = try Template(contentsOf: templateURL) }
        let datasets: [Value] = (0..<documents).map { index in
            var data = paper.templateData
            if case .map(var map) = data {
                map["reference"] = .string("50/\(2400 + index)/XV/2013")
                map["auxiliaryFile"] = .list([])
                data = .map(map)
            }
            return data
        }
        var bytes = 0
        let fill = try seconds {
            for data in datasets {
                bytes += try template.fill(data).count
            }
        }
        let treeWalk = try seconds {
            for data in datasets {
                _ = try template.fillByTreeWalk(data)
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vorlage-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fillAndWrite = try seconds {
            for (index, data) in datasets.enumerated() {
                try AtomicFile.write(try template.fill(data, mediaType: ODFDocument.textMediaType), to: folder.appendingPathComponent("vorlage-\(index).odt"))
            }
        }
        print("Filling the default template (compiled once in \(milliseconds(compile))), \(documents) submissions:")
        print("  fill + pack in memory: \(milliseconds(fill / Double(documents))) per document, \(Int(Double(documents) / fill)) documents/s, \(bytes / documents) bytes each")
        print("  the same by the tree walk: \(milliseconds(treeWalk / Double(documents))) per document, \(Int(Double(documents) / treeWalk)) documents/s")
        print("  fill + pack + write:   \(milliseconds(fillAndWrite / Double(documents))) per document, \(Int(Double(documents) / fillAndWrite)) documents/s")
        print("  peers (DESIGN.md §6, same machine class): py3o ~20 ms, secretary ~15 ms, appy.pod ~11–15 ms, relatorio ~3–4 ms, floor ~1.1 ms per document")

        // MARK: 2. Merging a 100-page annex

        let annex = try ODFDocument(bytes: largeAnnex(), source: "generated 100-page annex")
        // `--annex-out FILE.odt` writes the generated annex, to count its pages with LibreOffice.
        if let index = arguments.firstIndex(of: "--annex-out") {
            try annex.write(to: URL(fileURLWithPath: arguments[index + 1]))
        }
        let submission = try template.render(paper.templateData.removingAnnexes)
        var runs: [Double] = []
        for _ in 0..<5 {
            let receiver = submission.copy()
            let text = try receiver.xml("content.xml").root.firstChild(ODFNamespace.office, "body")!.firstChild(ODFNamespace.office, "text")!
            let anchor = text.append(text.document.makeElement(ODFNamespace.text, "p", prefix: "text"))
            runs.append(try seconds {
                try receiver.insertBody(of: annex, before: anchor, pageStart: nil, options: MergeOptions(tag: "A1", outlineLevelOffset: 1))
            })
        }
        let paragraphs = try annex.xml("content.xml").root.descendantElements { $0.is(ODFNamespace.text, "p") || $0.is(ODFNamespace.text, "h") }.count
        print("Merging a generated annex of \(paragraphs) paragraphs (about 100 pages) into the example submission, 5 runs:")
        print("  best \(milliseconds(runs.min()!)), median \(milliseconds(runs.sorted()[2])), worst \(milliseconds(runs.max()!))")
    }

    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func milliseconds(_ value: Double) -> String { String(format: "%.2f ms", value * 1000) }

    /// A flat ODF text of about 100 pages: chapters, paragraphs, lists and a table per chapter.
    static func largeAnnex(chapters: Int = 60) -> Data {
        let sentence = "Die Kommunen des Kreises stimmen ihre Angebote zur Sprachförderung, Beratung und Bildung miteinander ab, damit Familien aus allen Städten und Gemeinden sie gleichermaßen erreichen können."
        var body = ""
        for chapter in 1...chapters {
            body += "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Kapitel \(chapter)</text:h>\n"
            for paragraph in 1...14 {
                body += "<text:p text:style-name=\"Text_20_body\">\(paragraph). \(sentence) \(sentence)</text:p>\n"
            }
            body += "<text:list text:style-name=\"L1\">"
            for item in 1...6 { body += "<text:list-item><text:p text:style-name=\"P1\">Maßnahme \(chapter).\(item)</text:p></text:list-item>" }
            body += "</text:list>\n<table:table table:name=\"Tabelle\(chapter)\"><table:table-column table:number-columns-repeated=\"3\"/>"
            for row in 1...5 {
                body += "<table:table-row>" + (1...3).map { "<table:table-cell office:value-type=\"string\"><text:p>Zeile \(row), Spalte \($0)</text:p></table:table-cell>" }.joined() + "</table:table-row>"
            }
            body += "</table:table>\n"
        }
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
        <office:styles><style:style style:name="Standard" style:family="paragraph"/><style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.25cm"/></style:style><style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style></office:styles>
        <office:automatic-styles><style:style style:name="P1" style:family="paragraph" style:list-style-name="L1"/><text:list-style style:name="L1"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.635cm" fo:margin-left="1.27cm"/></style:list-level-properties></text:list-level-style-bullet></text:list-style><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/></style:page-layout></office:automatic-styles>
        <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
        <office:body><office:text>
        \(body)</office:text></office:body></office:document>
        """
        return Data(xml.utf8)
    }
}

extension Value {
    /// The same paper data without annexes, so the receiver is the bare submission.
    var removingAnnexes: Value {
        guard case .map(var map) = self else { return self }
        map["auxiliaryFile"] = .list([])
        return .map(map)
    }
}
