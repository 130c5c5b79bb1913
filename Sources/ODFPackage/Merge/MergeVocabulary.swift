/// The table of every attribute that defines or references a name, built from the ODF 1.0–1.4
/// RelaxNG schemas (attributes typed `styleName`, `styleNameRef(s)`, `ID`/`IDREF(S)`,
/// `variableName`, and the string-typed names of bookmarks, sections, tables, frames, notes,
/// marks and declarations), with the family of each style reference taken from its element.
enum MergeVocabulary {
    private typealias NS = ODFNamespace

    /// The role of `attribute` on `element`, or nil for an attribute that carries no name.
    static func role(of attribute: XMLNode.Attribute, on element: XMLNode) -> NameRole? {
        guard let attributeNamespace = attribute.namespaceURI else { return nil }
        let local = attribute.localName
        switch attributeNamespace {
        case NS.style: return styleAttribute(local, on: element)
        case NS.text: return textAttribute(local, on: element)
        case NS.table: return tableAttribute(local, on: element)
        case NS.drawing: return drawAttribute(local, on: element)
        case NS.xml: return local == "id" ? .definition(.id) : nil
        case NS.xlink: return local == "href" ? .link : nil
        case NS.office:
            guard local == "name" else { return nil }
            if element.is(NS.office, "annotation") || element.is(NS.office, "annotation-end") { return .definition(.annotation) }
            if element.is(NS.text, "dde-connection-decl") { return .definition(.ddeConnection) }
            return nil
        case NS.form:
            switch local {
            case "id": return .definition(.id)
            case "name": return element.is(NS.form, "form") ? .definition(.form) : nil
            case "text-style-name": return .reference(.style("paragraph"))
            default: return nil
            }
        case NS.presentation:
            switch local {
            case "style-name": return .reference(.style("presentation"))
            case "class-names": return .references(.style("presentation"))
            case "presentation-page-layout-name": return .reference(.presentationPageLayout)
            default: return nil
            }
        case NS.chart:
            return local == "style-name" ? .reference(.style("chart")) : nil
        default:
            return nil
        }
    }

    /// The family a `style:style` element declares (`paragraph` when missing, as for LibreOffice).
    static func family(of style: XMLNode) -> String {
        style.attribute(NS.style, "family") ?? "paragraph"
    }

    private static func styleAttribute(_ local: String, on element: XMLNode) -> NameRole? {
        switch local {
        case "name":
            guard let namespace = element.namespaceURI else { return nil }
            switch (namespace, element.localName) {
            case (NS.style, "style"): return .definition(.style(family(of: element)))
            case (NS.text, "list-style"): return .definition(.list)
            case (NS.text, "outline-style"): return .definition(.outline)
            case (NS.style, "master-page"): return .definition(.masterPage)
            case (NS.style, "page-layout"): return .definition(.pageLayout)
            case (NS.style, "font-face"): return .definition(.font)
            case (NS.style, "presentation-page-layout"): return .definition(.presentationPageLayout)
            case (NS.number, _): return .definition(.data)
            default: return nil
            }
        case "parent-style-name":
            return .reference(.style(family(of: element)))
        case "next-style-name":
            if element.is(NS.style, "master-page") { return .reference(.masterPage) }
            return .reference(.style(family(of: element)))
        case "apply-style-name":
            // style:map inside a style:style names a style of the same family; inside a data
            // style it names another data style.
            if let parent = element.parent, parent.is(NS.style, "style") {
                return .reference(.style(family(of: parent)))
            }
            return .reference(.data)
        case "list-style-name": return .reference(.list)
        case "data-style-name", "percentage-data-style-name", "num-list-format-name": return .reference(.data)
        case "master-page-name": return .reference(.masterPage)
        case "page-layout-name": return .reference(.pageLayout)
        case "leader-text-style", "text-line-through-text-style", "style-name": return .reference(.style("text"))
        case "register-truth-ref-style-name": return .reference(.style("paragraph"))
        case "font-name", "font-name-asian", "font-name-complex": return .reference(.font)
        default: return nil
        }
    }

    private static let sectionElements: Set<String> = [
        "section", "table-of-content", "alphabetical-index", "illustration-index", "table-index",
        "object-index", "user-index", "bibliography", "index-title",
    ]

