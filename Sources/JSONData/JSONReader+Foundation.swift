import Foundation
import Templating

extension JSONReader {
    /// Reads a document simdjson refused with `JSONSerialization`, which accepts a little more
    /// than standard JSON and reports where a broken document breaks.
    static func valueByFoundation(_ bytes: Data, source: String) throws(JSONDataError) -> Value {
        do {
            return Value(jsonObject: try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed]))
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            let spot = offset(in: detail).map { place(ofCharacter: $0, in: bytes) }
            throw JSONDataError(
                .invalidJSON, source: source, line: spot?.line, column: spot?.column,
                "Die Daten sind kein gültiges JSON (\(detail))",
                hint: "Prüfen Sie Klammern, Kommas und Anführungszeichen an dieser Stelle; Texte müssen UTF-8 sein."
            )
        }
    }

    /// The character offset in a `JSONSerialization` description such as „Invalid value around
    /// character 4.“, if it names one.
    static func offset(in detail: String) -> Int? {
        guard let range = detail.range(of: "character ") else { return nil }
        return Int(detail[range.upperBound...].prefix { $0.isNumber })
    }

    /// Line and column (both from 1) of the character at `offset` (counted in UTF-8 bytes, as
    /// `JSONSerialization` counts), the column in characters.
    static func place(ofCharacter offset: Int, in bytes: Data) -> (line: Int, column: Int) {
        let before = bytes.prefix(max(0, min(offset, bytes.count)))
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { before.index(after: $0) } ?? before.startIndex
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }
}
