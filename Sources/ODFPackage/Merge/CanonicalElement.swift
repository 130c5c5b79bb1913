/// An element reduced to what defines it, for deciding whether two style definitions are the
/// same: names by namespace URI (not prefix), attributes as a set (order ignored), child
/// elements and text in order, white-space-only text dropped.
struct CanonicalElement: Equatable {
    enum Child: Equatable {
        case element(CanonicalElement)
        case text(String)
    }

    /// `{namespace}local`.
    var name: String
    var attributes: [String: String]
    var children: [Child]

    /// Reads `node`; `value` gives each attribute's value as it should be compared (references
    /// mapped to their names after the merge).
    init(_ node: XMLNode, value: (XMLNode.Attribute, XMLNode) -> String = { attribute, _ in attribute.value }) {
        name = Self.key(node.namespaceURI, node.localName)
        var attributes: [String: String] = [:]
        for attribute in node.attributes {
            attributes[Self.key(attribute.namespaceURI, attribute.localName)] = value(attribute, node)
        }
        self.attributes = attributes
        var children: [Child] = []
        for child in node.children {
            switch child.kind {
            case .element:
                children.append(.element(CanonicalElement(child, value: value)))
            case .text, .cdata:
                let text = child.textContent
                if !text.allSatisfy(\.isWhitespace) { children.append(.text(text)) }
            default:
                break
            }
        }
        self.children = children
    }

    static func key(_ namespaceURI: String?, _ localName: String) -> String {
        "{\(namespaceURI ?? "")}\(localName)"
    }

    /// The local part of a `{namespace}local` key.
    static func localName(of key: String) -> String {
        key.lastIndex(of: "}").map { String(key[key.index(after: $0)...]) } ?? key
    }

    /// Adds what `defaults` (a `style:default-style`) sets and this style does not: missing
    /// property elements whole, missing attributes and child elements of present ones. This is
    /// what a style without a parent inherits.
    mutating func fold(defaults: CanonicalElement) {
        for case .element(let property) in defaults.children {
            if let index = children.firstIndex(where: { if case .element(let own) = $0 { own.name == property.name } else { false } }),
                case .element(var own) = children[index]
            {
                for (key, value) in property.attributes where own.attributes[key] == nil {
                    own.attributes[key] = value
                }
                let present = Set(own.children.compactMap { if case .element(let child) = $0 { child.name } else { nil } })
                for case .element(let child) in property.children where !present.contains(child.name) {
                    own.children.append(.element(child))
                }
                children[index] = .element(own)
            } else {
                // At the property's schema place, as the merge inserts it (see PropertyOrder).
                let rank = PropertyOrder.rank(Self.localName(of: property.name))
                let index = children.firstIndex {
                    if case .element(let own) = $0 { PropertyOrder.rank(Self.localName(of: own.name)) > rank } else { false }
                }
                children.insert(.element(property), at: index ?? children.endIndex)
            }
        }
    }
}
