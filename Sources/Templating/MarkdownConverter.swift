import ODFPackage

/// Why a Markdown text could not be converted: the construct and its line in the text.
struct MarkdownError: Error, Sendable, Equatable {
    /// What is wrong and what to write instead, for the clerk who wrote the text.
    var message: String
    /// The line of the Markdown text (from 1) where the construct starts; nil when unknown.
    var line: Int?
    /// What to write instead.
    var hint: String?

    init(_ message: String, hint: String? = nil, line: Int?) {
        self.message = message
        self.hint = hint
        self.line = line
    }
}

/// Turns Markdown into ODF block elements that use the template's own styles.
///
/// Supported: paragraphs, soft and hard line breaks, headings, bulleted and numbered lists
/// (nested), emphasis, strong emphasis, links and autolinks, block quotes and GFM tables.
/// Everything else (raw HTML, images, code, rules, strikethrough, footnotes, task lists) is
/// refused with its line rather than dropped or shown as markup. The whole text is checked before
/// any element or style is made, so a refused text leaves both parts untouched.
///
/// Named styles follow LibreOffice's built-in names (`Heading_20_1`, `List_20_1`, `Emphasis` …):
/// a template that has them keeps its look; one that lacks them gets them in styles.xml.
/// Not `Sendable`: it holds libxml2 documents.
struct MarkdownConverter {
    /// The part the blocks are created in.
    let content: XMLDocument
    /// The part where missing named styles are created; nil to only reference them.
    let styles: XMLDocument?
    /// The paragraph style of body paragraphs and list items.
    let bodyStyle: String
    /// Table names already in the document or handed out by this converter; read on first use.
    private var tableNames: Set<String>?
    /// Named styles known to exist, found or created.
    var knownStyles: Set<NamedStyle> = []
    /// When false, a named style the template lacks is not created; ``lacksStyle`` records the need.
    var createsStyles = true
    /// True when a named style was needed that the styles part lacks and ``createsStyles`` is off.
    var lacksStyle = false

    /// - Parameters:
    ///   - content: the XML part the blocks go into (content.xml, or styles.xml for a header).
    ///   - styles: styles.xml of the same package, where missing named styles are created (may be
    ///     the same object as `content`; nil when the package has none: then styles are referenced
    ///     but not created).
    ///   - bodyStyle: the `text:style-name` of the paragraph the marker stood in; body paragraphs
    ///     use it (nil → "Standard").
    init(content: XMLDocument, styles: XMLDocument?, bodyStyle: String?) {
        self.content = content
        self.styles = styles
        self.bodyStyle = bodyStyle ?? "Standard"
    }

    /// Parses `markdown` and returns new block nodes (`text:p`, `text:h`, `text:list`,
    /// `table:table`), created in `content`, not yet inserted anywhere, in order.
    mutating func blocks(for markdown: String) throws(MarkdownError) -> [XMLNode] {
        let tree = try CMark.parse(markdown)
        let document = tree.document
        if let problem = Self.firstProblem(in: document, line: nil, depth: 0, inListItem: false) { throw problem }
        var result: [XMLNode] = []
        for block in document.children {
            result += makeBlocks(block, paragraphStyle: bodyStyle)
        }
        return result
    }

    // MARK: Blocks

    /// The ODF blocks for one Markdown block; a block quote gives its own blocks, flattened.
    private mutating func makeBlocks(_ node: MarkdownNode, paragraphStyle: String) -> [XMLNode] {
        switch node.kind {
        case .paragraph:
            let paragraph = element(ODFNamespace.text, "p", [(ODFNamespace.text, "style-name", paragraphStyle)])
            appendInlines(of: node, to: paragraph)
            return [paragraph]
        case .heading:
            return [makeHeading(node)]
        case .list:
            return [makeList(node)]
        case .blockQuote:
            let quotation = use(.quotations)
            return node.children.flatMap { makeBlocks($0, paragraphStyle: quotation) }
        case .table:
            return [makeTable(node)]
        default:
            assertionFailure("\(node.kind) passed the check but has no conversion")
            return []
        }
    }

    private mutating func makeHeading(_ node: MarkdownNode) -> XMLNode {
        let level = min(max(node.headingLevel, 1), 6)
        let heading = element(ODFNamespace.text, "h", [
            (ODFNamespace.text, "style-name", use(.heading(level))),
            (ODFNamespace.text, "outline-level", String(level)),
        ])
        appendInlines(of: node, to: heading)
        return heading
    }

