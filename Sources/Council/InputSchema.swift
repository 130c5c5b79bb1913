import Foundation

/// A JSON Schema (draft 2020-12) of one kind of input file, so that an editor validates and
/// completes `meeting.yaml`, `papers/*.yaml` and `council.yaml` while a clerk types.
///
/// The schema states what the readers accept: the keys of ``Paper/init(contentsOf:profile:inMeeting:)``,
/// ``Meeting/init(contentsOf:)`` and ``CouncilProfile/init(contentsOf:)``, each with its type,
/// whether it is required, a German description and an example. A paper's extra fields come from
/// the council profile's ``FieldSpec``s, the same declarations the reader checks values against,
/// and each paper type gets exactly its own fields. What a schema cannot see stays with the tool:
/// whether a file exists, the checks across files (references, deadlines, consultations), and the
/// decimal places of an unquoted amount. Tests hold the schemas and the readers to the same verdict
/// on every mutation of the example files.
public struct InputSchema: Sendable {
    /// The kinds of input file.
    public enum Kind: String, Sendable, CaseIterable {
        case paper, meeting, council
    }

    public var kind: Kind
    /// The council profile whose paper types and extra fields a paper schema knows; nil: the
    /// built-in keys only, any paper type.
    public var profile: CouncilProfile?

    public init(_ kind: Kind, profile: CouncilProfile? = nil) {
        self.kind = kind
        self.profile = profile
    }

    /// The schema as pretty-printed JSON with sorted keys: the same model gives the same bytes.
    public func json() -> String {
        var document: [String: Any] = ["$schema": "https://json-schema.org/draft/2020-12/schema"]
        let root: Node
        switch kind {
        case .paper: root = Self.paper(profile: profile)
        case .meeting: root = Self.meeting()
        case .council:
            root = Self.council()
            document["$defs"] = ["field": Self.fieldDeclaration().object]
        }
        for (key, value) in root.object { document[key] = value }
        // JSONSerialization writes sorted keys deterministically; its output is valid JSON for any
        // tree of dictionaries, arrays, strings, numbers and booleans, which is all a Node holds.
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension InputSchema {
    /// One schema object under construction.
    struct Node {
        var object: [String: Any]

        init(_ object: [String: Any]) { self.object = object }

        /// The first example, to build the example of an enclosing group.
        var example: Any? { (object["examples"] as? [Any])?.first }

        /// The same schema that also accepts null, which the readers take as an absent key.
        var nullable: Node {
            var copy = object
            if let type = copy["type"] as? String {
                copy["type"] = [type, "null"]
            } else if let types = copy["type"] as? [String] {
                copy["type"] = types + ["null"]
            }
            if let values = copy["enum"] as? [Any] { copy["enum"] = values + [NSNull()] }
            return Node(copy)
        }
    }

    /// A key of a group with its schema and whether the reader requires it.
    struct Key {
        var name: String
        var node: Node
        var isRequired: Bool

        init(_ name: String, _ node: Node, required: Bool) {
            self.name = name
            self.node = node
            self.isRequired = required
        }
    }

    /// Text as the readers take it: any single value, since YAML writes numbers and yes/no
    /// unquoted (`shortName: 50`), but never a list or a group.
    static func text(_ description: String, example: String) -> Node {
        Node(["type": ["string", "number", "boolean"], "description": description, "examples": [example]])
    }

    /// A calendar date, `2013-03-06`.
    static func date(_ description: String, example: String) -> Node {
        Node(["type": "string", "format": "date", "pattern": #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#,
              "description": description + " Als JJJJ-MM-TT.", "examples": [example]])
    }

    /// A date and time with its offset, `2013-03-06T15:00:00+01:00` (seconds may be left out).
    static func dateTime(_ description: String, example: String) -> Node {
        Node(["type": "string", "pattern": #"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"#,
              "description": description + " Mit Uhrzeit und Abstand zu UTC: +01:00 im Winter, +02:00 im Sommer.", "examples": [example]])
    }

    /// true or false, unquoted.
    static func boolean(_ description: String, example: Bool) -> Node {
        Node(["type": "boolean", "description": description, "examples": [example]])
    }

    /// A whole number within bounds.
    static func integer(_ description: String, example: Int, range: ClosedRange<Int>) -> Node {
        Node(["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound, "description": description, "examples": [example]])
    }

    /// One of the listed texts.
    static func choice(_ description: String, _ values: [String]) -> Node {
        Node(["type": "string", "enum": values, "description": description, "examples": Array(values.prefix(1))])
    }

    /// A list of texts.
    static func textList(_ description: String, example: [String]) -> Node {
        Node(["type": "array", "items": ["type": ["string", "number", "boolean"]], "description": description, "examples": [example]])
    }

    /// A list of groups.
    static func list(_ description: String, of item: Node) -> Node {
        Node(["type": "array", "items": item.object, "description": description, "examples": [item.example.map { [$0] } ?? []]])
    }

    /// A group of keys: no other key is allowed, as the readers report unknown keys.
    static func group(_ description: String, _ keys: [Key]) -> Node {
        var properties: [String: Any] = [:]
        var example: [String: Any] = [:]
        for key in keys {
            properties[key.name] = (key.isRequired ? key.node : key.node.nullable).object
            if let value = key.node.example { example[key.name] = value }
        }
        var object: [String: Any] = ["type": "object", "additionalProperties": false, "properties": properties,
                                     "description": description, "examples": [example]]
        let required = keys.filter(\.isRequired).map(\.name)
        if !required.isEmpty { object["required"] = required }
        return Node(object)
    }

    /// A condition that a key is present with a value other than null.
    static func present(_ key: String, _ inner: [String: Any] = [:]) -> [String: Any] {
        var value = inner
        value["not"] = ["type": "null"]
        return ["required": [key], "properties": [key: value]]
    }
}
