import Foundation
import Templating
import Yams

/// Reads one YAML mapping field by field, recording every problem with its file, line and key.
///
/// Each accessor marks its key as known; ``finish()`` then reports the keys nobody asked for, so
/// a misspelt key is an error instead of silently missing data.
final class YAMLObject {
    let mapping: Node.Mapping
    let path: String
    let problems: Problems
    private var known: [String] = []

    /// The shared list of problems of one file.
    final class Problems {
        let file: String
        var errors: [InputError] = []
        /// Where each key that was read stands, by its dotted path, for problems found later.
        var locations: [String: SourceLocation] = [:]
        init(file: String) { self.file = file }

        func add(_ code: InputError.Code, at node: Node?, key: String, _ message: String, hint: String? = nil) {
            errors.append(InputError(code, file: file, line: node?.mark?.line, column: node?.mark?.column, key: key, message, hint: hint))
        }
    }

    init(_ mapping: Node.Mapping, path: String, problems: Problems) {
        self.mapping = mapping
        self.path = path
        self.problems = problems
    }

    /// The location of this mapping itself, for problems that concern it as a whole.
    var location: SourceLocation {
        let mark = Node.mapping(mapping).mark
        return SourceLocation(file: problems.file, line: mark?.line, column: mark?.column)
    }

