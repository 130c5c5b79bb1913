import ODFPackage

extension Template {
    /// Finds every marker, replaces it by a placeholder, and binds blocks to their structure.
    func compile() throws(TemplateErrors) {
        var errors: [TemplateError] = []
        for part in Self.parts where document.contains(part) {
            let xml: XMLDocument
            do {
                xml = try document.xml(part)
            } catch {
                throw TemplateErrors([TemplateError(error, template: name, part: part)])
            }
            convertFieldPlaceholders(in: xml, part: part)
            let paragraphs = xml.root.descendantElements { $0.is(ODFNamespace.text, "p") || $0.is(ODFNamespace.text, "h") }
            for paragraph in paragraphs {
                errors += replaceMarkers(in: paragraph, part: part)
            }
            errors += bindBlocks(in: xml, part: part)
            userFields += Self.dataUserFields(in: xml)
        }
        errors += compileMetadata()
        if !errors.isEmpty { throw TemplateErrors(errors) }
    }

    /// Markers in the document properties (title, subject, keywords, description, custom
    /// properties) are values only: a property has no structure to repeat.
    private func compileMetadata() -> [TemplateError] {
        guard document.contains("meta.xml"), let meta = try? document.xml("meta.xml") else { return [] }
        var errors: [TemplateError] = []
        let fields = meta.root.descendantElements { element in
            (element.namespaceURI == ODFNamespace.dc && ["title", "subject", "description"].contains(element.localName))
                || element.is(ODFNamespace.meta, "keyword") || element.is(ODFNamespace.meta, "user-defined")
        }
        for field in fields {
            let before = markers.count
            errors += replaceMarkers(in: field, part: "meta.xml")
            for record in markers[before...] {
                if case .value = record.marker.kind, record.marker.blockFilter == nil { continue }
                errors.append(TemplateError(.unsupported, template: name, part: "meta.xml", context: record.context, marker: record.marker.raw,
                                            "Dokumenteigenschaften können nur Werte aufnehmen, keine Blöcke und kein Markdown.",
                                            hint: "Setzen Sie Blöcke und Markdown in den Textkörper."))
            }
        }
        return errors
    }

    /// LibreOffice's placeholder fields (Insert ▸ Field ▸ More Fields ▸ Functions ▸ Placeholder)
    /// whose text is `<data.path>` become value markers; others stay for the clerk to fill.
    private func convertFieldPlaceholders(in xml: XMLDocument, part: String) {
        for field in xml.root.descendantElements(where: { $0.is(ODFNamespace.text, "placeholder") }) {
            let shown = field.textContent.trimmingSpaces()
            guard shown.hasPrefix("<"), shown.hasSuffix(">"), let path = try? DataPath(String(shown.dropFirst().dropLast())) else { continue }
            let context = field.parent.map { ParagraphText($0).displayText } ?? shown
            let placeholder = makePlaceholder(in: xml, Marker.placeholderField(path, raw: shown), part: part, context: context)
            field.insertBefore(placeholder)
            field.remove()
        }
    }

    /// The names of user fields (`text:user-field-decl`) that read as data paths.
    private static func dataUserFields(in xml: XMLDocument) -> [String] {
        xml.root.descendantElements { $0.is(ODFNamespace.text, "user-field-decl") }
            .compactMap { $0.attribute(ODFNamespace.text, "name") }
            .filter { (try? DataPath($0)) != nil }
    }

    private func makePlaceholder(in xml: XMLDocument, _ marker: Marker, part: String, context: String) -> XMLNode {
        let placeholder = xml.makeElement(Self.namespace, "marker", prefix: "vorlage")
        placeholder.setAttribute(Self.namespace, "id", prefix: "vorlage", to: String(markers.count))
        markers.append(MarkerRecord(marker: marker, part: part, context: context))
        return placeholder
    }

