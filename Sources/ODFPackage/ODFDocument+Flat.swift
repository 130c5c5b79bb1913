import Foundation

extension ODFDocument {
    /// Reads flat ODF XML (.fodt): one `office:document` element holding what a package splits into
    /// content.xml, styles.xml, meta.xml and settings.xml, with pictures inline as base64.
    ///
    /// Each part is made from a copy of the whole document with the elements of the other parts
    /// removed, so every namespace declaration and attribute of the original survives. Inline
    /// pictures become `Pictures/` entries, referenced by `xlink:href`.
    ///
    /// XML comments are dropped, as LibreOffice drops them when it opens a file: they are notes
    /// for whoever edits the template, and a comment before the root element would otherwise be
    /// copied into every part of every document made from it (content.xml, styles.xml and
    /// meta.xml of each paper carried the 500-byte note of the peers' benchmark template).
    convenience init(flat bytes: Data, source: String, limits: ODFLimits) throws(ODFError) {
        let flat: XMLDocument
        do {
            flat = try XMLDocument(parsing: bytes, partName: (source as NSString).lastPathComponent)
        } catch {
            throw error.inFile(source)
        }
        let office = ODFNamespace.office
        guard flat.root.is(office, "document") else {
            throw ODFError(.notODF, file: source, "Die Datei ist XML, aber kein flaches ODF: ihr Wurzelelement ist <\(flat.root.qualifiedName)>, nicht <office:document>.", hint: "Speichern Sie sie in LibreOffice als „Flaches XML ODF-Textdokument (.fodt)“.")
        }
        let mediaType = flat.root.attribute(office, "mimetype") ?? ODFDocument.textMediaType
        guard mediaType.hasPrefix("application/vnd.oasis.opendocument.") else {
            throw ODFError(.notODF, file: source, "Die Datei gibt office:mimetype „\(mediaType)“ an; das ist kein OpenDocument-Typ.", hint: ODFError.resaveHint)
        }
        flat.removeComments()
        let pictures = Self.extractInlinePictures(flat)

        var entries: [Entry] = []
        func part(_ name: String, root rootName: String, keep: Set<String>) {
            let hasContent = flat.root.childElements.contains { $0.namespaceURI == office && keep.contains($0.localName) }
            guard hasContent else { return }
            let document = flat.copy(partName: name)
            let root = document.root
            root.rename(to: rootName)
            root.removeAttribute(office, "mimetype")
            for child in root.childElements where !(child.namespaceURI == office && keep.contains(child.localName)) {
                child.remove()
            }
            entries.append(Entry(name: name, data: Data(), isDirectory: false, xml: document))
        }
        part("content.xml", root: "document-content", keep: ["scripts", "font-face-decls", "automatic-styles", "body"])
        part("styles.xml", root: "document-styles", keep: ["font-face-decls", "styles", "automatic-styles", "master-styles"])
        part("meta.xml", root: "document-meta", keep: ["meta"])
        part("settings.xml", root: "document-settings", keep: ["settings"])
        guard let content = entries.first(where: { $0.name == "content.xml" })?.xml,
              content.root.firstChild(office, "body") != nil else {
            throw ODFError(.missingPart, file: source, part: "office:body", "Das flache Dokument hat keinen Textkörper (office:body fehlt).", hint: ODFError.resaveHint)
        }
        if let styles = entries.first(where: { $0.name == "styles.xml" })?.xml {
            Self.splitAutomaticStyles(content: content, styles: styles)
        } else {
            Self.splitAutomaticStyles(content: content, styles: nil)
        }
        for (name, data) in pictures {
            entries.append(Entry(name: name, data: data, isDirectory: false))
        }
        self.init(mediaType: mediaType, source: source, entries: entries, limits: limits)
    }

    /// Leaves content.xml the automatic styles its body uses (page layouts belong to styles.xml),
    /// and styles.xml the page layouts plus the automatic styles its master pages use.
    private static func splitAutomaticStyles(content: XMLDocument, styles: XMLDocument?) {
        let office = ODFNamespace.office
        let style = ODFNamespace.style
        if let automatic = content.root.firstChild(office, "automatic-styles") {
            for layout in automatic.childElements where layout.is(style, "page-layout") { layout.remove() }
        }
        guard let styles, let automatic = styles.root.firstChild(office, "automatic-styles") else { return }
        var used = Set<String>()
        if let masters = styles.root.firstChild(office, "master-styles") {
            for element in [masters] + masters.descendantElements() {
                for attribute in element.attributes where attribute.localName.hasSuffix("style-name") || attribute.localName == "page-layout-name" {
                    used.insert(attribute.value)
                }
            }
        }
        for definition in automatic.childElements {
            let name = definition.attribute(style, "name") ?? ""
            if !definition.is(style, "page-layout") && !used.contains(name) { definition.remove() }
        }
    }

    /// Replaces every `office:binary-data` with a `Pictures/` entry and an `xlink:href` on its
    /// parent; names are numbered in document order, so the same input gives the same names.
    private static func extractInlinePictures(_ flat: XMLDocument) -> [(String, Data)] {
        var pictures: [(String, Data)] = []
        let inline = flat.root.descendantElements { $0.is(ODFNamespace.office, "binary-data") }
        for binary in inline {
            guard let owner = binary.parent,
                  let data = Data(base64Encoded: binary.textContent, options: .ignoreUnknownCharacters) else { continue }
            let name = "Pictures/image\(pictures.count + 1).\(pictureExtension(data))"
            pictures.append((name, data))
            let xlink = ODFNamespace.xlink
            owner.setAttribute(xlink, "href", prefix: "xlink", to: name)
            owner.setAttribute(xlink, "type", prefix: "xlink", to: "simple")
            owner.setAttribute(xlink, "show", prefix: "xlink", to: "embed")
            owner.setAttribute(xlink, "actuate", prefix: "xlink", to: "onLoad")
            binary.remove()
        }
        return pictures
    }

    /// The file extension for picture bytes, from their magic number.
    static func pictureExtension(_ data: Data) -> String {
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "png" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if data.starts(with: Array("GIF8".utf8)) { return "gif" }
        if data.starts(with: [0x25, 0x50, 0x44, 0x46]) { return "pdf" }
        if data.starts(with: [0xD7, 0xCD, 0xC6, 0x9A]) { return "wmf" }
        if data.starts(with: [0x01, 0x00, 0x00, 0x00]) { return "emf" }
        if data.starts(with: Array("BM".utf8)) { return "bmp" }
        if String(decoding: data.prefix(256), as: UTF8.self).contains("<svg") { return "svg" }
        return "bin"
    }
}
