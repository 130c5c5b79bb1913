/// How an annex is merged.
public struct MergeOptions: Sendable, Hashable {
    /// A short, unique, deterministic tag for this annex (e.g. "A1"), used to rename what collides.
    ///
    /// It must start with a letter or `_` and hold only letters, digits, `_`, `-` and `.`, because
    /// it becomes part of style names and identifiers, which must be XML names.
    public var tag: String
    /// Added to the outline level of every heading of the annex (so its headings sit below a cover heading).
    public var outlineLevelOffset: Int
    /// True: the annex keeps its own page layout, headers and footers (its master pages are copied, renamed when they collide).
    /// False: the annex's content flows on the receiving document's page styles (annex master-page references are dropped).
    public var keepsPageLayout: Bool

    public init(tag: String, outlineLevelOffset: Int = 0, keepsPageLayout: Bool = true) {
        self.tag = tag
        self.outlineLevelOffset = outlineLevelOffset
        self.keepsPageLayout = keepsPageLayout
    }
}
