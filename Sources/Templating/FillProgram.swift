import Foundation
import ODFPackage
#if canImport(Glibc)
import Glibc
#endif

/// One part of a compiled template as prepared bytes with slots for values and blocks.
///
/// The compiled part is serialized once, with a sentinel where each placeholder, block, `{{else}}`
/// and name that repetition must keep unique stood; the bytes between sentinels are copied into
/// every document as they are. Filling then appends bytes and escaped values instead of copying
/// and walking a tree, and gives the XML the tree walk gives (``Template/render(_:documents:)``).
/// A part the prepared bytes cannot express (user fields filled from data, a text namespace
/// without a prefix, a template that holds the sentinel text itself) has no program and is filled
/// by the tree walk.
struct FillProgram {
    /// One step of the program.
    indirect enum Op {
        /// Bytes of the prepared part, as a range of ``FillProgram/literal``.
        case bytes(Range<Int>)
        /// A value marker: its text, escaped, with line breaks, tabs and runs of spaces as ODF elements.
        case value(marker: Int)
        /// A Markdown marker's paragraph, replaced by the blocks the text makes.
        case markdown(marker: Int, bodyStyle: String?)
        /// A `| document` marker's paragraph: the whole document takes the tree walk.
        case document(marker: Int)
        /// A block: a repetition's body (`first`), or a condition's two branches.
        case block(marker: Int, first: [Op], second: [Op])
        /// The value of a name ODF wants unique (`escaped` as written); copies get „name (n)“.
        case uniqueName(rule: Int, name: String, escaped: Range<Int>)
        /// An `xml:id` attribute, written for its first occurrence only.
        case xmlID(id: String, escaped: Range<Int>)
    }

    let part: String
    let literal: [UInt8]
    let ops: [Op]
    /// How the part writes ODF's text namespace (`text`), for line breaks, tabs and runs of
    /// spaces; nil in a part whose values are plain text (meta.xml).
    let textPrefix: String?

    /// The bytes every document's part starts with: the literal before the first slot, when the
    /// program starts with one.
    var leadingBytes: Range<Int>? {
        if case .bytes(let range)? = ops.first { range } else { nil }
    }

    /// True when the program writes the same bytes for every document.
    var isConstant: Bool {
        ops.allSatisfy { if case .bytes = $0 { true } else { false } }
    }

    /// The ASCII text that opens and closes a sentinel; a part that holds it already has no program.
    static let open = "@@vorlage:"
    static let close = "@@"

