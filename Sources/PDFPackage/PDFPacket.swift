public import Foundation

/// Joins PDFs into one session packet with a bookmark per document and page labels per document.
///
/// The first part (the invitation) is the base: its catalog stays, with its XMP metadata (PDF/A
/// identification), its OutputIntents, `/Lang` and viewer preferences, and the pages of every
/// other document are copied in after its own, as they are (text stays text, nothing is
/// rasterised). The packet is then normalised like a single document (``PDFNormalizer``): its
/// title and dates come from the arguments, its `/ID` from its content, so the same parts give the
/// same bytes.
public enum PDFPacket {
    /// Returns the packet of `parts` in order: each part's own pages, then its children's.
    ///
    /// `title` becomes the packet's title (document information and XMP `dc:title`), `date` its
    /// creation and modification date. Errors name the part (or child) by its title.
    public static func build(parts: [PacketPart], title: String, date: Date) throws(PDFError) -> Data {
        guard let first = parts.first else {
            throw PDFError(.emptyPacket, file: title, "Die Sitzungsmappe wurde ohne Dokumente angefordert.")
        }
        let packet = try QPDFDocument(reading: first.data, name: first.title)
        // Documents whose pages were copied: qpdf reads their stream data when the packet is
        // written, from bytes each document owns, so they stay alive until then.
        var sources: [QPDFDocument] = []
        var versions = [try packet.pdfVersion()]
        var pageCount = try packet.pageCount()
        guard pageCount > 0 else { throw PDFError(.noPages, file: first.title, "Die PDF-Datei hat keine Seiten.") }

        /// Appends every page of `data` and returns the index of the first one.
        func append(_ data: Data, name: String) throws(PDFError) -> Int {
            let source = try QPDFDocument(reading: data, name: name)
            let pages = try source.pages()
            guard !pages.isEmpty else { throw PDFError(.noPages, file: name, "Die PDF-Datei hat keine Seiten.") }
            let links = try internalLinks(of: source, pages: pages)
            for page in pages {
                try packet.appendPage(page, of: source)
            }
            try source.refuseWarnings(while: "beim Kopieren ihrer Seiten")
            let start = pageCount
            try restore(links, in: packet, firstPage: start)
            sources.append(source)
            versions.append(try source.pdfVersion())
            pageCount += pages.count
            return start
        }

        var placements: [Placement] = []
        for (index, part) in parts.enumerated() {
            let start = index == 0 ? 0 : try append(part.data, name: part.title)
            var children: [Placement] = []
            for child in part.children {
                children.append(Placement(title: child.title, labelPrefix: child.labelPrefix,
                                          firstPage: try append(child.data, name: child.title)))
            }
            placements.append(Placement(title: part.title, labelPrefix: part.labelPrefix, firstPage: start, children: children))
        }

        let pages = try packet.pages()
        if !sources.isEmpty {
            try dropStructure(of: packet, pages: pages)
        }
        try setOutline(of: packet, placements: placements, pages: pages)
        try setPageLabels(of: packet, placements: placements)
        let bytes = try PDFNormalizer.normalizedBytes(of: packet, date: date, title: title,
                                                      minimumVersion: highestVersion(versions))
        withExtendedLifetime(sources) {}
        return bytes
    }

    /// Removes the first document's structure tree, which the packet cannot keep.
    ///
    /// The structure tree (`/StructTreeRoot`, with `/MarkInfo` saying the file is tagged) is the
    /// first document's alone: qpdf copies pages, not structure trees, and no tool at hand merges
    /// them. Kept, it would claim that a file is tagged whose later pages have no structure, and
    /// those pages' `/StructParents` numbers would point into the first document's parent tree at
    /// elements that are not theirs. So the packet is untagged (PDF/A-2b, not 2a); each document's
    /// own PDF stays tagged. `/Lang` stays: it is the language of the whole packet.
    private static func dropStructure(of packet: QPDFDocument, pages: [ObjectHandle]) throws(PDFError) {
        let catalog = try packet.catalog()
        try packet.remove("/StructTreeRoot", from: catalog)
        try packet.remove("/MarkInfo", from: catalog)
        for page in pages {
            try packet.remove("/StructParents", from: page)
            guard let annotations = try packet.value("/Annots", in: page) else { continue }
            for annotation in try packet.items(of: annotations) where try packet.isDictionary(annotation) {
                try packet.remove("/StructParent", from: annotation)
            }
        }
    }

    /// The highest of PDF versions such as "1.4", "1.7", "2.0".
    static func highestVersion(_ versions: [String]) -> String? {
        func parts(_ version: String) -> [Int] { version.split(separator: ".").map { Int($0) ?? 0 } }
        return versions.max { parts($0).lexicographicallyPrecedes(parts($1)) }
    }
}
