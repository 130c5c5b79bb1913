import Foundation

extension AnnexMerger {
    // MARK: Outline levels

    /// Moves every heading of the annex `outlineLevelOffset` levels down (at most level 10),
    /// writing the level explicitly where the annex took it from the heading's style.
    func shiftOutlineLevels() {
        for child in annexTextChildren {
            child.forEachElement { element in
                guard element.is(NS.text, "h") else { return }
                let own = element.attribute(NS.text, "outline-level").flatMap { Int($0) }
                let shifted = min(max(outlineLevel(of: element) + options.outlineLevelOffset, 1), 10)
                if own != shifted {
                    element.setAttribute(NS.text, "outline-level", prefix: "text", to: String(shifted))
                }
            }
        }
    }

    /// A heading's level in the annex: its own, else its style's (or the nearest parent's)
    /// `style:default-outline-level`, else 1.
    func outlineLevel(of heading: XMLNode) -> Int {
        if let own = heading.attribute(NS.text, "outline-level").flatMap({ Int($0) }) { return min(max(own, 1), 10) }
        var style = blockStyle(heading)
        var seen = Set<StyleKey>()
        while let current = style, seen.insert(current.key).inserted {
            if let level = current.node.attribute(NS.style, "default-outline-level").flatMap({ Int($0) }) { return min(max(level, 1), 10) }
            guard let parent = current.node.attribute(NS.style, "parent-style-name"), !parent.isEmpty else { break }
            style = annexCatalog.resolve(current.key.kind, parent, from: .common)
        }
        return 1
    }

    // MARK: Heading numbers

    /// Keeps the numbers the annex's outline style gave its headings („2.1 Finanzierung“).
    ///
    /// A document has one outline style, and the receiver keeps its own; the annex's headings
    /// would lose their numbers (or take the receiver's, on shifted levels). Re-expressing them as
    /// nested lists does not survive LibreOffice (it drops the numbers of nested headings), so the
    /// numbers are computed here as the annex's outline style computes them (levels, start values,
    /// restarts, shown levels, prefix and suffix, 1/a/A/i/I) and written into each heading as
    /// text, followed by what the level puts after its number (a tab, a space or nothing). The
    /// heading is marked as unnumbered, so the receiver's outline style adds no second number.
    func keepHeadingNumbers() {
        guard let outline = annexCatalog.outlineStyle, Self.isNumbered(outline) else { return }
        var headings: [XMLNode] = []
        for child in annexTextChildren where OrderedChildren.rank(of: child, in: OrderedChildren.textPrelude) == nil {
            child.forEachElement { element in
                guard element.is(NS.text, "h"), element.attribute(NS.text, "is-list-header") != "true",
                    !Self.isInList(element)
                else { return }
                headings.append(element)
            }
        }
        guard !headings.isEmpty else { return }
        var levels: [Int: XMLNode] = [:]
        for level in outline.childElements where level.is(NS.text, "outline-level-style") {
            if let number = Int(level.attribute(NS.text, "level") ?? "") { levels[number] = level }
        }
        freezeNumberReferences(to: headings)
        var counters = [Int](repeating: 0, count: 11)
        for heading in headings {
            let level = min(max(outlineLevel(of: heading), 1), 10)
            let style = levels[level]
            let start = Int(style?.attribute(NS.text, "start-value") ?? "1") ?? 1
            if let restart = heading.attribute(NS.text, "start-value").flatMap(Int.init) {
                counters[level] = restart
            } else if heading.attribute(NS.text, "restart-numbering") == "true" || counters[level] == 0 {
                counters[level] = start
            } else {
                counters[level] += 1
            }
            for deeper in (level + 1)...10 { counters[deeper] = 0 }
            guard let style else { continue }
            let label = Self.label(for: counters, level: level, levels: levels)
            let prefix = style.attribute(NS.style, "num-prefix") ?? ""
            let suffix = style.attribute(NS.style, "num-suffix") ?? ""
            guard !(label.isEmpty && prefix.isEmpty && suffix.isEmpty) else { continue }
            heading.setAttribute(NS.text, "is-list-header", prefix: "text", to: "true")
            let alignment = style.firstChild(NS.style, "list-level-properties")?.firstChild(NS.style, "list-level-label-alignment")
            let followedBy = alignment?.attribute(NS.text, "label-followed-by") ?? "listtab"
            let text = prefix + label + suffix + (followedBy == "space" ? " " : "")
            // Text next to text merges in libxml2, so the label joins the heading's first text;
            // a tab is an element of its own and goes between them.
            if followedBy == "listtab" {
                let tab = annexContent.makeElement(NS.text, "tab", prefix: "text")
                if let first = heading.firstChild { first.insertBefore(tab) } else { heading.append(tab) }
                tab.insertBefore(annexContent.makeText(text))
            } else if let first = heading.firstChild, first.kind == .text {
                first.setText(text + first.textContent)
            } else if let first = heading.firstChild {
                first.insertBefore(annexContent.makeText(text))
            } else {
                heading.append(annexContent.makeText(text))
            }
            heading.removeAttribute(NS.text, "start-value")
            heading.removeAttribute(NS.text, "restart-numbering")
        }
    }

