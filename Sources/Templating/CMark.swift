import CCMarkGFM
import Foundation

/// The one place that calls cmark-gfm: parses Markdown with the GitHub extensions into a tree of
/// ``MarkdownNode``s, checking every C return on the way.
///
/// cmark-gfm 0.29 keeps process-wide state without locks: the extension registry is filled on
/// first use, and attaching an extension to a parser edits a global table of special inline
/// characters that finishing the parse resets. So registration runs once, and every parse holds
/// ``lock`` from creating the parser to finishing the tree. Parsing is fast; the lock costs little.
enum CMark {
    private static let lock = NSLock()

    /// `cmark_gfm_core_extensions_ensure_registered` is not thread-safe in 0.29; a static
    /// initializer runs exactly once.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// The extensions attached to every parser. Strikethrough and task lists are parsed only to be
    /// refused by name; autolink turns bare `www.` addresses and e-mail addresses into links.
    static let extensionNames = ["table", "strikethrough", "tasklist", "autolink"]

    /// Footnotes are parsed so they can be refused by name; strikethrough needs two tildes, so a
    /// single `~` („~5 Mio. €“) stays text.
    private static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE

    /// Parses `markdown` into a tree that owns its nodes.
    static func parse(_ markdown: String) throws(MarkdownError) -> MarkdownTree {
        _ = registered
        lock.lock()
        defer { lock.unlock() }
        let parser = try MarkdownParser(options: options)
        for name in extensionNames {
            try parser.attach(name)
        }
        parser.feed(markdown)
        return try parser.finish()
    }

    /// The error for a failure of the parser itself (out of memory, a missing extension library).
    static func libraryError(_ what: String) -> MarkdownError {
        MarkdownError("Die Markdown-Bibliothek (cmark-gfm) ist gescheitert: \(what).", line: nil)
    }
}

/// Owns one `cmark_parser`, freed in `deinit`.
///
/// cmark-gfm manual: „Frees memory allocated for a parser object.“ The tree returned by
/// `cmark_parser_finish` is detached from the parser and outlives it (freed by ``MarkdownTree``).
final class MarkdownParser {
    private let pointer: OpaquePointer

    init(options: Int32) throws(MarkdownError) {
        guard let pointer = cmark_parser_new(options) else {
            throw CMark.libraryError("kein Parser (zu wenig Arbeitsspeicher)")
        }
        self.pointer = pointer
    }

    deinit {
        cmark_parser_free(pointer)
    }

    /// Attaches the registered syntax extension `name`.
    func attach(_ name: String) throws(MarkdownError) {
        guard let extensionPointer = cmark_find_syntax_extension(name) else {
            throw CMark.libraryError("die Erweiterung „\(name)“ fehlt (installieren Sie libcmark-gfm-extensions)")
        }
        guard cmark_parser_attach_syntax_extension(pointer, extensionPointer) == 1 else {
            throw CMark.libraryError("die Erweiterung „\(name)“ lässt sich nicht einbinden")
        }
    }

    /// Feeds the whole text as UTF-8.
    func feed(_ markdown: String) {
        var text = markdown
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                cmark_parser_feed(pointer, characters, bytes.count)
            }
        }
    }

    /// Ends the parse and hands over the tree.
    func finish() throws(MarkdownError) -> MarkdownTree {
        guard let root = cmark_parser_finish(pointer) else {
            throw CMark.libraryError("das Lesen ist nicht abgeschlossen (zu wenig Arbeitsspeicher)")
        }
        return MarkdownTree(owning: root)
    }
}

/// Owns the root `cmark_node` of a parsed document and frees the whole tree in `deinit`.
///
/// cmark-gfm manual: „The memory allocated for the node tree should be released using
/// 'cmark_node_free' when it is no longer needed.“ Nodes keep the tree alive, so no node is read
/// after the free.
final class MarkdownTree {
    fileprivate let root: OpaquePointer

    fileprivate init(owning root: OpaquePointer) {
        self.root = root
    }

    deinit {
        cmark_node_free(root)
    }

    /// The document node.
    var document: MarkdownNode { MarkdownNode(root, in: self) }
}

/// One node of a parsed Markdown tree, read through Swift types; it keeps its tree alive.
struct MarkdownNode {
    private let pointer: OpaquePointer
    private let tree: MarkdownTree

    fileprivate init(_ pointer: OpaquePointer, in tree: MarkdownTree) {
        self.pointer = pointer
        self.tree = tree
    }

    /// The kinds of node CommonMark and the attached GitHub extensions produce.
    enum Kind: Equatable {
        case document, blockQuote, list, item, taskItem, codeBlock, htmlBlock, paragraph, heading
        case thematicBreak, footnoteDefinition, table, tableHeader, tableRow, tableCell
        case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
        case footnoteReference, strikethrough
        /// A node type this code does not know, by cmark's type name.
        case other(String)
    }

    var kind: Kind {
        // Extension node types get their numbers at run time; their names are stable.
        if cmark_node_get_syntax_extension(pointer) != nil {
            switch typeName {
            case "table": return .table
            case "table_header": return .tableHeader
            case "table_row": return .tableRow
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            case "tasklist": return .taskItem
            default: break
            }
        }
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default: return .other(typeName)
        }
    }

    /// cmark's name for the node type (`paragraph`, `table_cell`, …).
    private var typeName: String {
        cmark_node_get_type_string(pointer).map { String(cString: $0) } ?? "unknown"
    }

    /// The child nodes, in order.
    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = cmark_node_first_child(pointer)
        while let current = child {
            result.append(MarkdownNode(current, in: tree))
            child = cmark_node_next(current)
        }
        return result
    }

    /// The text of a text, code or HTML node (and a footnote reference's label); nil for others.
    var literal: String? {
        cmark_node_get_literal(pointer).map { String(cString: $0) }
    }

    /// The level of a heading (1–6); 0 for other nodes.
    var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

    /// True for a numbered list.
    var isOrderedList: Bool { cmark_node_get_list_type(pointer) == CMARK_ORDERED_LIST }

    /// The first number of a numbered list (cmark reports 0 for other nodes).
    var listStart: Int { Int(cmark_node_get_list_start(pointer)) }

    /// True for a code block fenced with ``` or ~~~ (false for one made by indentation).
    var isFenced: Bool {
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        return cmark_node_get_fenced(pointer, &length, &offset, &character) != 0
    }

    /// The destination of a link or image, as cmark decoded it; empty for other nodes.
    var url: String { cmark_node_get_url(pointer).map { String(cString: $0) } ?? "" }

    /// The title of a link or image (`[a](url "title")`); empty when there is none.
    var title: String { cmark_node_get_title(pointer).map { String(cString: $0) } ?? "" }

    /// The line (from 1) the node starts on; nil where cmark records none (soft line breaks).
    var line: Int? {
        let line = Int(cmark_node_get_start_line(pointer))
        return line > 0 ? line : nil
    }
}
