/// Links inside a copied document, pointed at the packet's copies of the pages they show.
///
/// qpdf copies a page with everything it refers to, except other pages: a link on page 1 that
/// shows page 3 (a table of contents, "see annex, page 3") is copied before page 3 is, and qpdf
/// replaces the reference with null ("references to the pages that have not been copied will be
/// replaced with nulls", QPDF.hh). So the links are read from the document before its pages are
/// copied and set again afterwards.
extension PDFPacket {
    /// A link annotation of a document that shows one of the document's own pages.
    struct InternalLink {
        /// The page (from 0) the annotation is on, and its position in that page's `/Annots`.
        var page: Int
        var annotation: Int
        /// The page (from 0) the link shows.
        var target: Int
        /// True when the destination is a GoTo action's `/D`, false when it is the annotation's `/Dest`.
        var inAction: Bool
    }

    /// The links of `document` whose destination is an explicit one (`[page /XYZ …]`) on one of
    /// its own pages. Named destinations and links to other files are left as they are.
    static func internalLinks(of document: QPDFDocument, pages: [ObjectHandle]) throws(PDFError) -> [InternalLink] {
        var pageIndex: [Int: Int] = [:]
        for (index, page) in pages.enumerated() {
            pageIndex[try document.objectNumber(page)] = index
        }
        var links: [InternalLink] = []
        for (pageNumber, page) in pages.enumerated() {
            guard let annotations = try document.value("/Annots", in: page) else { continue }
            for (position, annotation) in try document.items(of: annotations).enumerated() {
                guard let (destination, inAction) = try destination(of: annotation, in: document),
                      let first = try document.items(of: destination).first,
                      let target = pageIndex[try document.objectNumber(first)] else { continue }
                links.append(InternalLink(page: pageNumber, annotation: position, target: target, inAction: inAction))
            }
        }
        return links
    }

    /// Points the copies of `links` at the packet's copies of their target pages; the document's
    /// first page is the packet's page `firstPage`.
    static func restore(_ links: [InternalLink], in packet: QPDFDocument, firstPage: Int) throws(PDFError) {
        for link in links {
            let page = try packet.page(at: firstPage + link.page)
            guard let annotations = try packet.value("/Annots", in: page) else { continue }
            let copies = try packet.items(of: annotations)
            guard link.annotation < copies.count,
                  let (destination, inAction) = try destination(of: copies[link.annotation], in: packet),
                  inAction == link.inAction else { continue }
            try packet.setItem(0, of: destination, to: try packet.page(at: firstPage + link.target))
        }
    }

    /// An annotation's explicit destination array: its `/Dest`, or the `/D` of its GoTo action.
    private static func destination(of annotation: ObjectHandle, in document: QPDFDocument) throws(PDFError) -> (ObjectHandle, Bool)? {
        if let destination = try document.value("/Dest", in: annotation) {
            return (destination, false)
        }
        guard let action = try document.value("/A", in: annotation),
              let kind = try document.value("/S", in: action), try document.isName(kind, "/GoTo"),
              let destination = try document.value("/D", in: action) else { return nil }
        return (destination, true)
    }
}