    /// Replaces the markers of one paragraph by placeholders, last to first.
    private func replaceMarkers(in paragraph: XMLNode, part: String) -> [TemplateError] {
        let text = ParagraphText(paragraph)
        let found = text.markerRanges()
        guard !found.isEmpty else { return [] }
        let context = text.displayText
        var errors: [TemplateError] = []
        // Parse left to right, so ids follow the reading order; replace right to left, so the
        // ranges still to replace stay valid.
        var replacements: [(Range<Int>, XMLNode)] = []
        for (range, closed) in found {
            let raw = text.text(range)
            guard closed else {
                errors.append(TemplateError(.unclosedMarker, template: name, part: part, context: context, marker: TemplateError.shortened(raw, limit: 30),
                                            "Der Platzhalter ist in seinem Absatz nicht geschlossen.", hint: "Schließen Sie ihn mit „}}“ im selben Absatz."))
                continue
            }
            if raw.unicodeScalars.contains(ParagraphText.objectCharacter) {
                errors.append(TemplateError(.interruptedMarker, template: name, part: part, context: context, marker: raw,
                                            "Im Platzhalter steckt ein Feld, ein Rahmen, eine Fußnote oder ein Kommentar.", hint: "Schreiben Sie den Platzhalter als einfachen Text, ohne etwas darin einzufügen."))
                continue
            }
            let marker: Marker
            do {
                marker = try Marker(inner: String(raw.dropFirst(2).dropLast(2)), raw: raw)
            } catch {
                errors.append(TemplateError(.syntax, template: name, part: part, context: context, marker: raw, error.message, hint: error.hint))
                continue
            }
            if let filter = marker.blockFilter, context.trimmingSpaces() != raw {
                errors.append(TemplateError(.syntax, template: name, part: part, context: context, marker: raw,
                                            "Ein Platzhalter mit | \(filter) muss allein in seinem Absatz stehen, weil aus ihm Absätze, Listen, Überschriften und Tabellen werden.",
                                            hint: "Verschieben Sie den übrigen Text in einen eigenen Absatz."))
                continue
            }
            if let filter = marker.blockFilter, Self.ancestorOrSelf(paragraph, ODFNamespace.text, "list-item") != nil {
                errors.append(TemplateError(.syntax, template: name, part: part, context: context, marker: raw,
                                            "Ein Platzhalter mit | \(filter) kann nicht in einer Liste stehen, weil aus ihm Tabellen und Überschriften werden können.",
                                            hint: "Setzen Sie ihn in einen Absatz außerhalb der Liste."))
                continue
            }
            if marker.blockFilter == "document", part != "content.xml" {
                errors.append(TemplateError(.syntax, template: name, part: part, context: context, marker: raw,
                                            "Ein ganzes Dokument kann nur in den Textkörper eingefügt werden, nicht in eine Kopf- oder Fußzeile.",
                                            hint: "Setzen Sie den Platzhalter in den Textkörper."))
                continue
            }
            replacements.append((range, makePlaceholder(in: paragraph.document, marker, part: part, context: context)))
        }
        for (range, placeholder) in replacements.reversed() {
            text.replace(range, with: placeholder)
        }
        return errors
    }

    /// The record a placeholder element stands for.
    func record(of placeholder: XMLNode) -> MarkerRecord {
        markers[Int(placeholder.attribute(Self.namespace, "id")!)!]
    }

    /// An open block while pairing: its start and, for a condition, its `{{else}}`.
    private struct OpenBlock {
        var start: XMLNode
        var block: Marker.Block
        var otherwise: XMLNode?
    }

    /// Pairs block starts, `{{else}}` and ends in document order and wraps what each block covers.
    private func bindBlocks(in xml: XMLDocument, part: String) -> [TemplateError] {
        var errors: [TemplateError] = []
        var open: [OpenBlock] = []
        var closed: [(OpenBlock, XMLNode)] = []
        for placeholder in xml.root.descendantElements(where: { $0.is(Self.namespace, "marker") }) {
            let marker = record(of: placeholder).marker
            if let block = marker.opens {
                open.append(OpenBlock(start: placeholder, block: block))
                continue
            }
            switch marker.kind {
            case .otherwise:
                guard let top = open.last, top.block != .each, top.otherwise == nil else {
                    errors.append(error(.unbalancedBlock, record(of: placeholder), "Dieses {{else}} gehört zu keinem {{#if}} und keinem {{#unless}}.",
                                        hint: "Verwenden Sie {{else}} einmal, zwischen {{#if …}} und {{/if}}."))
                    continue
                }
                open[open.count - 1].otherwise = placeholder
            case .end(let block):
                guard let top = open.popLast() else {
                    errors.append(error(.unbalancedBlock, record(of: placeholder), "Dieses {{/\(block.rawValue)}} schließt kein {{#\(block.rawValue)}}.",
                                        hint: "Entfernen Sie es, oder ergänzen Sie {{#\(block.rawValue) …}} dort, wo der Block beginnt."))
                    continue
                }
                guard top.block == block else {
                    let startRecord = record(of: top.start)
                    errors.append(error(.crossingBlock, record(of: placeholder),
                                        "Dieses {{/\(block.rawValue)}} schließt den Block, den \(startRecord.marker.raw) in „\(TemplateError.shortened(startRecord.context, limit: 40))“ öffnet.",
                                        hint: "Schließen Sie zuerst {{#\(top.block.rawValue)}} mit {{/\(top.block.rawValue)}}; Blöcke liegen ineinander, sie überkreuzen sich nicht."))
                    open.append(top)
                    continue
                }
                closed.append((top, placeholder))
            default:
                continue
            }
        }
        for block in open {
            errors.append(error(.unbalancedBlock, record(of: block.start), "Dieser Block wird nie geschlossen.", hint: "Ergänzen Sie {{/\(block.block.rawValue)}} dort, wo er endet."))
        }
        guard errors.isEmpty else { return errors }
        // Inner blocks close first, so they are wrapped before the blocks around them.
        for (block, end) in closed {
            if let problem = wrap(block, end) { errors.append(problem) }
        }
        return errors
    }

