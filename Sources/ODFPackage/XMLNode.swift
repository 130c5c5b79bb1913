import CLibXML2

/// A node inside an ``XMLDocument``: an element, a text node, a comment or another kind.
///
/// The handle keeps its document alive. Its validity follows the tree: after ``remove()`` the
/// node is freed, and neither it nor handles to its descendants may be used again.
public struct XMLNode {
    let pointer: xmlNodePtr
    /// The document the node belongs to.
    public let document: XMLDocument

    init(_ pointer: xmlNodePtr, in document: XMLDocument) {
        self.pointer = pointer
        self.document = document
    }

    /// The kinds of node the template and package layers tell apart.
    public enum Kind: Sendable {
        case element, text, cdata, comment, processingInstruction, other
    }

    public var kind: Kind {
        switch pointer.pointee.type {
        case XML_ELEMENT_NODE: .element
        case XML_TEXT_NODE: .text
        case XML_CDATA_SECTION_NODE: .cdata
        case XML_COMMENT_NODE: .comment
        case XML_PI_NODE: .processingInstruction
        default: .other
        }
    }

    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The local name of an element (`p` for `text:p`).
    public var localName: String { String(cString: pointer.pointee.name) }

    /// The namespace URI of an element, or nil for none.
    public var namespaceURI: String? {
        pointer.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
    }