    /// Whether serialized bytes hold the text that opens a sentinel.
    ///
    /// Searched with `memchr` and `memcmp`: `Data.range(of:)` goes through `NSData` on Linux, and
    /// its first call cost each worker's compile about half a million instructions (callgrind, one
    /// document of `vorlage-bench peers`); the standard library's generic `firstRange(of:)` cost
    /// 6.7 million more than this loop.
    private static func holdsSentinel(_ bytes: Data) -> Bool {
        let needle = Array(open.utf8)
        return bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return false }
            var offset = 0
            while raw.count - offset >= needle.count {
                guard let found = memchr(base + offset, Int32(needle[0]), raw.count - offset - needle.count + 1) else { return false }
                if memcmp(found, needle, needle.count) == 0 { return true }
                offset = base.distance(to: UnsafeRawPointer(found)) + 1
            }
            return false
        }
    }

    /// Prepares `part` of `template`; nil when the part must take the tree walk.
    /// - Parameter shapeOnly: prepares even a part whose user fields only the tree walk fills,
    ///   to read the shape of its data (for tests); such a program must not fill documents.
    static func compile(_ part: String, of template: Template, shapeOnly: Bool = false) throws(ODFError) -> FillProgram? {
        let xml = try template.document.xml(part).copy()
        let original = try xml.serialized()
        guard !holdsSentinel(original) else { return nil }
        let prefix = xml.prefix(forNamespace: ODFNamespace.text)
        if prefix == "" || (prefix == nil && !Template.plainTextParts.contains(part)) { return nil }
        let declarations = xml.root.descendantElements { $0.is(ODFNamespace.text, "user-field-decl") }
        if !shapeOnly, declarations.contains(where: { template.userFields.contains($0.attribute(ODFNamespace.text, "name") ?? "") }) { return nil }

        var names: [(rule: Int, name: String)] = []
        var ids: [String] = []
        for element in xml.root.descendantElements() {
            for (number, rule) in UniqueNames.named.enumerated() where element.is(rule.namespace, rule.element) {
                guard let name = element.attribute(rule.attributeNamespace, rule.attribute) else { continue }
                element.setAttribute(rule.attributeNamespace, rule.attribute, prefix: element.prefix ?? "text",
                                     to: "\(open)N\(names.count)\(close)\(name)\(open)n\(close)")
                names.append((number, name))
            }
            if let id = element.attribute(UniqueNames.xmlNamespace, "id") {
                element.setAttribute(UniqueNames.xmlNamespace, "id", prefix: "xml", to: "\(open)I\(ids.count)\(close)\(id)\(open)i\(close)")
                ids.append(id)
            }
        }

        let placeholders = xml.root.descendantElements {
            $0.is(Template.namespace, "marker") || $0.is(Template.namespace, "block") || $0.is(Template.namespace, "else")
        }
        for placeholder in placeholders {
            func sentinel(_ text: String) -> XMLNode { xml.makeText(open + text + close) }
            if placeholder.is(Template.namespace, "else") {
                placeholder.insertBefore(sentinel("E"))
                placeholder.remove()
                continue
            }
            let id = placeholder.attribute(Template.namespace, "id")!
            let record = template.markers[Int(id)!]
            if placeholder.is(Template.namespace, "block") {
                placeholder.insertBefore(sentinel("B\(id)"))
                for child in placeholder.children { placeholder.insertBefore(child) }
                placeholder.insertBefore(sentinel("/"))
                placeholder.remove()
                continue
            }
            switch record.marker.blockFilter {
            case let filter?:
                guard let paragraph = Template.enclosingParagraph(placeholder) else { return nil }
                let style = paragraph.attribute(ODFNamespace.text, "style-name")
                paragraph.insertBefore(sentinel(filter == "markdown" ? "M\(id):\(style ?? "")" : "D\(id)"))
                paragraph.remove()
            case nil:
                placeholder.insertBefore(sentinel("V\(id)"))
                placeholder.remove()
            }
        }
        xml.root.removeNamespaceDeclaration(Template.namespace)
        let bytes = [UInt8](try xml.serialized())
        var parser = Parser(bytes: bytes, names: names, ids: ids)
        guard let (ops, _) = parser.parseSequence(until: []), parser.position == bytes.count else { return nil }
        return FillProgram(part: part, literal: bytes, ops: ops, textPrefix: Template.plainTextParts.contains(part) ? nil : prefix)
    }

    /// Splits the serialized part at its sentinels into a tree of operations.
    private struct Parser {
        let bytes: [UInt8]
        let names: [(rule: Int, name: String)]
        let ids: [String]
        var position = 0
        private let open = Array(FillProgram.open.utf8)
        private let close = Array(FillProgram.close.utf8)

        init(bytes: [UInt8], names: [(rule: Int, name: String)], ids: [String]) {
            self.bytes = bytes
            self.names = names
            self.ids = ids
        }

        /// The index where `pattern` next starts at or after `start`, or nil.
        private func find(_ pattern: [UInt8], from start: Int) -> Int? {
            guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
            var index = start
            while index <= bytes.count - pattern.count {
                if bytes[index] == first, bytes[index ..< index + pattern.count].elementsEqual(pattern) { return index }
                index += 1
            }
            return nil
        }

        /// Reads the next sentinel's text, moving past it; nil at the end.
        private mutating func nextSentinel(literalEnd: inout Int) -> String? {
            guard let start = find(open, from: position) else {
                literalEnd = bytes.count
                position = bytes.count
                return nil
            }
            literalEnd = start
            let textStart = start + open.count
            guard let end = find(close, from: textStart) else { return nil }
            position = end + close.count
            return String(decoding: bytes[textStart ..< end], as: UTF8.self)
        }

        /// Operations up to one of the `terminators` (`/` or `E`), returned with the terminator
        /// met, or to the end when `terminators` is empty. Nil when the sentinels do not nest.
        mutating func parseSequence(until terminators: Set<String>) -> ([Op], String?)? {
            var ops: [Op] = []
            while true {
                let literalStart = position
                var literalEnd = 0
                let sentinel = nextSentinel(literalEnd: &literalEnd)
                var range = literalStart ..< literalEnd
                guard let sentinel else {
                    if !range.isEmpty { ops.append(.bytes(range)) }
                    return terminators.isEmpty ? (ops, nil) : nil
                }
                if sentinel.hasPrefix("I") {
                    // The attribute ` xml:id="…"` is written whole, or not at all.
                    let opening = Array(" xml:id=\"".utf8)
                    guard range.count >= opening.count, bytes[range.upperBound - opening.count ..< range.upperBound].elementsEqual(opening) else { return nil }
                    range = range.lowerBound ..< range.upperBound - opening.count
                }
                if !range.isEmpty { ops.append(.bytes(range)) }
                if terminators.contains(sentinel) { return (ops, sentinel) }
                guard let kind = sentinel.first, let op = parseOp(kind, String(sentinel.dropFirst())) else { return nil }
                ops.append(op)
            }
        }

        private mutating func parseOp(_ kind: Character, _ argument: String) -> Op? {
            switch kind {
            case "V":
                return Int(argument).map { .value(marker: $0) }
            case "D":
                return Int(argument).map { .document(marker: $0) }
            case "M":
                let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let marker = Int(parts[0]) else { return nil }
                let style = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : nil
                return .markdown(marker: marker, bodyStyle: style)
            case "B":
                guard let marker = Int(argument), let (first, ended) = parseSequence(until: ["/", "E"]) else { return nil }
                var second: [Op] = []
                if ended == "E" {
                    guard let (rest, _) = parseSequence(until: ["/"]) else { return nil }
                    second = rest
                }
                return .block(marker: marker, first: first, second: second)
            case "N", "I":
                guard let number = Int(argument) else { return nil }
                let closing = Array("\(FillProgram.open)\(kind == "N" ? "n" : "i")\(FillProgram.close)".utf8)
                guard let end = find(closing, from: position) else { return nil }
                let escaped = position ..< end
                position = end + closing.count
                if kind == "N" {
                    guard names.indices.contains(number) else { return nil }
                    return .uniqueName(rule: names[number].rule, name: names[number].name, escaped: escaped)
                }
                // Past the attribute's closing quote, which the operation writes itself.
                guard ids.indices.contains(number), position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
                position += 1
                return .xmlID(id: ids[number], escaped: escaped)
            default:
                return nil
            }
        }
    }
}
