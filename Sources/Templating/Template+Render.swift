public import ODFPackage
import Foundation

extension Template {
    /// Fills a copy of the template with `data` and returns the filled package.
    ///
    /// Every problem (unknown paths, values that are not lists, characters XML cannot hold) is
    /// collected and thrown together; nothing partial is returned. The template's preview
    /// picture, which would show the unfilled markers, is dropped.
    /// - Parameter documents: supplies the documents that `{{ key | document }}` markers insert.
    public func render(_ data: Value, documents: (any DocumentInserter)? = nil) throws(TemplateErrors) -> ODFDocument {
        let output = document.copy()
        var renderer = Renderer(template: self, styles: try? output.xml("styles.xml"), package: output, documents: documents)
        for part in Self.filledParts where output.contains(part) {
            let xml: XMLDocument
            do {
                xml = try output.xml(part)
            } catch {
                throw TemplateErrors([TemplateError(error, template: name, part: part)])
            }
            renderer.plainText = Self.plainTextParts.contains(part)
            renderer.render(xml.root, scopes: [Scope(value: data)])
            renderer.fillUserFields(in: xml, data: data)
            xml.root.removeNamespaceDeclaration(Self.namespace)
            UniqueNames.restore(in: xml)
        }
        output.removeEntry(Self.thumbnail)
        if !renderer.errors.isEmpty { throw TemplateErrors(renderer.errors) }
        return output
    }

    /// Parts whose values are plain text: document properties hold no ODF text elements.
    static let plainTextParts: Set<String> = ["meta.xml"]

    /// One level of data a marker can see: the whole data, or the current item of a repetition.
    struct Scope {
        var value: Value
        var index: Int? = nil
        var count: Int? = nil
    }

    /// Walks a copy of the compiled tree, replacing placeholders and expanding blocks.
    struct Renderer {
        let template: Template
        /// styles.xml of the filled package, where Markdown creates the styles it lacks.
        let styles: XMLDocument?
        /// The package being filled, for documents inserted into it.
        let package: ODFDocument?
        let documents: (any DocumentInserter)?
        var errors: [TemplateError] = []
        /// True in a part whose values are plain text (document properties): line breaks, tabs
        /// and spaces stay characters, since ODF's text elements are not allowed there.
        var plainText = false

        init(template: Template, styles: XMLDocument?, package: ODFDocument? = nil, documents: (any DocumentInserter)? = nil) {
            self.template = template
            self.styles = styles
            self.package = package
            self.documents = documents
        }

        mutating func render(_ node: XMLNode, scopes: [Scope]) {
            if node.is(Template.namespace, "marker") {
                renderValue(node, scopes: scopes)
            } else if node.is(Template.namespace, "block") {
                switch template.record(of: node).marker.kind {
                case .each: renderEach(node, scopes: scopes)
                default: renderCondition(node, scopes: scopes)
                }
            } else {
                for child in node.children where child.isElement {
                    render(child, scopes: scopes)
                }
            }
        }

        private mutating func renderValue(_ placeholder: XMLNode, scopes: [Scope]) {
            // Markdown replaces the marker's whole paragraph, which may go only after the marker.
            if let emptied = fillValue(placeholder, scopes: scopes) { emptied.remove() }
        }

        /// Puts the value in the placeholder's place; returns the paragraph to remove when the
        /// value became paragraphs of its own (Markdown).
        private mutating func fillValue(_ placeholder: XMLNode, scopes: [Scope]) -> XMLNode? {
            let record = template.record(of: placeholder)
            defer { placeholder.remove() }
            guard case .value(let path, _) = record.marker.kind, let text = valueText(record, scopes: scopes) else { return nil }
            switch record.marker.blockFilter {
            case "markdown": return renderMarkdown(text, at: placeholder, path: path, record: record)
            case "document": return insertDocument(text, at: placeholder, path: path, record: record)
            default: break
            }
            if plainText {
                placeholder.insertBefore(placeholder.document.makeText(text))
            } else {
                Self.insert(text, before: placeholder)
            }
            return nil
        }

