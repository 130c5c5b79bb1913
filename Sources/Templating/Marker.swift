import Foundation

/// One marker as typed in a template, `{{ … }}`, parsed.
///
/// Values are `{{ path.to.value }}`, optionally piped through filters (`| name: argument`);
/// blocks open with `{{#each path}}` and close with `{{/each}}`.
struct Marker: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case value(DataPath, [Filter])
        case each(DataPath)
        case endEach
    }

    var kind: Kind
    /// The marker as typed, with its braces.
    var raw: String

    /// A filter applied to a value, such as `date: "d. MMMM yyyy"`.
    struct Filter: Sendable, Hashable {
        var name: String
        var argument: String?
    }

    /// Parses the text between the braces; `raw` is the whole marker for messages.
    init(inner: String, raw: String) throws(MarkerSyntaxError) {
        self.raw = raw
        let text = inner.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("#") {
            let words = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
            guard let keyword = words.first else { throw MarkerSyntaxError("the block marker has no keyword; write {{#each list}}.") }
            switch keyword {
            case "each":
                guard words.count == 2 else { throw MarkerSyntaxError("{{#each}} needs the list to repeat, as in {{#each consultation}}.") }
                kind = .each(try DataPath(words[1].trimmingCharacters(in: .whitespaces)))
            default:
                throw MarkerSyntaxError("unknown block „#\(keyword)“; blocks are {{#each list}} … {{/each}}.")
            }
        } else if text.hasPrefix("/") {
            let keyword = text.dropFirst().trimmingCharacters(in: .whitespaces)
            guard keyword == "each" else { throw MarkerSyntaxError("unknown block end „/\(keyword)“; close a repetition with {{/each}}.") }
            kind = .endEach
        } else {
            let pieces = text.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let pathText = pieces.first, !pathText.isEmpty else { throw MarkerSyntaxError("the marker is empty; write the data path, as in {{ reference }}.") }
            let filters = try pieces.dropFirst().map { piece throws(MarkerSyntaxError) -> Filter in
                let parts = piece.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let name = parts.first, !name.isEmpty else { throw MarkerSyntaxError("a „|“ must be followed by a filter name.") }
                return Filter(name: name, argument: parts.count > 1 ? parts[1] : nil)
            }
            kind = .value(try DataPath(pathText), filters)
        }
    }
}

/// A dotted path into the data (`underDirectionOf.name`, `@index`, `this`).
struct DataPath: Sendable, Hashable, CustomStringConvertible {
    var segments: [String]

    init(_ text: String) throws(MarkerSyntaxError) {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for segment in segments {
            let valid = !segment.isEmpty && segment.unicodeScalars.enumerated().allSatisfy { index, scalar in
                scalar.properties.isAlphabetic || scalar == "_" || (index > 0 && (scalar.properties.numericType != nil || scalar == "-"))
                    || (index == 0 && scalar == "@") || segment.allSatisfy(\.isNumber)
            }
            guard valid else {
                throw MarkerSyntaxError("„\(text)“ is not a data path; a path is names joined by dots, as in body.name.")
            }
        }
        self.segments = segments
    }

    var description: String { segments.joined(separator: ".") }
}

/// Why the text inside a marker could not be read.
struct MarkerSyntaxError: Error, Sendable {
    var message: String
    init(_ message: String) { self.message = message }
}
