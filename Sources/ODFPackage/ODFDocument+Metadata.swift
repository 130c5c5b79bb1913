import Foundation

extension ODFDocument {
    /// Writes document properties into meta.xml (created when the package has none).
    ///
    /// Given fields replace the package's; keywords replace all keywords; a custom property
    /// replaces one of the same name and is added otherwise. Other properties stay as they were.
    public func apply(_ metadata: DocumentMetadata) throws(ODFError) {
        if !contains("meta.xml") {
            let version = officeVersion.map { " office:version=\"\($0)\"" } ?? ""
            let empty = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta xmlns:office=\"\(ODFNamespace.office)\" xmlns:meta=\"\(ODFNamespace.meta)\" xmlns:dc=\"\(ODFNamespace.dc)\"\(version)><office:meta/></office:document-meta>"
            try setXML(try XMLDocument(parsing: Data(empty.utf8), partName: "meta.xml"), for: "meta.xml")
        }
        do {
            try xml("meta.xml").apply(metadata)
        } catch {
            throw error.inFile(source)
        }
    }
}

extension XMLDocument {
    /// Writes document properties into this meta.xml part, as ``ODFDocument/apply(_:)`` does.
    public func apply(_ metadata: DocumentMetadata) throws(ODFError) {
        let meta = self
        guard let properties = meta.root.firstChild(ODFNamespace.office, "meta") else {
            throw ODFError(.missingPart, part: partName, "Der Teil hat kein Element office:meta.", hint: ODFError.resaveHint)
        }
        func set(_ namespace: String, _ name: String, prefix: String, to value: String?) {
            guard let value else { return }
            for old in properties.childElements where old.is(namespace, name) { old.remove() }
            let element = meta.makeElement(namespace, name, prefix: prefix)
            element.append(meta.makeText(value))
            properties.append(element)
        }
        set(ODFNamespace.dc, "title", prefix: "dc", to: metadata.title)
        set(ODFNamespace.dc, "subject", prefix: "dc", to: metadata.subject)
        set(ODFNamespace.dc, "description", prefix: "dc", to: metadata.description)
        set(ODFNamespace.dc, "language", prefix: "dc", to: metadata.language)
        if !metadata.keywords.isEmpty {
            for old in properties.childElements where old.is(ODFNamespace.meta, "keyword") { old.remove() }
            for keyword in metadata.keywords {
                let element = meta.makeElement(ODFNamespace.meta, "keyword", prefix: "meta")
                element.append(meta.makeText(keyword))
                properties.append(element)
            }
        }
        for property in metadata.userDefined {
            for old in properties.childElements where old.is(ODFNamespace.meta, "user-defined") && old.attribute(ODFNamespace.meta, "name") == property.name {
                old.remove()
            }
            let element = meta.makeElement(ODFNamespace.meta, "user-defined", prefix: "meta")
            element.setAttribute(ODFNamespace.meta, "name", prefix: "meta", to: property.name)
            element.setAttribute(ODFNamespace.meta, "value-type", prefix: "meta", to: "string")
            element.append(meta.makeText(property.value))
            properties.append(element)
        }
    }

}

extension ODFDocument {
    /// The document properties as meta.xml states them.
    public var metadata: DocumentMetadata {
        guard let meta = try? xml("meta.xml"), let properties = meta.root.firstChild(ODFNamespace.office, "meta") else {
            return DocumentMetadata()
        }
        func text(_ namespace: String, _ name: String) -> String? {
            properties.firstChild(namespace, name)?.textContent
        }
        return DocumentMetadata(
            title: text(ODFNamespace.dc, "title"), subject: text(ODFNamespace.dc, "subject"),
            keywords: properties.childElements.filter { $0.is(ODFNamespace.meta, "keyword") }.map(\.textContent),
            description: text(ODFNamespace.dc, "description"), language: text(ODFNamespace.dc, "language"),
            userDefined: properties.childElements.filter { $0.is(ODFNamespace.meta, "user-defined") }
                .map { DocumentMetadata.Property($0.attribute(ODFNamespace.meta, "name") ?? "", $0.textContent) })
    }
}
