import ODFPackage

extension Template {
    /// One marker of the template, described for `vorlage check`.
    public struct MarkerSummary: Sendable, Hashable {
        /// Where it is, in a LibreOffice user's words: body, header/footer, document properties.
        public var place: String
        /// The marker as typed.
        public var marker: String
        /// value, each, if, unless, else, end, field.
        public var kind: String
        /// The data paths it reads.
        public var paths: [String]
    }

    /// Every marker, in document order per part.
    public var summary: [MarkerSummary] {
        markers.map { record in
            let (kind, paths): (String, [String]) = switch record.marker.kind {
            case .value(let path, let filters): (filters.isEmpty ? "value" : "value | " + filters.map(\.name).joined(separator: " | "), [path.description])
            case .each(let path): ("each", [path.description])
            case .condition(let condition, let negated): (negated ? "unless" : "if", condition.paths.map(\.description))
            case .otherwise: ("else", [])
            case .end(let block): ("end of \(block.rawValue)", [])
            }
            return MarkerSummary(place: TemplateError.placeName(record.part) ?? record.part, marker: record.marker.raw, kind: kind, paths: paths)
        }
    }

    /// The names of user fields that read as data paths and are filled from the data.
    public var dataFields: [String] { userFields }

    /// Checks every marker against `data` without filling: each path must exist, in every
    /// branch of every condition and inside every repetition (against the union of the items'
    /// fields), so a problem in a branch the data does not take today is found as well.
    public func check(against data: Value) -> [TemplateError] {
        var renderer = Renderer(template: self, styles: nil)
        for part in Self.filledParts where document.contains(part) {
            guard let xml = try? document.xml(part) else { continue }
            renderer.check(xml.root, scopes: [Scope(value: data)])
        }
        return renderer.errors
    }
}

extension Template.Renderer {
    /// Walks the compiled tree without changing it, resolving every path a marker reads.
    mutating func check(_ node: XMLNode, scopes: [Template.Scope]) {
        for child in node.childElements {
            if child.is(Template.namespace, "marker") {
                let record = template.record(of: child)
                if case .value(let path, _) = record.marker.kind { _ = resolve(path, scopes: scopes, record: record) }
            } else if child.is(Template.namespace, "block") {
                let record = template.record(of: child)
                switch record.marker.kind {
                case .each(let path):
                    guard let value = resolve(path, scopes: scopes, record: record) else { continue }
                    guard case .list(let items) = value else {
                        if value != .null {
                            errors.append(template.error(.notAList, record, path: path.description, "„\(path)“ is a single value, so {{#each}} cannot repeat over it."))
                        }
                        continue
                    }
                    // An empty list gives nothing to check the fields against.
                    guard !items.isEmpty else { continue }
                    check(child, scopes: scopes + [Template.Scope(value: Self.union(items), index: 0, count: items.count)])
                case .condition(let condition, _):
                    for path in condition.paths { _ = resolve(path, scopes: scopes, record: record) }
                    check(child, scopes: scopes)
                default:
                    check(child, scopes: scopes)
                }
            } else {
                check(child, scopes: scopes)
            }
        }
    }

    /// One map with every field any item has (the first non-empty value of each).
    static func union(_ items: [Value]) -> Value {
        var merged = Value.OrderedMap()
        for item in items {
            guard case .map(let map) = item else { return items[0] }
            for (key, value) in map.pairs where merged[key] == nil || merged[key] == .null {
                merged[key] = value
            }
        }
        return .map(merged)
    }
}
