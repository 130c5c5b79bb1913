/// The namespaces the merge needs by name beyond ``ODFNamespace``'s public ones.
extension ODFNamespace {
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let form = "urn:oasis:names:tc:opendocument:xmlns:form:1.0"
    static let presentation = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
    static let chart = "urn:oasis:names:tc:opendocument:xmlns:chart:1.0"
    static let dr3d = "urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0"
}
