/// What an attribute does with a name: defines it, refers to one or several, or links to a
/// package entry or an internal target.
enum NameRole: Equatable {
    case definition(NameKind)
    case reference(NameKind)
    /// A white-space separated list of references (`text:class-names`, `draw:stroke-dash-names`).
    case references(NameKind)
    /// `xlink:href`: a package entry (`Pictures/1.png`, `./Object 1`), an internal target
    /// (`#bookmark`, `#Table1|table`) or something outside the package.
    case link
}
