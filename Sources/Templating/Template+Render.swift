public import ODFPackage
import Foundation

extension Template {
    /// Fills a copy of the template with `data` and returns the filled package.
    ///
    /// Every problem (unknown paths, values that are not lists, characters XML cannot hold) is
    /// collected and thrown together; nothing partial is returned. The template's preview
    /// picture, which would show the unfilled markers, is dropped.
    public func render(_ data: Value) throws(TemplateErrors) -> ODFDocument {
        let output = document.copy()
        var renderer = Renderer(template: self)
        for part in Self.parts where output.contains(part) {
            let xml: XMLDocument
            do {
                xml = try output.xml(part)
            } catch {
                throw TemplateErrors([TemplateError(.package, template: name, part: part, error.message)])
            }
            renderer.render(xml.root, scopes: [Scope(value: data)])
            xml.root.removeNamespaceDeclaration(Self.namespace)
        }
        output.removeEntry("Thumbnails/thumbnail.png")
        if !renderer.errors.isEmpty { throw TemplateErrors(renderer.errors) }
        return output
    }

    /// One level of data a marker can see: the whole data, or the current item of a repetition.
    struct Scope {
        var value: Value
        var index: Int? = nil
        var count: Int? = nil
    }

    /// Walks a copy of the compiled tree, replacing placeholders and expanding blocks.
    struct Renderer {
        let template: Template
        var errors: [TemplateError] = []

        init(template: Template) {
            self.template = template
        }

        mutating func render(_ node: XMLNode, scopes: [Scope]) {
            if node.is(Template.namespace, "marker") {
                renderValue(node, scopes: scopes)
            } else if node.is(Template.namespace, "each") {
                renderEach(node, scopes: scopes)
            } else {
                for child in node.children where child.isElement {
                    render(child, scopes: scopes)
                }
            }
        }

        private mutating func renderValue(_ placeholder: XMLNode, scopes: [Scope]) {
            let record = template.record(of: placeholder)
            defer { placeholder.remove() }
            guard case .value(let path, let filters) = record.marker.kind else { return }
            if let filter = filters.first {
                errors.append(template.error(.unsupported, record, path: path.description, "„\(filter.name)“ is not a known filter."))
                return
            }
            guard let value = resolve(path, scopes: scopes, record: record) else { return }
            guard let text = value.displayText else {
                let fields = if case .map(let map) = value { map.keys.prefix(4).map { "\(path).\($0)" }.joined(separator: ", ") } else { "" }
                errors.append(template.error(.unsupported, record, path: path.description,
                                             "„\(path)“ is a group of values, not one value.", hint: fields.isEmpty ? nil : "Name one of its fields, such as \(fields)."))
                return
            }
            if let (offset, scalar) = Self.forbiddenCharacter(in: text) {
                let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
                errors.append(template.error(.forbiddenCharacter, record, path: path.description,
                                             "the value of „\(path)“ holds the control character \(code) at position \(offset + 1), which an ODF file cannot contain.",
                                             hint: "Remove it from the data (it often comes from copying text out of another program)."))
                return
            }
            Self.insert(text, before: placeholder)
        }

        private mutating func renderEach(_ wrapper: XMLNode, scopes: [Scope]) {
            let record = template.record(of: wrapper)
            defer { wrapper.remove() }
            guard case .each(let path) = record.marker.kind, let value = resolve(path, scopes: scopes, record: record) else { return }
            let items: [Value]
            switch value {
            case .list(let list): items = list
            case .null: items = []
            default:
                errors.append(template.error(.notAList, record, path: path.description, "„\(path)“ is a single value, so {{#each}} cannot repeat over it.",
                                             hint: "Repeat over a list, or show the value with {{ \(path) }}."))
                return
            }
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
        private mutating func resolve(_ path: DataPath, scopes: [Scope], record: MarkerRecord) -> Value? {
            let first = path.segments[0]
            let rest = Array(path.segments.dropFirst())
            var base: Value?
            if first.hasPrefix("@") {
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
                                                 "„\(first)“ only exists inside {{#each}} … {{/each}}; it is one of @index, @number, @first, @last."))
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
            for (offset, step) in rest.enumerated() {
                guard let next = current.value(at: [step]) else {
                    let known = if case .map(let map) = current { map.keys } else { [String]() }
                    errors.append(unknown(path, step: offset + 1, known: known, record: record))
                    return nil
                }
                current = next
            }
            return current
        }

        private func unknown(_ path: DataPath, step: Int, known: [String], record: MarkerRecord) -> TemplateError {
            let missing = path.segments[step]
            let prefix = path.segments[..<step].joined(separator: ".")
            let suggestion = Suggestion.closest(to: missing, among: known).map { prefix.isEmpty ? $0 : "\(prefix).\($0)" }
            return template.error(.unknownPath, record, path: path.description,
                                  "the data has no „\(path)“.",
                                  hint: suggestion.map { "Did you mean „\($0)“?" } ?? "Check the spelling against the data.")
        }

        /// The first character XML 1.0 cannot hold, with its position in the text.
        static func forbiddenCharacter(in text: String) -> (Int, Unicode.Scalar)? {
            for (offset, scalar) in text.unicodeScalars.enumerated() {
                let value = scalar.value
                let allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value != 0xFFFE && value != 0xFFFF)
                if !allowed { return (offset, scalar) }
            }
            return nil
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

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
