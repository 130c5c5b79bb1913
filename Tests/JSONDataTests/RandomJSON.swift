import Foundation

/// Random JSON text: nested maps and lists, keys that repeat, strings with every escape and
/// non-ASCII text, numbers of every form, and whitespace between everything.
enum RandomJSON {
    static let pieces = ["Kreistag", "ä", "ö", "Ü", "ß", "§ 7", "„zitiert“", "&", "<", ">", "\"", "\\", "/", "\n", "\t", "\u{1}",
                         "😀", "\u{00e9}", "e\u{0301}", " ", "  ", "50/2403/XV/2013", "€"]
    static let keys = ["titel", "nummer", "a", "b", "Ämter", "x y", "é", "", "titel"]
    static let numbers = ["0", "-0", "1", "-1", "42", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                          "18446744073709551615", "1.5", "-0.25", "0.1", "3.14159", "1e3", "1E-3", "-2.5e+2", "12345678.875",
                          "100000000000000000000000"]

    static func document<R: RandomNumberGenerator>(using random: inout R) -> String {
        value(depth: 0, using: &random)
    }

    static func value<R: RandomNumberGenerator>(depth: Int, using random: inout R) -> String {
        let space = [" ", "", "\n ", "\t"].randomElement(using: &random)!
        switch Int.random(in: 0..<(depth < 4 ? 8 : 5), using: &random) {
        case 0: return ["true", "false", "null"].randomElement(using: &random)!
        case 1, 2: return numbers.randomElement(using: &random)!
        case 3, 4: return string(using: &random)
        case 5:
            let items = (0..<Int.random(in: 0..<5, using: &random)).map { _ in value(depth: depth + 1, using: &random) }
            return "[" + space + items.joined(separator: "," + space) + space + "]"
        default:
            let members = (0..<Int.random(in: 0..<6, using: &random)).map { _ in
                quoted(keys.randomElement(using: &random)!, using: &random) + space + ":" + value(depth: depth + 1, using: &random)
            }
            return "{" + space + members.joined(separator: "," + space) + "}"
        }
    }

    static func string<R: RandomNumberGenerator>(using random: inout R) -> String {
        quoted((0..<Int.random(in: 0..<6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined(), using: &random)
    }

    /// `text` as a JSON string, each character written plainly or as an escape.
    static func quoted<R: RandomNumberGenerator>(_ text: String, using random: inout R) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            let escaped = Bool.random(using: &random)
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += escaped ? "\\n" : "\\u000a"
            case "\t": out += escaped ? "\\t" : "\\u0009"
            case "/": out += escaped ? "\\/" : "/"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            case _ where escaped && scalar.value > 0x7F:
                for unit in String(scalar).utf16 { out += String(format: "\\u%04X", unit) }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
