@testable import Council
import Foundation
import TestSupport
import Testing
import Yams

/// The YAML reader against Yams' composer, which read every file before it: for the same file it
/// must give the same nodes (texts, styles, tags, places) and fail the same way, and a streamed
/// list must give the entries the whole document holds.
@Suite struct YAMLReaderTests {
    /// What reading a file gave: a tree, no document, or a failure as the clerk is told of it.
    enum Outcome: Equatable, CustomStringConvertible {
        case tree(String)
        case empty
        case unreadable
        case syntax(problem: String, line: Int, column: Int)
        case invalid

        var description: String {
            switch self {
            case .tree(let tree): tree
            case .empty: "(leer)"
            case .unreadable: "(nicht lesbar)"
            case .syntax(let problem, let line, let column): "\(line):\(column) \(problem)"
            case .invalid: "(kein YAML, ohne Ort)"
            }
        }
    }

    /// Inputs that use what YAML allows and how it fails; JSON is read as YAML.
    static let inputs: [(label: String, bytes: [UInt8])] = [
        ("anchors and aliases", "a: &x {b: 1, c: [1, 2]}\nd: *x\ne: [&y eins, *y]\nf: &z\n  g: h\ni: *z\n"),
        ("a shadowed anchor", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n"),
        ("tags", "a: !!str 1\nb: !eigen x\nc: !!int \"2\"\n? !!str k\n: v\nd: !!seq [1]\ne: !!map {f: g}\nh: ! 3\n"),
        ("block scalars", "a: |\n  Zeile 1\n  Zeile 2\n\nb: >-\n  gefaltet\n  weiter\nc: |+\n  behalten\n\nd: >\n  x\n"),
        ("quoting", "a: 'einfach ''zitiert'''\nb: \"doppelt \\u00e4 \\n \\\" \\/\"\nc: ~\nd: null\ne: \"\"\nf:\ng: 'null'\nh: \"true\"\n"),
        ("umlauts before a value", "äöü: ß\n  # Kommentar\nzwei: „Anführung“\n"),
        ("merge key", "basis: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n"),
        ("JSON", "{\"a\": [1, 2.5, {\"b\": null}], \"c\": \"\\/x\", \"d\": true,\n \"e\": {\"f\": \"ü\"}}\n"),
        ("a list at the top", "- a\n- b: c\n"),
        ("a scalar at the top", "nur Text\n"),
        ("a byte order mark", "\u{FEFF}a: 1\n"),
        ("keys that only look alike", "1: a\n'1': b\ntrue: c\nTrue: d\n"),
        ("empty", ""),
        ("only a comment", "# nichts\n"),
        ("an explicit empty document", "---\n...\n"),
        ("a duplicate key", "a: 1\nb: 2\na: 3\n"),
        ("a duplicate key in a list entry", "x:\n  - k: 1\n    k: 2\n"),
        ("a duplicate key with quotes", "a: 1\n\"a\": 2\n"),
        ("a duplicate complex key", "? [1, 2]\n: a\n? [1, 2]\n: b\n"),
        ("an undefined alias", "a: 1\nb: *fehlt\n"),
        ("an alias to an open node", "a: &x\n  b: *x\n"),
        ("a second document", "a: 1\n---\nb: 2\n"),
        ("a mapping value in a plain scalar", "a: b: c\n"),
        ("a missing colon", "a: 1\nb\nc: 2\n"),
        ("a tab for indentation", "a:\n\tb: 1\n"),
        ("an open quote", "a: \"x\nb: 2\n"),
        ("an unknown escape", "a: \"\\q\"\n"),
        ("an undefined tag handle", "a: !x!y 1\n"),
        ("an anchor without a name", "a: & 1\n"),
        ("a bad list entry", "a:\n  - 1\n  b: 2\n"),
        ("a control character", "a: \u{01}\n"),
        ("JSON with an error", "{\"a\": 1,, \"b\": 2}\n"),
    ].map { ($0.0, Array($0.1.utf8)) } + [
        ("not UTF-8", [0x61, 0x3A, 0x20, 0xFF, 0x0A]),
        ("a cut UTF-8 sequence", [0x61, 0x3A, 0x20, 0xC3]),
        ("an encoded surrogate", [0x61, 0x3A, 0x20, 0xED, 0xA0, 0x80, 0x0A]),
    ]

    /// A tree as text: kinds, texts, styles, resolved tags and places, entries and pairs in order.
    /// (Yams resolves a tag in place when it compares nodes, so only resolved tags compare.)
    static func render(_ node: Node) -> String {
        let place = node.mark.map { "@\($0.line):\($0.column)" } ?? "@?"
        switch node {
        case .scalar(let scalar):
            return "scalar\(place) \(scalar.style) <\(node.tag)> \(scalar.string.debugDescription)"
        case .sequence(let sequence):
            return "seq\(place) <\(node.tag)> [" + sequence.map(render).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "map\(place) <\(node.tag)> {" + mapping.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        case .alias:
            return "alias\(place)"
        }
    }

    static func render(_ node: YAMLNode) -> String {
        let place = "@\(node.mark.line):\(node.mark.column)"
        switch node {
        case .scalar(let scalar):
            return "scalar\(place) \(scalar.style) <\(node.yams.tag)> \(scalar.string.debugDescription)"
        case .sequence(let sequence):
            return "seq\(place) <\(node.yams.tag)> [" + sequence.nodes.map(render).joined(separator: ", ") + "]"
        case .mapping(let mapping):
            return "map\(place) <\(node.yams.tag)> {" + mapping.pairs.map { render($0.key) + ": " + render($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// What Yams made of the file, as the readers before turned it into problems.
    static func yamsOutcome(_ url: URL) -> Outcome {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return .unreadable }
        do {
            guard let node = try Yams.compose(yaml: text) else { return .empty }
            return .tree(render(node))
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return .syntax(problem: problem, line: mark.line, column: mark.column)
            default:
                return .invalid
            }
        } catch {
            return .invalid
        }
    }

    /// What the reader makes of the file; streaming `key`, the entries are put back in its list.
    static func readerOutcome(_ url: URL, streaming key: String? = nil) -> Outcome {
        do throws(YAMLReader.Failure) {
            var entries: [YAMLNode] = []
            // A key given twice is streamed twice (and then refused as a duplicate).
            guard var node = try YAMLReader(url).document(streaming: key, entry: { entry, _ in entries.append(entry) }) else { return .empty }
            if let key, case .mapping(var mapping) = node,
               let index = mapping.pairs.lastIndex(where: { YAMLNode.Mapping.matches($0.key, key: key) }),
               case .sequence(var list) = mapping.pairs[index].value {
                #expect(list.nodes.isEmpty || entries.isEmpty, "a streamed list is left empty")
                list.nodes += entries
                mapping.pairs[index].value = .sequence(list)
                node = .mapping(mapping)
            } else {
                #expect(entries.isEmpty)
            }
            return .tree(render(node))
        } catch {
            switch error {
            case .unreadable: return .unreadable
            case .syntax(let problem, let mark): return .syntax(problem: problem, line: mark.line, column: mark.column)
            // Yams reported a duplicate key without a place; the reader gives one (tested below).
            case .duplicateKey, .invalid: return .invalid
            }
        }
    }

    @Test(arguments: inputs.indices)
    func theReaderComposesAsYamsDid(_ index: Int) throws {
        let (label, bytes) = Self.inputs[index]
        let folder = TemporaryFolder("vorlage-yaml")
        let url = folder.file("input.yaml")
        try Data(bytes).write(to: url)
        let expected = Self.yamsOutcome(url)
        #expect(Self.readerOutcome(url) == expected, "\(label)")
        // Streaming a key changes nothing but when the entries arrive.
        #expect(Self.readerOutcome(url, streaming: "a") == expected, "\(label), streaming a")
        #expect(Self.readerOutcome(url, streaming: "x") == expected, "\(label), streaming x")
    }

    /// Looking a key up finds the value Yams' `mapping[key]` finds, for untagged, quoted and
    /// tagged keys and for keys whose text resolves to another type (numbers, booleans, null).
    @Test func aKeyIsFoundWhereYamsFindsIt() throws {
        let text = "a: 1\n'b': 2\n!!str c: 3\n\"d\": 4\n1: 5\n'2': 6\ntrue: 7\nnull: 8\n!!int 9: 10\n? !eigen e\n: 11\n"
        let folder = TemporaryFolder("vorlage-yaml")
        let url = folder.file("keys.yaml")
        try Data(text.utf8).write(to: url)
        guard case .mapping(let mapping) = try #require(try YAMLReader(url).document()) else {
            Issue.record("the document is a mapping")
            return
        }
        let yams = try #require(try Yams.compose(yaml: text)?.mapping)
        for key in ["a", "b", "c", "d", "e", "1", "2", "true", "null", "9", "fehlt"] {
            #expect(mapping[key]?.string == yams[key]?.string, "key \(key)")
        }
        #expect(mapping["a"]?.string == "1" && mapping["b"]?.string == "2" && mapping["1"]?.string == "5", "plain and quoted keys are found")
    }

    /// A key given twice is named with both its places, where Yams named neither; keys that
    /// only look alike (`1` and `'1'`) are not the same key.
    @Test func aDuplicateKeyIsNamedWithBothItsLines() throws {
        let folder = TemporaryFolder("vorlage-yaml")
        for (text, name, line, column, firstLine) in [
            ("reference: a\nname: b\nreference: c\n", "reference", 3, 1, 1),
            ("x:\n  - k: 1\n    j: 2\n    k: 3\n", "k", 4, 5, 2),
            ("a: 1\n\"a\": 2\n", "a", 2, 1, 1),
        ] {
            let url = folder.file("doppelt.yaml")
            try Data(text.utf8).write(to: url)
            do throws(YAMLReader.Failure) {
                _ = try YAMLReader(url).document()
                Issue.record("\(text.debugDescription) is refused")
            } catch {
                guard case .duplicateKey(let found, let mark, let first) = error else {
                    Issue.record("\(text.debugDescription): \(error)")
                    continue
                }
                #expect(found == name && mark.line == line && mark.column == column && first.line == firstLine, "\(text.debugDescription)")
            }
        }
        let url = folder.file("aehnlich.yaml")
        try Data("1: a\n'1': b\n".utf8).write(to: url)
        #expect(throws: Never.self) { _ = try YAMLReader(url).document() }
    }

    @Test func aMissingFileOrAFolderIsUnreadableAndLeavesNoFileOpen() throws {
        let folder = TemporaryFolder("vorlage-yaml")
        let open = { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count }
        let before = try open()
        for _ in 0..<50 {
            #expect(Self.readerOutcome(folder.file("fehlt.yaml")) == .unreadable)
            #expect(Self.readerOutcome(folder.url) == .unreadable)
            #expect(Self.yamsOutcome(folder.url) == .unreadable)
        }
        try Data([0x61, 0x3A, 0x20, 0xFF]).write(to: folder.file("kaputt.yaml"))
        try Data("a: 1\n".utf8).write(to: folder.file("gut.yaml"))
        for _ in 0..<50 {
            #expect(Self.readerOutcome(folder.file("kaputt.yaml")) == .unreadable)
            #expect(Self.readerOutcome(folder.file("gut.yaml")) != .unreadable)
        }
        // Other tests run in parallel and open files too; 200 reads leaking one each would show.
        #expect(try open() < before + 50)
    }

    static let agendas: [String] = [
        "name: S\nagendaItem:\n  - number: \"1\"\n    public: &offen true\n  - &punkt\n    number: \"2\"\n    public: *offen\n  - *punkt\n",
        "agendaItem: &liste\n  - number: \"1\"\nandere: *liste\n",
        "agendaItem: []\n",
        "agendaItem:\n  - 1\n  - [2]\n  - {number: \"3\"}\n",
        "agendaItem: keine Liste\n",
        "{\"agendaItem\": [{\"number\": \"1\"}, {\"number\": \"2\", \"paper\": \"50/1/XV/2013\"}], \"name\": \"S\"}\n",
        "agendaItem:\n  - number: \"1\"\n    number: \"2\"\n",
        "agendaItem:\n  - number: \"1\"\n  - number: *fehlt\n",
        "agendaItem:\n  - number: \"1\"\nagendaItem:\n  - number: \"2\"\n",
        "agendaItem:\n  - number: \"1\"\n  - number: \"2\n",
    ]

    @Test(arguments: agendas.indices)
    func aStreamedAgendaGivesTheEntriesOfTheWholeDocument(_ index: Int) throws {
        let folder = TemporaryFolder("vorlage-yaml")
        let url = folder.file("meeting.yaml")
        try Data(Self.agendas[index].utf8).write(to: url)
        #expect(Self.readerOutcome(url, streaming: "agendaItem") == Self.yamsOutcome(url), "\(Self.agendas[index])")
    }
}
