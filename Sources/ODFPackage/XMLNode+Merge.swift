import CLibXML2

/// Tree operations the annex merger needs beyond the general ``XMLNode`` API: walking without
/// building arrays, rewriting attribute values in place, and carrying namespace declarations from
/// one document's root to another's.
extension XMLNode {
    /// Calls `body` for this element and every descendant element, in document order.
    ///
    /// The walk reads each node's next sibling after `body` returns, so `body` may change
    /// attributes but must not remove or move nodes.
    func forEachElement(_ body: (XMLNode) throws -> Void) rethrows {
        guard isElement else { return }
        try body(self)
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                try XMLNode(current, in: document).forEachElement(body)
            }
            child = current.pointee.next
        }
    }

    /// Replaces attribute values: `transform` sees each attribute and returns a new value, or nil
    /// to leave it. The attribute keeps its namespace binding (`xml:id` stays `xml:id`).
    func rewriteAttributes(_ transform: (Attribute) -> String?) {
        var property = pointer.pointee.properties
        while let current = property {
            let attribute = attribute(of: current)
            if let replacement = transform(attribute), replacement != attribute.value {
                // xmlSetNsProp finds the existing attribute through its own namespace record and
                // replaces only its value, so `current` stays valid for the walk.
                xmlSetNsProp(pointer, current.pointee.ns, current.pointee.name, replacement)
            }
            property = current.pointee.next
        }
    }

    /// Sets the value of an attribute that exists already, keeping its prefix and namespace
    /// record; does nothing when the element has no such attribute.
    func replaceAttributeValue(_ namespaceURI: String?, _ localName: String, with value: String) {
        guard let attribute = xmlHasNsProp(pointer, localName, namespaceURI) else { return }
        xmlSetNsProp(pointer, attribute.pointee.ns, localName, value)
    }

    /// The namespaces this element declares itself, as (prefix, URI) pairs in document order.
    var namespaceDeclarations: [(prefix: String?, uri: String)] {
        var result: [(prefix: String?, uri: String)] = []
        var current = pointer.pointee.nsDef
        while let declaration = current {
            if let href = declaration.pointee.href {
                result.append((declaration.pointee.prefix.map { String(cString: $0) }, String(cString: href)))
            }
            current = declaration.pointee.next
        }
        return result
    }

    /// Declares on this element every prefixed namespace that `other` declares and whose prefix
    /// is still free here, so that copies from `other`'s document find their namespaces in scope
    /// (and prefixes used inside attribute values, such as `ooow:` in formulas, stay bound).
    func declareNamespaces(of other: XMLNode) {
        var declared = Set(namespaceDeclarations.compactMap(\.prefix))
        for (prefix, uri) in other.namespaceDeclarations {
            guard let prefix, !declared.contains(prefix) else { continue }
            xmlNewNs(pointer, uri, prefix)
            declared.insert(prefix)
        }
    }
}
