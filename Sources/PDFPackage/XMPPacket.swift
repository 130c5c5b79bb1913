import Foundation

/// The text of an XMP metadata packet, changed property by property so that the rest stays as it was.
///
/// XMP is RDF/XML inside an `<?xpacket …?>` wrapper. The packets LibreOffice writes have one
/// `rdf:Description` per schema, each declaring its namespace, with simple properties as elements
/// and whitespace padding before `<?xpacket end="w"?>`. The editor finds a property by the prefix
/// the packet binds to its namespace (not by a fixed prefix), in element form
/// (`<xmp:CreateDate>…</xmp:CreateDate>`) or attribute form (`xmp:CreateDate="…"`), and adds a
/// missing one to the `rdf:Description` that declares its namespace, or to a new one. The wrapper,
/// the padding and every property it is not asked to change stay byte for byte.
struct XMPPacket {
    /// Namespace URIs of the schemas this layer writes or reads.
    enum Namespace {
        static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        static let xmp = "http://ns.adobe.com/xap/1.0/"
        static let xmpMM = "http://ns.adobe.com/xap/1.0/mm/"
        static let dc = "http://purl.org/dc/elements/1.1/"
        static let pdfaid = "http://www.aiim.org/pdfa/ns/id/"
    }

    /// A property: its namespace, its local name, and the prefix used when the packet binds none.
    struct Property: Hashable {
        let namespace: String
        let name: String
        let preferredPrefix: String

        static let createDate = Property(namespace: Namespace.xmp, name: "CreateDate", preferredPrefix: "xmp")
        static let modifyDate = Property(namespace: Namespace.xmp, name: "ModifyDate", preferredPrefix: "xmp")
        static let metadataDate = Property(namespace: Namespace.xmp, name: "MetadataDate", preferredPrefix: "xmp")
        static let documentID = Property(namespace: Namespace.xmpMM, name: "DocumentID", preferredPrefix: "xmpMM")
        static let instanceID = Property(namespace: Namespace.xmpMM, name: "InstanceID", preferredPrefix: "xmpMM")
        static let originalDocumentID = Property(namespace: Namespace.xmpMM, name: "OriginalDocumentID", preferredPrefix: "xmpMM")
        static let title = Property(namespace: Namespace.dc, name: "title", preferredPrefix: "dc")
        static let pdfaPart = Property(namespace: Namespace.pdfaid, name: "part", preferredPrefix: "pdfaid")
        static let pdfaConformance = Property(namespace: Namespace.pdfaid, name: "conformance", preferredPrefix: "pdfaid")
    }

    private(set) var text: String
    /// The prefix the packet binds to the RDF namespace (`rdf` in every packet seen so far).
    private let rdf: String

    /// Reads a packet; throws (naming `file`) when it is not UTF-8 or has no `rdf:RDF` element.
    init(_ data: Data, file: String) throws(PDFError) {
        let text = String(decoding: data, as: UTF8.self)
        // Decoding replaces bytes that are not UTF-8; then the text no longer gives the bytes back.
        guard text.utf8.elementsEqual(data) else {
            throw PDFError(.metadata, file: file, "Die XMP-Metadaten der PDF-Datei sind nicht UTF-8.")
        }
        self.text = text
        guard let rdf = Self.prefix(for: Namespace.rdf, in: text), text.contains("</\(rdf):RDF>") else {
            throw PDFError(.metadata, file: file, "Die XMP-Metadaten der PDF-Datei haben kein Element rdf:RDF.")
        }
        self.rdf = rdf
    }

    /// The packet's bytes (UTF-8).
    var data: Data { Data(text.utf8) }

    // MARK: Reading

    /// The text of a simple property (element or attribute form), as written (still escaped);
    /// nil when the packet does not have it.
    func value(of property: Property) -> String? {
        guard let prefix = Self.prefix(for: property.namespace, in: text) else { return nil }
        let qualified = "\(prefix):\(property.name)"
        if let element = elements(qualified).first {
            return element.content.map { String(text[$0]) } ?? ""
        }
        if let value = attributeValues(qualified).first {
            return String(text[value].dropFirst().dropLast())
        }
        return nil
    }

