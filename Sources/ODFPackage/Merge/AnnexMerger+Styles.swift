extension AnnexMerger {
    // MARK: Fonts

    /// Renames the annex's fonts that the receiver declares differently under the same name.
    func decideFonts() {
        var taken = Set(receiverCatalog.fonts.keys).union(annexCatalog.fonts.keys)
        for name in annexCatalog.fonts.keys.sorted() {
            guard let ours = annexCatalog.fonts[name], let theirs = receiverCatalog.fonts[name],
                CanonicalElement(ours.node) != CanonicalElement(theirs.node)
            else { continue }
            var candidate = "\(name) (\(tag))"
            var counter = 2
            while taken.contains(candidate) {
                candidate = "\(name) (\(tag) \(counter))"
                counter += 1
            }
            taken.insert(candidate)
            fontRenames[name] = candidate
        }
    }

    // MARK: Default styles

    /// Where the annex's default style of a family differs from the receiver's, makes the annex's
    /// styles of that family that have no parent carry the annex's defaults themselves, so they
    /// look the same under the receiver's defaults. Paragraphs without any style get an automatic
    /// style holding the annex's paragraph defaults.
    func foldDifferingDefaults() {
        for family in annexCatalog.defaults.keys.sorted() {
            guard let ours = annexCatalog.defaults[family] else { continue }
            let mine = CanonicalElement(ours) { attribute, element in self.fontMappedValue(attribute, on: element) }
            if let theirs = receiverCatalog.defaults[family], mine == CanonicalElement(theirs) { continue }
            differingDefaultFamilies.insert(family)
            let kind = NameKind.style(family)
            let roots = [annexCatalog.common, annexCatalog.contentAutomatic, annexCatalog.stylesAutomatic]
                .flatMap(\.values)
                .filter { $0.key.kind == kind && ($0.node.attribute(NS.style, "parent-style-name") ?? "").isEmpty }
                .sorted { $0.ordinal < $1.ordinal }
            for root in roots { Self.fold(ours, into: root.node) }
            if family == "paragraph" { styleUnstyledParagraphs(defaults: ours) }
        }
    }

    /// Copies what `defaults` sets and `style` does not into `style` (see ``CanonicalElement/fold(defaults:)``).
    static func fold(_ defaults: XMLNode, into style: XMLNode) {
        for property in defaults.childElements {
            guard let namespace = property.namespaceURI else { continue }
            guard let own = style.firstChild(namespace, property.localName) else {
                PropertyOrder.insertCopy(of: property, into: style)
                continue
            }
            for attribute in property.attributes where own.attribute(attribute.namespaceURI, attribute.localName) == nil {
                guard let uri = attribute.namespaceURI else { continue }
                own.setAttribute(uri, attribute.localName, prefix: attribute.prefix ?? "ns", to: attribute.value)
            }
            for child in property.childElements {
                guard let uri = child.namespaceURI, own.firstChild(uri, child.localName) == nil else { continue }
                own.appendCopy(of: child)
            }
        }
    }

    /// Gives every paragraph and heading of the annex body that has no style an automatic style
    /// with the annex's paragraph defaults.
    private func styleUnstyledParagraphs(defaults: XMLNode) {
        var unstyled: [XMLNode] = []
        for child in annexTextChildren {
            child.forEachElement { element in
                if element.is(NS.text, "p") || element.is(NS.text, "h"), element.attribute(NS.text, "style-name") == nil {
                    unstyled.append(element)
                }
            }
        }
        guard !unstyled.isEmpty else { return }
        let name = freshStyleName("Default", kind: .style("paragraph"))
        let style = annexContent.makeElement(NS.style, "style", prefix: "style")
        style.setAttribute(NS.style, "name", prefix: "style", to: name)
        style.setAttribute(NS.style, "family", prefix: "style", to: "paragraph")
        Self.fold(defaults, into: style)
        annexAutomaticStyles().append(style)
        annexCatalog.add(style, scope: .contentAutomatic)
        for paragraph in unstyled {
            paragraph.setAttribute(NS.text, "style-name", prefix: "text", to: name)
        }
    }

    /// The annex's content.xml office:automatic-styles, created when missing.
    func annexAutomaticStyles() -> XMLNode {
        OrderedChildren.container(NS.office, "automatic-styles", prefix: "office", in: annexContent.root, order: OrderedChildren.contentRoot)
    }

    /// An attribute value with font references mapped to the fonts' names after the merge.
    private func fontMappedValue(_ attribute: XMLNode.Attribute, on element: XMLNode) -> String {
        if case .reference(.font) = MergeVocabulary.role(of: attribute, on: element) {
            return fontRenames[attribute.value] ?? attribute.value
        }
        return attribute.value
    }

    // MARK: What the body needs

    /// Finds every definition the annex's body needs, transitively: the styles its elements use,
    /// the styles, list styles, data styles, fonts and master pages those use, and so on.
    func collectNeededDefinitions() {
        var queue: [(node: XMLNode, site: ReferenceSite)] = annexTextChildren.map { ($0, .content) }
        if options.keepsPageLayout, let firstMaster, let master = annexCatalog.masters[firstMaster] {
            neededIDs.insert(DefinitionID(scope: .master, key: master.key))
            needed.append(master)
            queue.append((master.node, .stylesAutomatic))
        }
        for key in annexCatalog.singletons.keys.sorted() where receiverCatalog.singletons[key] == nil {
            guard let node = annexCatalog.singletons[key] else { continue }
            copiedSingletons.append(node)
            queue.append((node, .common))
        }
        var contentFonts = Set<String>(), stylesFonts = Set<String>()
        var position = 0
        while position < queue.count {
            let (node, site) = queue[position]
            position += 1
            node.forEachElement { element in
                for attribute in element.attributes {
                    let kind: NameKind
                    let names: [String]
                    switch MergeVocabulary.role(of: attribute, on: element) {
                    case .reference(let referenced): kind = referenced; names = [attribute.value]
                    case .references(let referenced): kind = referenced; names = attribute.value.split(separator: " ").map(String.init)
                    default: continue
                    }
                    guard kind.isStyle else { continue }
                    for name in names where !name.isEmpty {
                        if kind == .font {
                            if site == .content {
                                if contentFonts.insert(name).inserted { neededContentFonts.append(name) }
                            } else if stylesFonts.insert(name).inserted {
                                neededStylesFonts.append(name)
                            }
                            continue
                        }
                        if kind == .masterPage && !options.keepsPageLayout { continue }
                        guard let definition = annexCatalog.resolve(kind, name, from: site) else { continue }
                        if neededIDs.insert(DefinitionID(scope: definition.scope, key: definition.key)).inserted {
                            needed.append(definition)
                            queue.append((definition.node, definition.site))
                        }
                    }
                }
            }
        }
        needed.sort { ($0.scope, $0.ordinal) < ($1.scope, $1.ordinal) }
    }

    // MARK: Names

    /// Decides the new name of every needed definition: automatic styles get the tag in front,
    /// master pages are renamed when their name is taken, and common styles are shared when the
    /// receiver has the same name with the same definition, else renamed („Standard (A1)“).
    func decideStyleNames() {
        for definition in needed where definition.scope == .master {
            let name = definition.key.name
            let display = StyleCatalog.displayName(of: definition.node, name: name)
            let theirs = receiverCatalog.displayNames[.masterPage] ?? [:]
            guard receiverCatalog.masters[name] != nil || theirs[display] != nil || theirs[name] != nil else { continue }
            rename(definition, display: display)
        }
        for definition in needed where definition.scope == .contentAutomatic || definition.scope == .stylesAutomatic {
            styleRenames[definition.scope, default: [:]][definition.key] = freshStyleName(tag + definition.key.name, kind: definition.key.kind)
        }

        let common = needed.filter { $0.scope == .common }
        var renamed = Set<StyleKey>()
        var candidates: [StyleDefinition] = []
        for definition in common {
            let display = StyleCatalog.displayName(of: definition.node, name: definition.key.name)
            if receiverCatalog.common[definition.key] != nil {
                candidates.append(definition)
            } else if let theirs = receiverCatalog.displayNames[definition.key.kind], theirs[display] != nil || theirs[definition.key.name] != nil {
                renamed.insert(definition.key)
            }
        }
        // Sharing is decided as a greatest fixpoint: assume every candidate can be shared, then
        // rename those that differ once their references follow the renames so far, until
        // nothing changes (a style whose parent is renamed differs from the receiver's).
        var changed = true
        while changed {
            changed = false
            for candidate in candidates where !renamed.contains(candidate.key) {
                if !isSameAsReceiver(candidate, renamed: renamed) {
                    renamed.insert(candidate.key)
                    changed = true
                }
            }
        }
        for candidate in candidates where !renamed.contains(candidate.key) {
            sharedCommon.insert(candidate.key)
        }
        for definition in common where renamed.contains(definition.key) {
            rename(definition, display: StyleCatalog.displayName(of: definition.node, name: definition.key.name))
        }
    }

    private func rename(_ definition: StyleDefinition, display: String) {
        let fresh = freshDisplayName(display, kind: definition.key.kind)
        styleRenames[definition.scope, default: [:]][definition.key] = fresh.name
        renamedDisplayNames[DefinitionID(scope: definition.scope, key: definition.key)] = fresh.display
    }

    /// True when the receiver's common style of the same key has the same definition as the
    /// annex's, with the annex's references mapped as they will be after the merge.
    private func isSameAsReceiver(_ definition: StyleDefinition, renamed: Set<StyleKey>) -> Bool {
        guard let theirs = receiverCatalog.common[definition.key] else { return false }
        let mine = CanonicalElement(definition.node) { attribute, element in
            self.comparedValue(attribute, on: element, renamed: renamed)
        }
        var their = CanonicalElement(theirs.node)
        let kind = definition.key.kind.rawValue
        if kind.hasPrefix("style:"), differingDefaultFamilies.contains(String(kind.dropFirst(6))),
            (theirs.node.attribute(NS.style, "parent-style-name") ?? "").isEmpty,
            let defaults = receiverCatalog.defaults[String(kind.dropFirst(6))]
        {
            their.fold(defaults: CanonicalElement(defaults))
        }
        return mine == their
    }

    private func comparedValue(_ attribute: XMLNode.Attribute, on element: XMLNode, renamed: Set<StyleKey>) -> String {
        func mapped(_ kind: NameKind, _ name: String) -> String {
            switch kind {
            case .font: return fontRenames[name] ?? name
            case .masterPage: return styleRenames[.master]?[StyleKey(kind: kind, name: name)] ?? name
            default: return renamed.contains(StyleKey(kind: kind, name: name)) ? "\u{1}renamed:" + name : name
            }
        }
        switch MergeVocabulary.role(of: attribute, on: element) {
        case .reference(let kind) where kind.isStyle:
            return mapped(kind, attribute.value)
        case .references(let kind) where kind.isStyle:
            return attribute.value.split(separator: " ").map { mapped(kind, String($0)) }.joined(separator: " ")
        default:
            return attribute.value
        }
    }

    /// Every style rename that applies to references made from `site`'s part, by key.
    func styleMap(forContent: Bool) -> [StyleKey: String] {
        var map = styleRenames[forContent ? .contentAutomatic : .stylesAutomatic] ?? [:]
        for scope in [StyleScope.common, .master] {
            map.merge(styleRenames[scope] ?? [:]) { own, _ in own }
        }
        for (name, renamed) in fontRenames {
            map[StyleKey(kind: .font, name: name)] = renamed
        }
        return map
    }
}
