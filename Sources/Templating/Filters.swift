import Foundation

/// The filters a value marker may use, checked when the template is compiled and applied when
/// it is filled: `date`, `default`, `upper`, `lower`, `number`, `money`, `join`, and the block
/// filters `markdown` and `document`, which replace their whole paragraph.
enum Filters {
    /// What a filter's argument must be.
    enum Argument { case none, optionalText, requiredText, optionalNumber, requiredValue }

    /// Filters that turn their paragraph into other blocks; they come last and stand alone.
    static let blockFilters: Set<String> = ["markdown", "document"]

    static let known: [String: Argument] = [
        "date": .optionalText, "default": .requiredValue, "upper": .none, "lower": .none,
        "number": .optionalNumber, "money": .none, "join": .optionalText, "markdown": .none, "document": .none,
    ]

    /// Checks a filter's name and argument; suggests the closest name for a typo.
    static func validate(_ filter: Marker.Filter) throws(MarkerSyntaxError) {
        guard let rule = known[filter.name] else {
            throw MarkerSyntaxError("„\(filter.name)“ ist kein bekannter Filter.",
                                    hint: Phrase.didYouMean(filter.name, among: Array(known.keys)) ?? "Bekannt sind \(known.keys.sorted().joined(separator: ", ")).")
        }
        switch (rule, filter.argument) {
        case (.none, .some):
            throw MarkerSyntaxError("Der Filter „\(filter.name)“ nimmt kein Argument.", hint: "Schreiben Sie nur | \(filter.name).")
        case (.requiredText, nil), (.requiredValue, nil):
            throw MarkerSyntaxError("Der Filter „\(filter.name)“ braucht ein Argument.", hint: "Schreiben Sie etwa | \(filter.name): \"…\".")
        case (.optionalText, .some(let value)), (.requiredText, .some(let value)):
            guard case .string(let text) = value else { throw MarkerSyntaxError("Der Filter „\(filter.name)“ nimmt einen Text in Anführungszeichen.", hint: "Schreiben Sie etwa | \(filter.name): \"…\".") }
            if filter.name == "date" { try GermanDateFormat.validate(text) }
        case (.optionalNumber, .some(let value)):
            guard case .number(let number) = value, number >= 0, number <= 10, Double(NSDecimalNumber(decimal: number).intValue) == NSDecimalNumber(decimal: number).doubleValue else {
                throw MarkerSyntaxError("Der Filter „number“ nimmt die Zahl der Nachkommastellen, 0 bis 10.", hint: "Schreiben Sie etwa | number: 2.")
            }
        default:
            break
        }
    }

    /// Applies one filter; the error message says what the value was.
    static func apply(_ filter: Marker.Filter, to value: Value) throws(MarkerSyntaxError) -> Value {
        switch filter.name {
        case "date":
            let pattern = filter.argument?.displayText ?? "dd.MM.yyyy"
            switch value {
            case .date(let date): return .string(GermanDateFormat.format(date, pattern: pattern))
            case .dateTime(let instant): return .string(GermanDateFormat.format(instant, pattern: pattern))
            case .string(let text):
                if let date = CivilDate(iso: text) { return .string(GermanDateFormat.format(date, pattern: pattern)) }
                throw MarkerSyntaxError("„\(text)“ ist kein Datum; | date kann es nicht formatieren.")
            case .null: return .string("")
            default: throw MarkerSyntaxError("Der Wert ist kein Datum; | date kann ihn nicht formatieren.")
            }
        case "default":
            switch value {
            case .null, .string(""), .list([]): return filter.argument ?? .null
            default: return value
            }
        case "upper": return .string((value.displayText ?? "").uppercased())
        case "lower": return .string((value.displayText ?? "").lowercased())
        case "number", "money":
            let number: Decimal
            switch value {
            case .number(let decimal): number = decimal
            case .string(let text) where strictDecimal(text) != nil:
                number = strictDecimal(text)!
            case .null: return .string("")
            default: throw MarkerSyntaxError("„\(value.displayText ?? "…")“ ist keine Zahl; | \(filter.name) kann sie nicht formatieren.")
            }
            let places: Int = if filter.name == "money" { 2 } else if case .number(let count)? = filter.argument { NSDecimalNumber(decimal: count).intValue } else { 0 }
            let text = germanNumber(number, places: places)
            return .string(filter.name == "money" ? "\(text) €" : text)
        case "join":
            guard case .list(let items) = value else { return value }
            let separator = filter.argument?.displayText ?? ", "
            return .string(items.compactMap(\.displayText).joined(separator: separator))
        default:
            return value
        }
    }

    /// A number written plainly (`1234.5`, `-3`); nil for anything else, where Foundation's
    /// parser would accept a leading number („50/2403“ as 50).
    static func strictDecimal(_ text: String) -> Decimal? {
        let trimmed = text.trimmingSpaces()
        var digits = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        digits = Substring(trimmed)
        return Decimal(string: String(digits), locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A number with German separators: 1.234.567,89; rounded half away from zero (kaufmännisch).
    static func germanNumber(_ number: Decimal, places: Int) -> String {
        var input = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        let negative = rounded < 0
        let plain = NSDecimalNumber(decimal: negative ? -rounded : rounded).stringValue
        let parts = plain.split(separator: ".", maxSplits: 1).map(String.init)
        var integer = parts[0]
        var fraction = parts.count > 1 ? parts[1] : ""
        while fraction.count < places { fraction += "0" }
        var grouped = ""
        while integer.count > 3 {
            grouped = "." + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        return (negative ? "-" : "") + grouped + (places > 0 ? "," + fraction : "")
    }
}
