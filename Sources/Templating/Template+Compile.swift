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
                throw TemplateErrors([TemplateError(.package, template: name, part: part, error.message, hint: error.hint)])
            }
            let paragraphs = xml.root.descendantElements { $0.is(ODFNamespace.text, "p") || $0.is(ODFNamespace.text, "h") }
            for paragraph in paragraphs {
                errors += replaceMarkers(in: paragraph, part: part)
            }
            errors += bindBlocks(in: xml, part: part)
        }
        if !errors.isEmpty { throw TemplateErrors(errors) }
    }

    /// Replaces the markers of one paragraph by placeholders, last to first.
    private func replaceMarkers(in paragraph: XMLNode, part: String) -> [TemplateError] {
        let text = ParagraphText(paragraph)
        let found = text.markerRanges()
        guard !found.isEmpty else { return [] }
        let context = text.displayText
        var errors: [TemplateError] = []
        for (range, closed) in found.reversed() {
            let raw = text.text(range)
            guard closed else {
                errors.append(TemplateError(.unclosedMarker, template: name, part: part, context: context, marker: TemplateError.shortened(raw, limit: 30),
                                            "the marker is not closed in its paragraph.", hint: "Close it with „}}“ in the same paragraph."))
                continue
            }
            if raw.unicodeScalars.contains(ParagraphText.objectCharacter) {
                errors.append(TemplateError(.interruptedMarker, template: name, part: part, context: context, marker: raw,
                                            "a field, frame, note or comment sits inside the marker.", hint: "Type the marker as plain text, without anything inserted in it."))
                continue
            }
            let marker: Marker
            do {
                marker = try Marker(inner: String(raw.dropFirst(2).dropLast(2)), raw: raw)
            } catch {
                errors.append(TemplateError(.syntax, template: name, part: part, context: context, marker: raw, error.message))
                continue
            }
            let placeholder = paragraph.document.makeElement(Self.namespace, "marker", prefix: "vorlage")
            placeholder.setAttribute(Self.namespace, "id", prefix: "vorlage", to: String(markers.count))
            markers.append(MarkerRecord(marker: marker, part: part, context: context))
            text.replace(range, with: placeholder)
        }
        return errors
    }

    /// The record a placeholder element stands for.
    func record(of placeholder: XMLNode) -> MarkerRecord {
        markers[Int(placeholder.attribute(Self.namespace, "id")!)!]
    }

    /// Pairs `{{#each}}` with `{{/each}}` in document order and wraps what each pair repeats.
    private func bindBlocks(in xml: XMLDocument, part: String) -> [TemplateError] {
        var errors: [TemplateError] = []
        var open: [XMLNode] = []
        var pairs: [(XMLNode, XMLNode)] = []
        for placeholder in xml.root.descendantElements(where: { $0.is(Self.namespace, "marker") }) {
            switch record(of: placeholder).marker.kind {
            case .each: open.append(placeholder)
            case .endEach:
                if let start = open.popLast() {
                    pairs.append((start, placeholder))
                } else {
                    errors.append(error(.unbalancedBlock, record(of: placeholder), "this {{/each}} closes no {{#each}}.", hint: "Remove it, or add the {{#each list}} where the repetition starts."))
                }
            case .value: continue
            }
        }
        for start in open {
            errors.append(error(.unbalancedBlock, record(of: start), "this block is never closed.", hint: "Add {{/each}} where the repetition ends."))
        }
        guard errors.isEmpty else { return errors }
        // Inner pairs close first, so they are wrapped before the blocks around them.
        for (start, end) in pairs {
            if let problem = wrap(start, end) { errors.append(problem) }
        }
        return errors
    }

    /// Wraps what a block repeats in a `vorlage:each` element that carries the start's id.
    private func wrap(_ start: XMLNode, _ end: XMLNode) -> TemplateError? {
        let startRecord = record(of: start)
        let wrapper = start.document.makeElement(Self.namespace, "each", prefix: "vorlage")
        wrapper.setAttribute(Self.namespace, "id", prefix: "vorlage", to: start.attribute(Self.namespace, "id")!)
        guard let startParagraph = Self.enclosingParagraph(start), let endParagraph = Self.enclosingParagraph(end) else {
            return error(.crossingBlock, startRecord, "the block's ends are not in paragraphs.")
        }

        // Both ends in one paragraph: the text between them, if they sit side by side.
        if startParagraph == endParagraph {
            guard start.parent == end.parent else {
                return error(.crossingBlock, startRecord, "the block starts and ends in differently formatted parts of the paragraph.",
                             hint: "Give {{#each}} and {{/each}} the same formatting.")
            }
            moveRange(after: start, before: end, into: wrapper)
            return nil
        }

        let common = Self.commonAncestor(startParagraph, endParagraph)
        // Both ends in one table row (different cells): the row repeats.
        if let row = Self.ancestorOrSelf(common, ODFNamespace.table, "table-row") {
            start.remove()
            end.remove()
            row.insertBefore(wrapper)
            wrapper.append(row)
            return nil
        }
        // Both ends in one list item: the item repeats.
        if let item = Self.ancestorOrSelf(common, ODFNamespace.text, "list-item") {
            start.remove()
            end.remove()
            item.insertBefore(wrapper)
            wrapper.append(item)
            return nil
        }
        // Ends in sibling paragraphs: everything between them repeats.
        guard startParagraph.parent == common, endParagraph.parent == common else {
            return error(.crossingBlock, startRecord,
                         "the block starts in „\(TemplateError.shortened(startRecord.context, limit: 40))“ and ends in „\(TemplateError.shortened(record(of: end).context, limit: 40))“, which lie in different structures (a table, a list, a frame or a section).",
                         hint: "Put both ends in the same table row, or both outside the table, list or section.")
        }
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
        return nil
    }

    /// Moves the siblings strictly between `start` and `end` into `wrapper`, which takes their place.
    private func moveRange(after start: XMLNode, before end: XMLNode, into wrapper: XMLNode) {
        var node = start.nextSibling
        end.insertBefore(wrapper)
        while let current = node, current != wrapper {
            node = current.nextSibling
            wrapper.append(current)
        }
        start.remove()
        end.remove()
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

    /// A paragraph with nothing left in it but white space and empty formatting.
    static func isBlank(_ paragraph: XMLNode) -> Bool {
        paragraph.textContent.allSatisfy(\.isWhitespace)
            && paragraph.descendantElements(where: { !$0.is(ODFNamespace.text, "span") && !$0.is(ODFNamespace.text, "soft-page-break") }).isEmpty
    }
}
