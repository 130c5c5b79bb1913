import Foundation

/// Merges the body of one ODF text document (the annex) into another (the receiver), with
/// everything the body needs. One merger does one merge; see
/// ``ODFDocument/insertBody(of:before:pageStart:options:)``.
///
/// The merger works on its own copy of the annex: it decides every new name first, rewrites the
/// copy's names and references in place, and only then copies the finished nodes into the
/// receiver, so the receiver is changed in one final step.
///
/// The steps, each in its own file:
/// - `+Styles`: fonts, default styles, the styles the body needs (transitively), and their names
///   (automatic styles always renamed with the tag, common styles shared when identical).
/// - `+PageLayout`: master pages, the first page style, `keepsPageLayout: false`.
/// - `+Headings`: outline levels, the annex's heading numbers, fields that show annex metadata.
/// - `+Anchors`: shapes anchored to a page of the annex.
/// - `+Names`: bookmarks, sections, tables, frames, notes, `xml:id`s and declared names.
/// - `+Entries`: pictures and embedded objects, with their manifest entries.
/// - `+Import`: writing the result into the receiver, declarations and body.
final class AnnexMerger {
    typealias NS = ODFNamespace

    let receiver: ODFDocument
    /// The merger's private copy of the annex, changed freely.
    let annex: ODFDocument
    let options: MergeOptions
    var tag: String { options.tag }

    let receiverContent: XMLDocument
    let annexContent: XMLDocument
    let annexStyles: XMLDocument?
    /// The receiver's office:text.
    let receiverText: XMLNode
    /// The annex's office:text.
    let annexText: XMLNode

    let receiverCatalog: StyleCatalog
    let annexCatalog: StyleCatalog

    // Decisions, filled step by step.

    /// Annex font name → new name, for fonts declared differently under the same name.
    var fontRenames: [String: String] = [:]
    /// Families whose default styles differ between the documents (folded into the annex's root styles).
    var differingDefaultFamilies: Set<String> = []
    /// New names by scope: automatic styles, common styles and master pages.
    var styleRenames: [StyleScope: [StyleKey: String]] = [:]
    /// Every definition the annex's body needs, in discovery order.
    var needed: [StyleDefinition] = []
    var neededIDs: Set<DefinitionID> = []
    /// Fonts needed in each receiver part (declared by name after renaming).
    var neededContentFonts: [String] = []
    var neededStylesFonts: [String] = []
    /// The display names given to renamed common styles and master pages.
    var renamedDisplayNames: [DefinitionID: String] = [:]
    /// Automatic styles whose master page reference became a plain page break (`keepsPageLayout: false`).
    var convertedPageBreaks: Set<DefinitionID> = []
    /// Common styles the receiver has already, identical: not copied.
    var sharedCommon: Set<StyleKey> = []
    /// New names of bookmarks, sections, tables, frames, ids and declared names.
    var nameRenames: [NameKind: [String: String]] = [:]
    /// Declarations the receiver has already, identical or shared by name: not copied.
    var sharedDeclarations: Set<StyleKey> = []
    /// Annex entry path (or folder path without `/`) → new path in the receiver.
    var entryRenames: [String: String] = [:]
    var entryOrder: [String] = []
    /// Singleton configurations (notes, line numbering, bibliography) the receiver lacks.
    var copiedSingletons: [XMLNode] = []

    /// The first paragraph, heading or table of the annex body.
    var firstBlock: XMLNode?
    /// The master page the annex's first page uses (annex name), when page layouts are kept.
    var firstMaster: String?
    /// A `style:page-number` the annex's first block had with its master page, moved to `pageStart`.
    var firstPageNumber: String?

    /// The ODF version of the merged document: the newer of the two.
    var targetVersion = "1.3"

    /// Style names in use in either document or handed out by this merge, per kind (ODF keeps
    /// one name space per style family, one for list styles, one for master pages …).
    var takenStyleNames: [NameKind: Set<String>] = [:]
    /// Display names in use, per kind.
    var takenDisplayNames: [NameKind: Set<String>] = [:]

    struct DefinitionID: Hashable {
        var scope: StyleScope
        var key: StyleKey
    }

    init(receiver: ODFDocument, annex: ODFDocument, options: MergeOptions) throws(ODFError) {
        guard StyleNameEncoding.isNCName(options.tag), !options.tag.contains(":") else {
            throw ODFError(.invalidMerge, "Das Kennzeichen „\(options.tag)“ taugt nicht für Formatvorlagennamen; es muss mit einem Buchstaben oder _ beginnen und darf nur Buchstaben, Ziffern, _, - und . enthalten.",
                           hint: "Verwenden Sie ein kurzes Kennzeichen wie A1.")
        }
        self.receiver = receiver
        self.annex = annex
        self.options = options
        receiverContent = try receiver.xml("content.xml")
        annexContent = try annex.xml("content.xml")
        annexStyles = annex.contains("styles.xml") ? try annex.xml("styles.xml") : nil
        guard let receiverText = Self.officeText(receiverContent) else {
            throw ODFError(.invalidMerge, file: receiver.source, part: "content.xml", "Das Dokument hat kein office:body/office:text und ist damit kein Textdokument, in das eine Anlage eingefügt werden kann.")
        }
        guard let annexText = Self.officeText(annexContent) else {
            throw ODFError(.invalidMerge, file: annex.source, part: "content.xml", "Das Dokument hat kein office:body/office:text; nur Textdokumente können als Anlage eingefügt werden.",
                           hint: "Speichern Sie die Anlage als Textdokument (.odt).")
        }
        self.receiverText = receiverText
        self.annexText = annexText
        receiverCatalog = StyleCatalog(content: receiverContent, styles: receiver.contains("styles.xml") ? try receiver.xml("styles.xml") : nil)
        annexCatalog = StyleCatalog(content: annexContent, styles: annexStyles)
        for catalog in [receiverCatalog, annexCatalog] {
            for (kind, names) in catalog.namesByKind { takenStyleNames[kind, default: []].formUnion(names) }
        }
        for catalog in [receiverCatalog, annexCatalog] {
            for (kind, names) in catalog.displayNames {
                takenDisplayNames[kind, default: []].formUnion(names.keys)
                takenDisplayNames[kind, default: []].formUnion(names.values)
            }
        }
    }

