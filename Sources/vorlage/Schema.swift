import ArgumentParser
import Council
import Foundation

/// `vorlage schema paper|meeting|council`: the JSON Schema of an input file, for editors.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Gibt das JSON-Schema (Draft 2020-12) einer Eingabedatei aus: paper, meeting oder council.",
        discussion: """
        Ein Editor mit YAML-Unterstützung prüft und ergänzt die Datei damit schon beim Tippen, wenn ihre erste Zeile \
        auf das Schema zeigt: # yaml-language-server: $schema=../schemas/paper.schema.json. Das Schema einer Vorlage \
        kennt die Vorlagenarten und Zusatzfelder des Ratsprofils, das --profile nennt; ohne --profile nur die festen Schlüssel.
        \(Outcome.helpText)
        """
    )

    @Argument(help: "Welche Datei: paper (papers/*.yaml), meeting (meeting.yaml) oder council (council.yaml).")
    var kind: String

    @Option(name: .long, help: "Das Ratsprofil (council.yaml), dessen Vorlagenarten und Zusatzfelder das Schema einer Vorlage enthält.")
    var profile: String?

    func validate() throws {
        guard InputSchema.Kind(rawValue: kind) != nil else {
            throw ValidationError("„\(kind)“ ist keine Art von Eingabedatei. Möglich sind: paper, meeting, council.")
        }
        if let profile, !FileManager.default.fileExists(atPath: profile) {
            throw ValidationError("Das Ratsprofil \(profile) gibt es nicht.")
        }
    }

    func run() throws {
        var council: CouncilProfile?
        if let profile {
            do {
                council = try CouncilProfile(contentsOf: URL(fileURLWithPath: profile))
            } catch {
                Output.error("vorlage: Kein Schema ausgegeben.\n\(error.description)")
                try Outcome.inputProblems.exit()
            }
        }
        let schema = InputSchema(InputSchema.Kind(rawValue: kind) ?? .paper, profile: council)
        FileHandle.standardOutput.write(Data(schema.json().utf8))
    }
}