    private static func textAttribute(_ local: String, on element: XMLNode) -> NameRole? {
        let inText = element.namespaceURI == NS.text
        let name = element.localName
        switch local {
        case "style-name":
            if element.is(NS.table, "table-template") { return .definition(.tableTemplate) }
            guard inText else { return .reference(.style("text")) }
            switch name {
            case "p", "h", "index-title-template", "index-source-style": return .reference(.style("paragraph"))
            case "list", "numbered-paragraph": return .reference(.list)
            case "ruby": return .reference(.style("ruby"))
            default:
                if sectionElements.contains(name) { return .reference(.style("section")) }
                if name.hasSuffix("-entry-template") { return .reference(.style("paragraph")) }
                return .reference(.style("text"))
            }
        case "cond-style-name", "default-style-name":
            return .reference(.style("paragraph"))
        case "visited-style-name", "citation-style-name", "citation-body-style-name", "main-entry-style-name":
            return .reference(.style("text"))
        case "class-names":
            return .references(.style(name == "span" ? "text" : "paragraph"))
        case "style-override":
            return .reference(.list)
        case "master-page-name":
            return .reference(.masterPage)
        case "name":
            guard inText else { return nil }
            switch name {
            case "bookmark", "bookmark-start", "bookmark-end": return .definition(.bookmark)
            case "reference-mark", "reference-mark-start", "reference-mark-end": return .definition(.referenceMark)
            case "user-field-decl": return .definition(.userField)
            case "user-field-get", "user-field-input": return .reference(.userField)
            case "variable-decl": return .definition(.variable)
            case "variable-set", "variable-get", "variable-input": return .reference(.variable)
            case "sequence-decl": return .definition(.sequence)
            case "sequence": return .reference(.sequence)
            default: return sectionElements.contains(name) ? .definition(.section) : nil
            }
        case "ref-name":
            guard inText else { return nil }
            switch name {
            case "bookmark-ref": return .reference(.bookmark)
            case "reference-ref": return .reference(.referenceMark)
            case "note-ref": return .reference(.note)
            case "sequence-ref": return .reference(.sequenceReference)
            case "sequence": return .definition(.sequenceReference)
            default: return nil
            }
        case "id":
            if inText && name == "note" { return .definition(.note) }
            if inText && (name.hasSuffix("-mark-start") || name.hasSuffix("-mark-end")) { return .definition(.indexMark) }
            if inText && (name == "changed-region" || name == "p" || name == "h") { return .definition(.id) }
            if element.is(NS.drawing, "text-box") { return .definition(.id) }
            return nil
        case "change-id", "continue-list", "list-id":
            return .reference(.id)
        case "connection-name":
            return .reference(.ddeConnection)
        case "caption-sequence-name":
            return .reference(.sequence)
        default:
            return nil
        }
    }

    private static func tableAttribute(_ local: String, on element: XMLNode) -> NameRole? {
        switch local {
        case "style-name":
            guard element.namespaceURI == NS.table else { return .reference(.style("table-cell")) }
            switch element.localName {
            case "table": return .reference(.style("table"))
            case "table-column": return .reference(.style("table-column"))
            case "table-row": return .reference(.style("table-row"))
            case "background": return .reference(.style("graphic"))
            default: return .reference(.style("table-cell"))
            }
        case "default-cell-style-name": return .reference(.style("table-cell"))
        case "paragraph-style-name": return .reference(.style("paragraph"))
        case "name":
            if element.is(NS.table, "table") { return .definition(.table) }
            if element.is(NS.table, "table-template") { return .definition(.tableTemplate) }
            if element.is(NS.table, "content-validation") { return .definition(.validation) }
            return nil
        case "template-name": return .reference(.tableTemplate)
        case "content-validation-name": return .reference(.validation)
        default: return nil
        }
    }

    private static let drawStyleDefinitions: [String: NameKind] = [
        "gradient": .gradient, "hatch": .hatch, "fill-image": .fillImage, "marker": .marker,
        "stroke-dash": .strokeDash, "opacity": .opacity,
    ]

    private static func drawAttribute(_ local: String, on element: XMLNode) -> NameRole? {
        switch local {
        case "style-name":
            if element.is(NS.drawing, "page") || element.is(NS.style, "master-page")
                || element.is(NS.presentation, "notes") || element.is(NS.style, "handout-master")
            {
                return .reference(.style("drawing-page"))
            }
            return .reference(.style("graphic"))
        case "text-style-name": return .reference(.style("paragraph"))
        case "class-names": return .references(.style("graphic"))
        case "master-page-name": return .reference(.masterPage)
        case "fill-gradient-name": return .reference(.gradient)
        case "fill-hatch-name": return .reference(.hatch)
        case "fill-image-name": return .reference(.fillImage)
        case "opacity-name": return .reference(.opacity)
        case "marker-start", "marker-end": return .reference(.marker)
        case "stroke-dash": return .reference(.strokeDash)
        case "stroke-dash-names": return .references(.strokeDash)
        case "name":
            guard let namespace = element.namespaceURI else { return nil }
            if namespace == NS.drawing, let kind = drawStyleDefinitions[element.localName] { return .definition(kind) }
            if namespace == NS.svg, element.localName == "linearGradient" || element.localName == "radialGradient" {
                return .definition(.gradient)
            }
            switch element.localName {
            case "layer", "equation", "param", "page", "handle": return nil
            default: break
            }
            if namespace == NS.drawing || namespace == NS.dr3d || element.is(NS.office, "annotation") {
                return .definition(.frame)
            }
            return nil
        case "chain-next-name": return .reference(.frame)
        case "id":
            return element.is(NS.drawing, "glue-point") ? nil : .definition(.id)
        case "caption-id", "control", "start-shape", "end-shape", "shape-id":
            return .reference(.id)
        default:
            return nil
        }
    }
}