    /// Reads a whole file (YAML, or JSON with the same keys) as one top-level mapping.
    static func root(of url: URL, problems: Problems) -> YAMLObject? {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            problems.errors.append(InputError(.unreadableFile, file: url.path, Self.unreadable(url), hint: "Prüfen Sie den Pfad; die Datei muss UTF-8-Text sein."))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problems.errors.append(InputError(.syntax, file: url.path, "Die Datei ist leer.", hint: "Orientieren Sie sich am Beispiel in examples/."))
                return nil
            }
            guard case .mapping(let mapping) = node else {
                problems.add(.wrongType, at: node, key: "(oberste Ebene)", "Die Datei muss aus Schlüsseln mit Werten bestehen (schlüssel: wert).")
                return nil
            }
            return YAMLObject(mapping, path: "", problems: problems)
        } catch let error as YamlError {
            problems.errors.append(Self.syntaxError(error, file: url.path))
            return nil
        } catch {
            problems.errors.append(InputError(.syntax, file: url.path, "Die Datei ist kein gültiges YAML.", hint: Self.syntaxHint))
            return nil
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return InputError(.syntax, file: file, line: mark.line, column: mark.column, "Kein gültiges YAML: \(Self.german(problem)).", hint: syntaxHint)
        default:
            return InputError(.syntax, file: file, "Die Datei ist kein gültiges YAML.", hint: syntaxHint)
        }
    }

    static let syntaxHint = "Prüfen Sie die Einrückung, und setzen Sie Werte in Anführungszeichen, die „: “ enthalten oder mit einem Sonderzeichen beginnen."

    /// Why a file cannot be read, without the system's English words.
    static func unreadable(_ url: URL) -> String {
        FileManager.default.fileExists(atPath: url.path) ? "Die Datei kann nicht gelesen werden oder ist kein UTF-8-Text." : "Die Datei gibt es nicht."
    }

    /// libyaml's description of a syntax error in German; one it does not know keeps its words.
    static func german(_ problem: String) -> String {
        let known: [String: String] = [
            "mapping values are not allowed in this context": "an dieser Stelle ist kein „schlüssel: wert“ erlaubt",
            "did not find expected key": "hier wurde ein Schlüssel erwartet",
            "could not find expected ':'": "der Doppelpunkt nach dem Schlüssel fehlt",
            "found character that cannot start any token": "ein Zeichen, mit dem hier nichts beginnen kann",
            "found unexpected end of stream": "die Datei endet, bevor ein Text in Anführungszeichen geschlossen ist",
            "found a tab character that violates indentation": "ein Tabulator, wo Leerzeichen zur Einrückung stehen müssen",
            "found a tab character where an indentation space is expected": "ein Tabulator, wo Leerzeichen zur Einrückung stehen müssen",
            "did not find expected '-' indicator": "hier wurde ein Listeneintrag („- “) erwartet",
            "did not find expected node content": "hier fehlt ein Wert",
            "block sequence entries are not allowed in this context": "an dieser Stelle ist kein Listeneintrag („- “) erlaubt",
            "found unknown escape character": "ein unbekanntes Zeichen nach einem Rückstrich (\\)",
            "found undefined tag handle": "ein unbekanntes Kennzeichen mit „!“",
            "did not find expected alphabetic or numeric character": "nach „&“ oder „*“ fehlt ein Name",
            "found unexpected ':'": "ein unerwarteter Doppelpunkt",
            "found duplicate key": "ein Schlüssel steht zweimal",
        ]
        return known[problem] ?? "\(problem) (Meldung der YAML-Bibliothek)"
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The node under `key`, recording a missing-key error when required.
    func node(_ key: String, required: Bool) -> Node? {
        known.append(key)
        if let value = mapping[key], !Self.isNull(value) {
            problems.locations[keyPath(key)] = SourceLocation(file: problems.file, line: value.mark?.line, column: value.mark?.column)
            return value
        }
        if required {
            problems.add(.missingKey, at: .mapping(mapping), key: keyPath(key), Phrase.missing(key), hint: Phrase.addKey(key, under: path))
        }
        return nil
    }

    static func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return true }
        return false
    }

    /// A text value; block scalars lose their final line break, which YAML adds for `|`.
    func string(_ key: String, required: Bool = true) -> String? {
        guard let node = node(key, required: required) else { return nil }
        guard case .scalar(let scalar) = node else {
            problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, "ein Text, keine Liste und keine Gruppe von Schlüsseln"))
            return nil
        }
        var text = scalar.string
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }

    /// A calendar date written as YAML date (2013-02-15).
    func date(_ key: String, required: Bool = true) -> CivilDate? {
        guard let node = node(key, required: required) else { return nil }
        guard case .scalar(let scalar) = node, let date = CivilDate(iso: scalar.string.trimmingCharacters(in: .whitespaces)) else {
            problems.add(.malformedDate, at: node, key: keyPath(key), "„\(node.string ?? "")“ ist kein Datum.", hint: "Schreiben Sie Daten als JJJJ-MM-TT, zum Beispiel 2013-03-06.")
            return nil
        }
        return date
    }

    /// A yes/no value (true/false).
    func bool(_ key: String, required: Bool = true, default fallback: Bool? = nil) -> Bool? {
        guard let node = node(key, required: required && fallback == nil) else { return fallback }
        guard case .scalar(let scalar) = node, scalar.style == .plain, let flag = Bool(scalar.string.lowercased()) else {
            problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, "true oder false", not: node.string ?? "…"))
            return nil
        }
        return flag
    }

    /// A nested group of keys.
    func object(_ key: String, required: Bool = true) -> YAMLObject? {
        guard let node = node(key, required: required) else { return nil }
        guard case .mapping(let mapping) = node else {
            problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, "eine Gruppe von Schlüsseln (eingerückte Zeilen darunter)"))
            return nil
        }
        return YAMLObject(mapping, path: keyPath(key), problems: problems)
    }

    /// A list of groups of keys; an absent optional list is empty.
    func list(_ key: String, required: Bool = true) -> [YAMLObject] {
        guard let node = node(key, required: required) else { return [] }
        guard case .sequence(let sequence) = node else {
            problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, "eine Liste (Zeilen, die mit „- “ beginnen)"))
            return []
        }
        return sequence.enumerated().compactMap { index, item in
            guard case .mapping(let mapping) = item else {
                problems.add(.wrongType, at: item, key: "\(keyPath(key))[\(index)]", Phrase.mustBe("\(key)[\(index)]", "eine Gruppe von Schlüsseln"))
                return nil
            }
            return YAMLObject(mapping, path: "\(keyPath(key))[\(index)]", problems: problems)
        }
    }

    /// A text value read without marking the key as known or recording anything.
    func peek(_ key: String) -> String? {
        guard let node = mapping[key], case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    /// The line of a key, for problems found after reading (such as a missing annex file).
    func mark(of key: String) -> Mark? { mapping[key]?.mark }

    /// Reports every key that no accessor asked for, with the closest known key as a hint.
    func finish() {
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? ""
            guard !known.contains(key) else { continue }
            problems.add(.unknownKey, at: keyNode, key: keyPath(key), Phrase.unknownKey(key), hint: Phrase.unknownKeyHint(key, known: known))
        }
    }
}