    /// A `text:list` whose items hold their paragraphs and, after them, nested lists.
    private mutating func makeList(_ node: MarkdownNode) -> XMLNode {
        let ordered = node.isOrderedList
        let list = element(ODFNamespace.text, "list", [(ODFNamespace.text, "style-name", use(ordered ? .numberedList : .bulletList))])
        for (index, item) in node.children.enumerated() {
            let listItem = element(ODFNamespace.text, "list-item")
            if ordered, index == 0, node.listStart != 1 {
                listItem.setAttribute(ODFNamespace.text, "start-value", prefix: "text", to: String(node.listStart))
            }
            for block in item.children {
                for converted in makeBlocks(block, paragraphStyle: bodyStyle) { listItem.append(converted) }
            }
            // An empty item ("-" alone) still shows its bullet or number.
            if listItem.firstChild == nil {
                listItem.append(element(ODFNamespace.text, "p", [(ODFNamespace.text, "style-name", bodyStyle)]))
            }
            list.append(listItem)
        }
        return list
    }

    /// A `table:table` with one column element repeated, the header row in
    /// `table:table-header-rows`, and one paragraph per cell.
    private mutating func makeTable(_ node: MarkdownNode) -> XMLNode {
        let rows = node.children
        let columns = max(rows.map { $0.children.count }.max() ?? 1, 1)
        let table = element(ODFNamespace.table, "table", [(ODFNamespace.table, "name", nextTableName())])
        table.append(element(ODFNamespace.table, "table-column", [(ODFNamespace.table, "number-columns-repeated", String(columns))]))
        var headerRows: XMLNode?
        for row in rows {
            let isHeader = row.kind == .tableHeader
            let style = use(isHeader ? .tableHeading : .tableContents)
            let tableRow = element(ODFNamespace.table, "table-row")
            let cells = row.children
            for column in 0..<columns {
                let cell = element(ODFNamespace.table, "table-cell", [(ODFNamespace.office, "value-type", "string")])
                let paragraph = element(ODFNamespace.text, "p", [(ODFNamespace.text, "style-name", style)])
                if column < cells.count { appendInlines(of: cells[column], to: paragraph) }
                cell.append(paragraph)
                tableRow.append(cell)
            }
            if isHeader {
                if headerRows == nil {
                    let created = element(ODFNamespace.table, "table-header-rows")
                    table.append(created)
                    headerRows = created
                }
                headerRows?.append(tableRow)
            } else {
                table.append(tableRow)
            }
        }
        return table
    }

    /// The next free name „TabelleN“, unique among the tables of `content` and `styles`.
    private mutating func nextTableName() -> String {
        var names = tableNames ?? Self.tableNames(in: [content] + (styles.map { $0 === content ? [] : [$0] } ?? []))
        var number = 1
        while names.contains("Tabelle\(number)") { number += 1 }
        let name = "Tabelle\(number)"
        names.insert(name)
        tableNames = names
        return name
    }

    private static func tableNames(in documents: [XMLDocument]) -> Set<String> {
        var names: Set<String> = []
        for document in documents {
            for table in document.root.descendantElements(where: { $0.is(ODFNamespace.table, "table") }) {
                if let name = table.attribute(ODFNamespace.table, "name") { names.insert(name) }
            }
        }
        return names
    }

    // MARK: Inlines

    /// Appends the converted inline children of `node` (a paragraph, heading, cell, span or link).
    private mutating func appendInlines(of node: MarkdownNode, to parent: XMLNode) {
        for child in node.children {
            switch child.kind {
            case .text:
                parent.append(content.makeText(child.literal ?? ""))
            case .softBreak:
                parent.append(content.makeText(" "))
            case .lineBreak:
                parent.append(element(ODFNamespace.text, "line-break"))
            case .emphasis, .strong:
                let style = use(child.kind == .emphasis ? .emphasis : .strongEmphasis)
                let span = element(ODFNamespace.text, "span", [(ODFNamespace.text, "style-name", style)])
                appendInlines(of: child, to: span)
                parent.append(span)
            case .link:
                let link = element(ODFNamespace.text, "a", [
                    (ODFNamespace.xlink, "type", "simple"),
                    (ODFNamespace.xlink, "href", Self.escapedURL(child.url)),
                ])
                if !child.title.isEmpty {
                    link.setAttribute(ODFNamespace.office, "title", prefix: "office", to: child.title)
                }
                appendInlines(of: child, to: link)
                parent.append(link)
            default:
                assertionFailure("\(child.kind) passed the check but has no conversion")
            }
        }
    }

