/// An extra field that a council declares for papers of a type (finance block, climate check …).
///
/// A field has a name, a type and whether it is required; a `group` holds named fields of its own,
/// a `choice` lists the values it allows. Papers carry extra fields as top-level keys, and a
/// template sees them under the same name, like any built-in key.
public struct FieldSpec: Sendable, Hashable {
    /// What kind of value a field holds.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case text, markdown, date, number, money, boolean, list, choice, group
    }

    public var name: String
    public var kind: Kind
    public var isRequired: Bool
    /// What the field means, for messages and generated documentation.
    public var description: String?
    /// The allowed values of a `choice`.
    public var values: [String]
    /// The fields of a `group`.
    public var fields: [FieldSpec]

    public init(name: String, kind: Kind, isRequired: Bool = false, description: String? = nil, values: [String] = [], fields: [FieldSpec] = []) {
        self.name = name
        self.kind = kind
        self.isRequired = isRequired
        self.description = description
        self.values = values
        self.fields = fields
    }
}
