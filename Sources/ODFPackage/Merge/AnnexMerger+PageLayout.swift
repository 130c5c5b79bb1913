extension AnnexMerger {
    // MARK: keepsPageLayout: false

    /// Takes every master page reference out of the annex's styles, so its content flows on the
    /// receiver's page styles. A paragraph or table that started a new page style still starts a
    /// new page: the reference becomes `fo:break-before="page"`.
    func dropMasterPageReferences() {
        let scopes: [(StyleScope, [StyleKey: StyleDefinition])] = [
            (.contentAutomatic, annexCatalog.contentAutomatic), (.stylesAutomatic, annexCatalog.stylesAutomatic),
            (.common, annexCatalog.common),
        ]
        for (scope, definitions) in scopes {
            for definition in definitions.values.sorted(by: { $0.ordinal < $1.ordinal }) {
                let node = definition.node
                guard node.is(NS.style, "style"), let master = node.attribute(NS.style, "master-page-name") else { continue }
                node.removeAttribute(NS.style, "master-page-name")
                guard !master.isEmpty, let properties = Self.breakProperties(of: node, create: true),
                    properties.attribute(NS.fo, "break-before") == nil
                else { continue }
                properties.setAttribute(NS.fo, "break-before", prefix: "fo", to: "page")
                convertedPageBreaks.insert(DefinitionID(scope: scope, key: definition.key))
            }
        }
        for node in annexCatalog.singletons.values {
            node.removeAttribute(NS.text, "master-page-name")
        }
    }

    /// The properties element that holds `fo:break-before` for a paragraph or table style.
    static func breakProperties(of style: XMLNode, create: Bool) -> XMLNode? {
        let local: String
        switch MergeVocabulary.family(of: style) {
        case "paragraph": local = "paragraph-properties"
        case "table": local = "table-properties"
        default: return nil
        }
        if let existing = style.firstChild(NS.style, local) { return existing }
        guard create else { return nil }
        return PropertyOrder.insertNew(local, into: style)
    }

    // MARK: The first page

    /// Finds the annex's first block and the master page its first page uses, and makes the
    /// first block's style fit: without a master page reference of its own when a page start
    /// paragraph in the receiver carries it (otherwise it would break the page again), with the
    /// first master page when there is no page start, and without a page break converted by
    /// ``dropMasterPageReferences()`` when the page start paragraph begins the annex.
    func locateFirstPage(hasPageStart: Bool) {
        firstBlock = Self.firstBlock(in: annexTextChildren)
        let style = firstBlock.flatMap(blockStyle)
        guard options.keepsPageLayout else {
            if hasPageStart, let firstBlock, let style, style.scope == .contentAutomatic,
                convertedPageBreaks.contains(DefinitionID(scope: style.scope, key: style.key))
            {
                deriveStyle(of: firstBlock, from: style) { derived in
                    Self.breakProperties(of: derived, create: false)?.removeAttribute(NS.fo, "break-before")
                }
            }
            return
        }
        let own = style.flatMap { $0.node.attribute(NS.style, "master-page-name") }.flatMap { $0.isEmpty ? nil : $0 }
        if let own, annexCatalog.masters[own] != nil {
            firstMaster = own
        } else if annexCatalog.masters["Standard"] != nil {
            firstMaster = "Standard"
        } else {
            firstMaster = annexCatalog.masterOrder.first
        }
        guard let firstBlock, let firstMaster else { return }
        if hasPageStart {
            guard own != nil, let style else { return }
            deriveStyle(of: firstBlock, from: style) { derived in
                derived.removeAttribute(NS.style, "master-page-name")
                if let properties = derived.firstChild(NS.style, "paragraph-properties") ?? derived.firstChild(NS.style, "table-properties"),
                    let number = properties.attribute(NS.style, "page-number")
                {
                    self.firstPageNumber = number
                    properties.removeAttribute(NS.style, "page-number")
                }
            }
        } else if own != firstMaster {
            deriveStyle(of: firstBlock, from: style) { derived in
                derived.setAttribute(NS.style, "master-page-name", prefix: "style", to: firstMaster)
            }
        }
    }

    /// The first paragraph, heading or table of a body, looking into sections, lists and indexes.
    static func firstBlock(in nodes: [XMLNode]) -> XMLNode? {
        for node in nodes {
            if node.is(NS.text, "p") || node.is(NS.text, "h") || node.is(NS.table, "table") { return node }
            let descends = node.is(NS.text, "section") || node.is(NS.text, "list") || node.is(NS.text, "list-item")
                || node.is(NS.text, "list-header") || node.is(NS.text, "index-body") || node.is(NS.text, "index-title")
                || node.is(NS.text, "table-of-content") || node.is(NS.text, "alphabetical-index")
                || node.is(NS.text, "illustration-index") || node.is(NS.text, "table-index")
                || node.is(NS.text, "object-index") || node.is(NS.text, "user-index") || node.is(NS.text, "bibliography")
            if descends, let found = firstBlock(in: node.childElements) { return found }
        }
        return nil
    }

    /// The style attribute of a block: `text:style-name` of a paragraph, `table:style-name` of a table.
    static func styleAttribute(of block: XMLNode) -> (namespace: String, family: String) {
        block.is(NS.table, "table") ? (NS.table, "table") : (NS.text, "paragraph")
    }

    /// The annex style a block uses, if any.
    func blockStyle(_ block: XMLNode) -> StyleDefinition? {
        let attribute = Self.styleAttribute(of: block)
        guard let name = block.attribute(attribute.namespace, "style-name"), !name.isEmpty else { return nil }
        return annexCatalog.resolve(.style(attribute.family), name, from: .content)
    }

    /// Gives `block` a new automatic style of its own: a copy of its automatic style, or one
    /// whose parent is its common style; `change` then adapts it.
    func deriveStyle(of block: XMLNode, from style: StyleDefinition?, change: (XMLNode) -> Void) {
        let attribute = Self.styleAttribute(of: block)
        let derived: XMLNode
        let name: String
        if let style, style.scope == .contentAutomatic {
            name = freshStyleName(style.key.name + "_first", kind: style.key.kind)
            derived = style.node.cloneAfter()
            derived.replaceAttributeValue(NS.style, "name", with: name)
        } else {
            name = freshStyleName(attribute.family == "table" ? "FirstTable" : "FirstParagraph", kind: .style(attribute.family))
            derived = annexContent.makeElement(NS.style, "style", prefix: "style")
            derived.setAttribute(NS.style, "name", prefix: "style", to: name)
            derived.setAttribute(NS.style, "family", prefix: "style", to: attribute.family)
            if let style { derived.setAttribute(NS.style, "parent-style-name", prefix: "style", to: style.key.name) }
            annexAutomaticStyles().append(derived)
        }
        change(derived)
        annexCatalog.add(derived, scope: .contentAutomatic)
        block.setAttribute(attribute.namespace, "style-name", prefix: attribute.namespace == NS.table ? "table" : "text", to: name)
    }

    /// Makes the receiver's `pageStart` paragraph start the annex's first page style: it gets an
    /// automatic style derived from its own with the (renamed) first master page.
    func startAnnexPages(at pageStart: XMLNode) throws(ODFError) {
        guard options.keepsPageLayout, let firstMaster, let master = annexCatalog.masters[firstMaster] else { return }
        let masterName = styleRenames[.master]?[master.key] ?? firstMaster
        let current = pageStart.attribute(NS.text, "style-name").flatMap { $0.isEmpty ? nil : $0 }
        let name = freshStyleName(tag + "PageStart", kind: .style("paragraph"))
        let style: XMLNode
        if let current, let automatic = receiverCatalog.contentAutomatic[StyleKey(kind: .style("paragraph"), name: current)] {
            style = automatic.node.cloneAfter()
            style.replaceAttributeValue(NS.style, "name", with: name)
        } else {
            style = receiverContent.makeElement(NS.style, "style", prefix: "style")
            style.setAttribute(NS.style, "name", prefix: "style", to: name)
            style.setAttribute(NS.style, "family", prefix: "style", to: "paragraph")
            if let current { style.setAttribute(NS.style, "parent-style-name", prefix: "style", to: current) }
            OrderedChildren.container(NS.office, "automatic-styles", prefix: "office", in: receiverContent.root, order: OrderedChildren.contentRoot)
                .append(style)
        }
        style.setAttribute(NS.style, "master-page-name", prefix: "style", to: masterName)
        if let firstPageNumber, let properties = Self.breakProperties(of: style, create: true) {
            properties.setAttribute(NS.style, "page-number", prefix: "style", to: firstPageNumber)
        }
        pageStart.setAttribute(NS.text, "style-name", prefix: "text", to: name)
    }
}
