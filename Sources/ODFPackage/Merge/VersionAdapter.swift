import Foundation

/// Brings markup written for an older ODF version in line with the version of the document it
/// is merged into, for the differences real files show: values ODF 1.0/1.1 allowed that ODF 1.2
/// and later reject, and the `office:version` of embedded documents, which must equal the
/// container's.
enum VersionAdapter {
    private typealias NS = ODFNamespace

    /// The version a part declares; ODF 1.0 and 1.1 parts may omit it.
    static func version(of root: XMLNode) -> String {
        root.attribute(NS.office, "version") ?? "1.1"
    }

    /// Rewrites, under `root`, every value that ODF 1.2 and later no longer accept:
    /// - `fo:clip="rect(0cm 0cm 0cm 0cm)"` (ODF 1.1) becomes `rect(0cm, 0cm, 0cm, 0cm)`;
    /// - `fo:hyphenation-remain-char-count`, `fo:hyphenation-push-char-count` and
    ///   `fo:column-count` of 0 (now positive integers) become 1, which reads the same;
    /// - a `text:outline-style` without `style:name` (required since ODF 1.2) is named `Outline`.
    static func adapt(_ root: XMLNode) {
        root.forEachElement { element in
            element.rewriteAttributes { attribute in
                guard attribute.namespaceURI == NS.fo else { return nil }
                switch attribute.localName {
                case "clip": return commaSeparatedClip(attribute.value)
                case "hyphenation-remain-char-count", "hyphenation-push-char-count", "column-count":
                    return attribute.value == "0" ? "1" : nil
                default: return nil
                }
            }
            if element.is(NS.text, "outline-style"), element.attribute(NS.style, "name") == nil {
                element.setAttribute(NS.style, "name", prefix: "style", to: "Outline")
            }
        }
    }

    /// `rect(a b c d)` with commas between the values, or nil when it has them already.
    private static func commaSeparatedClip(_ value: String) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("rect("), trimmed.hasSuffix(")"), !trimmed.contains(",") else { return nil }
        let values = trimmed.dropFirst(5).dropLast().split(separator: " ", omittingEmptySubsequences: true)
        guard values.count == 4 else { return nil }
        return "rect(" + values.joined(separator: ", ") + ")"
    }

    /// Sets `office:version` on the root of an ODF part (not on MathML or other XML).
    static func setVersion(_ version: String, on root: XMLNode) {
        guard root.namespaceURI == NS.office else { return }
        root.setAttribute(NS.office, "version", prefix: "office", to: version)
    }
}
