extension AnnexMerger {
    /// The annex nodes that go into the receiver and may define body names: the body with its
    /// declarations, and the master pages that are copied.
    var annexNameRoots: [XMLNode] {
        annexTextChildren + needed.filter { $0.scope == .master }.map(\.node)
    }

    /// Decides new names for the annex's bookmarks, reference marks, sections, tables, frames,
    /// notes, sequence references, index marks, annotations, forms and `xml:id`s that the receiver
    /// uses already (suffix `-A1`), and for declared user fields, DDE connections and validations
    /// that the receiver declares differently (suffix `_A1`); variables and sequences are shared
    /// by name.
    func decideBodyNames() throws(ODFError) {
        var receiverNames: [NameKind: Set<String>] = [:]
        var receiverDeclarations: [StyleKey: XMLNode] = [:]
        var roots = [receiverContent.root]
        if receiver.contains("styles.xml") { roots.append(try receiver.xml("styles.xml").root) }
        for root in roots {
            Self.forEachNameDefinition(in: root) { kind, name, element in
                receiverNames[kind, default: []].insert(name)
                if receiverDeclarations[StyleKey(kind: kind, name: name)] == nil { receiverDeclarations[StyleKey(kind: kind, name: name)] = element }
            }
        }
        var annexNames: [NameKind: [String]] = [:]
        var annexSeen: [NameKind: Set<String>] = [:]
        var annexDeclarations: [StyleKey: XMLNode] = [:]
        for root in annexNameRoots {
            Self.forEachNameDefinition(in: root) { kind, name, element in
                if annexSeen[kind, default: []].insert(name).inserted { annexNames[kind, default: []].append(name) }
                if annexDeclarations[StyleKey(kind: kind, name: name)] == nil { annexDeclarations[StyleKey(kind: kind, name: name)] = element }
            }
        }

        for kind in NameKind.bodyNames {
            var taken = receiverNames[kind, default: []].union(annexSeen[kind, default: []])
            for name in annexNames[kind, default: []] where receiverNames[kind]?.contains(name) ?? false {
                nameRenames[kind, default: [:]][name] = Self.fresh(name + "-" + tag, in: &taken, separator: "-")
            }
        }
        for kind in NameKind.declarations {
            var taken = receiverNames[kind, default: []].union(annexSeen[kind, default: []])
            for name in annexNames[kind, default: []] {
                let key = StyleKey(kind: kind, name: name)
                guard let theirs = receiverDeclarations[key], let ours = annexDeclarations[key] else { continue }
                if CanonicalElement(ours) == CanonicalElement(theirs) {
                    sharedDeclarations.insert(key)
                } else {
                    nameRenames[kind, default: [:]][name] = Self.fresh(name + "_" + tag, in: &taken, separator: "_")
                }
            }
        }
        for kind in NameKind.sharedByName {
            for name in annexNames[kind, default: []] where receiverNames[kind]?.contains(name) ?? false {
                sharedDeclarations.insert(StyleKey(kind: kind, name: name))
            }
        }
    }

    /// `candidate`, or `candidate` with a counter, whichever is not yet in `taken` (which it joins).
    static func fresh(_ candidate: String, in taken: inout Set<String>, separator: String) -> String {
        var name = candidate
        var counter = 2
        while taken.contains(name) {
            name = candidate + separator + String(counter)
            counter += 1
        }
        taken.insert(name)
        return name
    }

    /// Calls `body` for every definition of a body or declared name under `root`.
    static func forEachNameDefinition(in root: XMLNode, _ body: (NameKind, String, XMLNode) -> Void) {
        root.forEachElement { element in
            for attribute in element.attributes {
                guard case .definition(let kind) = MergeVocabulary.role(of: attribute, on: element), !kind.isStyle else { continue }
                body(kind, attribute.value, element)
            }
        }
    }

    // MARK: Rewriting

    /// Rewrites the annex's copy: every definition and reference of a renamed name, in the body,
    /// the declarations and every definition that will be copied, and every link to a copied
    /// package entry or a renamed internal target.
    func applyRenames() {
        let contentMap = styleMap(forContent: true)
        let stylesMap = styleMap(forContent: false)
        for node in annexTextChildren { rename(in: node, styles: contentMap) }
        for definition in needed {
            rename(in: definition.node, styles: definition.scope == .contentAutomatic ? contentMap : stylesMap)
            if let display = renamedDisplayNames[DefinitionID(scope: definition.scope, key: definition.key)] {
                let node = definition.node
                if node.namespaceURI == NS.drawing || node.namespaceURI == NS.svg {
                    node.setAttribute(NS.drawing, "display-name", prefix: "draw", to: display)
                } else if node.namespaceURI != NS.table {
                    node.setAttribute(NS.style, "display-name", prefix: "style", to: display)
                }
            }
        }
        for node in copiedSingletons { rename(in: node, styles: stylesMap) }
    }

    private func rename(in root: XMLNode, styles: [StyleKey: String]) {
        func renamed(_ kind: NameKind, _ name: String) -> String? {
            kind.isStyle ? styles[StyleKey(kind: kind, name: name)] : nameRenames[kind]?[name]
        }
        root.forEachElement { element in
            element.rewriteAttributes { attribute in
                switch MergeVocabulary.role(of: attribute, on: element) {
                case .definition(let kind), .reference(let kind):
                    return renamed(kind, attribute.value)
                case .references(let kind):
                    let names = attribute.value.split(separator: " ").map(String.init)
                    guard names.contains(where: { renamed(kind, $0) != nil }) else { return nil }
                    return names.map { renamed(kind, $0) ?? $0 }.joined(separator: " ")
                case .link:
                    return renamedLink(attribute.value)
                case nil:
                    return nil
                }
            }
        }
    }

    /// The new value of an `xlink:href`: a copied package entry's new path, or an internal
    /// target (`#name`, `#name|table`, `#name|region` …) under its new name.
    func renamedLink(_ value: String) -> String? {
        if value.hasPrefix("#") {
            let target = value.dropFirst()
            let name: Substring, type: Substring?
            if let bar = target.lastIndex(of: "|") {
                name = target[..<bar]
                type = target[target.index(after: bar)...]
            } else {
                name = target
                type = nil
            }
            let kind: NameKind
            switch type {
            case nil: kind = .bookmark
            case "table": kind = .table
            case "frame", "graphic", "ole": kind = .frame
            case "region": kind = .section
            case "sequence": kind = .sequenceReference
            default: return nil
            }
            let plain = String(name)
            let decoded = plain.removingPercentEncoding ?? plain
            guard let new = nameRenames[kind]?[plain] ?? nameRenames[kind]?[decoded] else { return nil }
            return "#" + new + (type.map { "|" + $0 } ?? "")
        }
        guard let link = packageLink(value), let new = entryRenames[link.path] else { return nil }
        return link.prefix + new + link.suffix
    }
}
