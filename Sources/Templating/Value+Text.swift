import Foundation

extension Value {
    /// The value as a council document shows it when no filter is given: German dates
    /// (15.02.2013), decimal comma, „ja“/„nein“, list items joined by commas. Nil for a map,
    /// which is a group of values and has no single text.
    public var displayText: String? {
        switch self {
        case .null: ""
        case .bool(let flag): flag ? "ja" : "nein"
        case .string(let text): text
        case .number(let number): NSDecimalNumber(decimal: number).stringValue.replacingOccurrences(of: ".", with: ",")
        case .date(let date): date.german
        case .dateTime(let instant): GermanDateFormat.format(instant, pattern: "dd.MM.yyyy HH:mm")
        case .list(let items):
            items.compactMap(\.displayText).joined(separator: ", ")
        case .map: nil
        }
    }
}
