/// Finds the known name closest to a mistyped one, for „did you mean …?“ hints.
public enum Suggestion {
    /// The candidate with the smallest edit distance, if it is close enough to be a likely typo.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, name.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance between two strings, by characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The phrases every layer uses for the same problem, so a clerk reads one wording for it in
/// paper, meeting and council files and in templates.
public enum Phrase {
    /// „Meinten Sie „…“?“, the hint for a mistyped name.
    public static func didYouMean(_ name: String) -> String { "Meinten Sie „\(name)“?" }

    /// „Meinten Sie „…“?“ for the closest candidate, or nil when none is close.
    public static func didYouMean(_ name: String, among candidates: [String]) -> String? {
        Suggestion.closest(to: name, among: candidates).map(didYouMean)
    }

    /// Names listed for a reader: „a, b und c“.
    public static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " und " + names.last!
    }

    /// The printed line of a problem: `location: Fehler [code]: message Hinweis: hint`.
    public static func line(location: String, warning: Bool = false, code: String, message: String, hint: String?) -> String {
        "\(location): \(warning ? "Warnung" : "Fehler") [\(code)]: \(message)" + (hint.map { " Hinweis: \($0)" } ?? "")
    }
}

extension Phrase {
    /// A required key that is absent: „„name“ fehlt.“
    public static func missing(_ key: String) -> String { "„\(key)“ fehlt." }

    /// The hint for a missing key: „Ergänzen Sie „name: …“ unter „body“.“
    public static func addKey(_ key: String, under path: String = "") -> String {
        "Ergänzen Sie „\(key): …“\(path.isEmpty ? "" : " unter „\(path)“")."
    }

    /// A key nobody reads: „„plaec“ ist hier kein bekannter Schlüssel.“
    public static func unknownKey(_ key: String) -> String { "„\(key)“ ist hier kein bekannter Schlüssel." }

    /// The hint for an unknown key: the closest known one, else every known one.
    public static func unknownKeyHint(_ key: String, known: [String]) -> String {
        didYouMean(key, among: known) ?? "Bekannte Schlüssel hier: \(known.joined(separator: ", "))."
    }

    /// A value of the wrong kind: „„public“ muss true oder false sein, nicht „ja bitte“.“
    public static func mustBe(_ key: String, _ kind: String, not value: String? = nil) -> String {
        "„\(key)“ muss \(kind) sein" + (value.map { ", nicht „\($0)“." } ?? ".")
    }

    /// A value outside the allowed ones: „„x“ ist kein zulässiger Wert für „mode“.“
    public static func notAllowed(_ value: String, for key: String) -> String { "„\(value)“ ist kein zulässiger Wert für „\(key)“." }

    /// The hint listing the allowed values, with the closest one when it is likely meant.
    public static func allowedValues(_ values: [String], given value: String? = nil) -> String {
        "Schreiben Sie einen dieser Werte: \(values.joined(separator: ", "))." + (value.flatMap { didYouMean($0, among: values) }.map { " \($0)" } ?? "")
    }
}

extension Phrase {
    /// A data path a marker reads that the data does not have: „Die Daten haben kein „…“.“
    public static func noData(_ path: String) -> String { "Die Daten haben kein „\(path)“." }

    /// {{#each}} over a single value.
    public static func notAList(_ path: String) -> String { "„\(path)“ ist ein einzelner Wert; {{#each}} kann ihn nicht wiederholen." }

    /// The hint for {{#each}} over a single value.
    public static func notAListHint(_ path: String) -> String { "Wiederholen Sie über eine Liste, oder zeigen Sie den Wert mit {{ \(path) }}." }
}
