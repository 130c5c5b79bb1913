import Foundation

/// A JSON value whose objects keep their keys in the order they were built, serialised the same
/// way every time, so the same manifest gives the same bytes.
///
/// A long list can be a ``stream``: its elements are made one at a time while it is written, so
/// a manifest of 10,000 papers never exists in memory as a whole. An element made as nil is left
/// out (an input that could no longer be read).
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// A list of at most `count` elements, made on demand by `element`; nil leaves one out.
    case stream(count: Int, element: @Sendable (Int) -> JSONValue?)

    /// An object from pairs, leaving out the keys whose value is nil.
    static func object(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// Pretty-printed with two spaces, a line break at the end.
    func serialized() -> String {
        var output = ""
        write(to: &output, indent: 0)
        return output + "\n"
    }

    /// Writes the value as ``serialized()`` does, in pieces: `flush` receives each piece of at
    /// least `chunk` characters as it is ready, and the rest at the end.
    func write(chunk: Int = 1 << 16, flush: (String) throws(ArchiveError) -> Void) throws(ArchiveError) {
        var output = ""
        try write(to: &output, indent: 0, chunk: chunk, flush: flush)
        output += "\n"
        try flush(output)
    }

    private func write(to output: inout String, indent: Int, chunk: Int, flush: (String) throws(ArchiveError) -> Void) throws(ArchiveError) {
        switch self {
        case .stream(let count, let element):
            var written = 0
            for index in 0..<count {
                guard let item = element(index) else { continue }
                output += written == 0 ? "[\n" : ",\n"
                output += String(repeating: "  ", count: indent + 1)
                try item.write(to: &output, indent: indent + 1, chunk: chunk, flush: flush)
                written += 1
                if output.utf8.count >= chunk {
                    try flush(output)
                    output = ""
                }
            }
            output += written == 0 ? "[]" : "\n" + String(repeating: "  ", count: indent) + "]"
        case .object(let pairs) where pairs.contains(where: { $0.1.streams }):
            output += "{\n"
            for (index, (key, value)) in pairs.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                Self.quote(key, into: &output)
                output += ": "
                try value.write(to: &output, indent: indent + 1, chunk: chunk, flush: flush)
                output += index == pairs.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        default:
            write(to: &output, indent: indent)
        }
    }

    /// Whether a stream is somewhere inside.
    private var streams: Bool {
        switch self {
        case .stream: true
        case .object(let pairs): pairs.contains { $0.1.streams }
        case .array(let items): items.contains { $0.streams }
        default: false
        }
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .stream(let count, let element):
            let items = (0..<count).compactMap(element)
            write(to: &output, indent: indent, items: items, count: items.count)
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .string(let text): Self.quote(text, into: &output)
        case .array(let items):
            write(to: &output, indent: indent, items: items, count: items.count)
        case .object(let pairs):
            guard !pairs.isEmpty else { output += "{}"; return }
            output += "{\n"
            for (index, (key, value)) in pairs.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                Self.quote(key, into: &output)
                output += ": "
                value.write(to: &output, indent: indent + 1)
                output += index == pairs.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        }
    }

    private func write(to output: inout String, indent: Int, items: some Sequence<JSONValue>, count: Int) {
        guard count > 0 else { output += "[]"; return }
        output += "[\n"
        for (index, item) in items.enumerated() {
            output += String(repeating: "  ", count: indent + 1)
            item.write(to: &output, indent: indent + 1)
            output += index == count - 1 ? "\n" : ",\n"
        }
        output += String(repeating: "  ", count: indent) + "]"
    }

    private static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
