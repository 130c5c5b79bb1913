/// The document properties a filled document carries in meta.xml, for headers, footers and
/// document management systems (LibreOffice: File ▸ Properties).
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String?
    public var subject: String?
    public var keywords: [String]
    public var description: String?
    /// The document's language as a BCP 47 tag (`de-DE`).
    public var language: String?
    /// Custom properties (File ▸ Properties ▸ Custom Properties), in order.
    public var userDefined: [Property]

    /// One custom property, as text.
    public struct Property: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(title: String? = nil, subject: String? = nil, keywords: [String] = [], description: String? = nil,
                language: String? = nil, userDefined: [Property] = []) {
        self.title = title
        self.subject = subject
        self.keywords = keywords
        self.description = description
        self.language = language
        self.userDefined = userDefined
    }
}