        /// The text a value marker shows: its path resolved and its filters applied; nil, with
        /// the problem recorded, when the value cannot be shown.
        mutating func valueText(_ record: MarkerRecord, scopes: [Scope]) -> String? {
            guard case .value(let path, let filters) = record.marker.kind else { return nil }
            guard var value = resolve(path, scopes: scopes, record: record) else { return nil }
            for filter in filters where !Filters.blockFilters.contains(filter.name) {
                do {
                    value = try Filters.apply(filter, to: value)
                } catch {
                    errors.append(template.error(.wrongValue, record, path: path.description, "\(error.message)",
                                                 hint: "Prüfen Sie „\(path)“ in den Daten oder den Filter „\(filter.name)“ in der Dokumentvorlage."))
                    return nil
                }
            }
            guard let text = value.displayText else {
                let fields = if case .map(let map) = value { map.keys.prefix(4).map { "\(path).\($0)" }.joined(separator: ", ") } else { "" }
                errors.append(template.error(.unsupported, record, path: path.description,
                                             "„\(path)“ ist eine Gruppe von Werten, kein einzelner Wert.", hint: fields.isEmpty ? nil : "Nennen Sie eines ihrer Felder, etwa \(fields)."))
                return nil
            }
            if let (offset, scalar) = XMLCharacters.firstForbidden(in: text) {
                let code = XMLCharacters.codePoint(scalar)
                errors.append(template.error(.forbiddenCharacter, record, path: path.description,
                                             "Der Wert von „\(path)“ enthält an Stelle \(offset + 1) das Steuerzeichen \(code), das eine ODF-Datei nicht enthalten kann.",
                                             hint: "Entfernen Sie es aus den Daten (es stammt oft aus Text, der aus einem anderen Programm kopiert wurde)."))
                return nil
            }
            return text
        }

        /// Shows or hides a condition's branches: the chosen one takes the block's place.
        private mutating func renderCondition(_ wrapper: XMLNode, scopes: [Scope]) {
            let record = template.record(of: wrapper)
            defer { wrapper.remove() }
            guard let chooseFirst = choosesFirstBranch(record, scopes: scopes) else { return }
            var inFirst = true
            for child in wrapper.children {
                if child.is(Template.namespace, "else") {
                    inFirst = false
                    continue
                }
                guard inFirst == chooseFirst else { continue }
                let moved = wrapper.insertBefore(child)
                if moved.isElement { render(moved, scopes: scopes) }
            }
        }

        /// Whether a condition shows its first branch (`{{#if}}` true, `{{#unless}}` false); nil,
        /// with the problem recorded, when a path is unknown or the condition cannot be decided.
        mutating func choosesFirstBranch(_ record: MarkerRecord, scopes: [Scope]) -> Bool? {
            guard case .condition(let condition, let negated) = record.marker.kind else { return nil }
            var failed = false
            let result = condition.evaluate { path in
                let value = resolve(path, scopes: scopes, record: record)
                if value == nil { failed = true }
                return value
            }
            guard !failed, let result else { return nil }
            return result != negated
        }

        /// The items a repetition repeats over (none for a null value); nil, with the problem
        /// recorded, when the path is unknown or names a single value.
        mutating func repeatedItems(_ record: MarkerRecord, scopes: [Scope]) -> ValueList? {
            guard case .each(let path) = record.marker.kind, let value = resolve(path, scopes: scopes, record: record) else { return nil }
            switch value {
            case .list(let list): return list
            case .null: return []
            default:
                errors.append(template.error(.notAList, record, path: path.description, Phrase.notAList(path.description), hint: Phrase.notAListHint(path.description)))
                return nil
            }
        }

        /// Sets each user field whose name is a data path to that value, and the fields that show it.
        mutating func fillUserFields(in xml: XMLDocument, data: Value) {
            let declarations = xml.root.descendantElements { $0.is(ODFNamespace.text, "user-field-decl") }
            for declaration in declarations {
                guard let name = declaration.attribute(ODFNamespace.text, "name"), template.userFields.contains(name),
                      let path = try? DataPath(name), let value = data.value(at: path.segments), let text = value.displayText,
                      XMLCharacters.firstForbidden(in: text) == nil else { continue }
                let office = ODFNamespace.office
                for attribute in ["value", "date-value", "time-value", "boolean-value", "currency"] {
                    declaration.removeAttribute(office, attribute)
                }
                declaration.setAttribute(office, "value-type", prefix: "office", to: "string")
                declaration.setAttribute(office, "string-value", prefix: "office", to: text)
                let shown = xml.root.descendantElements { $0.is(ODFNamespace.text, "user-field-get") && $0.attribute(ODFNamespace.text, "name") == name }
                for field in shown {
                    for child in field.children { child.remove() }
                    field.append(xml.makeText(text))
                }
            }
        }

        private mutating func renderEach(_ wrapper: XMLNode, scopes: [Scope]) {
            let record = template.record(of: wrapper)
            defer { wrapper.remove() }
            guard let items = repeatedItems(record, scopes: scopes) else { return }
            let body = wrapper.children
            for (index, item) in items.enumerated() {
                let scope = Scope(value: item, index: index, count: items.count)
                for child in body {
                    let copy = wrapper.insertCopyBefore(child)
                    if copy.isElement { render(copy, scopes: scopes + [scope]) }
                }
            }
        }

