/// The order the ODF schema gives the property elements of a style (`style:graphic-properties`
/// before `style:paragraph-properties` before `style:text-properties` …); `style:map` and
/// anything else come after them.
enum PropertyOrder {
    private static let names = [
        "chart-properties", "graphic-properties", "drawing-page-properties", "page-layout-properties",
        "header-footer-properties", "section-properties", "ruby-properties", "table-properties",
        "table-column-properties", "table-row-properties", "table-cell-properties", "paragraph-properties",
        "text-properties",
    ]

    /// The rank of a child of a style; unknown children rank last.
    static func rank(_ localName: String) -> Int {
        names.firstIndex(of: localName) ?? names.count
    }

    /// Inserts a copy of `property` (from any document) into `style` at its schema place.
    @discardableResult
    static func insertCopy(of property: XMLNode, into style: XMLNode) -> XMLNode {
        let own = rank(property.localName)
        for child in style.childElements where rank(child.localName) > own {
            return child.insertCopyBefore(property)
        }
        return style.appendCopy(of: property)
    }

    /// Inserts a new, empty property element `style:localName` into `style` at its schema place.
    @discardableResult
    static func insertNew(_ localName: String, into style: XMLNode) -> XMLNode {
        let made = style.document.makeElement(ODFNamespace.style, localName, prefix: "style")
        let own = rank(localName)
        for child in style.childElements where rank(child.localName) > own {
            return child.insertBefore(made)
        }
        return style.append(made)
    }
}
