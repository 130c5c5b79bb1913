
/// The packet's bookmarks (outline) and page labels, written from where each document's pages are.
extension PDFPacket {
    /// Where one document's pages begin in a packet, and the documents filed under it.
    struct Placement {
        var title: String
        var labelPrefix: String
        /// The index (from 0) of the document's first page in the packet.
        var firstPage: Int
        var children: [Placement] = []
    }

    /// Replaces the catalog's outline with one item per part and one below it per child, each
    /// showing its document's first page, and opens the outline panel when the file is opened.
    ///
    /// Items with children are open (a positive `/Count`), so the whole tree shows.
    static func setOutline(of packet: QPDFDocument, placements: [Placement], pages: [ObjectHandle]) throws(PDFError) {
        let root = try packet.makeIndirect(try packet.newDictionary())
        try packet.set("/Type", to: try packet.newName("/Outlines"), in: root)
        let items = try outlineItems(placements, parent: root, in: packet, pages: pages)
        let visible = placements.count + placements.reduce(0) { $0 + $1.children.count }
        try link(items, below: root, count: visible, in: packet)

        let catalog = try packet.catalog()
        try packet.set("/Outlines", to: root, in: catalog)
        try packet.set("/PageMode", to: try packet.newName("/UseOutlines"), in: catalog)
    }

    /// Makes the outline items of `placements` (and their children) below `parent`.
    private static func outlineItems(_ placements: [Placement], parent: ObjectHandle, in packet: QPDFDocument,
                                     pages: [ObjectHandle]) throws(PDFError) -> [ObjectHandle] {
        var items: [ObjectHandle] = []
        for placement in placements {
            let item = try packet.makeIndirect(try packet.newDictionary())
            try packet.set("/Title", to: try packet.newText(placement.title), in: item)
            try packet.set("/Parent", to: parent, in: item)
            // /Fit: the whole page, whatever its size and rotation.
            let destination = try packet.newArray([pages[placement.firstPage], try packet.newName("/Fit")])
            try packet.set("/Dest", to: destination, in: item)
            let children = try outlineItems(placement.children, parent: item, in: packet, pages: pages)
            try link(children, below: item, count: children.count, in: packet)
            items.append(item)
        }
        return items
    }

    /// Links `items` as the children of `parent`: `/First`, `/Last` and `/Count` on the parent,
    /// `/Prev` and `/Next` between siblings.
    private static func link(_ items: [ObjectHandle], below parent: ObjectHandle, count: Int, in packet: QPDFDocument) throws(PDFError) {
        guard let first = items.first, let last = items.last else { return }
        try packet.set("/First", to: first, in: parent)
        try packet.set("/Last", to: last, in: parent)
        try packet.set("/Count", to: try packet.newInteger(count), in: parent)
        for (previous, next) in zip(items, items.dropFirst()) {
            try packet.set("/Next", to: next, in: previous)
            try packet.set("/Prev", to: previous, in: next)
        }
    }

    /// Replaces the catalog's page labels with one range per document: decimal numbers from 1
    /// after the document's label prefix.
    static func setPageLabels(of packet: QPDFDocument, placements: [Placement]) throws(PDFError) {
        let numbers = try packet.newArray()
        for placement in placements.flatMap({ [$0] + $0.children }) {
            let label = try packet.newDictionary()
            try packet.set("/S", to: try packet.newName("/D"), in: label)
            if !placement.labelPrefix.isEmpty {
                try packet.set("/P", to: try packet.newText(placement.labelPrefix), in: label)
            }
            try packet.set("/St", to: try packet.newInteger(1), in: label)
            try packet.append(try packet.newInteger(placement.firstPage), to: numbers)
            try packet.append(label, to: numbers)
        }
        let tree = try packet.newDictionary()
        try packet.set("/Nums", to: numbers, in: tree)
        try packet.set("/PageLabels", to: tree, in: try packet.catalog())
    }
}