    /// The prefix an element is written with, or nil for the default namespace.
    public var prefix: String? {
        pointer.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } }
    }

    /// The qualified name as written (`text:p`).
    public var qualifiedName: String { prefix.map { "\($0):\(localName)" } ?? localName }

    /// True for an element with this namespace and local name.
    public func `is`(_ namespaceURI: String, _ localName: String) -> Bool {
        guard isElement, let ns = pointer.pointee.ns, let href = ns.pointee.href else { return false }
        return xmlStrEqual(pointer.pointee.name, localName) != 0 && xmlStrEqual(href, namespaceURI) != 0
    }

    // MARK: Navigation

    public var parent: XMLNode? {
        guard let parent = pointer.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return XMLNode(parent, in: document)
    }

    public var firstChild: XMLNode? { pointer.pointee.children.map { XMLNode($0, in: document) } }
    public var lastChild: XMLNode? { pointer.pointee.last.map { XMLNode($0, in: document) } }
    public var nextSibling: XMLNode? { pointer.pointee.next.map { XMLNode($0, in: document) } }
    public var previousSibling: XMLNode? { pointer.pointee.prev.map { XMLNode($0, in: document) } }

    /// The child nodes, in document order.
    public var children: [XMLNode] {
        var result: [XMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            result.append(XMLNode(current, in: document))
            child = current.pointee.next
        }
        return result
    }

    /// The child elements, in document order.
    public var childElements: [XMLNode] { children.filter(\.isElement) }

    /// The first child element with this namespace and local name.
    public func firstChild(_ namespaceURI: String, _ localName: String) -> XMLNode? {
        var child = pointer.pointee.children
        while let current = child {
            let node = XMLNode(current, in: document)
            if node.is(namespaceURI, localName) { return node }
            child = current.pointee.next
        }
        return nil
    }

    /// Every descendant element in document order, the node itself excluded.
    public func descendantElements(where include: (XMLNode) -> Bool = { _ in true }) -> [XMLNode] {
        var result: [XMLNode] = []
        func walk(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    let element = XMLNode(current, in: document)
                    if include(element) { result.append(element) }
                    walk(current)
                }
                child = current.pointee.next
            }
        }
        walk(pointer)
        return result
    }

    // MARK: Text

    /// The text of a text, CDATA or comment node; for an element, all its descendant text joined.
    public var textContent: String {
        LibXML2.takeString(xmlNodeGetContent(pointer)) ?? ""
    }

    /// Replaces the text of a text node, taken as it is (escaped when written).
    public func setText(_ text: String) {
        precondition(pointer.pointee.type == XML_TEXT_NODE, "setText is for text nodes")
        xmlNodeSetContent(pointer, nil)
        xmlNodeAddContent(pointer, text)
    }

    // MARK: Attributes

    /// The value of the attribute in namespace `namespaceURI` (nil for no namespace) named `localName`.
    public func attribute(_ namespaceURI: String?, _ localName: String) -> String? {
        if let namespaceURI {
            return LibXML2.takeString(xmlGetNsProp(pointer, localName, namespaceURI))
        }
        return LibXML2.takeString(xmlGetNoNsProp(pointer, localName))
    }

    /// Sets an attribute; the value is taken as it is (escaped when written, never parsed).
    public func setAttribute(_ namespaceURI: String, _ localName: String, prefix: String, to value: String) {
        let namespace = document.namespacePointer(namespaceURI, prefix: prefix)
        xmlSetNsProp(pointer, namespace, localName, value)
    }

    /// Removes an attribute if present.
    public func removeAttribute(_ namespaceURI: String?, _ localName: String) {
        let attribute = namespaceURI.map { xmlHasNsProp(pointer, localName, $0) } ?? xmlHasNsProp(pointer, localName, nil)
        if let attribute { xmlRemoveProp(attribute) }
    }

    /// One attribute of an element, as written.
    public struct Attribute: Hashable, Sendable {
        public var namespaceURI: String?
        public var prefix: String?
        public var localName: String
        public var value: String
    }

    /// All attributes of an element, in document order.
    public var attributes: [Attribute] {
        var result: [Attribute] = []
        var property = pointer.pointee.properties
        while let current = property {
            result.append(attribute(of: current))
            property = current.pointee.next
        }
        return result
    }

    /// One attribute record of this element, read into a value.
    func attribute(of property: xmlAttrPtr) -> Attribute {
        let ns = property.pointee.ns
        return Attribute(
            namespaceURI: ns.flatMap { $0.pointee.href.map { String(cString: $0) } },
            prefix: ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } },
            localName: String(cString: property.pointee.name),
            value: LibXML2.takeString(xmlNodeListGetString(pointer.pointee.doc, property.pointee.children, 1)) ?? "")
    }

    // MARK: Changing the tree

    /// Appends `child` (new, or moved from elsewhere in this document) as the last child.
    /// Adjacent text may merge; use the returned node.
    @discardableResult
    public func append(_ child: XMLNode) -> XMLNode {
        // xmlAddChild links without unlinking; a node moved from elsewhere must leave its old place first.
        xmlUnlinkNode(child.pointer)
        return XMLNode(xmlAddChild(pointer, child.pointer), in: document)
    }

    /// Inserts `node` right before this node. Adjacent text may merge; use the returned node.
    @discardableResult
    public func insertBefore(_ node: XMLNode) -> XMLNode {
        XMLNode(xmlAddPrevSibling(pointer, node.pointer), in: document)
    }

    /// Inserts `node` right after this node. Adjacent text may merge; use the returned node.
    @discardableResult
    public func insertAfter(_ node: XMLNode) -> XMLNode {
        XMLNode(xmlAddNextSibling(pointer, node.pointer), in: document)
    }

    /// Takes the node out of the tree and frees it with its descendants.
    public func remove() {
        xmlUnlinkNode(pointer)
        xmlFreeNode(pointer)
    }

    /// Removes the declaration of namespace `uri` from this element, for a namespace no longer used.
    ///
    /// libxml2 nodes point at their namespace's record, and freeing a record that a node still
    /// uses leaves that node dangling. So the declaration stays when an element or attribute of
    /// the document still uses it (the result is then false), and a removed record is kept alive
    /// until the document is freed, for nodes that were taken out of the tree but not freed.
    @discardableResult
    public func removeNamespaceDeclaration(_ uri: String) -> Bool {
        var previous: xmlNsPtr? = nil
        var current = pointer.pointee.nsDef
        while let declaration = current {
            if let href = declaration.pointee.href, xmlStrEqual(href, uri) != 0 {
                guard !document.usesNamespace(declaration) else { return false }
                if let previous { previous.pointee.next = declaration.pointee.next } else { pointer.pointee.nsDef = declaration.pointee.next }
                declaration.pointee.next = nil
                document.retiredNamespaces.append(declaration)
                return true
            }
            previous = declaration
            current = declaration.pointee.next
        }
        return false
    }

    /// Renames an element, keeping its namespace.
    public func rename(to localName: String) {
        xmlNodeSetName(pointer, localName)
    }

    /// A deep copy placed right after this node; namespaces already declared in scope are reused.
    @discardableResult
    public func cloneAfter() -> XMLNode {
        placeCopy(of: self) { xmlAddNextSibling(pointer, $0) }
    }

    /// A deep copy of `node` (from any document) placed right before this node.
    /// Adjacent text may merge; use the returned node.
    @discardableResult
    public func insertCopyBefore(_ node: XMLNode) -> XMLNode {
        placeCopy(of: node) { xmlAddPrevSibling(pointer, $0) }
    }

    /// A deep copy of `node` (from any document) appended as the last child of this node.
    /// Adjacent text may merge; use the returned node.
    @discardableResult
    public func appendCopy(of node: XMLNode) -> XMLNode {
        placeCopy(of: node) { xmlAddChild(pointer, $0) }
    }

    /// Copies `node` into this node's document, links the copy with `link`, and drops namespace
    /// declarations the copy repeats from its new ancestors.
    private func placeCopy(of node: XMLNode, link: (xmlNodePtr) -> xmlNodePtr?) -> XMLNode {
        let copy = xmlDocCopyNode(node.pointer, pointer.pointee.doc, 1)!
        let placed = link(copy)!
        if placed.pointee.type == XML_ELEMENT_NODE {
            xmlDOMWrapReconcileNamespaces(nil, placed, vorlage_reconcile_remove_redundant)
        }
        return XMLNode(placed, in: document)
    }
}

extension XMLNode: Equatable {
    public static func == (lhs: XMLNode, rhs: XMLNode) -> Bool { lhs.pointer == rhs.pointer }
}

@available(*, unavailable, message: "libxml2 nodes must not cross threads")
extension XMLNode: Sendable {}
