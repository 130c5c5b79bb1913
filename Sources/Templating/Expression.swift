import Foundation

/// A condition of `{{#if …}}` or `{{#unless …}}`: paths and literals compared with `==` and
/// `!=`, combined with `not`, `and`, `or` and parentheses, and nothing more.
///
/// There is deliberately no general evaluation: a template can test the data, not compute.
indirect enum Expression: Sendable, Hashable, CustomStringConvertible {
    case path(DataPath)
    case literal(Value)
    case equal(Expression, Expression)
    case notEqual(Expression, Expression)
    case not(Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)

    /// Parses a condition as typed, typographic quotes included.
    init(parsing text: String) throws(MarkerSyntaxError) {
        var parser = Parser(tokens: try Tokenizer.tokens(text), source: text)
        self = try parser.parseOr()
        guard parser.atEnd else {
            throw MarkerSyntaxError("Unerwartetes „\(parser.current?.text ?? "")“ in der Bedingung „\(text)“.", hint: MarkerSyntaxError.conditionHint)
        }
    }

    /// Every data path the condition reads.
    var paths: [DataPath] {
        switch self {
        case .path(let path): [path]
        case .literal: []
        case .not(let inner): inner.paths
        case .equal(let a, let b), .notEqual(let a, let b), .and(let a, let b), .or(let a, let b): a.paths + b.paths
        }
    }

    var description: String {
        switch self {
        case .path(let path): path.description
        case .literal(let value): value.displayText ?? "…"
        case .equal(let a, let b): "\(a) == \(b)"
        case .notEqual(let a, let b): "\(a) != \(b)"
        case .not(let inner): "not \(inner)"
        case .and(let a, let b): "(\(a) and \(b))"
        case .or(let a, let b): "(\(a) or \(b))"
        }
    }

    /// Evaluates the condition; `lookup` resolves a path (and reports unknown ones).
    func evaluate(_ lookup: (DataPath) -> Value?) -> Bool? {
        switch self {
        case .path, .literal:
            return operand(lookup)?.isTruthy
        case .equal(let a, let b):
            guard let left = a.operand(lookup), let right = b.operand(lookup) else { return nil }
            return Self.same(left, right)
        case .notEqual(let a, let b):
            guard let left = a.operand(lookup), let right = b.operand(lookup) else { return nil }
            return !Self.same(left, right)
        case .not(let inner):
            return inner.evaluate(lookup).map { !$0 }
        case .and(let a, let b):
            guard let left = a.evaluate(lookup), let right = b.evaluate(lookup) else { return nil }
            return left && right
        case .or(let a, let b):
            guard let left = a.evaluate(lookup), let right = b.evaluate(lookup) else { return nil }
            return left || right
        }
    }

    private func operand(_ lookup: (DataPath) -> Value?) -> Value? {
        switch self {
        case .path(let path): lookup(path)
        case .literal(let value): value
        default: evaluate(lookup).map(Value.bool)
        }
    }

    /// Equality as a clerk means it: numbers by value, dates against their German or ISO form,
    /// everything else by its shown text.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.date(let date), .string(let text)), (.string(let text), .date(let date)):
            return text == date.german || text == date.iso
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        default: return a == b || (a.displayText != nil && a.displayText == b.displayText)
        }
    }

    // MARK: Tokens

    struct Token: Sendable, Hashable {
        enum Kind: Sendable, Hashable { case word, string, number, equal, notEqual, open, close }
        var kind: Kind
        var text: String
    }

    enum Tokenizer {
        /// Quotes that open a string, with the quotes that may close it. LibreOffice's autocorrect
        /// turns "…" into „…“ (German) or “…” (English), and some write »…« or «…».
        static let quotes: [Character: Set<Character>] = [
            "\"": ["\"", "“", "”"], "„": ["“", "”", "\""], "“": ["”", "“", "\""], "”": ["”", "“", "\""],
            "'": ["'", "‘", "’"], "‚": ["‘", "’", "'"], "‘": ["’", "‘", "'"], "’": ["’", "‘", "'"],
            "»": ["«", "»"], "«": ["»", "«"],
        ]

        static func tokens(_ text: String) throws(MarkerSyntaxError) -> [Token] {
            var tokens: [Token] = []
            let characters = Array(text)
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character.isWhitespace { index += 1; continue }
                if let closers = quotes[character] {
                    var end = index + 1
                    while end < characters.count, !closers.contains(characters[end]) { end += 1 }
                    guard end < characters.count else { throw MarkerSyntaxError("Der Text „\(String(characters[index...]))“ hat kein schließendes Anführungszeichen.", hint: "Schließen Sie ihn mit \" ab.") }
                    tokens.append(Token(kind: .string, text: String(characters[(index + 1)..<end])))
                    index = end + 1
                } else if character == "=" || character == "!" {
                    guard index + 1 < characters.count, characters[index + 1] == "=" else {
                        throw MarkerSyntaxError("„\(character)“ allein ist kein Vergleich.", hint: "Vergleichen Sie mit == oder !=.")
                    }
                    tokens.append(Token(kind: character == "=" ? .equal : .notEqual, text: "\(character)="))
                    index += 2
                } else if character == "(" || character == ")" {
                    tokens.append(Token(kind: character == "(" ? .open : .close, text: String(character)))
                    index += 1
                } else if character.isLetter || character.isNumber || "_@.-".contains(character) {
                    var end = index
                    while end < characters.count, characters[end].isLetter || characters[end].isNumber || "_@.-,".contains(characters[end]) { end += 1 }
                    let word = String(characters[index..<end])
                    let numeric = word.first.map { $0.isNumber || $0 == "-" } ?? false
                    tokens.append(Token(kind: numeric ? .number : .word, text: word))
                    index = end
                } else {
                    throw MarkerSyntaxError("„\(character)“ kann nicht in einer Bedingung stehen.", hint: MarkerSyntaxError.conditionHint)
                }
            }
            return tokens
        }
    }

    struct Parser {
        var tokens: [Token]
        var source: String
        var position = 0

        /// The value of a number literal written plainly (`3`, `-1`, `2.5`, `2,5`).
        ///
        /// Anything else is an error: Foundation's parser would read `1-2` as 1 and `12abc` as 12.
        static func number(_ text: String) throws(MarkerSyntaxError) -> Decimal {
            guard let number = Filters.strictDecimal(text.replacingOccurrences(of: ",", with: ".")) else {
                throw MarkerSyntaxError("„\(text)“ ist keine Zahl.", hint: "Schreiben Sie Zahlen nur mit Ziffern, etwa 3, -1 oder 2,5.")
            }
            return number
        }

        var current: Token? { position < tokens.count ? tokens[position] : nil }
        var atEnd: Bool { position >= tokens.count }

        mutating func parseOr() throws(MarkerSyntaxError) -> Expression {
            var left = try parseAnd()
            while current?.kind == .word, current?.text == "or" {
                position += 1
                left = .or(left, try parseAnd())
            }
            return left
        }

        mutating func parseAnd() throws(MarkerSyntaxError) -> Expression {
            var left = try parseNot()
            while current?.kind == .word, current?.text == "and" {
                position += 1
                left = .and(left, try parseNot())
            }
            return left
        }

        mutating func parseNot() throws(MarkerSyntaxError) -> Expression {
            if current?.kind == .word, current?.text == "not" {
                position += 1
                return .not(try parseNot())
            }
            return try parseComparison()
        }

        mutating func parseComparison() throws(MarkerSyntaxError) -> Expression {
            let left = try parseOperand()
            guard let kind = current?.kind, kind == .equal || kind == .notEqual else { return left }
            position += 1
            let right = try parseOperand()
            return kind == .equal ? .equal(left, right) : .notEqual(left, right)
        }

        mutating func parseOperand() throws(MarkerSyntaxError) -> Expression {
            guard let token = current else { throw MarkerSyntaxError("Die Bedingung „\(source)“ endet zu früh.", hint: MarkerSyntaxError.conditionHint) }
            position += 1
            switch token.kind {
            case .string: return .literal(.string(token.text))
            case .number:
                return .literal(.number(try Self.number(token.text)))
            case .word:
                switch token.text {
                case "true", "wahr": return .literal(.bool(true))
                case "false", "falsch": return .literal(.bool(false))
                case "null", "leer": return .literal(.null)
                case "and", "or", "not": throw MarkerSyntaxError("„\(token.text)“ braucht davor und danach einen Wert.", hint: MarkerSyntaxError.conditionHint)
                default: return .path(try DataPath(token.text))
                }
            case .open:
                let inner = try parseOr()
                guard current?.kind == .close else { throw MarkerSyntaxError("Eine „(“ in „\(source)“ ist nicht geschlossen.", hint: "Schließen Sie sie mit „)“.") }
                position += 1
                return inner
            case .close, .equal, .notEqual:
                throw MarkerSyntaxError("Unerwartetes „\(token.text)“ in der Bedingung „\(source)“.", hint: MarkerSyntaxError.conditionHint)
            }
        }
    }
}
