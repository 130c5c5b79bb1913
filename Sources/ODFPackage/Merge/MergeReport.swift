/// What ``ODFDocument/insertBody(of:before:pageStart:options:)`` inserted.
public struct MergeReport: Sendable {
    /// The block elements (paragraphs, headings, lists, tables, sections, frames …) inserted
    /// before the anchor.
    public var insertedBlockCount: Int
    /// The annex's named styles, list styles, data styles, master pages and fonts that were
    /// renamed because the receiving document has a different one of the same name: old
    /// `style:name` to new. A master page and a paragraph style both called „Standard“ share one
    /// key (and get the same new name). Automatic styles, which are always renamed with the tag,
    /// are not listed.
    public var renamedStyles: [String: String]
    /// The package entries copied from the annex, under their new names, in the order written
    /// (`Pictures/A1-logo.png`, `Object A1-1/content.xml` …).
    public var copiedEntries: [String]

    public init(insertedBlockCount: Int = 0, renamedStyles: [String: String] = [:], copiedEntries: [String] = []) {
        self.insertedBlockCount = insertedBlockCount
        self.renamedStyles = renamedStyles
        self.copiedEntries = copiedEntries
    }
}
