import Foundation

/// A council's numbering scheme for paper references, such as `{office}/{serial}/{term}/{year}`
/// for the seed's `50/2403/XV/2013`.
///
/// Placeholders: `{office}` (letters, digits, hyphens), `{serial}` (digits), `{term}` (the
/// legislative term's name), `{year}` (four digits); every other character stands for itself.
public struct ReferencePattern: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a pattern.
    enum Piece: Sendable, Hashable {
        case literal(Character)
        case office, serial, term, year
    }

    let pieces: [Piece]
    /// The pattern as written.
    public let description: String

    /// The parts a reference was read into.
    public struct Parts: Sendable, Hashable {
        public var office: String?
        public var serial: String?
        public var term: String?
        public var year: Int?
    }

    /// Parses a pattern; returns the reason when it names an unknown placeholder.
    public init(_ text: String) throws(PatternError) {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first == "{" {
                guard let close = rest.firstIndex(of: "}") else { throw PatternError("„{“ ist nicht geschlossen.") }
                let name = rest[rest.index(after: rest.startIndex)..<close]
                switch name {
                case "office": pieces.append(.office)
                case "serial": pieces.append(.serial)
                case "term": pieces.append(.term)
                case "year": pieces.append(.year)
                default: throw PatternError("„{\(name)}“ ist kein Platzhalter; bekannt sind {office}, {serial}, {term} und {year}.")
                }
                rest = rest[rest.index(after: close)...]
            } else {
                pieces.append(.literal(first))
                rest = rest.dropFirst()
            }
        }
        guard pieces.contains(where: { if case .literal = $0 { false } else { true } }) else {
            throw PatternError("Das Schema hat keinen Platzhalter.")
        }
        self.pieces = pieces
        self.description = text
    }

    /// Why a pattern cannot be used.
    public struct PatternError: Error, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// Reads a reference by the pattern; nil when it does not match.
    public func match(_ reference: String) -> Parts? {
        var parts = Parts()
        return Self.match(pieces[...], Substring(reference), &parts) ? parts : nil
    }

    /// Backtracking match: placeholders take as few or as many characters as the rest allows.
    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring, _ parts: inout Parts) -> Bool {
        guard let piece = pieces.first else { return text.isEmpty }
        let rest = pieces.dropFirst()
        if case .literal(let character) = piece {
            guard text.first == character else { return false }
            return match(rest, text.dropFirst(), &parts)
        }
        var length = 1
        while length <= text.count {
            let candidate = text.prefix(length)
            guard candidate.allSatisfy({ allowed($0, in: piece) }) else { break }
            var attempt = parts
            switch piece {
            case .office: attempt.office = String(candidate)
            case .serial: attempt.serial = String(candidate)
            case .term: attempt.term = String(candidate)
            case .year: attempt.year = candidate.count == 4 ? Int(candidate) : nil
            case .literal: break
            }
            if piece != .year || attempt.year != nil, match(rest, text.dropFirst(length), &attempt) {
                parts = attempt
                return true
            }
            length += 1
        }
        return false
    }

    private static func allowed(_ character: Character, in piece: Piece) -> Bool {
        switch piece {
        case .serial, .year: character.isASCII && character.isNumber
        case .office, .term: character.isLetter || character.isNumber || character == "-" || character == "."
        case .literal: false
        }
    }

    /// A reference the pattern would accept, for hints: `50/2403/XV/2013`.
    public func example(office: String = "50", serial: String = "2403", term: String = "XV", year: Int = 2013) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let character): String(character)
            case .office: office
            case .serial: serial
            case .term: term
            case .year: String(year)
            }
        }.joined()
    }
}
