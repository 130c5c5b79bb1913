/// Wording that belongs to the council, not to the code: the stamp of annexes that go out on their
/// own and the labels of a submission's document properties. council.yaml may set it under
/// `wording:`; today's wording is the default.
///
/// The cover lines of merged annexes („Anlage 1“ and the title) are the template's own text.
public struct Wording: Sendable, Hashable {
    /// The lines stamped on the first page of an annex that goes out on its own. `{number}`,
    /// `{reference}`, `{name}`, `{date}`, `{body}` and `{office}` stand for the annex's number, the
    /// paper's reference, the annex's name and date, the body and the lead office; a line whose
    /// placeholder has no value (an annex without a date) is left out.
    public var annexStamp: [String]
    /// The labels of a submission's custom document properties, by what they show.
    public var propertyLabels: PropertyLabels

    /// The labels of a submission's custom document properties.
    public struct PropertyLabels: Sendable, Hashable {
        public var reference = "Vorlagennummer"
        public var paperType = "Vorlagenart"
        public var date = "Datum"
        public var office = "Federführung"
        public var body = "Körperschaft"
        public var annexes = "Anlagen"

        public init() {}

        /// The YAML keys, in the order properties are written.
        public static let keys = ["reference", "paperType", "date", "office", "body", "annexes"]

        /// The label under a YAML key.
        public subscript(key: String) -> String? {
            get {
                switch key {
                case "reference": reference
                case "paperType": paperType
                case "date": date
                case "office": office
                case "body": body
                case "annexes": annexes
                default: nil
                }
            }
            set {
                guard let newValue else { return }
                switch key {
                case "reference": reference = newValue
                case "paperType": paperType = newValue
                case "date": date = newValue
                case "office": office = newValue
                case "body": body = newValue
                case "annexes": annexes = newValue
                default: break
                }
            }
        }
    }

    public init(annexStamp: [String] = Wording.standardAnnexStamp, propertyLabels: PropertyLabels = PropertyLabels()) {
        self.annexStamp = annexStamp
        self.propertyLabels = propertyLabels
    }

    /// Today's stamp: „Anlage 1 zur Vorlage 50/2403/XV/2013“, the title, „vom 19.02.2013“, the
    /// body and the lead office.
    public static let standardAnnexStamp = ["Anlage {number} zur Vorlage {reference}", "{name}", "vom {date}", "{body}, {office}"]

    /// The placeholders a stamp line may use.
    public static let stampPlaceholders = ["number", "reference", "name", "date", "body", "office"]

    /// The stamp's lines with `values` put in; lines naming a placeholder without a value are left out.
    public func stampLines(_ values: [String: String]) -> [String] {
        annexStamp.compactMap { line in
            var text = line
            for name in Self.stampPlaceholders where text.contains("{\(name)}") {
                guard let value = values[name], !value.isEmpty else { return nil }
                text = text.replacingOccurrences(of: "{\(name)}", with: value)
            }
            return text
        }
    }
}
