import ODFPackage

/// The text of one paragraph or heading as its reader sees it, mapped back to the XML nodes
/// that hold each character.
///
/// LibreOffice splits typed text over spans, links, bookmarks, soft page breaks and
/// change-tracking marks; spaces, tabs and line breaks are elements of their own. This view
/// reads through all of that, so a marker is found however the XML cuts it. Content that is not
/// running text of this paragraph (frames, notes, comments, fields) counts as one object
/// character (U+FFFC) that no marker may span.
struct ParagraphText {
    enum Piece {
        /// A text node and its characters.
        case text(XMLNode, [Unicode.Scalar])
        /// An element that stands for characters: `text:s` (spaces), `text:tab`, `text:line-break`.
        case character(XMLNode, count: Int)
        /// Anything a marker must not cross.
        case object(XMLNode)
    }

    static let objectCharacter: Unicode.Scalar = "\u{FFFC}"

    let paragraph: XMLNode
    private(set) var pieces: [Piece] = []
    private(set) var scalars: [Unicode.Scalar] = []
    /// For each scalar, the piece it belongs to and its offset in that piece.
    private(set) var owners: [(piece: Int, offset: Int)] = []

    init(_ paragraph: XMLNode) {
        self.paragraph = paragraph
        collect(paragraph)
    }

    /// The paragraph's text for messages, objects shown as „…“.
    var displayText: String {
        var text = String.UnicodeScalarView()
        for scalar in scalars {
            if scalar == Self.objectCharacter { text.append(contentsOf: "…".unicodeScalars) } else { text.append(scalar) }
        }
        return String(text)
    }

    /// Text of a scalar range.
    func text(_ range: Range<Int>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[range])
        return String(text)
    }

    private static let transparent: Set<String> = ["span", "a", "meta"]
    private static let zeroWidth: Set<String> = [
        "bookmark", "bookmark-start", "bookmark-end", "reference-mark", "reference-mark-start", "reference-mark-end",
        "soft-page-break", "change", "change-start", "change-end", "alphabetical-index-mark-start",
        "alphabetical-index-mark-end", "toc-mark-start", "toc-mark-end", "user-index-mark-start", "user-index-mark-end",
    ]

    private mutating func collect(_ element: XMLNode) {
        var child = element.firstChild
        while let node = child {
            child = node.nextSibling
            switch node.kind {
            case .text, .cdata:
                let characters = Array(node.textContent.unicodeScalars)
                add(.text(node, characters), characters)
            case .element:
                let local = node.localName
                let ns = node.namespaceURI
                if ns == ODFNamespace.text && Self.transparent.contains(local) {
                    collect(node)
                } else if ns == ODFNamespace.text && Self.zeroWidth.contains(local) {
                    continue
                } else if ns == ODFNamespace.office && local == "annotation-end" {
                    continue
                } else if ns == ODFNamespace.text && local == "s" {
                    let count = Int(node.attribute(ODFNamespace.text, "c") ?? "1") ?? 1
                    add(.character(node, count: count), Array(repeating: " ", count: max(count, 1)))
                } else if ns == ODFNamespace.text && local == "tab" {
                    add(.character(node, count: 1), ["\t"])
                } else if ns == ODFNamespace.text && local == "line-break" {
                    add(.character(node, count: 1), ["\n"])
                } else {
                    add(.object(node), [Self.objectCharacter])
                }
            default:
                continue
            }
        }
    }

    private mutating func add(_ piece: Piece, _ characters: [Unicode.Scalar]) {
        let index = pieces.count
        pieces.append(piece)
        for offset in characters.indices { owners.append((index, offset)) }
        scalars.append(contentsOf: characters)
    }

    /// The ranges of `{{ … }}` markers, in order; an opening without a closing is reported as a
    /// range to the paragraph's end with `closed` false.
    func markerRanges() -> [(range: Range<Int>, closed: Bool)] {
        var result: [(range: Range<Int>, closed: Bool)] = []
        var index = 0
        while index + 1 < scalars.count {
            guard scalars[index] == "{", scalars[index + 1] == "{" else { index += 1; continue }
            var end = index + 2
            while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
            guard end + 1 < scalars.count else {
                result.append((index..<scalars.count, false))
                break
            }
            // A closing run of three braces ({{ a }}}) belongs to the marker's last two.
            while end + 2 < scalars.count, scalars[end + 2] == "}" { end += 1 }
            result.append((index..<(end + 2), true))
            index = end + 2
        }
        return result
    }

    /// Replaces the characters in `range` by `replacement`, which takes the place (and so the
    /// formatting) of the range's first character. Call for ranges from last to first: earlier
    /// ranges stay valid, later ones do not.
    func replace(_ range: Range<Int>, with replacement: XMLNode) {
        let first = owners[range.lowerBound]
        let last = owners[range.upperBound - 1]
        guard case .text(let startNode, _) = pieces[first.piece] else {
            preconditionFailure("a marker starts with a brace, which is text")
        }
        // A later marker in the same text node was replaced already and cut the node short; the
        // node's current text still holds this range unchanged, the cached characters do not.
        let startCharacters = Array(startNode.textContent.unicodeScalars)
        let prefix = Array(startCharacters[..<first.offset])
        startNode.insertAfter(replacement)
        if first.piece == last.piece {
            let suffix = Array(startCharacters[(last.offset + 1)...])
            if !suffix.isEmpty { replacement.insertAfter(replacement.document.makeText(Self.string(suffix))) }
        } else {
            for index in (first.piece + 1)..<last.piece {
                switch pieces[index] {
                case .text(let node, _), .character(let node, _), .object(let node):
                    node.remove()
                }
            }
            if case .text(let endNode, _) = pieces[last.piece] {
                let endCharacters = Array(endNode.textContent.unicodeScalars)
                let suffix = Array(endCharacters[(last.offset + 1)...])
                if suffix.isEmpty {
                    endNode.remove()
                } else {
                    endNode.setText(Self.string(suffix))
                }
            }
        }
        if prefix.isEmpty { startNode.remove() } else { startNode.setText(Self.string(prefix)) }
        if first.piece != last.piece { Self.removeEmptySpans(in: paragraph) }
    }

    /// Spans left without children by a replacement carry nothing; they go, innermost first.
    private static func removeEmptySpans(in paragraph: XMLNode) {
        for span in paragraph.descendantElements(where: { $0.is(ODFNamespace.text, "span") }).reversed()
        where span.firstChild == nil {
            span.remove()
        }
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