    static func officeText(_ content: XMLDocument) -> XMLNode? {
        content.root.firstChild(NS.office, "body")?.firstChild(NS.office, "text")
    }

    /// Runs every step and returns what was inserted.
    func merge(before anchor: XMLNode, pageStart: XMLNode?) throws(ODFError) -> MergeReport {
        try check(anchor: anchor, pageStart: pageStart)
        try adaptVersions()

        // Decide on the annex's copy.
        decideFonts()
        foldDifferingDefaults()
        keepHeadingNumbers()
        anchorPageShapesToParagraphs()
        if !options.keepsPageLayout { dropMasterPageReferences() }
        locateFirstPage(hasPageStart: pageStart != nil)
        collectNeededDefinitions()
        adaptAnnexFields()
        decideStyleNames()
        try decideBodyNames()
        decideEntries()

        // Rewrite the annex's copy (headings first: their levels come from styles by old name).
        shiftOutlineLevels()
        applyRenames()

        // Write into the receiver.
        if let pageStart { try startAnnexPages(at: pageStart) }
        try importStyles()
        try importDeclarations()
        let inserted = importBody(before: anchor)
        let copied = try importEntries()
        return MergeReport(insertedBlockCount: inserted, renamedStyles: renamedStyleReport(), copiedEntries: copied)
    }

    private func check(anchor: XMLNode, pageStart: XMLNode?) throws(ODFError) {
        guard anchor.document === receiverContent, isInside(anchor, receiverText) else {
            throw ODFError(.invalidMerge, file: receiver.source, part: "content.xml", "Die Stelle, vor der die Anlage eingefügt werden soll, liegt nicht im office:text dieses Dokuments.")
        }
        if let pageStart {
            guard pageStart.document === receiverContent, isInside(pageStart, receiverText),
                pageStart.is(NS.text, "p") || pageStart.is(NS.text, "h")
            else {
                throw ODFError(.invalidMerge, file: receiver.source, part: "content.xml", "Der Seitenanfang muss ein Absatz oder eine Überschrift im office:text dieses Dokuments sein.")
            }
        }
    }

    /// Makes both documents speak the same ODF version: a newer annex raises the receiver's
    /// `office:version` (its markup may need the newer schema), and markup older versions allowed
    /// is brought up to date (see ``VersionAdapter``).
    private func adaptVersions() throws(ODFError) {
        let annexVersion = VersionAdapter.version(of: annexContent.root)
        let receiverVersion = VersionAdapter.version(of: receiverContent.root)
        targetVersion = max(annexVersion, receiverVersion)
        if annexVersion > receiverVersion {
            for part in ["content.xml", "styles.xml", "meta.xml", "settings.xml"] where receiver.contains(part) {
                VersionAdapter.setVersion(targetVersion, on: try receiver.xml(part).root)
            }
        }
        guard targetVersion >= "1.2" else { return }
        VersionAdapter.adapt(annexContent.root)
        if let annexStyles { VersionAdapter.adapt(annexStyles.root) }
    }

    private func isInside(_ node: XMLNode, _ ancestor: XMLNode) -> Bool {
        var current = node.parent
        while let parent = current {
            if parent == ancestor { return true }
            current = parent.parent
        }
        return false
    }

    /// The old → new names the report lists: renamed common styles, master pages and fonts.
    private func renamedStyleReport() -> [String: String] {
        var result: [String: String] = [:]
        for scope in [StyleScope.common, .master] {
            for (key, name) in styleRenames[scope] ?? [:] { result[key.name] = name }
        }
        for (name, renamed) in fontRenames { result[name] = renamed }
        return result
    }

    // MARK: Shared helpers

    /// The body's blocks and declarations: every element child of the annex's office:text.
    var annexTextChildren: [XMLNode] { annexText.childElements }

    /// A fresh name of `kind` based on `candidate`, unused in both documents and by this merge.
    func freshStyleName(_ candidate: String, kind: NameKind) -> String {
        var name = candidate
        var counter = 2
        while takenStyleNames[kind]?.contains(name) ?? false {
            name = "\(candidate)_\(counter)"
            counter += 1
        }
        takenStyleNames[kind, default: []].insert(name)
        return name
    }

    /// A fresh display name „display (A1)“ and its encoded style name, unused for `kind`.
    func freshDisplayName(_ display: String, kind: NameKind) -> (name: String, display: String) {
        var counter = 1
        while true {
            let candidate = counter == 1 ? "\(display) (\(tag))" : "\(display) (\(tag) \(counter))"
            let name = StyleNameEncoding.encode(candidate)
            if !(takenStyleNames[kind]?.contains(name) ?? false), !(takenDisplayNames[kind]?.contains(candidate) ?? false) {
                takenStyleNames[kind, default: []].insert(name)
                takenDisplayNames[kind, default: []].insert(candidate)
                return (name, candidate)
            }
            counter += 1
        }
    }
}
