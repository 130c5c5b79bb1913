import ODFPackage

/// Keeps names unique that ODF wants unique, after repetition copied their owners.
///
/// A repeated section, table, frame or bookmark would otherwise appear under one name several
/// times: LibreOffice renames such copies silently and cross-references break. The first
/// occurrence keeps its name; the n-th copy gets „name (n)“. Bookmark starts and ends are counted
/// separately, so the n-th start and the n-th end of a name stay a pair. Copied `xml:id`s, which
/// must be unique and which nothing in a filled document can refer to, are dropped.
enum UniqueNames {
    static let named: [(namespace: String, element: String, attributeNamespace: String, attribute: String)] = [
        (ODFNamespace.text, "section", ODFNamespace.text, "name"),
        (ODFNamespace.table, "table", ODFNamespace.table, "name"),
        (ODFNamespace.drawing, "frame", ODFNamespace.drawing, "name"),
        (ODFNamespace.text, "bookmark", ODFNamespace.text, "name"),
        (ODFNamespace.text, "bookmark-start", ODFNamespace.text, "name"),
        (ODFNamespace.text, "bookmark-end", ODFNamespace.text, "name"),
    ]

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    static func restore(in xml: XMLDocument) {
        let elements = xml.root.descendantElements()
        for rule in named {
            var seen: [String: Int] = [:]
            for element in elements where element.is(rule.namespace, rule.element) {
                guard let name = element.attribute(rule.attributeNamespace, rule.attribute) else { continue }
                let count = (seen[name] ?? 0) + 1
                seen[name] = count
                if count > 1 {
                    element.setAttribute(rule.attributeNamespace, rule.attribute, prefix: element.prefix ?? "text", to: "\(name) (\(count))")
                }
            }
        }
        var ids = Set<String>()
        for element in elements {
            guard let id = element.attribute(xmlNamespace, "id") else { continue }
            if !ids.insert(id).inserted { element.removeAttribute(xmlNamespace, "id") }
        }
    }
}