        /// The value a path names, looked up from the innermost scope outwards; records an error
        /// with the closest known name when there is none.
        mutating func resolve(_ path: DataPath, scopes: [Scope], record: MarkerRecord) -> Value? {
            let first = path.segments[0]
            var base: Value?
            if first.utf8.first == UInt8(ascii: "@") {
                if let loop = scopes.last(where: { $0.index != nil }), let index = loop.index, let count = loop.count {
                    base = switch first {
                    case "@index": .number(Decimal(index))
                    case "@number": .number(Decimal(index + 1))
                    case "@first": .bool(index == 0)
                    case "@last": .bool(index == count - 1)
                    default: nil
                    }
                }
                if base == nil {
                    errors.append(template.error(.unknownPath, record, path: path.description,
                                                 "„\(first)“ gibt es nur innerhalb von {{#each}} … {{/each}}.", hint: "Verwenden Sie es innerhalb eines {{#each}}-Blocks; bekannt sind @index, @number, @first und @last."))
                    return nil
                }
            } else if first == "this" {
                base = scopes.last?.value
            } else {
                base = scopes.reversed().lazy.compactMap { scope -> Value? in
                    if case .map(let map) = scope.value { return map[first] }
                    return nil
                }.first
                if base == nil {
                    let known = scopes.flatMap { scope -> [String] in
                        if case .map(let map) = scope.value { return map.keys }
                        return []
                    }
                    errors.append(unknown(path, step: 0, known: known, record: record))
                    return nil
                }
            }
            var current = base!
            // The later steps read in place: a copy of them per lookup was a tenth of its cost.
            for index in path.segments.indices.dropFirst() {
                guard let next = current.value(at: path.segments[index]) else {
                    let known = if case .map(let map) = current { map.keys } else { [String]() }
                    errors.append(unknown(path, step: index, known: known, record: record))
                    return nil
                }
                current = next
            }
            return current
        }

        private func unknown(_ path: DataPath, step: Int, known: [String], record: MarkerRecord) -> TemplateError {
            let missing = path.segments[step]
            let prefix = path.segments[..<step].joined(separator: ".")
            let qualified = known.map { prefix.isEmpty ? $0 : "\(prefix).\($0)" }
            let hint: String
            if let guess = Suggestion.closest(to: missing, among: known) {
                hint = Phrase.didYouMean(prefix.isEmpty ? guess : "\(prefix).\(guess)")
            } else if qualified.isEmpty {
                hint = "Prüfen Sie die Schreibweise anhand der Daten."
            } else {
                hint = "Bekannt sind hier: \(qualified.prefix(8).joined(separator: ", "))."
            }
            return template.error(.unknownPath, record, path: path.description, Phrase.noData(path.description), hint: hint)
        }

        /// Inserts `text` before `anchor`: line breaks, tabs and runs of spaces become the ODF
        /// elements that keep them (a plain run of spaces would collapse to one).
        static func insert(_ text: String, before anchor: XMLNode) {
            let document = anchor.document
            var buffer = String.UnicodeScalarView()
            func flush() {
                defer { buffer = String.UnicodeScalarView() }
                guard !buffer.isEmpty else { return }
                // Continue the text before the anchor rather than leave two text nodes side by side.
                if let previous = anchor.previousSibling, previous.kind == .text {
                    previous.setText(previous.textContent + String(buffer))
                } else {
                    anchor.insertBefore(document.makeText(String(buffer)))
                }
            }
            func element(_ name: String) -> XMLNode {
                document.makeElement(ODFNamespace.text, name, prefix: "text")
            }
            let scalars = Array(text.unicodeScalars)
            var index = 0
            while index < scalars.count {
                let scalar = scalars[index]
                switch scalar {
                case "\r", "\n":
                    flush()
                    anchor.insertBefore(element("line-break"))
                    if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                case "\t":
                    flush()
                    anchor.insertBefore(element("tab"))
                case " ":
                    var run = 1
                    while index + run < scalars.count, scalars[index + run] == " " { run += 1 }
                    buffer.append(" ")
                    if run > 1 {
                        flush()
                        let spaces = element("s")
                        if run > 2 { spaces.setAttribute(ODFNamespace.text, "c", prefix: "text", to: String(run - 1)) }
                        anchor.insertBefore(spaces)
                    }
                    index += run - 1
                default:
                    buffer.append(scalar)
                }
                index += 1
            }
            flush()
        }
    }
}