    /// True when the packet has `property` in either form.
    func contains(_ property: Property) -> Bool { value(of: property) != nil }

    // MARK: Changing

    /// Sets a simple property to `value` (escaped here), adding the property when it is missing.
    mutating func set(_ property: Property, to value: String) {
        let escaped = Self.escaped(value)
        if replace(property, elementContent: escaped, attributeValue: escaped) { return }
        add(property, markup: escaped)
    }

    /// Sets a language alternative (such as `dc:title`) to the single default-language value
    /// `value`, replacing whatever languages it had.
    mutating func setAlternative(_ property: Property, to value: String) {
        let markup = "\n    <\(rdf):Alt>\n     <\(rdf):li xml:lang=\"x-default\">\(Self.escaped(value))</\(rdf):li>\n    </\(rdf):Alt>\n   "
        if replace(property, elementContent: markup, attributeValue: nil) { return }
        add(property, markup: markup)
    }

    /// Changes every occurrence of `property`; false when there is none (or only an attribute
    /// and `attributeValue` is nil).
    private mutating func replace(_ property: Property, elementContent: String, attributeValue: String?) -> Bool {
        guard let prefix = Self.prefix(for: property.namespace, in: text) else { return false }
        let qualified = "\(prefix):\(property.name)"
        var edits: [(Range<String.Index>, String)] = elements(qualified).map { element in
            if let content = element.content { return (content, elementContent) }
            return (element.whole, "<\(qualified)>\(elementContent)</\(qualified)>")
        }
        if let attributeValue {
            edits += attributeValues(qualified).map { ($0, "\"\(attributeValue)\"") }
        }
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            text.replaceSubrange(range, with: replacement)
        }
        return !edits.isEmpty
    }

    /// Adds `property` to the `rdf:Description` that declares its namespace, or to a new one
    /// before `</rdf:RDF>` (with the same `rdf:about` as the others, as XMP requires).
    private mutating func add(_ property: Property, markup: String) {
        let bindings = Self.bindings(of: property.namespace, in: text)
        let prefix = bindings.first?.prefix ?? property.preferredPrefix
        let element = "<\(prefix):\(property.name)>\(markup)</\(prefix):\(property.name)>"
        for binding in bindings {
            guard let tag = startTag(around: binding.position), text[tag].hasPrefix("<\(rdf):Description"),
                  let next = text[tag].dropFirst(rdf.count + 13).unicodeScalars.first, next.properties.isWhitespace else { continue }
            if text[tag].hasSuffix("/>") {
                let close = text.index(tag.upperBound, offsetBy: -2)
                text.replaceSubrange(close..<tag.upperBound, with: ">\n   \(element)\n  </\(rdf):Description>")
            } else {
                text.insert(contentsOf: "\n   \(element)", at: tag.upperBound)
            }
            return
        }
        let about = attributeValues("\(rdf):about").first.map { String(text[$0]) } ?? "\"\""
        let description = "  <\(rdf):Description \(rdf):about=\(about) xmlns:\(prefix)=\"\(property.namespace)\">\n   \(element)\n  </\(rdf):Description>"
        // Before the line that closes rdf:RDF, or right before the end tag when it shares a line.
        let end = text.range(of: "</\(rdf):RDF>")!.lowerBound
        var lineStart = end
        while lineStart > text.startIndex, " \t".contains(text[text.index(before: lineStart)]) {
            lineStart = text.index(before: lineStart)
        }
        if lineStart > text.startIndex, text[text.index(before: lineStart)] == "\n" {
            text.insert(contentsOf: description + "\n", at: lineStart)
        } else {
            text.insert(contentsOf: description, at: end)
        }
    }

    // MARK: Scanning

    /// The prefix `text` binds to `namespace` with an `xmlns:` attribute, if any.
    static func prefix(for namespace: String, in text: String) -> String? {
        bindings(of: namespace, in: text).first?.prefix
    }

    /// Every `xmlns:prefix="namespace"` in `text`, in order, with where its attribute name starts.
    private static func bindings(of namespace: String, in text: String) -> [(prefix: String, position: String.Index)] {
        var found: [(prefix: String, position: String.Index)] = []
        for quote in ["\"", "'"] {
            var from = text.startIndex
            while let value = text.range(of: quote + namespace + quote, range: from..<text.endIndex) {
                from = value.upperBound
                // Back from the value: white space, "=", white space, the attribute's name.
                var index = skipWhitespace(in: text, before: value.lowerBound)
                guard index > text.startIndex, text[text.index(before: index)] == "=" else { continue }
                index = skipWhitespace(in: text, before: text.index(before: index))
                let nameEnd = index
                while index > text.startIndex, isNameCharacter(text[text.index(before: index)]) {
                    index = text.index(before: index)
                }
                let name = text[index..<nameEnd]
                if name.hasPrefix("xmlns:"), name.count > 6 { found.append((String(name.dropFirst(6)), index)) }
            }
        }
        return found.sorted { $0.position < $1.position }
    }

    /// Where an element `<qualified …>…</qualified>` is, and its content (nil for `<qualified …/>`).
    private struct Element {
        var whole: Range<String.Index>
        var content: Range<String.Index>?
    }

    /// Every element named `qualified` ("xmp:CreateDate"), in order.
    private func elements(_ qualified: String) -> [Element] {
        var found: [Element] = []
        var from = text.startIndex
        while let open = text.range(of: "<" + qualified, range: from..<text.endIndex) {
            from = open.upperBound
            guard from < text.endIndex, Self.endsName(text[from]) else { continue }
            guard let close = text.range(of: ">", range: from..<text.endIndex) else { break }
            if text[text.index(before: close.lowerBound)] == "/" {
                found.append(Element(whole: open.lowerBound..<close.upperBound, content: nil))
                from = close.upperBound
                continue
            }
            guard let end = text.range(of: "</" + qualified, range: close.upperBound..<text.endIndex),
                  let endClose = text.range(of: ">", range: end.upperBound..<text.endIndex) else { break }
            found.append(Element(whole: open.lowerBound..<endClose.upperBound, content: close.upperBound..<end.lowerBound))
            from = endClose.upperBound
        }
        return found
    }

    /// The quoted values (quotes included) of every attribute named `qualified`, in order.
    private func attributeValues(_ qualified: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var from = text.startIndex
        while let name = text.range(of: qualified, range: from..<text.endIndex) {
            from = name.upperBound
            guard name.lowerBound > text.startIndex, text[text.index(before: name.lowerBound)].isWhitespace else { continue }
            var index = Self.skipWhitespace(in: text, after: name.upperBound)
            guard index < text.endIndex, text[index] == "=" else { continue }
            index = Self.skipWhitespace(in: text, after: text.index(after: index))
            guard index < text.endIndex, text[index] == "\"" || text[index] == "'",
                  let close = text[text.index(after: index)...].firstIndex(of: text[index]) else { continue }
            found.append(index..<text.index(after: close))
            from = text.index(after: close)
        }
        return found
    }

    /// The start tag (`<` to `>`) that contains `position`, if `position` is inside one.
    private func startTag(around position: String.Index) -> Range<String.Index>? {
        guard let open = text.range(of: "<", options: .backwards, range: text.startIndex..<position),
              let close = text.range(of: ">", range: position..<text.endIndex),
              text.range(of: ">", range: open.upperBound..<position) == nil else { return nil }
        return open.lowerBound..<close.upperBound
    }

    private static func skipWhitespace(in text: String, before index: String.Index) -> String.Index {
        var index = index
        while index > text.startIndex, text[text.index(before: index)].isWhitespace { index = text.index(before: index) }
        return index
    }

    private static func skipWhitespace(in text: String, after index: String.Index) -> String.Index {
        var index = index
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        return index
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "._-:".contains(character)
    }

    /// True for what may follow an element's name in its tag: `>`, `/` or white space.
    private static func endsName(_ character: Character) -> Bool {
        character == ">" || character == "/" || character.isWhitespace
    }

    /// Text escaped for XML content and attribute values, without characters XML 1.0 forbids.
    static func escaped(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\u{9}", "\u{A}", "\u{D}": result.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
