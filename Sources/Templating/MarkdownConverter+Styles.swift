import ODFPackage

extension MarkdownConverter {
    /// A named style that converted Markdown refers to, by LibreOffice's built-in name, so a
    /// template made in LibreOffice shows Markdown with the styles its author already set up.
    enum NamedStyle: Hashable {
        /// „Heading“, the parent of the numbered heading styles.
        case headingBase
        /// „Heading 1“ … „Heading 6“.
        case heading(Int)
        /// „List 1“, a bulleted list style.
        case bulletList
        /// „Numbering 123“, a numbered list style.
        case numberedList
        /// „Emphasis“ (italic) and „Strong Emphasis“ (bold), character styles.
        case emphasis, strongEmphasis
        /// „Quotations“, the paragraphs of a block quote.
        case quotations
        /// „Table Contents“ and „Table Heading“, the paragraphs of table cells.
        case tableContents, tableHeading

        /// The `style:name`, LibreOffice's encoding of the display name (space → `_20_`).
        var name: String {
            switch self {
            case .headingBase: "Heading"
            case .heading(let level): "Heading_20_\(level)"
            case .bulletList: "List_20_1"
            case .numberedList: "Numbering_20_123"
            case .emphasis: "Emphasis"
            case .strongEmphasis: "Strong_20_Emphasis"
            case .quotations: "Quotations"
            case .tableContents: "Table_20_Contents"
            case .tableHeading: "Table_20_Heading"
            }
        }

        /// The name LibreOffice shows.
        var displayName: String {
            switch self {
            case .heading(let level): "Heading \(level)"
            case .bulletList: "List 1"
            case .numberedList: "Numbering 123"
            case .strongEmphasis: "Strong Emphasis"
            case .tableContents: "Table Contents"
            case .tableHeading: "Table Heading"
            case .headingBase, .emphasis, .quotations: name
            }
        }

        /// The `style:family` of a `style:style`; nil for a list style (`text:list-style`).
        var family: String? {
            switch self {
            case .bulletList, .numberedList: nil
            case .emphasis, .strongEmphasis: "text"
            default: "paragraph"
            }
        }
    }

    /// Makes sure `style` exists in `styles`, creating it (and the styles it builds on) in
    /// `office:styles` when the template lacks it, and returns its name. Without a styles part the
    /// name is only returned.
    mutating func use(_ style: NamedStyle) -> String {
        guard !knownStyles.contains(style) else { return style.name }
        knownStyles.insert(style)
        guard let styles else { return style.name }
        if !createsStyles {
            let root = styles.root
            let canHold = root.is(ODFNamespace.office, "document-styles") || root.is(ODFNamespace.office, "document")
            let existing = root.firstChild(ODFNamespace.office, "styles").flatMap { Self.find(style.name, family: style.family, in: $0) }
            if canHold, existing == nil { lacksStyle = true }
            return style.name
        }
        guard let container = Self.officeStyles(in: styles) else { return style.name }
        guard Self.find(style.name, family: style.family, in: container) == nil else { return style.name }
        // Parents first, so the part reads top-down.
        switch style {
        case .heading: _ = use(.headingBase)
        case .tableHeading: _ = use(.tableContents)
        default: break
        }
        container.append(definition(of: style, in: styles, container: container))
        return style.name
    }

    /// The `office:styles` element of `document`, created in its schema place when missing; nil
    /// for a part that cannot hold one (content.xml of a zipped package).
    private static func officeStyles(in document: XMLDocument) -> XMLNode? {
        let root = document.root
        if let existing = root.firstChild(ODFNamespace.office, "styles") { return existing }
        guard root.is(ODFNamespace.office, "document-styles") || root.is(ODFNamespace.office, "document") else { return nil }
        let created = document.makeElement(ODFNamespace.office, "styles", prefix: "office")
        let later = root.childElements.first { child in
            ["automatic-styles", "master-styles", "body"].contains { child.is(ODFNamespace.office, $0) }
        }
        if let later { return later.insertBefore(created) }
        return root.append(created)
    }

    /// The style named `name` in `container`: a `style:style` of `family`, or a `text:list-style`
    /// when `family` is nil.
    private static func find(_ name: String, family: String?, in container: XMLNode) -> XMLNode? {
        container.childElements.first { element in
            guard element.attribute(ODFNamespace.style, "name") == name else { return false }
            if let family {
                return element.is(ODFNamespace.style, "style") && element.attribute(ODFNamespace.style, "family") == family
            }
            return element.is(ODFNamespace.text, "list-style")
        }
    }

    // MARK: Definitions

    /// Font sizes of „Heading 1“ … „Heading 6“ relative to „Heading“, as in LibreOffice.
    private static let headingSizes = ["130%", "115%", "101%", "95%", "85%", "85%"]

