import CLibXML2
public import Foundation

extension XMLNode {
    /// The node and its descendants as UTF-8 XML, written the way the whole document is written.
    ///
    /// Namespaces declared on ancestors are not repeated: the bytes belong inside the document the
    /// node is part of, at the node's place.
    public func serialized() throws(ODFError) -> Data {
        guard let buffer = xmlBufferCreate() else {
            throw ODFError(.writeFailed, part: document.partName, "Der Teil kann nicht als XML geschrieben werden (zu wenig Arbeitsspeicher).")
        }
        defer { xmlBufferFree(buffer) }
        guard let context = xmlSaveToBuffer(buffer, "UTF-8", 0) else {
            throw ODFError(.writeFailed, part: document.partName, "Der Teil kann nicht als XML geschrieben werden (zu wenig Arbeitsspeicher).")
        }
        let written = xmlSaveTree(context, pointer)
        let closed = xmlSaveClose(context)
        guard written >= 0, closed >= 0, let content = xmlBufferContent(buffer) else {
            throw ODFError(.writeFailed, part: document.partName, "Der Teil kann nicht als XML geschrieben werden.")
        }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }
}

extension XMLNode {
    /// How many namespaces this element declares itself.
    public var namespaceDeclarationCount: Int {
        var count = 0
        var current = pointer.pointee.nsDef
        while let declaration = current {
            count += 1
            current = declaration.pointee.next
        }
        return count
    }
}

extension XMLDocument {
    /// The prefix the root element has in scope for the namespace `uri`: "" when it is the default
    /// namespace, nil when the root does not know the namespace.
    public func prefix(forNamespace uri: String) -> String? {
        guard let root = xmlDocGetRootElement(pointer), let namespace = xmlSearchNsByHref(pointer, root, uri) else { return nil }
        return namespace.pointee.prefix.map { String(cString: $0) } ?? ""
    }
}
