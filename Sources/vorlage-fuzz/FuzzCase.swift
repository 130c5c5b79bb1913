import Foundation
import JSONData
import ODFPackage
import Templating

/// One input of the fuzzer: a template package (zipped or flat), then optionally the
/// ``separator`` and JSON data to fill it with.
///
/// The input is opened, compiled and filled both by prepared bytes and by the tree walk. A crash,
/// a sanitizer report, a package that cannot be opened again, or two paths that disagree (one
/// fails, or their XML differs) is a finding; refusing bad input with an error is not.
enum FuzzCase {
    /// Separates the package from the data in an input.
    static let separator = Data("\n--vorlage-data--\n".utf8)

    /// Limits that keep one input small, so the fuzzer explores instead of inflating.
    static let limits = ODFLimits(maxEntries: 64, maxEntrySize: 4 << 20, maxTotalSize: 16 << 20)

    /// Data for inputs without their own: common keys, a list and a group.
    static let sample: Value = [
        "reference": "50/2403/XV/2013", "name": "Integrationszentrum  a & b <c>\tx\ny", "date": .date(CivilDate(year: 2013, month: 3, day: 6)!),
        "amount": .number(Decimal(string: "1234.5")!), "flag": true,
        "items": [["name": "eins", "date": "2013-01-31"], ["name": "zwei"]], "body": ["name": "Rhein-Kreis Neuss"],
        "text": "# Titel\n\n*betont* und **fett**\n\n- a\n- b",
    ]

    /// Runs one input; traps on a finding.
    static func run(_ input: Data) {
        var package = input
        var data = sample
        if let range = input.range(of: separator) {
            package = input[..<range.lowerBound]
            let json = Data(input[range.upperBound...])
            // Read by simdjson and by JSONSerialization: the two must agree (JSONReader's contract).
            let read = Result { () throws(JSONDataError) in try JSONReader().value(of: json, source: "fuzz.json") }
            let object = try? JSONSerialization.jsonObject(with: json, options: [.fragmentsAllowed])
            switch (read, object) {
            case (.success(let value), let object?):
                if !JSONAgreement.agree(value, Value(jsonObject: object)) {
                    fatalError("JSONReader and JSONSerialization read the same JSON differently")
                }
                data = value
            case (.failure, nil):
                break
            default:
                fatalError("one JSON reader accepted what the other refused: \(read) / \(String(describing: object))")
            }
        }
        guard let document = try? ODFDocument(bytes: Data(package), source: "fuzz.odt", limits: limits),
              let template = try? Template(document: document, name: "fuzz.odt") else { return }
        let byBytes = Result { () throws(FillFailure) in try template.fill(data) }
        let byTree = Result { () throws(FillFailure) in try template.fillByTreeWalk(data) }
        switch (byBytes, byTree) {
        case (.success(let first), .success(let second)):
            let left = canonicalParts(first, "filled by bytes")
            let right = canonicalParts(second, "filled by the tree walk")
            if left != right { fatalError("the two fill paths give different XML for the same input") }
        case (.failure, .failure):
            return
        default:
            fatalError("one fill path failed and the other did not: \(byBytes) / \(byTree)")
        }
    }

    /// Every XML part of a package in canonical form, and the bytes of the others; traps when
    /// the package cannot be opened again.
    static func canonicalParts(_ bytes: Data, _ label: String) -> [String: Data] {
        guard let document = try? ODFDocument(bytes: bytes, source: label) else {
            fatalError("a package \(label) cannot be opened again")
        }
        var parts: [String: Data] = [:]
        let xmlParts = Set(document.xmlPartNames)
        for name in document.entryNames where !name.hasSuffix("/") {
            if xmlParts.contains(name) {
                guard let xml = try? document.xml(name) else { fatalError("\(name) \(label) is not well-formed") }
                // Canonical XML refuses relative namespace URIs, which a template may hold; such a
                // part is compared as it is written.
                parts[name] = (try? xml.canonicalized()) ?? (try? xml.serialized())
            } else {
                parts[name] = (try? document.data(name)) ?? nil
            }
        }
        return parts
    }
}
