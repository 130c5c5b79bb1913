import Foundation
import ODFPackage

extension FillProgram {
    /// Why a program stopped: the document takes the tree walk, which reports every problem.
    struct Abandoned: Error {}

    /// What one run keeps between operations.
    struct Run {
        var renderer: Template.Renderer
        var output: [UInt8] = []
        var nameCounts: [NameKey: Int] = [:]
        var seenIDs: Set<String> = []
        /// A copy of the compiled part in which Markdown makes its blocks; made on first use.
        var scratch: XMLDocument?
        /// Takes the output whenever it passes ``flushSize``, so a large part (the invitation of a
        /// long agenda) is never whole in memory.
        var sink: (UnsafeRawBufferPointer) throws(ODFError) -> Void

        static let flushSize = 256 << 10

        mutating func flush() throws(Abandoned) {
            guard !output.isEmpty else { return }
            let sink = self.sink
            let failed = output.withUnsafeBytes { raw -> Bool in
                do throws(ODFError) {
                    try sink(raw)
                    return false
                } catch {
                    return true
                }
            }
            if failed { throw Abandoned() }
            output.removeAll(keepingCapacity: true)
        }
    }

    struct NameKey: Hashable {
        var rule: Int
        var name: String
    }

    /// Fills the part with `data`, handing its bytes to `sink` piece by piece; ``Abandoned`` when
    /// the tree walk must fill it (what was handed over then is to be dropped).
    /// - Parameter skippingLeadingBytes: leaves out ``leadingBytes``, which the caller has
    ///   deflated once already (``ODFPackage/DeflatedPrefix``).
    func run(_ data: Value, template: Template, styles: XMLDocument?, scratch: inout XMLDocument?, skippingLeadingBytes: Bool = false,
             into sink: @escaping (UnsafeRawBufferPointer) throws(ODFError) -> Void) throws(Abandoned) {
        var run = Run(renderer: Template.Renderer(template: template, styles: styles), scratch: scratch, sink: sink)
        run.output.reserveCapacity(min(literal.count + literal.count / 2, Run.flushSize + 4096))
        defer { scratch = run.scratch }
        let start = skippingLeadingBytes && leadingBytes != nil ? 1 : 0
        try execute(ops[start...], scopes: [Template.Scope(value: data)], in: &run, template: template)
        guard run.renderer.errors.isEmpty else { throw Abandoned() }
        try run.flush()
    }

    /// The part filled with `data`, whole.
    func run(_ data: Value, template: Template, styles: XMLDocument?, scratch: inout XMLDocument?) throws(Abandoned) -> Data {
        let collected = Collector()
        try run(data, template: template, styles: styles, scratch: &scratch) { bytes in collected.data.append(contentsOf: bytes) }
        return collected.data
    }

    /// Bytes collected from a sink.
    private final class Collector {
        var data = Data()
    }

    private func execute(_ ops: ArraySlice<Op>, scopes: [Template.Scope], in run: inout Run, template: Template) throws(Abandoned) {
        for op in ops {
            if run.output.count >= Run.flushSize { try run.flush() }
            switch op {
            case .bytes(let range):
                run.output.append(contentsOf: literal[range])
            case .value(let marker):
                guard let text = run.renderer.valueText(template.markers[marker], scopes: scopes) else { throw Abandoned() }
                appendText(text, to: &run.output)
            case .markdown(let marker, let bodyStyle):
                guard let text = run.renderer.valueText(template.markers[marker], scopes: scopes) else { throw Abandoned() }
                try appendMarkdown(text, bodyStyle: bodyStyle, in: &run, template: template)
            case .document:
                throw Abandoned()
            case .block(let marker, let first, let second):
                let record = template.markers[marker]
                if case .each = record.marker.kind {
                    guard let items = run.renderer.repeatedItems(record, scopes: scopes) else { throw Abandoned() }
                    for (index, item) in items.enumerated() {
                        try execute(first[...], scopes: scopes + [Template.Scope(value: item, index: index, count: items.count)], in: &run, template: template)
                    }
                } else {
                    guard let chooseFirst = run.renderer.choosesFirstBranch(record, scopes: scopes) else { throw Abandoned() }
                    try execute((chooseFirst ? first : second)[...], scopes: scopes, in: &run, template: template)
                }
            case .uniqueName(let rule, let name, let escaped):
                let key = NameKey(rule: rule, name: name)
                let count = (run.nameCounts[key] ?? 0) + 1
                run.nameCounts[key] = count
                run.output.append(contentsOf: literal[escaped])
                if count > 1 { run.output.append(contentsOf: " (\(count))".utf8) }
            case .xmlID(let id, let escaped):
                guard run.seenIDs.insert(id).inserted else { continue }
                run.output.append(contentsOf: " xml:id=\"".utf8)
                run.output.append(contentsOf: literal[escaped])
                run.output.append(UInt8(ascii: "\""))
            }
        }
    }

