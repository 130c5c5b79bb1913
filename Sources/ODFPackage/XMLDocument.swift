public import Foundation
import CLibXML2

/// One parsed XML part (content.xml, styles.xml, …), owning its libxml2 document.
///
/// Parsing is safe for untrusted input: no network access, no DTD loading, no entity
/// substitution, and a document that declares a DOCTYPE is refused (ODF parts never have one).
/// The document is not `Sendable`: libxml2 documents must not be shared between threads. Use
/// ``copy()`` to hand an independent copy to another task.
public final class XMLDocument {
    let pointer: xmlDocPtr
    /// The part name used in error messages, such as `content.xml`.
    public let partName: String
    /// Namespace records taken off their element by ``XMLNode/removeNamespaceDeclaration(_:)``.
    ///
    /// libxml2 frees a record only when nothing points at it any more; a node detached from the
    /// tree may still do, so the records live as long as the document and are freed after it.
    var retiredNamespaces: [xmlNsPtr] = []

    /// Parses `data` as the XML part `partName`.
    public init(parsing data: Data, partName: String) throws(ODFError) {
        LibXML2.initialize()
        guard data.count < Int(Int32.max) else {
            throw ODFError(.limitExceeded, part: partName, "Der Teil ist zu groß zum Lesen (\(data.count) Bytes).")
        }
        guard let context = xmlNewParserCtxt() else {
            throw ODFError(.malformedXML, part: partName, "libxml2 kann keinen Parser anlegen (zu wenig Arbeitsspeicher).")
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = data.withUnsafeBytes { raw in
            let base = raw.bindMemory(to: CChar.self).baseAddress
            return xmlCtxtReadMemory(context, base, Int32(raw.count), partName, nil, options)
        }
        guard let parsed, context.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            throw LibXML2.parseError(context, partName: partName)
        }
        // A DOCTYPE that only names an external DTD (as OpenOffice Basic libraries do) is harmless:
        // the DTD is never loaded. One that declares anything (entities above all) is refused.
        if let subset = parsed.pointee.intSubset, subset.pointee.children != nil {
            xmlFreeDoc(parsed)
            throw ODFError(
                .forbiddenMarkup, part: partName,
                "Der Teil deklariert Entitäten oder anderes Markup in einer Dokumenttypdeklaration (<!DOCTYPE … [ … ]>); ODF-Teile tun das nie, und Entitäten können Dateien lesen oder ins Unermessliche wachsen.",
                hint: ODFError.resaveHint)
        }
        guard xmlDocGetRootElement(parsed) != nil else {
            xmlFreeDoc(parsed)
            throw ODFError(.malformedXML, part: partName, "Der Teil hat kein Wurzelelement.", hint: ODFError.resaveHint)
        }
        self.pointer = parsed
        self.partName = partName
    }

    /// Takes ownership of a document libxml2 created.
    init(owning pointer: xmlDocPtr, partName: String) {
        self.pointer = pointer
        self.partName = partName
    }

    deinit {
        xmlFreeDoc(pointer)
        for namespace in retiredNamespaces { xmlFreeNs(namespace) }
    }

    /// The root element.
    public var root: XMLNode {
        // A document without a root is refused at parse time and never created otherwise.
        XMLNode(xmlDocGetRootElement(pointer)!, in: self)
    }

    /// The document as UTF-8 XML with its declaration, exactly as libxml2 serializes it.
    ///
    /// Throws when libxml2 cannot write the document (out of memory), so that an empty part is
    /// never written in its place.
    public func serialized() throws(ODFError) -> Data {
        var buffer: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(pointer, &buffer, &size, "UTF-8")
        return try LibXML2.takeSerialization(buffer, size: size, partName: partName)
    }

    /// The document in Canonical XML 1.0 form without comments: equal for equivalent documents
    /// (attribute order, quoting, namespace declaration placement and empty-element form aside).
    public func canonicalized() throws(ODFError) -> Data {
        var buffer: UnsafeMutablePointer<xmlChar>?
        let size = xmlC14NDocDumpMemory(pointer, nil, Int32(XML_C14N_1_0.rawValue), nil, 0, &buffer)
        guard size >= 0, let buffer else {
            throw ODFError(.malformedXML, part: partName, "Der Teil kann nicht in kanonischer Form geschrieben werden.")
        }
        defer { vorlage_xml_free(buffer) }
        return Data(bytes: buffer, count: Int(size))
    }

    /// An independent deep copy, for filling a template without touching the original.
    public func copy(partName: String? = nil) -> XMLDocument {
        XMLDocument(owning: xmlCopyDoc(pointer, 1), partName: partName ?? self.partName)
    }

    /// Removes every comment, those before and after the root element included.
    func removeComments() {
        func sweep(_ first: xmlNodePtr?) {
            var node = first
            while let current = node {
                node = current.pointee.next
                if current.pointee.type == XML_COMMENT_NODE {
                    xmlUnlinkNode(current)
                    xmlFreeNode(current)
                } else if current.pointee.type == XML_ELEMENT_NODE {
                    sweep(current.pointee.children)
                }
            }
        }
        sweep(pointer.pointee.children)
    }

    /// Creates an element in the namespace `uri`, declared with `prefix` on the root if the
    /// document does not declare that namespace yet. The element is not yet in the tree.
    public func makeElement(_ uri: String, _ localName: String, prefix: String) -> XMLNode {
        let namespace = namespacePointer(uri, prefix: prefix)
        let node = xmlNewDocNode(pointer, namespace, localName, nil)!
        return XMLNode(node, in: self)
    }

    /// Creates a text node holding `text` as it is (it is escaped when the document is written).
    public func makeText(_ text: String) -> XMLNode {
        let node = text.withCString { xmlNewDocTextLen(pointer, $0, Int32(strlen($0))) }!
        return XMLNode(node, in: self)
    }

    /// True when an element or attribute in the tree points at the namespace record `namespace`.
    func usesNamespace(_ namespace: xmlNsPtr) -> Bool {
        func uses(_ node: xmlNodePtr) -> Bool {
            if node.pointee.ns == namespace { return true }
            var property = node.pointee.properties
            while let attribute = property {
                if attribute.pointee.ns == namespace { return true }
                property = attribute.pointee.next
            }
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, uses(current) { return true }
                child = current.pointee.next
            }
            return false
        }
        return xmlDocGetRootElement(pointer).map(uses) ?? false
    }

    /// The namespace record for `uri`, declared on the root element when missing.
    ///
    /// Namespaces are matched by URI: a part that writes ODF's text namespace as `t:` gets `t:`
    /// elements. When the part binds `prefix` to another URI on its root, the namespace is
    /// declared with the first free prefix `prefix1`, `prefix2`, … instead, so the part's own
    /// elements keep their meaning.
    func namespacePointer(_ uri: String, prefix: String) -> xmlNsPtr {
        let root = xmlDocGetRootElement(pointer)!
        if let existing = xmlSearchNsByHref(pointer, root, uri) { return existing }
        var candidate = prefix
        var number = 0
        // xmlNewNs refuses (returns NULL for) a prefix the element declares already.
        while xmlSearchNs(pointer, root, candidate) != nil {
            number += 1
            candidate = "\(prefix)\(number)"
        }
        guard let made = xmlNewNs(root, uri, candidate) else {
            // The prefix is free, so only an exhausted allocator ends here, as in any allocation.
            preconditionFailure("libxml2 cannot declare a namespace in \(partName) (out of memory)")
        }
        return made
    }
}

@available(*, unavailable, message: "libxml2 documents must not cross threads; copy() one for each task")
extension XMLDocument: Sendable {}