    /// `url` with the characters a URI may not hold (spaces, quotes, angle brackets …)
    /// percent-encoded; existing `%XX` escapes and non-ASCII letters (IRIs) stay.
    static func escapedURL(_ url: String) -> String {
        var result = ""
        for scalar in url.unicodeScalars {
            let value = scalar.value
            if value <= 0x20 || value == 0x7F || "\"<>\\^`{|}".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 {
                    let hex = String(byte, radix: 16, uppercase: true)
                    result += "%" + (hex.count == 1 ? "0" + hex : hex)
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    // MARK: Elements

    /// The usual prefix of each namespace, used where the part does not declare it yet.
    private static let prefixes: [String: String] = [
        ODFNamespace.text: "text", ODFNamespace.table: "table", ODFNamespace.office: "office",
        ODFNamespace.style: "style", ODFNamespace.fo: "fo", ODFNamespace.xlink: "xlink",
    ]

    /// A new element of `document` (default: `content`) with attributes given as
    /// (namespace, local name, value), not yet in the tree.
    func element(_ namespace: String, _ name: String, _ attributes: [(String, String, String)] = [],
                 in document: XMLDocument? = nil) -> XMLNode {
        let owner = document ?? content
        let node = owner.makeElement(namespace, name, prefix: Self.prefixes[namespace] ?? "ns")
        for (attributeNamespace, localName, value) in attributes {
            node.setAttribute(attributeNamespace, localName, prefix: Self.prefixes[attributeNamespace] ?? "ns", to: value)
        }
        return node
    }

    // MARK: Checking

    /// How deep lists, quotes and emphasis may nest. LibreOffice shows ten list levels; the limit
    /// keeps the recursive conversion far from the end of a thread's stack.
    static let maximumDepth = 100

    /// The first construct in document order that cannot be converted, or nil.
    ///
    /// `line` is the nearest line known above `node`, `depth` its distance from the document;
    /// `inListItem` is true inside a list item, where ODF allows no table.
    static func firstProblem(in node: MarkdownNode, line inherited: Int?, depth: Int, inListItem: Bool) -> MarkdownError? {
        let line = node.line ?? inherited
        func refuse(_ message: String, _ hint: String? = nil) -> MarkdownError { MarkdownError(message, hint: hint, line: line) }
        guard depth < maximumDepth else {
            return refuse("Der Text verschachtelt Listen, Zitate oder Hervorhebungen tiefer als \(maximumDepth) Ebenen.", "Verringern Sie die Verschachtelung.")
        }
        switch node.kind {
        case .document, .paragraph, .heading, .list, .blockQuote, .tableHeader, .tableRow, .tableCell,
             .softBreak, .lineBreak, .emphasis, .strong:
            break
        case .item:
            return firstProblem(inChildrenOf: node, line: line, depth: depth, inListItem: true)
        case .table:
            if inListItem {
                return refuse("Eine Tabelle in einem Listeneintrag wird nicht unterstützt.", "Beenden Sie die Liste mit einer Leerzeile, und beginnen Sie die Tabelle am Anfang einer Zeile.")
            }
        case .text:
            if let problem = forbiddenCharacterProblem(node.literal ?? "", line: line) { return problem }
        case .link:
            if node.url.isEmpty {
                return refuse("Der Link „[\(shortened(plainText(of: node)))]()“ hat keine Adresse.", "Schreiben Sie ihn als [Kreistag](https://www.rhein-kreis-neuss.de), oder entfernen Sie die Klammern.")
            }
            if let problem = forbiddenCharacterProblem(node.url + node.title, line: line) { return problem }
        case .htmlBlock, .htmlInline:
            let (message, hint) = htmlMessage(node.literal ?? "")
            return refuse(message, hint)
        case .image:
            let alternative = plainText(of: node)
            return refuse("Bilder („![\(shortened(alternative))](\(shortened(node.url)))“) werden im Markdown hier nicht unterstützt.", "Fügen Sie das Bild in die Dokumentvorlage ein, oder hängen Sie es als Anlage an.")
        case .codeBlock:
            if node.isFenced {
                return refuse("Codeblöcke (zwischen Zeilen aus ``` oder ~~~) werden im Markdown hier nicht unterstützt.", "Entfernen Sie die Zeilen mit ``` oder ~~~, und schreiben Sie den Text als Absätze.")
            }
            return refuse("Eine Zeile, die um vier oder mehr Leerzeichen eingerückt ist, ist in Markdown ein Codeblock; der wird hier nicht unterstützt.", "Entfernen Sie die Einrückung („    Text“ → „Text“), oder rücken Sie Listeneinträge unter ihrem Aufzählungszeichen um zwei oder drei Leerzeichen ein.")
        case .code:
            return refuse("Code im Text („`\(shortened(node.literal ?? ""))`“) wird im Markdown hier nicht unterstützt.", "Entfernen Sie die Backticks (`).")
        case .thematicBreak:
            return refuse("Trennlinien (eine Zeile aus ---, *** oder ___) werden im Markdown hier nicht unterstützt.", "Entfernen Sie die Zeile, oder schreiben Sie stattdessen eine Überschrift („## Begründung“).")
        case .strikethrough:
            return refuse("Durchgestrichener Text („~~gestrichen~~“) wird im Markdown hier nicht unterstützt.", "Entfernen Sie den Text oder die Tilden (~~).")
        case .footnoteReference:
            return refuse("Fußnoten („[^\(node.literal ?? "1")]“) werden im Markdown hier nicht unterstützt.", "Schreiben Sie die Anmerkung stattdessen in Klammern in den Text.")
        case .footnoteDefinition:
            return refuse("Fußnoten („[^1]: Anmerkung“) werden im Markdown hier nicht unterstützt.", "Schreiben Sie die Anmerkung stattdessen in Klammern in den Text.")
        case .taskItem:
            return refuse("Aufgabenlisten („- [ ] Aufgabe“, „- [x] erledigt“) werden im Markdown hier nicht unterstützt.", "Schreiben Sie einen gewöhnlichen Listeneintrag („- Aufgabe“).")
        case .other(let name):
            return refuse("Das Markdown-Element „\(name)“ wird hier nicht unterstützt.", "Schreiben Sie den Text ohne dieses Element.")
        }
        return firstProblem(inChildrenOf: node, line: line, depth: depth, inListItem: inListItem)
    }

    private static func firstProblem(inChildrenOf node: MarkdownNode, line: Int?, depth: Int, inListItem: Bool) -> MarkdownError? {
        for child in node.children {
            if let problem = firstProblem(in: child, line: line, depth: depth + 1, inListItem: inListItem) { return problem }
        }
        return nil
    }

    /// The message for raw HTML, with the Markdown to write instead where there is one.
    static func htmlMessage(_ html: String) -> (message: String, hint: String) {
        let firstLine = html.split(whereSeparator: \.isNewline).first.map(String.init) ?? html
        let shown = shortened(String(firstLine.drop { $0 == " " || $0 == "\t" }))
        if shown.hasPrefix("<!--") {
            return ("HTML-Kommentare („\(shown)“) werden im Markdown hier nicht unterstützt.", "Löschen Sie den Kommentar.")
        }
        let tag = String(shown.dropFirst().drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
        let instead = switch tag {
        case "b", "strong": "Markieren Sie fetten Text stattdessen mit zwei Sternchen: **wichtig**."
        case "i", "em": "Markieren Sie kursiven Text stattdessen mit einem Sternchen: *wichtig*."
        case "br": "Beenden Sie die Zeile für einen Zeilenumbruch stattdessen mit einem Rückstrich (\\) oder zwei Leerzeichen."
        case "a": "Schreiben Sie Links stattdessen als [Kreistag](https://www.rhein-kreis-neuss.de)."
        case "h1", "h2", "h3", "h4", "h5", "h6": "Beginnen Sie die Zeile für eine Überschrift stattdessen mit #-Zeichen: „## Begründung“."
        case "ul", "ol", "li": "Beginnen Sie für eine Liste stattdessen jede Zeile mit „- “ oder „1. “."
        case "table", "tr", "td", "th": "Schreiben Sie die Tabelle stattdessen mit | zwischen den Zellen und einer Zeile aus --- unter der Kopfzeile."
        case "p", "div": "Trennen Sie Absätze stattdessen durch eine Leerzeile."
        default: "Lassen Sie die Tags weg, und schreiben Sie den Text stattdessen mit Markdown; spitze Klammern als Text schreiben Sie \\< und \\>."
        }
        return ("HTML („\(shown)“) wird im Markdown hier nicht unterstützt.", instead)
    }

    /// The error for a character an XML file cannot hold (a reference such as `&#1;` decodes to one).
    static func forbiddenCharacterProblem(_ text: String, line: Int?) -> MarkdownError? {
        guard let (_, scalar) = XMLCharacters.firstForbidden(in: text) else { return nil }
        return MarkdownError(
            "Der Text enthält das Steuerzeichen \(XMLCharacters.codePoint(scalar)) (geschrieben als Verweis wie „&#\(scalar.value);“?), das eine ODF-Datei nicht enthalten kann.",
            hint: "Entfernen Sie es.", line: line)
    }

    /// The text of a node's descendants, for quoting a construct in a message.
    private static func plainText(of node: MarkdownNode) -> String {
        node.children.map { child in child.literal ?? plainText(of: child) }.joined()
    }

    /// `text` cut to a length that fits a message.
    private static func shortened(_ text: String, limit: Int = 40) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
