extension AnnexMerger {
    /// Re-anchors the annex's page-anchored frames and shapes to a paragraph of their page.
    ///
    /// A shape anchored to page N (`text:anchor-type="page"`, `text:anchor-page-number`) would land
    /// on page N of the merged document, among the receiver's pages. It moves into the first
    /// paragraph of the annex's page N instead (found by the soft page breaks LibreOffice records;
    /// the first paragraph when there are none) and is anchored to that paragraph, keeping its
    /// position relative to the page.
    func anchorPageShapesToParagraphs() {
        let shapes = annexTextChildren.filter {
            ($0.namespaceURI == NS.drawing || $0.namespaceURI == NS.dr3d) && $0.attribute(NS.text, "anchor-type") == "page"
        }
        guard !shapes.isEmpty else { return }
        let pageStarts = paragraphsStartingPages()
        guard let first = pageStarts.first else { return }
        for shape in shapes {
            let page = shape.attribute(NS.text, "anchor-page-number").flatMap { Int($0) } ?? 1
            let target = page >= 1 && page <= pageStarts.count ? pageStarts[page - 1] : first
            keepPagePosition(of: shape)
            shape.setAttribute(NS.text, "anchor-type", prefix: "text", to: "paragraph")
            shape.removeAttribute(NS.text, "anchor-page-number")
            if let firstChild = target.firstChild { firstChild.insertBefore(shape) } else { target.append(shape) }
        }
    }

    /// The first paragraph or heading of each page of the annex, as far as soft page breaks tell.
    private func paragraphsStartingPages() -> [XMLNode] {
        var starts: [XMLNode] = []
        var pageBroken = true
        for child in annexTextChildren where OrderedChildren.rank(of: child, in: OrderedChildren.textPrelude) == nil {
            child.forEachElement { element in
                if element.is(NS.text, "soft-page-break") {
                    pageBroken = true
                } else if pageBroken, element.is(NS.text, "p") || element.is(NS.text, "h"), !Self.isInsideShape(element) {
                    starts.append(element)
                    pageBroken = false
                }
            }
        }
        return starts
    }

    private static func isInsideShape(_ element: XMLNode) -> Bool {
        var current = element.parent
        while let parent = current {
            if parent.namespaceURI == NS.drawing || parent.is(NS.text, "note") { return true }
            current = parent.parent
        }
        return false
    }

    /// Makes a shape's position stay relative to the page once it is anchored to a paragraph:
    /// its automatic style gets `style:vertical-rel` and `style:horizontal-rel` of `page` where
    /// it has none (a paragraph anchor would otherwise measure from the paragraph).
    private func keepPagePosition(of shape: XMLNode) {
        let name = shape.attribute(NS.drawing, "style-name") ?? ""
        let existing = name.isEmpty ? nil : annexCatalog.resolve(.style("graphic"), name, from: .content)
        let properties = existing?.node.firstChild(NS.style, "graphic-properties")
        guard properties?.attribute(NS.style, "vertical-rel") == nil || properties?.attribute(NS.style, "horizontal-rel") == nil else { return }
        let style: XMLNode
        if let existing, existing.scope == .contentAutomatic {
            style = existing.node
        } else {
            style = annexContent.makeElement(NS.style, "style", prefix: "style")
            style.setAttribute(NS.style, "name", prefix: "style", to: freshStyleName("PageShape", kind: .style("graphic")))
            style.setAttribute(NS.style, "family", prefix: "style", to: "graphic")
            if existing != nil { style.setAttribute(NS.style, "parent-style-name", prefix: "style", to: name) }
            annexAutomaticStyles().append(style)
            annexCatalog.add(style, scope: .contentAutomatic)
            shape.setAttribute(NS.drawing, "style-name", prefix: "draw", to: style.attribute(NS.style, "name") ?? "")
        }
        let graphic = style.firstChild(NS.style, "graphic-properties") ?? PropertyOrder.insertNew("graphic-properties", into: style)
        for attribute in ["vertical-rel", "horizontal-rel"] where graphic.attribute(NS.style, attribute) == nil {
            graphic.setAttribute(NS.style, attribute, prefix: "style", to: "page")
        }
    }
}
