import Foundation
import Templating

/// Reads one YAML mapping field by field, recording every problem with its file, line and key.
///
/// Each accessor marks its key as known; ``finish()`` then reports the keys nobody asked for, so
/// a misspelt key is an error instead of silently missing data.
final class YAMLObject {
    let mapping: YAMLNode.Mapping
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

        func add(_ code: InputError.Code, at node: YAMLNode?, key: String, _ message: String, hint: String? = nil) {
            errors.append(InputError(code, file: file, line: node?.mark.line, column: node?.mark.column, key: key, message, hint: hint))
        }
    }

    init(_ mapping: YAMLNode.Mapping, path: String, problems: Problems) {
        self.mapping = mapping
        self.path = path
        self.problems = problems
    }

    /// The location of this mapping itself, for problems that concern it as a whole.
    var location: SourceLocation {
        SourceLocation(file: problems.file, line: mapping.mark.line, column: mapping.mark.column)
    }

    /// Reads a whole file (YAML, or JSON with the same keys) as one top-level mapping.
    ///
    /// With a `streaming` key, the entries of the list under that key go to `entry` one by one
    /// while the file is read (see ``YAMLReader/document(streaming:entry:)``), and the mapping
    /// holds an empty list there; a value that is not a list stays in the mapping. A file that
    /// cannot be read to its end records only that problem, and what `entry` got is to be dropped.
    static func root(of url: URL, problems: Problems, streaming key: String? = nil, entry: (YAMLNode, Int) -> Void = { _, _ in }) -> YAMLObject? {
        do throws(YAMLReader.Failure) {
            guard let node = try YAMLReader(url).document(streaming: key, entry: entry) else {
                problems.errors.append(InputError(.syntax, file: url.path, "Die Datei ist leer.", hint: "Orientieren Sie sich am Beispiel in examples/."))
                return nil
            }
            guard case .mapping(let mapping) = node else {
                problems.add(.wrongType, at: node, key: "(oberste Ebene)", "Die Datei muss aus Schlüsseln mit Werten bestehen (schlüssel: wert).")
                return nil
            }
            return YAMLObject(mapping, path: "", problems: problems)
        } catch {
            problems.errors.append(Self.inputError(error, file: url))
            return nil
        }
    }

    private static func inputError(_ failure: YAMLReader.Failure, file url: URL) -> InputError {
        switch failure {
        case .unreadable:
            return InputError(.unreadableFile, file: url.path, Self.unreadable(url), hint: "Prüfen Sie den Pfad; die Datei muss UTF-8-Text sein.")
        case .syntax(let problem, let mark):
            return InputError(.syntax, file: url.path, line: mark.line, column: mark.column, "Kein gültiges YAML: \(Self.german(problem)).", hint: syntaxHint)
        case .duplicateKey(let name, let mark, let first):
            return InputError(.syntax, file: url.path, line: mark.line, column: mark.column,
                              "Der Schlüssel „\(name)“ steht hier zum zweiten Mal; zuerst steht er in Zeile \(first.line).",
                              hint: "Löschen Sie einen der beiden Einträge, oder führen Sie ihre Werte zusammen.")
        case .invalid:
            return InputError(.syntax, file: url.path, "Die Datei ist kein gültiges YAML.", hint: syntaxHint)
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
    func node(_ key: String, required: Bool) -> YAMLNode? {
        known.append(key)
        if let value = mapping[key], !Self.isNull(value) {
            problems.locations[keyPath(key)] = SourceLocation(file: problems.file, line: value.mark.line, column: value.mark.column)
            return value
        }
        if required {
            problems.add(.missingKey, at: .mapping(mapping), key: keyPath(key), Phrase.missing(key), hint: Phrase.addKey(key, under: path))
        }
        return nil
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        if case .scalar(let scalar) = node, scalar.isPlain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return true }
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
        guard case .scalar(let scalar) = node, scalar.isPlain, let flag = Bool(scalar.string.lowercased()) else {
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
        entries(key, required: required).enumerated().compactMap { index, item in
            Self.entry(item, at: index, of: key, path: keyPath(key), problems: problems)
        }
    }

    /// The entries of a list, not yet checked; an absent optional list is empty.
    func entries(_ key: String, required: Bool = true) -> [YAMLNode] {
        guard let node = node(key, required: required) else { return [] }
        guard case .sequence(let sequence) = node else {
            problems.add(.wrongType, at: node, key: keyPath(key), Phrase.mustBe(key, "eine Liste (Zeilen, die mit „- “ beginnen)"))
            return []
        }
        return sequence.nodes
    }

    /// Entry `index` of the list `key` (at `path`) as a group of keys, recording a problem when it
    /// is none.
    static func entry(_ item: YAMLNode, at index: Int, of key: String, path: String, problems: Problems) -> YAMLObject? {
        guard case .mapping(let mapping) = item else {
            problems.add(.wrongType, at: item, key: "\(path)[\(index)]", Phrase.mustBe("\(key)[\(index)]", "eine Gruppe von Schlüsseln"))
            return nil
        }
        return YAMLObject(mapping, path: "\(path)[\(index)]", problems: problems)
    }

    /// A text value read without marking the key as known or recording anything.
    func peek(_ key: String) -> String? {
        guard let node = mapping[key], case .scalar(let scalar) = node else { return nil }
        return scalar.string
    }

    /// The line of a key, for problems found after reading (such as a missing annex file).
    func mark(of key: String) -> YAMLNode.Mark? { mapping[key]?.mark }

    /// Reports every key that no accessor asked for, with the closest known key as a hint.
    func finish() {
        for (keyNode, _) in mapping.pairs {
            let key = keyNode.string ?? ""
            guard !known.contains(key) else { continue }
            problems.add(.unknownKey, at: keyNode, key: keyPath(key), Phrase.unknownKey(key), hint: Phrase.unknownKeyHint(key, known: known))
        }
    }
}
