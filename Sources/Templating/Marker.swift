import Foundation

/// One marker as typed in a template, `{{ … }}`, parsed.
///
/// Values are `{{ path.to.value }}`, optionally piped through filters (`| date: "d. MMMM yyyy"`);
/// blocks are `{{#each list}} … {{/each}}`, `{{#if condition}} … {{else}} … {{/if}}` and
/// `{{#unless condition}} … {{/unless}}`.
struct Marker: Sendable, Hashable {
    /// The keyword that opens and closes a block.
    enum Block: String, Sendable, Hashable { case each, `if`, unless }

    enum Kind: Sendable, Hashable {
        case value(DataPath, [Filter])
        case each(DataPath)
        case condition(Expression, negated: Bool)
        case otherwise
        case end(Block)
    }

    /// The block filter (`markdown`, `document`) of a value marker, if it has one.
    var blockFilter: String? {
        guard case .value(_, let filters) = kind, let last = filters.last?.name, Filters.blockFilters.contains(last) else { return nil }
        return last
    }

    var kind: Kind
    /// The marker as typed, with its braces.
    var raw: String

    /// A filter applied to a value, such as `date: "d. MMMM yyyy"`.
    struct Filter: Sendable, Hashable {
        var name: String
        var argument: Value?
    }

    /// The block a start marker opens, if it is one.
    /// The data paths the marker reads.
    var paths: [DataPath] {
        switch kind {
        case .value(let path, _), .each(let path): [path]
        case .condition(let condition, _): condition.paths
        case .otherwise, .end: []
        }
    }

    var opens: Block? {
        switch kind {
        case .each: .each
        case .condition(_, let negated): negated ? .unless : .if
        default: nil
        }
    }

    /// Parses the text between the braces; `raw` is the whole marker for messages.
    init(inner: String, raw: String) throws(MarkerSyntaxError) {
        self.raw = raw
        let text = inner.trimmingSpaces()
        if text.hasPrefix("#") {
            let words = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
            let rest = words.count == 2 ? words[1].trimmingSpaces() : ""
            switch words.first {
            case "each":
                guard !rest.isEmpty else { throw MarkerSyntaxError("{{#each}} braucht die Liste, die wiederholt wird.", hint: "Schreiben Sie etwa {{#each consultation}}.") }
                kind = .each(try DataPath(rest))
            case "if", "unless":
                guard !rest.isEmpty else { throw MarkerSyntaxError("{{#\(words[0])}} braucht eine Bedingung.", hint: "Schreiben Sie etwa {{#\(words[0]) public}}.") }
                kind = .condition(try Expression(parsing: rest), negated: words[0] == "unless")
            default:
                throw MarkerSyntaxError("„#\(words.first ?? "")“ ist kein bekannter Block.", hint: "Blöcke sind #each, #if und #unless.")
            }
        } else if text.hasPrefix("/") {
            let keyword = text.dropFirst().trimmingSpaces()
            guard let block = Block(rawValue: keyword) else {
                throw MarkerSyntaxError("„/\(keyword)“ ist kein bekanntes Blockende.", hint: "Schließen Sie Blöcke mit {{/each}}, {{/if}} oder {{/unless}}.")
            }
            kind = .end(block)
        } else if text == "else" {
            kind = .otherwise
        } else {
            kind = try Self.value(text)
        }
    }

    private static func value(_ text: String) throws(MarkerSyntaxError) -> Kind {
        let pieces = try splitPipes(text)
        guard let pathText = pieces.first, !pathText.isEmpty else {
            throw MarkerSyntaxError("Der Platzhalter ist leer.", hint: "Schreiben Sie den Datenpfad hinein, etwa {{ reference }}.")
        }
        var filters: [Filter] = []
        for piece in pieces.dropFirst() {
            let parts = piece.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces() }
            guard let name = parts.first, !name.isEmpty else { throw MarkerSyntaxError("Nach „|“ fehlt der Name eines Filters.", hint: "Schreiben Sie etwa {{ date | date }}.") }
            var argument: Value?
            if parts.count > 1 {
                let tokens = try Expression.Tokenizer.tokens(parts[1])
                guard tokens.count == 1, let token = tokens.first, token.kind == .string || token.kind == .number else {
                    throw MarkerSyntaxError("Das Argument von „\(name)“ muss ein Text in Anführungszeichen oder eine Zahl sein.", hint: "Schreiben Sie etwa | \(name): \"…\".")
                }
                argument = token.kind == .string ? .string(token.text) : .number(try Expression.Parser.number(token.text))
            }
            let filter = Filter(name: name, argument: argument)
            try Filters.validate(filter)
            filters.append(filter)
        }
        if let index = filters.firstIndex(where: { Filters.blockFilters.contains($0.name) }), index != filters.count - 1 {
            throw MarkerSyntaxError("| \(filters[index].name) muss der letzte Filter sein.", hint: "Stellen Sie | \(filters[index].name) ans Ende des Platzhalters.")
        }
        return .value(try DataPath(pathText), filters)
    }

    /// Splits at `|` outside quotes, so a quoted argument may contain one.
    private static func splitPipes(_ text: String) throws(MarkerSyntaxError) -> [String] {
        var pieces: [String] = []
        var current = ""
        var closers: Set<Character>?
        for character in text {
            if let open = closers {
                if open.contains(character) { closers = nil }
                current.append(character)
            } else if let opening = Expression.Tokenizer.quotes[character] {
                closers = opening
                current.append(character)
            } else if character == "|" {
                pieces.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current.trimmingSpaces())
        return pieces
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
                throw MarkerSyntaxError("„\(text)“ ist kein Datenpfad.", hint: "Ein Pfad besteht aus Namen, verbunden durch Punkte, etwa body.name.")
            }
        }
        self.segments = segments
    }

    var description: String { segments.joined(separator: ".") }
}

/// Why the text inside a marker could not be read.
struct MarkerSyntaxError: Error, Sendable {
    var message: String
    /// What to write instead, for the template's author.
    var hint: String?
    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// What a condition may hold.
    static let conditionHint = "Bedingungen bestehen aus Datenpfaden, Texten in Anführungszeichen, Zahlen, ==, !=, not, and, or und Klammern."
}
