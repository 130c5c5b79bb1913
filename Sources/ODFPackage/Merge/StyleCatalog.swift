/// Every style-like definition of one document (fonts, automatic and common styles, master
/// pages, default styles and the singletons of office:styles), indexed by scope and key.
final class StyleCatalog {
    private typealias NS = ODFNamespace

    private(set) var contentAutomatic: [StyleKey: StyleDefinition] = [:]
    private(set) var stylesAutomatic: [StyleKey: StyleDefinition] = [:]
    private(set) var common: [StyleKey: StyleDefinition] = [:]
    private(set) var masters: [String: StyleDefinition] = [:]
    /// Master pages in document order.
    private(set) var masterOrder: [String] = []
    /// Font declarations by name; styles.xml's declaration wins over content.xml's.
    private(set) var fonts: [String: StyleDefinition] = [:]
    private(set) var contentFontNames: Set<String> = []
    private(set) var stylesFontNames: Set<String> = []
    /// `style:default-style` by family.
    private(set) var defaults: [String: XMLNode] = [:]
    /// notes-configuration (per note class), linenumbering- and bibliography-configuration.
    private(set) var singletons: [String: XMLNode] = [:]
    private(set) var outlineStyle: XMLNode?
    /// Display names of common styles and master pages: kind → display name → style:name.
    private(set) var displayNames: [NameKind: [String: String]] = [:]
    /// Every name of a style-like definition by kind, any scope (fonts aside).
    private(set) var namesByKind: [NameKind: Set<String>] = [:]
    private var nextOrdinal = 0

    init(content: XMLDocument, styles: XMLDocument?) {
        let contentRoot = content.root
        if let decls = contentRoot.firstChild(NS.office, "font-face-decls") { addFonts(decls, inContent: true) }
        if let automatic = contentRoot.firstChild(NS.office, "automatic-styles") {
            for node in automatic.childElements { add(node, scope: .contentAutomatic) }
        }
        guard let stylesRoot = styles?.root else { return }
        if let decls = stylesRoot.firstChild(NS.office, "font-face-decls") { addFonts(decls, inContent: false) }
        if let commonStyles = stylesRoot.firstChild(NS.office, "styles") {
            for node in commonStyles.childElements { add(node, scope: .common) }
        }
        if let automatic = stylesRoot.firstChild(NS.office, "automatic-styles") {
            for node in automatic.childElements { add(node, scope: .stylesAutomatic) }
        }
        if let masterStyles = stylesRoot.firstChild(NS.office, "master-styles") {
            for node in masterStyles.childElements where node.is(NS.style, "master-page") { add(node, scope: .master) }
        }
    }

    private func addFonts(_ decls: XMLNode, inContent: Bool) {
        for node in decls.childElements where node.is(NS.style, "font-face") {
            guard let name = node.attribute(NS.style, "name") else { continue }
            if inContent { contentFontNames.insert(name) } else { stylesFontNames.insert(name) }
            let definition = StyleDefinition(scope: .font, key: StyleKey(kind: .font, name: name), node: node, ordinal: ordinal())
            if fonts[name] == nil || !inContent { fonts[name] = definition }
        }
    }

    private func ordinal() -> Int {
        nextOrdinal += 1
        return nextOrdinal
    }

    /// The key a definition element declares, or nil for elements that declare no style name.
    static func key(of node: XMLNode) -> StyleKey? {
        for attribute in node.attributes {
            if case .definition(let kind) = MergeVocabulary.role(of: attribute, on: node), kind.isStyle {
                return StyleKey(kind: kind, name: attribute.value)
            }
        }
        return nil
    }

    /// Indexes a definition element found (or created) in `scope`.
    func add(_ node: XMLNode, scope: StyleScope) {
        if scope == .common {
            if node.is(NS.style, "default-style") {
                defaults[MergeVocabulary.family(of: node)] = node
                return
            }
            if node.is(NS.text, "outline-style") {
                outlineStyle = node
                return
            }
            if let singleton = Self.singletonKey(of: node) {
                singletons[singleton] = node
                return
            }
        }
        guard let key = Self.key(of: node) else { return }
        let definition = StyleDefinition(scope: scope, key: key, node: node, ordinal: ordinal())
        namesByKind[key.kind, default: []].insert(key.name)
        switch scope {
        case .contentAutomatic: contentAutomatic[key] = contentAutomatic[key] ?? definition
        case .stylesAutomatic: stylesAutomatic[key] = stylesAutomatic[key] ?? definition
        case .common:
            guard common[key] == nil else { return }
            common[key] = definition
            displayNames[key.kind, default: [:]][Self.displayName(of: node, name: key.name)] = key.name
        case .master:
            guard masters[key.name] == nil else { return }
            masters[key.name] = definition
            masterOrder.append(key.name)
            displayNames[.masterPage, default: [:]][Self.displayName(of: node, name: key.name)] = key.name
        case .font:
            fonts[key.name] = definition
        }
    }

    /// The key of office:styles elements of which a document has at most one (per note class).
    static func singletonKey(of node: XMLNode) -> String? {
        if node.is(NS.text, "notes-configuration") {
            return "notes-configuration:" + (node.attribute(NS.text, "note-class") ?? "footnote")
        }
        if node.is(NS.text, "linenumbering-configuration") || node.is(NS.text, "bibliography-configuration") {
            return node.localName
        }
        return nil
    }

    /// The name a user sees: `style:display-name` (or `draw:display-name`), else the name itself.
    static func displayName(of node: XMLNode, name: String) -> String {
        node.attribute(NS.style, "display-name") ?? node.attribute(NS.drawing, "display-name") ?? name
    }

    /// The definition a reference of `kind` to `name`, made from `site`, resolves to.
    func resolve(_ kind: NameKind, _ name: String, from site: ReferenceSite) -> StyleDefinition? {
        let key = StyleKey(kind: kind, name: name)
        switch kind {
        case .font: return fonts[name]
        case .masterPage: return masters[name]
        case .pageLayout: return stylesAutomatic[key]
        default:
            switch site {
            case .content: return contentAutomatic[key] ?? common[key]
            case .stylesAutomatic: return stylesAutomatic[key] ?? common[key]
            case .common: return common[key]
            }
        }
    }

    /// The definition of a key in one scope.
    func definition(_ key: StyleKey, in scope: StyleScope) -> StyleDefinition? {
        switch scope {
        case .contentAutomatic: contentAutomatic[key]
        case .stylesAutomatic: stylesAutomatic[key]
        case .common: common[key]
        case .master: masters[key.name]
        case .font: fonts[key.name]
        }
    }
}
