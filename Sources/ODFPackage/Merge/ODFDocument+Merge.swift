extension ODFError.Code {
    /// A merge was asked for with arguments that cannot work (a bad tag, an anchor outside the
    /// document, an annex that is not a text document).
    public static let invalidMerge = ODFError.Code("invalid-merge")
}

extension ODFDocument {
    /// Inserts the whole body of `annex` before `anchor` (a node inside this document's content.xml office:text), bringing along everything the body needs.
    ///
    /// Everything the annex's body needs comes with it: automatic and named styles, list and data
    /// styles, fonts, page layouts and master pages (unless `options.keepsPageLayout` is false),
    /// pictures and embedded objects with their manifest entries, and the declarations at the
    /// start of office:text (variables, sequences, user fields, tracked changes, forms …).
    /// Names that collide with this document's are renamed and every reference follows; a named
    /// style with the same name and definition is shared. `annex` itself is not changed, and the
    /// same inputs always give the same result.
    ///
    /// - Parameter pageStart: a paragraph already in this document's body (typically the annex's cover heading) that must start the annex's first page style:
    ///   when keepsPageLayout, give it an automatic paragraph style derived from its current one with style:master-page-name = the annex's first master page (renamed). Nil: apply it to the annex's first paragraph instead.
    /// - Returns: what was inserted.
    @discardableResult
    public func insertBody(of annex: ODFDocument, before anchor: XMLNode, pageStart: XMLNode?, options: MergeOptions) throws(ODFError) -> MergeReport {
        do {
            let merger = try AnnexMerger(receiver: self, annex: annex.copy(), options: options)
            return try merger.merge(before: anchor, pageStart: pageStart)
        } catch {
            throw error.inFile(source)
        }
    }
}