    /// The structure a block covers.
    private enum BlockScope { case inline, row, listItem, paragraphs }

    /// Wraps what a block covers in a `vorlage:block` element carrying the start's id; an
    /// `{{else}}` becomes a `vorlage:else` element between the two branches.
    private func wrap(_ block: OpenBlock, _ end: XMLNode) -> TemplateError? {
        let start = block.start
        let startRecord = record(of: start)
        guard let startParagraph = Self.enclosingParagraph(start), let endParagraph = Self.enclosingParagraph(end) else {
            return error(.crossingBlock, startRecord, "Anfang und Ende des Blocks stehen nicht in Absätzen.", hint: "Setzen Sie {{#…}} und {{/…}} in Absätze.")
        }
        let wrapper = start.document.makeElement(Self.namespace, "block", prefix: "vorlage")
        wrapper.setAttribute(Self.namespace, "id", prefix: "vorlage", to: start.attribute(Self.namespace, "id")!)

        let scope: BlockScope
        let common = Self.commonAncestor(startParagraph, endParagraph)
        if startParagraph == endParagraph, let item = Self.ancestorOrSelf(startParagraph, ODFNamespace.text, "list-item"),
           item.childElements == [startParagraph], Self.blockSpansWholeParagraph(start, end, startParagraph) {
            // A block that is a list item's whole text stands for the item.
            scope = .listItem
        } else if startParagraph == endParagraph {
            guard start.parent == end.parent else {
                return error(.crossingBlock, startRecord, "Der Block beginnt und endet in unterschiedlich formatierten Teilen des Absatzes.",
                             hint: "Geben Sie Anfang und Ende dieselbe Formatierung.")
            }
            scope = .inline
        } else if Self.ancestorOrSelf(common, ODFNamespace.table, "table-row") != nil {
            scope = .row
        } else if Self.ancestorOrSelf(common, ODFNamespace.text, "list-item") != nil {
            scope = .listItem
        } else if startParagraph.parent == common, endParagraph.parent == common {
            scope = .paragraphs
        } else {
            return error(.crossingBlock, startRecord,
                         "Der Block beginnt in „\(TemplateError.shortened(startRecord.context, limit: 40))“ und endet in „\(TemplateError.shortened(record(of: end).context, limit: 40))“; beide liegen in verschiedenen Strukturen (Tabelle, Liste, Rahmen oder Bereich).",
                         hint: "Setzen Sie Anfang und Ende in dieselbe Tabellenzeile oder beide außerhalb von Tabelle, Liste oder Bereich.")
        }
        if let otherwise = block.otherwise, scope == .row || scope == .listItem {
            return error(.unsupported, record(of: otherwise), "{{else}} kann keine ganze Tabellenzeile und keinen ganzen Listeneintrag teilen.",
                         hint: "Zeigen Sie die Zeile mit {{#if …}} … {{/if}}, und ergänzen Sie eine zweite Zeile mit {{#unless …}} … {{/unless}}.")
        }

        switch scope {
        case .inline:
            var node = start.nextSibling
            end.insertBefore(wrapper)
            while let current = node, current != wrapper {
                node = current.nextSibling
                wrapper.append(current)
            }
            start.remove()
            end.remove()
        case .row, .listItem:
            let unit = scope == .row ? Self.ancestorOrSelf(common, ODFNamespace.table, "table-row")! : Self.ancestorOrSelf(common, ODFNamespace.text, "list-item")!
            start.remove()
            end.remove()
            unit.insertBefore(wrapper)
            wrapper.append(unit)
        case .paragraphs:
            start.remove()
            end.remove()
            let startIsBlank = Self.isBlank(startParagraph)
            let endIsBlank = Self.isBlank(endParagraph)
            var members: [XMLNode] = startIsBlank ? [] : [startParagraph]
            var node = startParagraph.nextSibling
            while let current = node, current != endParagraph {
                members.append(current)
                node = current.nextSibling
            }
            if !endIsBlank { members.append(endParagraph) }
            startParagraph.insertBefore(wrapper)
            for member in members { wrapper.append(member) }
            if startIsBlank { startParagraph.remove() }
            if endIsBlank { endParagraph.remove() }
        }
        if let otherwise = block.otherwise {
            return placeElse(otherwise, in: wrapper, scope: scope)
        }
        return nil
    }

