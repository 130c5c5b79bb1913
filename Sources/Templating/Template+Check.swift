public import Foundation
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

    /// What ``inspect(contentsOf:against:)`` found.
    public struct Inspection: Sendable {
        public var markers: [MarkerSummary]
        public var dataPaths: [String]
        public var dataFields: [String]
        /// Every problem: of the package, the markers, the blocks and the paths, together.
        public var problems: [TemplateError]
    }

    /// Checks the template at `url` against `data` (real data, or the model of its kind) and
    /// reports every problem in one go: broken blocks do not hide unknown paths. With sound blocks
    /// the paths are checked in their scopes (``check(against:)``); with broken ones each path
    /// must exist at the top or below some list's items, as far as the structure can be known.
    public static func inspect(contentsOf url: URL, against data: Value) -> Inspection {
        let document: ODFDocument
        do {
            document = try ODFDocument(contentsOf: url)
        } catch {
            return Inspection(markers: [], dataPaths: [], dataFields: [], problems: [TemplateError(error, template: url.path)])
        }
        let template = Template(inspecting: document, name: url.path)
        let pathProblems = template.compileProblems.isEmpty ? template.check(against: data) : template.checkPathsWithoutStructure(against: data)
        return Inspection(markers: template.summary, dataPaths: template.dataPaths, dataFields: template.dataFields,
                          problems: template.compileProblems + pathProblems)
    }

    /// Every path of every marker, resolved from the top of `data` or from the items of any list
    /// in it; the hint names the closest known path, qualified (`consultation[].organization`).
    func checkPathsWithoutStructure(against data: Value) -> [TemplateError] {
        var known: [String] = []
        var itemMaps: [(prefix: String, map: Value.OrderedMap)] = []
        func collect(_ value: Value, _ prefix: String) {
            switch value {
            case .map(let map):
                for (key, inner) in map.pairs {
                    let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                    known.append(path)
                    collect(inner, path)
                }
            case .list(let items):
                for item in items {
                    if case .map(let map) = item { itemMaps.append(("\(prefix)[]", map)) }
                    collect(item, "\(prefix)[]")
                }
            default:
                break
            }
        }
        collect(data, "")
        var problems: [TemplateError] = []
        var reported: Set<String> = []
        for record in markers {
            for path in record.marker.paths where path.segments[0] != "this" && !path.segments[0].hasPrefix("@") {
                let found = data.value(at: path.segments) != nil || itemMaps.contains { Value.map($0.map).value(at: path.segments) != nil }
                guard !found, reported.insert(path.description).inserted else { continue }
                let guess = Suggestion.closest(to: path.description, among: known)
                    ?? Suggestion.closest(to: path.segments.last!, among: known.map { String($0.split(separator: ".").last ?? "") }).flatMap { name in known.first { $0.hasSuffix(name) } }
                // Paths inside repetitions first, qualified with their list: consultation[].organization.
                let listed = (known.filter { $0.contains("[]") } + known.filter { !$0.contains("[]") }).prefix(12).joined(separator: ", ")
                problems.append(error(.unknownPath, record, path: path.description, Phrase.noData(path.description),
                                      hint: guess.map(Phrase.didYouMean) ?? "Bekannte Pfade sind unter anderem \(listed)."))
            }
        }
        return problems
    }

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
                            errors.append(template.error(.notAList, record, path: path.description, Phrase.notAList(path.description), hint: Phrase.notAListHint(path.description)))
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
    static func union(_ items: ValueList) -> Value {
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