    /// Cross-references that show a heading's number (`text:reference-format` number or chapter)
    /// would find no number once the numbers are text: they become the text they showed in the
    /// annex, which is the number the heading keeps.
    private func freezeNumberReferences(to headings: [XMLNode]) {
        var targets = Set<String>()
        for heading in headings {
            for mark in heading.descendantElements(where: { element in
                element.namespaceURI == NS.text && ["bookmark", "bookmark-start", "reference-mark", "reference-mark-start"].contains(element.localName)
            }) {
                if let name = mark.attribute(NS.text, "name") { targets.insert(name) }
            }
        }
        guard !targets.isEmpty else { return }
        let numberFormats: Set<String> = ["number", "number-no-superior", "number-all-superior", "chapter"]
        var references: [XMLNode] = []
        for child in annexTextChildren {
            child.forEachElement { element in
                guard element.namespaceURI == NS.text, element.localName == "bookmark-ref" || element.localName == "reference-ref",
                      numberFormats.contains(element.attribute(NS.text, "reference-format") ?? ""),
                      let name = element.attribute(NS.text, "ref-name"), targets.contains(name) else { return }
                references.append(element)
            }
        }
        // Replaced after the walk: the walk must not visit a node it has freed.
        for reference in references {
            reference.insertBefore(annexContent.makeText(reference.textContent))
            reference.remove()
        }
    }

    /// The number a heading at `level` shows: the counters of its shown levels, joined by dots.
    private static func label(for counters: [Int], level: Int, levels: [Int: XMLNode]) -> String {
        guard let format = levels[level]?.attribute(NS.style, "num-format"), !format.isEmpty else { return "" }
        let shown = max(1, min(Int(levels[level]?.attribute(NS.text, "display-levels") ?? "1") ?? 1, level))
        return ((level - shown + 1)...level).map { index in
            let indexFormat = levels[index]?.attribute(NS.style, "num-format") ?? format
            return formatted(max(counters[index], 1), indexFormat.isEmpty ? "1" : indexFormat)
        }.joined(separator: ".")
    }

    /// A counter in an ODF number format: 1, a, A, i, I.
    private static func formatted(_ value: Int, _ format: String) -> String {
        switch format {
        case "a", "A":
            var number = value
            var letters = ""
            while number > 0 {
                number -= 1
                letters = String(UnicodeScalar(UInt8(97 + number % 26))) + letters
                number /= 26
            }
            return format == "A" ? letters.uppercased() : letters
        case "i", "I":
            let table: [(Int, String)] = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
            var number = value
            var roman = ""
            for (amount, symbol) in table { while number >= amount { roman += symbol; number -= amount } }
            return format == "I" ? roman.uppercased() : roman
        default:
            return String(value)
        }
    }

    /// True when an outline style gives any level a number or a prefix or suffix text.
    static func isNumbered(_ outline: XMLNode) -> Bool {
        outline.childElements.contains { level in
            !(level.attribute(NS.style, "num-format") ?? "").isEmpty
                || !(level.attribute(NS.style, "num-prefix") ?? "").isEmpty
                || !(level.attribute(NS.style, "num-suffix") ?? "").isEmpty
        }
    }

    private static func isInList(_ element: XMLNode) -> Bool {
        var current = element.parent
        while let parent = current {
            if parent.is(NS.text, "list") || parent.is(NS.text, "numbered-paragraph") { return true }
            current = parent.parent
        }
        return false
    }

    // MARK: Fields

    /// Fields showing the annex's own metadata (title, subject, dates, …): in the receiver they
    /// would show the receiver's. They become the text the annex showed.
    static let metadataFields: Set<String> = [
        "title", "subject", "description", "keywords", "initial-creator", "creation-date", "creation-time",
        "user-defined", "template-name", "editing-cycles", "editing-duration", "modification-date",
        "modification-time", "print-date", "print-time", "printed-by",
    ]

    /// Makes the annex's fields show what they showed in the annex: metadata fields become their
    /// text, a file name field the annex's file name. Chapter fields in the body become their text
    /// too (before the annex's first heading they would show the receiver's cover heading); those
    /// in headers and footers, which change from page to page, look for the chapter
    /// `outlineLevelOffset` levels deeper, where the annex's headings now are.
    func adaptAnnexFields() {
        var frozen: [(field: XMLNode, text: String?)] = []
        let bodyCount = annexTextChildren.count
        for (index, root) in annexNameRoots.enumerated() {
            let inBody = index < bodyCount
            root.forEachElement { element in
                guard element.namespaceURI == NS.text else { return }
                switch element.localName {
                case let name where Self.metadataFields.contains(name):
                    frozen.append((element, nil))
                case "file-name":
                    frozen.append((element, annexFileName(display: element.attribute(NS.text, "display"))))
                case "chapter" where inBody:
                    frozen.append((element, nil))
                case "chapter" where options.outlineLevelOffset != 0:
                    let level = element.attribute(NS.text, "outline-level").flatMap { Int($0) } ?? 1
                    element.setAttribute(NS.text, "outline-level", prefix: "text", to: String(min(max(level + options.outlineLevelOffset, 1), 10)))
                default:
                    break
                }
            }
        }
        for (field, text) in frozen {
            if let text {
                field.insertBefore(field.document.makeText(text))
            } else {
                for child in field.children { field.insertBefore(child) }
            }
            field.remove()
        }
    }

    /// The annex's file name as a `text:file-name` field with `display` shows it.
    private func annexFileName(display: String?) -> String {
        let url = URL(fileURLWithPath: annex.source)
        switch display {
        case "full": return url.path
        case "path": return url.deletingLastPathComponent().path
        case "name": return url.deletingPathExtension().lastPathComponent
        default: return url.lastPathComponent
        }
    }
}
