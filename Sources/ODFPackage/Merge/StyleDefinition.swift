/// A style definition's kind and name: the key it is found and referenced by.
struct StyleKey: Hashable, Comparable, CustomStringConvertible {
    var kind: NameKind
    var name: String
    static func < (lhs: StyleKey, rhs: StyleKey) -> Bool { (lhs.kind, lhs.name) < (rhs.kind, rhs.name) }
    var description: String { "\(kind) \(name)" }
}

/// Where a style definition lives; ODF resolves a reference differently in each part.
enum StyleScope: Int, Hashable, Comparable {
    /// office:automatic-styles of content.xml: seen only from content.xml.
    case contentAutomatic
    /// office:automatic-styles of styles.xml: seen only from styles.xml (master pages above all).
    case stylesAutomatic
    /// office:styles of styles.xml: the named ("common") styles, seen from everywhere.
    case common
    /// office:master-styles of styles.xml.
    case master
    /// office:font-face-decls of either part.
    case font

    static func < (lhs: StyleScope, rhs: StyleScope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a reference is made from, which decides the scopes it can see.
enum ReferenceSite {
    /// content.xml: its automatic styles, then the common ones.
    case content
    /// styles.xml's automatic styles and master pages: their automatic styles, then the common ones.
    case stylesAutomatic
    /// office:styles: common styles only.
    case common
}

/// One style definition of a document.
struct StyleDefinition {
    var scope: StyleScope
    var key: StyleKey
    var node: XMLNode
    /// The position in the document, for writing copies in their original order.
    var ordinal: Int

    /// Where the references inside this definition are made from.
    var site: ReferenceSite {
        switch scope {
        case .contentAutomatic: .content
        case .stylesAutomatic, .master: .stylesAutomatic
        case .common, .font: .common
        }
    }
}
