import Council
import Foundation
import TestSupport
import Testing

/// The JSON Schemas of the input files, checked by an independent validator (Python's
/// jsonschema, Tests/Tools/validate-input.py): they are valid, the committed ones are current,
/// the examples validate, and on every bad variant of the examples the schema and the tool's
/// reader agree.
@Suite struct InputSchemaTests {
    static let examples = Paths.packageRoot.appendingPathComponent("examples")
    static let meetingFolder = examples.appendingPathComponent("kreistag-2013-03-06")
    static let validator = Paths.packageRoot.appendingPathComponent("Tests/Tools/validate-input.py").path

    static func schemaFile(_ kind: InputSchema.Kind) -> URL {
        examples.appendingPathComponent("schemas/\(kind.rawValue).schema.json")
    }

    static func exampleFiles(_ kind: InputSchema.Kind) throws -> [URL] {
        switch kind {
        case .council: return [examples.appendingPathComponent("council.yaml")]
        case .meeting: return [meetingFolder.appendingPathComponent("meeting.yaml")]
        case .paper:
            let papers = meetingFolder.appendingPathComponent("papers")
            return try FileManager.default.contentsOfDirectory(atPath: papers.path).filter { $0.hasSuffix(".yaml") }.sorted()
                .map { papers.appendingPathComponent($0) }
        }
    }

    static func python(_ arguments: [String]) throws -> ExternalTools.Outcome {
        let outcome = try ExternalTools.run("python3", [validator] + arguments)
        if outcome.status == 2 { throw ExternalTools.ToolError("validate-input.py cannot run (scripts/test installs python3-jsonschema and python3-yaml): \(outcome.error)") }
        return outcome
    }