    /// Turns the `{{else}}` placeholder into the separator between the branches: in place for a
    /// block inside a paragraph; replacing its paragraph for a block of paragraphs.
    private func placeElse(_ otherwise: XMLNode, in wrapper: XMLNode, scope: BlockScope) -> TemplateError? {
        let separator = wrapper.document.makeElement(Self.namespace, "else", prefix: "vorlage")
        if scope == .inline {
            guard otherwise.parent == wrapper else {
                return error(.crossingBlock, record(of: otherwise), "{{else}} muss dieselbe Formatierung haben wie sein {{#if}} und {{/if}}.", hint: "Geben Sie allen drei dieselbe Formatierung.")
            }
            otherwise.insertBefore(separator)
            otherwise.remove()
            return nil
        }
        guard let paragraph = Self.enclosingParagraph(otherwise), paragraph.parent == wrapper else {
            return error(.crossingBlock, record(of: otherwise), "{{else}} liegt in einer Tabelle, einer Liste oder einem Rahmen, sein Block aber besteht aus Absätzen.",
                         hint: "Setzen Sie {{else}} in einen eigenen Absatz zwischen die beiden Zweige.")
        }
        let record = record(of: otherwise)
        otherwise.remove()
        guard Self.isBlank(paragraph) else {
            return error(.syntax, record, "{{else}} zwischen Absätzen muss in einem eigenen Absatz stehen.", hint: "Setzen Sie {{else}} in einen eigenen Absatz.")
        }
        paragraph.insertBefore(separator)
        paragraph.remove()
        return nil
    }

    static func enclosingParagraph(_ node: XMLNode) -> XMLNode? {
        var current = node.parent
        while let element = current {
            if element.is(ODFNamespace.text, "p") || element.is(ODFNamespace.text, "h") { return element }
            current = element.parent
        }
        return nil
    }

    static func ancestorOrSelf(_ node: XMLNode, _ namespace: String, _ localName: String) -> XMLNode? {
        var current: XMLNode? = node
        while let element = current {
            if element.is(namespace, localName) { return element }
            if element.is(ODFNamespace.office, "text") || element.is(ODFNamespace.style, "master-page") { return nil }
            current = element.parent
        }
        return nil
    }

    static func commonAncestor(_ first: XMLNode, _ second: XMLNode) -> XMLNode {
        var ancestors: [XMLNode] = []
        var current: XMLNode? = first
        while let element = current { ancestors.append(element); current = element.parent }
        current = second
        while let element = current {
            if ancestors.contains(element) { return element }
            current = element.parent
        }
        return first.document.root
    }

    /// True when nothing but white space stands before `start` and after `end` in the paragraph.
    static func blockSpansWholeParagraph(_ start: XMLNode, _ end: XMLNode, _ paragraph: XMLNode) -> Bool {
        let text = ParagraphText(paragraph)
        var meaningful = text.pieces.filter { piece in
            if case .text(_, let characters) = piece { return !characters.allSatisfy { $0.properties.isWhitespace } }
            return true
        }
        guard case .object(let first)? = meaningful.first, case .object(let last)? = meaningful.popLast() else { return false }
        return first == start && last == end
    }

    /// A paragraph with nothing left in it but white space and empty formatting.
    static func isBlank(_ paragraph: XMLNode) -> Bool {
        paragraph.textContent.allSatisfy(\.isWhitespace)
            && paragraph.descendantElements(where: { !$0.is(ODFNamespace.text, "span") && !$0.is(ODFNamespace.text, "soft-page-break") }).isEmpty
    }
}

extension Marker {
    /// The marker a placeholder field stands for: a plain value.
    static func placeholderField(_ path: DataPath, raw: String) -> Marker {
        Marker(kind: .value(path, []), raw: raw)
    }

    init(kind: Kind, raw: String) {
        self.kind = kind
        self.raw = raw
    }
}
