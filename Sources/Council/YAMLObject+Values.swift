import Foundation
import Templating

extension YAMLObject {
    /// A whole number.
    func integer(_ key: String, required: Bool = true) -> Int? {
        guard let node = node(key, required: required) else { return nil }
        guard case .scalar(let scalar) = node, scalar.isPlain, let number = Int(scalar.string) else {
            problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, "eine ganze Zahl", not: node.string ?? "…"))
            return nil
        }
        return number
    }

    /// An instant written as an ISO 8601 date-time with its offset, `2013-03-06T15:00:00+01:00`.
    func dateTime(_ key: String, required: Bool = true) -> Date? {
        guard let node = node(key, required: required) else { return nil }
        guard case .scalar(let scalar) = node, let instant = Self.instant(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            problems.add(.malformedDate, at: node, key: keyPath(key), "„\(node.string ?? "…")“ ist kein Zeitpunkt mit Zeitzone.",
                         hint: "Schreiben Sie ihn als 2013-03-06T15:00:00+01:00 (+01:00 im Winter, +02:00 im Sommer).")
            return nil
        }
        return instant
    }

    /// Parses `yyyy-MM-ddTHH:mm[:ss]±hh:mm` or with `Z`; the offset is required.
    static func instant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime, .withColonSeparatorInTimeZone, .withTimeZone]
        return formatter.date(from: text)
    }

    /// A list of texts.
    func stringList(_ key: String, required: Bool = true) -> [String]? {
        guard let node = node(key, required: required) else { return nil }
        guard case .sequence(let sequence) = node else {
            problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, "eine Liste von Texten (Zeilen, die mit „- “ beginnen)"))
            return nil
        }
        var texts: [String] = []
        for (index, item) in sequence.nodes.enumerated() {
            guard case .scalar(let scalar) = item else {
                problems.add(.wrongType, at: item, key: "\(keyPath(key))[\(index)]", Phrase.mustBe("\(key)[\(index)]", "ein Text"))
                return nil
            }
            texts.append(scalar.string)
        }
        return texts
    }

    /// A value of an extra field, checked against its declaration; `.null` when an optional field
    /// is absent, nil after a problem (recorded).
    func value(of field: FieldSpec) -> Value? {
        let key = field.name
        let before = problems.errors.count
        /// Absent optional values are `.null`; a reader that recorded a problem gives nil.
        func optional(_ value: Value?) -> Value? {
            value ?? (problems.errors.count == before ? .null : nil)
        }
        switch field.kind {
        case .text, .markdown:
            return optional(string(key, required: field.isRequired).map(Value.string))
        case .date:
            return optional(date(key, required: field.isRequired).map(Value.date))
        case .boolean:
            return optional(bool(key, required: field.isRequired).map(Value.bool))
        case .list:
            return optional(stringList(key, required: field.isRequired).map { .list($0.map(Value.string)) })
        case .number, .money:
            guard let node = node(key, required: field.isRequired) else { return .null }
            guard case .scalar(let scalar) = node, let number = Self.decimal(scalar.string, money: field.kind == .money) else {
                problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, field.kind == .money ? "ein Geldbetrag" : "eine Zahl", not: node.string ?? "…"),
                             hint: field.kind == .money ? "Schreiben Sie den Betrag in Euro mit Punkt vor den Cent und ohne Tausenderpunkte, zum Beispiel 12500.50." : "Schreiben Sie Ziffern mit Punkt als Dezimaltrennzeichen, zum Beispiel 1234.5.")
                return nil
            }
            return .number(number)
        case .choice:
            guard let node = node(key, required: field.isRequired) else { return .null }
            guard case .scalar(let scalar) = node, field.values.contains(scalar.string) else {
                let text = node.string ?? "…"
                problems.add(.wrongValue, at: node, key: keyPath(key), Phrase.notAllowed(text, for: key), hint: Phrase.allowedValues(field.values, given: text))
                return nil
            }
            return .string(scalar.string)
        case .group:
            guard let group = object(key, required: field.isRequired) else { return optional(nil) }
            defer { group.finish() }
            var map = Value.OrderedMap()
            var complete = true
            for inner in field.fields {
                if let value = group.value(of: inner) { map[inner.name] = value } else { complete = false }
            }
            return complete ? .map(map) : nil
        }
    }

    /// A decimal written plainly (`12500.5`, `-3`); money allows at most two decimal places.
    static func decimal(_ text: String, money: Bool) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = Substring(trimmed)
        if digits.first == "-" { digits = digits.dropFirst() }
        let halves = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = halves.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if halves.count == 2 {
            let fraction = halves[1]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), !money || fraction.count <= 2 else { return nil }
        }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }
}
