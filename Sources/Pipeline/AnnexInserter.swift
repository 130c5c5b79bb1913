import Council
import ODFPackage
import Templating

/// Merges the paper's ODF annexes where the template's `{{ document | document }}` markers stand.
///
/// Each annex keeps its page layout unless its data says otherwise; its first page style starts at the cover heading before the
/// marker (the template's „Anlage N“), and its headings move below that heading's outline level,
/// so an exported PDF's bookmarks read Vorlage → Anlage N → the annex's own chapters.
final class AnnexInserter: DocumentInserter {
    let annexes: AnnexSet

    init(_ annexes: AnnexSet) {
        self.annexes = annexes
    }

    func insertDocument(named key: String, before paragraph: XMLNode, in package: ODFDocument) throws(ODFError) {
        guard let (annex, keepsOwnPageLayout) = annexes.document(key) else {
            throw ODFError(.missingPart, part: key, "Unter dem Schlüssel \(key) ist keine ODF-Anlage zum Einfügen vorgesehen.")
        }
        let cover = Self.coverHeading(before: paragraph)
        let level = cover.flatMap { Int($0.attribute(ODFNamespace.text, "outline-level") ?? "1") } ?? 0
        try package.insertBody(of: annex, before: paragraph, pageStart: cover,
                               options: MergeOptions(tag: key, outlineLevelOffset: level, keepsPageLayout: keepsOwnPageLayout))
    }

    /// The nearest heading before the marker's paragraph, within its repetition: the cover heading.
    static func coverHeading(before paragraph: XMLNode) -> XMLNode? {
        var node = paragraph.previousSibling
        while let current = node {
            if current.is(ODFNamespace.text, "h") { return current }
            if current.is(ODFNamespace.text, "p") || current.kind == .text || current.kind == .comment {
                node = current.previousSibling
                continue
            }
            return nil
        }
        return nil
    }
}