    /// The new style element for `style`, valid ODF 1.3, with a display name.
    private func definition(of style: NamedStyle, in document: XMLDocument, container: XMLNode) -> XMLNode {
        let styleNS = ODFNamespace.style, foNS = ODFNamespace.fo, textNS = ODFNamespace.text
        func make(_ namespace: String, _ name: String, _ attributes: [(String, String, String)]) -> XMLNode {
            element(namespace, name, attributes, in: document)
        }
        /// A `style:style` of the style's family; a paragraph style without `parent` goes under
        /// „Standard“ when the template has it.
        func styleElement(parent: String?, _ extra: [(String, String, String)] = []) -> XMLNode {
            let family = style.family ?? "paragraph"
            var attributes = [(styleNS, "name", style.name), (styleNS, "display-name", style.displayName), (styleNS, "family", family)]
            let hasStandard = family == "paragraph" && Self.find("Standard", family: "paragraph", in: container) != nil
            if let parent = parent ?? (hasStandard ? "Standard" : nil) {
                attributes.append((styleNS, "parent-style-name", parent))
            }
            return make(styleNS, "style", attributes + extra)
        }
        func textProperties(_ pairs: [(String, String)]) -> XMLNode {
            var attributes: [(String, String, String)] = []
            for (property, value) in pairs {
                // Western, Asian and complex scripts each have their own property.
                attributes.append((foNS, property, value))
                attributes.append((styleNS, property + "-asian", value))
                attributes.append((styleNS, property + "-complex", value))
            }
            return make(styleNS, "text-properties", attributes)
        }
        let bold = ("font-weight", "bold")

        switch style {
        case .headingBase:
            let node = styleElement(parent: nil, [(styleNS, "class", "text")])
            node.append(make(styleNS, "paragraph-properties", [(foNS, "margin-top", "0.423cm"), (foNS, "margin-bottom", "0.212cm"), (foNS, "keep-with-next", "always")]))
            node.append(textProperties([("font-size", "14pt"), bold]))
            return node
        case .heading(let level):
            let node = styleElement(parent: NamedStyle.headingBase.name, [(styleNS, "default-outline-level", String(level)), (styleNS, "class", "text")])
            node.append(textProperties([("font-size", Self.headingSizes[min(max(level, 1), 6) - 1]), bold]))
            return node
        case .bulletList, .numberedList:
            let list = make(textNS, "list-style", [(styleNS, "name", style.name), (styleNS, "display-name", style.displayName)])
            let bullets = ["•", "◦", "▪"]
            for level in 1...10 {
                let levelStyle = style == .bulletList
                    ? make(textNS, "list-level-style-bullet", [(textNS, "level", String(level)), (textNS, "bullet-char", bullets[(level - 1) % bullets.count])])
                    : make(textNS, "list-level-style-number", [(textNS, "level", String(level)), (styleNS, "num-suffix", "."), (styleNS, "num-format", "1")])
                let properties = make(styleNS, "list-level-properties", [(textNS, "list-level-position-and-space-mode", "label-alignment")])
                let indent = Self.millimetres(635 * level)
                properties.append(make(styleNS, "list-level-label-alignment", [
                    (textNS, "label-followed-by", "listtab"), (textNS, "list-tab-stop-position", indent),
                    (foNS, "text-indent", "-" + Self.millimetres(635)), (foNS, "margin-left", indent),
                ]))
                levelStyle.append(properties)
                list.append(levelStyle)
            }
            return list
        case .emphasis:
            let node = styleElement(parent: nil)
            node.append(textProperties([("font-style", "italic")]))
            return node
        case .strongEmphasis:
            let node = styleElement(parent: nil)
            node.append(textProperties([bold]))
            return node
        case .quotations:
            let node = styleElement(parent: nil, [(styleNS, "class", "html")])
            node.append(make(styleNS, "paragraph-properties", [
                (foNS, "margin-left", "1cm"), (foNS, "margin-right", "1cm"), (foNS, "margin-top", "0cm"), (foNS, "margin-bottom", "0.25cm"),
                (foNS, "text-indent", "0cm"), (styleNS, "auto-text-indent", "false"),
            ]))
            return node
        case .tableContents:
            let node = styleElement(parent: nil, [(styleNS, "class", "extra")])
            node.append(make(styleNS, "paragraph-properties", [(textNS, "number-lines", "false"), (textNS, "line-number", "0")]))
            return node
        case .tableHeading:
            let node = styleElement(parent: NamedStyle.tableContents.name, [(styleNS, "class", "extra")])
            node.append(make(styleNS, "paragraph-properties", [
                (foNS, "text-align", "center"), (styleNS, "justify-single-word", "false"), (textNS, "number-lines", "false"), (textNS, "line-number", "0"),
            ]))
            node.append(textProperties([bold]))
            return node
        }
    }

    /// A length in millimetres from hundredths of a millimetre (635 → „6.35mm“).
    private static func millimetres(_ hundredths: Int) -> String {
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)mm"
    }
}
