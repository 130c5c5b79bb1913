import Foundation

extension AnnexMerger {
    // MARK: Styles

    /// Copies the fonts, automatic styles, common styles, configurations and master pages the
    /// annex needs into the receiver's content.xml and styles.xml, under their new names.
    func importStyles() throws(ODFError) {
        let contentRoot = receiverContent.root
        contentRoot.declareNamespaces(of: annexContent.root)
        importFonts(neededContentFonts, into: contentRoot, declared: receiverCatalog.contentFontNames, order: OrderedChildren.contentRoot)
        let automatic = needed.filter { $0.scope == .contentAutomatic }
        if !automatic.isEmpty {
            let container = OrderedChildren.container(NS.office, "automatic-styles", prefix: "office", in: contentRoot, order: OrderedChildren.contentRoot)
            for definition in automatic { container.appendCopy(of: definition.node) }
        }

        let common = needed.filter { $0.scope == .common && !sharedCommon.contains($0.key) }
        let stylesAutomatic = needed.filter { $0.scope == .stylesAutomatic }
        let masters = needed.filter { $0.scope == .master }
        guard !(common.isEmpty && stylesAutomatic.isEmpty && masters.isEmpty && copiedSingletons.isEmpty && neededStylesFonts.isEmpty) else { return }
        let stylesRoot = try receiverStyles().root
        if let annexStyles { stylesRoot.declareNamespaces(of: annexStyles.root) }
        importFonts(neededStylesFonts, into: stylesRoot, declared: receiverCatalog.stylesFontNames, order: OrderedChildren.stylesRoot)
        if !common.isEmpty || !copiedSingletons.isEmpty {
            let container = OrderedChildren.container(NS.office, "styles", prefix: "office", in: stylesRoot, order: OrderedChildren.stylesRoot)
            for definition in common { container.appendCopy(of: definition.node) }
            for node in copiedSingletons { container.appendCopy(of: node) }
        }
        if !stylesAutomatic.isEmpty {
            let container = OrderedChildren.container(NS.office, "automatic-styles", prefix: "office", in: stylesRoot, order: OrderedChildren.stylesRoot)
            for definition in stylesAutomatic { container.appendCopy(of: definition.node) }
        }
        if !masters.isEmpty {
            let container = OrderedChildren.container(NS.office, "master-styles", prefix: "office", in: stylesRoot, order: OrderedChildren.stylesRoot)
            for definition in masters { container.appendCopy(of: definition.node) }
        }
    }

    /// Declares the annex's fonts `names` (under their new names) in one receiver part, unless
    /// the part declares them already.
    private func importFonts(_ names: [String], into root: XMLNode, declared: Set<String>, order: [OrderedChildren.Name]) {
        var present = declared
        for name in names {
            let renamed = fontRenames[name] ?? name
            guard !present.contains(renamed), let font = annexCatalog.fonts[name] else { continue }
            let container = OrderedChildren.container(NS.office, "font-face-decls", prefix: "office", in: root, order: order)
            let copy = container.appendCopy(of: font.node)
            copy.replaceAttributeValue(NS.style, "name", with: renamed)
            present.insert(renamed)
        }
    }

    /// The receiver's styles.xml, created (empty, with the content's ODF version) when missing.
    private func receiverStyles() throws(ODFError) -> XMLDocument {
        if receiver.contains("styles.xml") { return try receiver.xml("styles.xml") }
        let version = receiverContent.root.attribute(NS.office, "version").map { " office:version=\"\($0)\"" } ?? ""
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles xmlns:office=\"\(NS.office)\" xmlns:style=\"\(NS.style)\"\(version)/>"
        let document = try XMLDocument(parsing: Data(text.utf8), partName: "styles.xml")
        try receiver.setXML(document, for: "styles.xml")
        return document
    }

    // MARK: Declarations

    /// Merges the annex's declarations (the start and end of office:text) into the receiver's:
    /// forms, tracked changes, variables, sequences, user fields, DDE connections, validations,
    /// label ranges and the table functions, each created at its place in the schema's order
    /// when the receiver has none.
    func importDeclarations() throws(ODFError) {
        for child in annexTextChildren {
            if OrderedChildren.rank(of: child, in: OrderedChildren.textPrelude) != nil {
                mergeDeclarations(child, order: OrderedChildren.textPrelude, unknownFollow: true)
            } else if OrderedChildren.rank(of: child, in: OrderedChildren.textEpilogue) != nil {
                mergeDeclarations(child, order: OrderedChildren.textEpilogue, unknownFollow: false)
            }
        }
    }

    private func mergeDeclarations(_ declarations: XMLNode, order: [OrderedChildren.Name], unknownFollow: Bool) {
        guard let namespace = declarations.namespaceURI else { return }
        let local = declarations.localName
        let existing = receiverText.firstChild(namespace, local)
        let children = declarations.childElements
        switch local {
        case "alphabetical-index-auto-mark-file", "calculation-settings", "consolidation":
            // One of its kind: the receiver's own wins.
            if existing == nil { insertCopy(of: declarations, order: order, unknownFollow: unknownFollow) }
            return
        default:
            break
        }
        guard !children.isEmpty else { return }
        guard let existing else {
            let copy = insertCopy(of: declarations, order: order, unknownFollow: unknownFollow)
            if local == "tracked-changes" {
                // A receiver that had no tracked changes did not record changes: keep it so.
                copy.setAttribute(NS.text, "track-changes", prefix: "text", to: "false")
            }
            for child in copy.childElements where isShared(child) { child.remove() }
            return
        }
        // Table functions (named ranges, database ranges …) of a name the receiver has: the
        // receiver's win. Everything else is added: shared declarations were dropped above.
        let isTableFunction = OrderedChildren.rank(of: declarations, in: OrderedChildren.textEpilogue) != nil
        let present = Set(existing.childElements.compactMap { Self.declaredName(of: $0) })
        for child in children where !isShared(child) {
            if isTableFunction, let name = Self.declaredName(of: child), present.contains(name) { continue }
            existing.appendCopy(of: child)
        }
    }

    @discardableResult
    private func insertCopy(of node: XMLNode, order: [OrderedChildren.Name], unknownFollow: Bool) -> XMLNode {
        if let before = OrderedChildren.insertionPoint(for: node, in: receiverText, order: order, unknownFollow: unknownFollow) {
            return before.insertCopyBefore(node)
        }
        return receiverText.appendCopy(of: node)
    }

    /// True for a declaration the receiver has already (identical, or shared by name).
    private func isShared(_ declaration: XMLNode) -> Bool {
        for attribute in declaration.attributes {
            if case .definition(let kind) = MergeVocabulary.role(of: attribute, on: declaration) {
                return sharedDeclarations.contains(StyleKey(kind: kind, name: attribute.value))
            }
        }
        return false
    }

    /// The `table:name` (or `text:name`, `office:name`) a declaration is known by.
    private static func declaredName(of node: XMLNode) -> String? {
        node.attribute(NS.table, "name") ?? node.attribute(NS.text, "name") ?? node.attribute(NS.office, "name")
    }

    // MARK: Body

    /// Copies the annex's body (office:text without its declarations) before `anchor` and
    /// returns how many elements were inserted.
    func importBody(before anchor: XMLNode) -> Int {
        var count = 0
        for child in annexTextChildren {
            guard OrderedChildren.rank(of: child, in: OrderedChildren.textPrelude) == nil,
                OrderedChildren.rank(of: child, in: OrderedChildren.textEpilogue) == nil
            else { continue }
            anchor.insertCopyBefore(child)
            count += 1
        }
        return count
    }
}