    /// Appends `text` as the tree walk inserts it: escaped, with line breaks, tabs and runs of
    /// spaces as the ODF elements that keep them; plain text where ``textPrefix`` is nil.
    private func appendText(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var index = 0
            // Bytes that need nothing are copied in runs; only the special ones are looked at.
            func flush() {
                if start < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start ..< index])) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                guard byte < 0x3F, Self.special & (1 << UInt64(byte)) != 0 else {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: " ") {
                    // A single space, by far the most common special byte, stays in the run.
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: " ") else {
                        index += 1
                        continue
                    }
                    var run = 2
                    while index + run < bytes.count, bytes[index + run] == UInt8(ascii: " ") { run += 1 }
                    guard let textPrefix else {
                        index += run
                        continue
                    }
                    index += 1
                    flush()
                    output.append(contentsOf: run == 2 ? "<\(textPrefix):s/>".utf8 : "<\(textPrefix):s \(textPrefix):c=\"\(run - 1)\"/>".utf8)
                    index += run - 1
                    start = index
                    continue
                }
                flush()
                switch byte {
                case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
                default:
                    if let textPrefix {
                        let name = byte == UInt8(ascii: "\t") ? "tab" : "line-break"
                        output.append(contentsOf: "<\(textPrefix):\(name)/>".utf8)
                        if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                    } else if byte == UInt8(ascii: "\r") {
                        // Plain text, escaped as libxml2 escapes text: a carriage return as a reference.
                        output.append(contentsOf: "&#13;".utf8)
                    } else {
                        output.append(byte)
                    }
                }
                index += 1
                start = index
            }
            flush()
        }
    }

    /// The bytes below `?` that ``appendText(_:to:)`` must look at, one bit each: tab, line
    /// feed, carriage return, space, `&`, `<` and `>`. A constant the compiler folds, where an
    /// array of flags was a lazily made global read with a bounds check at every byte.
    private static let special: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E

    /// Appends the blocks Markdown `text` makes, as the tree walk makes them; abandons when they
    /// need what the prepared bytes cannot hold: a style the template lacks, or a table (whose
    /// name depends on the whole filled document).
    private func appendMarkdown(_ text: String, bodyStyle: String?, in run: inout Run, template: Template) throws(Abandoned) {
        if run.scratch == nil {
            run.scratch = try? template.document.xml(part).copy()
        }
        guard let scratch = run.scratch else { throw Abandoned() }
        var converter = MarkdownConverter(content: scratch, styles: run.renderer.styles ?? scratch, bodyStyle: bodyStyle)
        converter.createsStyles = false
        let declared = scratch.root.namespaceDeclarationCount
        let blocks: [XMLNode]
        do {
            blocks = try converter.blocks(for: text)
        } catch {
            throw Abandoned()
        }
        defer { for block in blocks { block.remove() } }
        // A namespace the part lacked (xlink for a link) was declared on the scratch root; the
        // prepared bytes cannot declare it, so the tree walk fills this document.
        if scratch.root.namespaceDeclarationCount != declared {
            run.scratch = nil
            throw Abandoned()
        }
        let madeTable = blocks.contains { $0.is(ODFNamespace.table, "table") || !$0.descendantElements(where: { $0.is(ODFNamespace.table, "table") }).isEmpty }
        guard !converter.lacksStyle, !madeTable else { throw Abandoned() }
        for block in blocks {
            guard let bytes = try? block.serialized() else { throw Abandoned() }
            run.output.append(contentsOf: bytes)
        }
    }
}
