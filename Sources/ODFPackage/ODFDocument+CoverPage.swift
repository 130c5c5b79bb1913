import Foundation

extension ODFDocument {
    /// Puts a cover page before the document's body: one paragraph per line, the first larger and
    /// bold, the page then broken so the body starts on a page of its own.
    ///
    /// Used to stamp a document that goes out on its own („Anlage 2 zur Vorlage 50/2403/XV/2013“).
    /// The cover's paragraph styles are automatic styles with names the document does not use yet.
    public func insertCoverPage(lines: [String]) throws(ODFError) {
        guard !lines.isEmpty else { return }
        let content = try xml("content.xml")
        guard let body = content.root.firstChild(ODFNamespace.office, "body")?.firstChild(ODFNamespace.office, "text") else {
            throw ODFError(.missingPart, file: source, part: "content.xml", "Das Dokument hat keinen Textkörper, vor den ein Deckblatt gesetzt werden kann.")
        }
        let automatic = content.root.firstChild(ODFNamespace.office, "automatic-styles") ?? {
            let made = content.makeElement(ODFNamespace.office, "automatic-styles", prefix: "office")
            if let before = content.root.firstChild(ODFNamespace.office, "body") { before.insertBefore(made) }
            return made
        }()
        let used = Set(automatic.childElements.compactMap { $0.attribute(ODFNamespace.style, "name") })
        func freshName(_ base: String) -> String {
            var candidate = base
            var counter = 1
            while used.contains(candidate) { counter += 1; candidate = "\(base)\(counter)" }
            return candidate
        }
        let titleStyle = freshName("Deckblatt_Titel")
        let lineStyle = freshName("Deckblatt_Zeile")
        let lastStyle = freshName("Deckblatt_Ende")
        for (name, bold, breakAfter) in [(titleStyle, true, false), (lineStyle, false, false), (lastStyle, false, true)] {
            let style = content.makeElement(ODFNamespace.style, "style", prefix: "style")
            style.setAttribute(ODFNamespace.style, "name", prefix: "style", to: name)
            style.setAttribute(ODFNamespace.style, "family", prefix: "style", to: "paragraph")
            let paragraph = content.makeElement(ODFNamespace.style, "paragraph-properties", prefix: "style")
            paragraph.setAttribute(ODFNamespace.fo, "margin-bottom", prefix: "fo", to: "0.4cm")
            if breakAfter { paragraph.setAttribute(ODFNamespace.fo, "break-after", prefix: "fo", to: "page") }
            style.append(paragraph)
            if bold {
                let text = content.makeElement(ODFNamespace.style, "text-properties", prefix: "style")
                text.setAttribute(ODFNamespace.fo, "font-size", prefix: "fo", to: "16pt")
                text.setAttribute(ODFNamespace.fo, "font-weight", prefix: "fo", to: "bold")
                style.append(text)
            }
            automatic.append(style)
        }
        // The cover goes after the declarations that must open office:text.
        let declarations: Set<String> = ["sequence-decls", "variable-decls", "user-field-decls", "dde-connection-decls",
                                         "tracked-changes", "forms", "calculation-settings", "content-validations", "label-ranges",
                                         "alphabetical-index-auto-mark-file"]
        let first = body.children.first { $0.isElement && !declarations.contains($0.localName) }
        for (index, line) in lines.enumerated() {
            let paragraph = content.makeElement(ODFNamespace.text, "p", prefix: "text")
            let style = index == 0 ? titleStyle : (index == lines.count - 1 ? lastStyle : lineStyle)
            paragraph.setAttribute(ODFNamespace.text, "style-name", prefix: "text", to: style)
            paragraph.append(content.makeText(line))
            if let first { first.insertBefore(paragraph) } else { body.append(paragraph) }
        }
        if lines.count == 1 {
            // A one-line cover still breaks the page after it.
            let spacer = content.makeElement(ODFNamespace.text, "p", prefix: "text")
            spacer.setAttribute(ODFNamespace.text, "style-name", prefix: "text", to: lastStyle)
            if let first { first.insertBefore(spacer) } else { body.append(spacer) }
        }
    }
}
