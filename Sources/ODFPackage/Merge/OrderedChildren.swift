/// Finds or creates the containers whose order the ODF schema fixes: the parts of a document
/// root (fonts, styles, body) and the declarations at the start and end of office:text.
enum OrderedChildren {
    typealias Name = (namespace: String, localName: String)
    private typealias NS = ODFNamespace

    /// office:document-content, in schema order.
    static let contentRoot: [Name] = [
        (NS.office, "scripts"), (NS.office, "font-face-decls"), (NS.office, "automatic-styles"), (NS.office, "body"),
    ]
    /// office:document-styles, in schema order.
    static let stylesRoot: [Name] = [
        (NS.office, "font-face-decls"), (NS.office, "styles"), (NS.office, "automatic-styles"), (NS.office, "master-styles"),
    ]
    /// The declarations that open office:text (ODF 1.2–1.4 `office-text-content-prelude`), in order.
    static let textPrelude: [Name] = [
        (NS.office, "forms"), (NS.text, "tracked-changes"), (NS.text, "variable-decls"), (NS.text, "sequence-decls"),
        (NS.text, "user-field-decls"), (NS.text, "dde-connection-decls"), (NS.text, "alphabetical-index-auto-mark-file"),
        (NS.table, "calculation-settings"), (NS.table, "content-validations"), (NS.table, "label-ranges"),
    ]
    /// The elements that close office:text (`office-text-content-epilogue`, the table functions), in order.
    static let textEpilogue: [Name] = [
        (NS.table, "named-expressions"), (NS.table, "database-ranges"), (NS.table, "data-pilot-tables"),
        (NS.table, "consolidation"), (NS.table, "dde-links"),
    ]

    /// The position of `node` in `order`, or nil when it is not one of them.
    static func rank(of node: XMLNode, in order: [Name]) -> Int? {
        order.firstIndex { node.is($0.namespace, $0.localName) }
    }

    /// The child `namespace:localName` of `parent`, created at its place in `order` when missing.
    /// Children not in `order` count as coming after the ordered ones when `unknownFollow`
    /// (the body after the prelude), else as coming before them (the body before the epilogue).
    static func container(_ namespace: String, _ localName: String, prefix: String, in parent: XMLNode, order: [Name], unknownFollow: Bool = true) -> XMLNode {
        if let existing = parent.firstChild(namespace, localName) { return existing }
        let made = parent.document.makeElement(namespace, localName, prefix: prefix)
        if let before = insertionPoint(for: made, in: parent, order: order, unknownFollow: unknownFollow) {
            return before.insertBefore(made)
        }
        return parent.append(made)
    }

    /// The child of `parent` that a new `node` must be inserted before to keep `order`, or nil
    /// when it goes last.
    static func insertionPoint(for node: XMLNode, in parent: XMLNode, order: [Name], unknownFollow: Bool) -> XMLNode? {
        let own = rank(of: node, in: order) ?? order.count
        for child in parent.childElements {
            if let rank = rank(of: child, in: order) {
                if rank > own { return child }
            } else if unknownFollow {
                return child
            }
        }
        return nil
    }
}