    @Test("the committed schemas are what `vorlage schema KIND --profile examples/council.yaml` prints", arguments: InputSchema.Kind.allCases)
    func committedSchemasAreCurrent(kind: InputSchema.Kind) throws {
        let profile = try CouncilProfile(contentsOf: ExampleProfile.source)
        let committed = try String(contentsOf: Self.schemaFile(kind), encoding: .utf8)
        #expect(committed == InputSchema(kind, profile: profile).json(),
                "regenerate with: vorlage schema \(kind.rawValue) --profile examples/council.yaml > examples/schemas/\(kind.rawValue).schema.json")
    }

    @Test("every schema, with and without a profile, is a valid draft 2020-12 schema")
    func schemasAreValidSchemas() throws {
        let folder = TemporaryFolder()
        let profile = try CouncilProfile(contentsOf: ExampleProfile.source)
        var files: [String] = []
        for kind in InputSchema.Kind.allCases {
            for (label, council) in [("plain", nil), ("profile", profile)] as [(String, CouncilProfile?)] {
                let file = folder.file("\(kind.rawValue)-\(label).json")
                try InputSchema(kind, profile: council).json().write(to: file, atomically: true, encoding: .utf8)
                files.append(file.path)
            }
        }
        let outcome = try Self.python(["check-schema"] + files)
        #expect(outcome.status == 0, "\(outcome.output)\(outcome.error)")
    }

    @Test("every example file starts with its schema line and validates against that schema", arguments: InputSchema.Kind.allCases)
    func examplesValidate(kind: InputSchema.Kind) throws {
        let files = try Self.exampleFiles(kind)
        #expect(!files.isEmpty)
        for file in files {
            let firstLine = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
            let prefix = "# yaml-language-server: $schema="
            #expect(firstLine.hasPrefix(prefix), "\(file.lastPathComponent) starts with the schema line")
            let target = URL(fileURLWithPath: String(firstLine.dropFirst(prefix.count)), relativeTo: file.deletingLastPathComponent()).standardizedFileURL
            #expect(target.path == Self.schemaFile(kind).standardizedFileURL.path, "\(file.lastPathComponent) points at its own schema")
        }
        let outcome = try Self.python(["validate", Self.schemaFile(kind).path] + files.map(\.path))
        #expect(outcome.status == 0, "\(outcome.output)\(outcome.error)")
        #expect(outcome.output.hasSuffix("\(files.count) passed, 0 failed\n"), "\(outcome.output)")
    }

    /// What the tool checks and a schema cannot: the file system and values that are well formed
    /// but wrong. Each bad variant named here is rejected by the tool alone.
    static let toolOnly: [InputSchema.Kind: [String: String]] = [
        .paper: [
            "auxiliaryFile.0.fileName as unknown word": "the annex file does not exist",
        ],
        .council: [
            "invitationTemplate as unknown word": "the template file does not exist",
            "paperTypes.0.template as unknown word": "the template file does not exist",
            "paperTypes.1.template as unknown word": "the template file does not exist",
            "paperTypes.2.template as unknown word": "the template file does not exist",
            "paperTypes.3.template as unknown word": "the template file does not exist",
            "paperTypes.4.template as unknown word": "the template file does not exist",
            "reference.pattern as unknown word": "a pattern without placeholders is not a numbering scheme",
            "paperTypes.2.referencePattern as unknown word": "a pattern without placeholders is not a numbering scheme",
        ],
    ]

    /// Reads one file the way `vorlage build` does; nil when it is accepted, else the problems.
    static func toolVerdict(_ kind: InputSchema.Kind, _ file: URL) -> String? {
        do {
            switch kind {
            case .paper: _ = try Paper(contentsOf: file)
            case .meeting: _ = try Meeting(contentsOf: file)
            case .council: _ = try CouncilProfile(contentsOf: file)
            }
            return nil
        } catch {
            return error.description
        }
    }

    /// One bad variant as validate-input.py made it.
    struct Case: Decodable {
        var file: String
        var change: String
        var schemaAccepts: Bool
    }

    @Test("on every variant of an example with one key removed, misspelt, null or of a wrong type, the schema and the tool agree",
          arguments: InputSchema.Kind.allCases)
    func schemaAndToolAgreeOnBadVariants(kind: InputSchema.Kind) throws {
        // The variants live where the originals do, so relative paths (annexes, templates) and
        // the governing council.yaml stay the same.
        let folder = TemporaryFolder()
        try folder.copy(Self.examples)
        try folder.copy(Paths.packageRoot.appendingPathComponent("templates"))
        let copyRoot = folder.file("examples")
        var checked = 0
        var rejected = 0
        for original in try Self.exampleFiles(kind) {
            let relative = String(original.path.dropFirst(Self.examples.path.count + 1))
            let variantsFolder: URL = switch kind {
            case .council: folder.file("council-variants")
            case .meeting: copyRoot.appendingPathComponent("kreistag-2013-03-06/meeting-variants")
            case .paper: copyRoot.appendingPathComponent("kreistag-2013-03-06/variants-\(original.deletingPathExtension().lastPathComponent)")
            }
            let outcome = try Self.python(["mutate", Self.schemaFile(kind).path, copyRoot.appendingPathComponent(relative).path, variantsFolder.path])
            try #require(outcome.status == 0, "\(outcome.output)\(outcome.error)")
            let cases = try JSONDecoder().decode([Case].self, from: Data(outcome.output.utf8))
            #expect(cases.count > 20, "\(relative): variants were made")
            for variant in cases {
                let tool = Self.toolVerdict(kind, URL(fileURLWithPath: variant.file))
                checked += 1
                if tool != nil { rejected += 1 }
                if let reason = Self.toolOnly[kind]?[variant.change] {
                    #expect(variant.schemaAccepts && tool != nil, "\(relative), \(variant.change): only the tool rejects it (\(reason))")
                    continue
                }
                #expect(variant.schemaAccepts == (tool == nil),
                        "\(relative), \(variant.change): the schema \(variant.schemaAccepts ? "accepts" : "rejects") it, the tool \(tool.map { "rejects it:\n\($0)" } ?? "accepts it")")
            }
        }
        #expect(rejected > checked / 2, "most variants are bad: \(rejected) of \(checked)")
    }

    /// A bad input the reader tests use, made from an example file by replacing text.
    struct BadInput: Sendable, CustomTestStringConvertible {
        var kind: InputSchema.Kind
        /// The file, relative to examples/.
        var file: String
        var edits: [(String, String)]
        /// Why the schema cannot reject it, for what only the tool sees.
        var toolOnly: String? = nil
        var testDescription: String { "\(file): " + edits.map { "„\($0.0.trimmingCharacters(in: .whitespacesAndNewlines))“ → „\($0.1.trimmingCharacters(in: .whitespacesAndNewlines))“" }.joined(separator: ", ") }
    }

    static let paperFile = "kreistag-2013-03-06/papers/integrationszentrum.yaml"
    static let meetingFile = "kreistag-2013-03-06/meeting.yaml"

    /// The single-file bad inputs of PaperTests, MeetingFolderTests and the profile's tests, on the examples.
    static let badInputs: [BadInput] = [
        BadInput(kind: .paper, file: paperFile, edits: [("    public: true ", "    pubilc: true ")]),
        BadInput(kind: .paper, file: paperFile, edits: [("reference: 50/2403/XV/2013\n", "")]),
        BadInput(kind: .paper, file: paperFile, edits: [("meetingDate: 2013-03-06", "meetingDate: 06.03.2013")]),
        BadInput(kind: .paper, file: paperFile, edits: [("date: 2013-02-15 ", "date: 2013-02-30 ")]),
        BadInput(kind: .paper, file: paperFile, edits: [("date: 2013-02-15 ", "date: gestern "), ("place: Neuss/Grevenbroich", "ort: Neuss/Grevenbroich")]),
        BadInput(kind: .paper, file: paperFile, edits: [("  betrag: 85000 ", "  ")]),
        BadInput(kind: .paper, file: paperFile, edits: [("  auswirkung: keine", "  auswirkung: keins")]),
        BadInput(kind: .paper, file: paperFile, edits: [("  betrag: 85000 ", "  betrag: \"85000.125\" ")]),
        BadInput(kind: .paper, file: paperFile, edits: [("  betrag: 85000 ", "  betrag: 85000.125 ")],
                 toolOnly: "an unquoted amount is a JSON number, whose decimal places a schema cannot count exactly (multipleOf 0.01 fails on 0.07 in floating point)"),
        BadInput(kind: .paper, file: paperFile, edits: [("paperType: Sitzungsvorlage\n", "paperType: Sitzungsvorlage\nklimma: egal\nsachverhallt: doppelt\n")]),
        BadInput(kind: .paper, file: paperFile, edits: [("paperType: Sitzungsvorlage\n", "paperType: Sitzungsvorlag\n")]),
        BadInput(kind: .paper, file: paperFile, edits: [("paperType: Sitzungsvorlage\n", "paperType: Antrag\n")]),
        BadInput(kind: .paper, file: paperFile, edits: [("    fileName: ../annexes/", "    fileName: ../anlagen/")], toolOnly: "the annex file does not exist"),
        BadInput(kind: .meeting, file: meetingFile, edits: [("    late: Nachtrag", "    late: Nachtrg")]),
        BadInput(kind: .meeting, file: meetingFile, edits: [("invitationDate: 2013-02-22", "einladung: 2013-02-22")]),
        BadInput(kind: .meeting, file: meetingFile, edits: [("start: 2013-03-06T15:00:00+01:00", "start: 2013-03-06T15:00:00")]),
        BadInput(kind: .meeting, file: meetingFile, edits: [("  - number: \"6\"\n    name: Mitteilungen und Anfragen\n", "  - number: \"6\"\n")]),
        BadInput(kind: .meeting, file: meetingFile, edits: [("  - number: \"6\"", "  - number: \"5\"")], toolOnly: "two items with one number: a schema cannot compare list entries by one key"),
        BadInput(kind: .meeting, file: meetingFile, edits: [("end: 2013-03-06T19:00:00+01:00", "end: 2013-03-06T14:00:00+01:00")], toolOnly: "an end before the start: a schema cannot compare two values"),
        BadInput(kind: .council, file: "council.yaml", edits: [("  ags: \"05162000\"", "  ags: \"5162\"")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("  invitationDays: 6 ", "  invitationDays: 90 ")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("  supplementSuffix: \"-{n}\"", "  supplementSuffix: \"-n\"")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("          - { name: konto, type: text }\n          - { name: betrag", "          - { name: konto, type: zahl }\n          - { name: betrag")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("          - { name: konto, type: text }\n          - { name: betrag", "          - { name: reference, type: text }\n          - { name: betrag")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("          - { name: konto, type: text }\n          - { name: betrag", "          - { name: 1konto, type: text }\n          - { name: betrag")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("type: choice, values: [keine, positiv, negativ], required: true }", "type: choice, required: true }")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("          - { name: konto, type: text }\n          - { name: betrag", "          - { name: konto, type: text, values: [a] }\n          - { name: betrag")]),
        BadInput(kind: .council, file: "council.yaml", edits: [("body:\n", "body:\n  ort: Neuss\n")]),
    ]

    @Test("the bad inputs of the reader tests are rejected by the schema as well as by the tool", arguments: badInputs)
    func badInputsAreRejectedByBoth(input: BadInput) throws {
        let folder = TemporaryFolder()
        try folder.copy(Self.examples)
        try folder.copy(Paths.packageRoot.appendingPathComponent("templates"))
        let file = folder.file("examples/\(input.file)")
        var text = try String(contentsOf: file, encoding: .utf8)
        for (old, new) in input.edits {
            try #require(text.contains(old), "the example still contains „\(old)“")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let tool = Self.toolVerdict(input.kind, file)
        #expect(tool != nil, "the tool rejects it")
        let outcome = try Self.python(["validate", Self.schemaFile(input.kind).path, file.path])
        if let reason = input.toolOnly {
            #expect(outcome.status == 0, "only the tool rejects it (\(reason)); the schema now does too, so this is no longer an exception:\n\(outcome.output)")
        } else {
            #expect(outcome.status == 1, "the schema rejects it:\n\(outcome.output)\(outcome.error)")
        }
    }

    @Test("a paper's schema knows the profile's paper types and each type's own extra fields")
    func paperSchemaFollowsTheProfile() throws {
        let plain = InputSchema(.paper).json()
        #expect(!plain.contains("finanzen"))
        let profile = try CouncilProfile(contentsOf: ExampleProfile.source)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(InputSchema(.paper, profile: profile).json().utf8)) as? [String: Any])
        let properties = try #require(json["properties"] as? [String: Any])
        let paperType = try #require(properties["paperType"] as? [String: Any])
        #expect(paperType["enum"] as? [String] == profile.paperTypes.map(\.name))
        let rules = try #require(json["allOf"] as? [[String: Any]])
        let sitzungsvorlage = try #require(rules.first { (($0["if"] as? [String: Any])?["properties"] as? [String: Any])?["paperType"] as? [String: String] == ["const": "Sitzungsvorlage"] })
        let then = try #require(sitzungsvorlage["then"] as? [String: Any])
        #expect(then["required"] as? [String] == ["finanzen", "klima"])
        let antrag = try #require(rules.first { (($0["if"] as? [String: Any])?["properties"] as? [String: Any])?["paperType"] as? [String: String] == ["const": "Antrag"] })
        let antragProperties = try #require((antrag["then"] as? [String: Any])?["properties"] as? [String: Any])
        #expect(antragProperties["finanzen"] as? Bool == false, "an Antrag may not carry the finance block")
    }

    @Test("every key of every schema has a German description and an example", arguments: InputSchema.Kind.allCases)
    func everyKeyIsDescribed(kind: InputSchema.Kind) throws {
        let profile = try CouncilProfile(contentsOf: ExampleProfile.source)
        let json = try JSONSerialization.jsonObject(with: Data(InputSchema(kind, profile: profile).json().utf8))
        var missing: [String] = []
        var keys = 0
        func visit(_ value: Any, path: String) {
            if let object = value as? [String: Any] {
                if let properties = object["properties"] as? [String: Any], object["type"] != nil {
                    for (key, schema) in properties {
                        guard let schema = schema as? [String: Any] else { continue }
                        keys += 1
                        let description = schema["description"] as? String ?? ""
                        if description.isEmpty || (schema["examples"] as? [Any])?.isEmpty != false { missing.append("\(path)/\(key)") }
                    }
                }
                for (key, inner) in object { visit(inner, path: "\(path)/\(key)") }
            } else if let list = value as? [Any] {
                for (index, inner) in list.enumerated() { visit(inner, path: "\(path)/\(index)") }
            }
        }
        visit(json, path: "")
        #expect(keys > 10)
        #expect(missing.isEmpty, "keys without description or example: \(missing)")
    }
}
