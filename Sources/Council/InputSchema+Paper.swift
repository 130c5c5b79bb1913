extension InputSchema {
    /// The schema of `papers/*.yaml`: the built-in keys, and under a profile its paper types and
    /// each type's extra fields.
    static func paper(profile: CouncilProfile?) -> Node {
        let types = profile?.paperTypes ?? []
        var keys = builtInPaperKeys(paperTypes: types.map(\.name))
        // Every extra field is a key of the paper; which ones a paper may or must carry depends
        // on its type (below). The group lists the first declaration, for completion.
        let allFields = types.flatMap(\.fields)
        for name in profile?.allFieldNames ?? [] {
            guard let field = allFields.first(where: { $0.name == name }) else { continue }
            keys.append(Key(name, field.schema, required: false))
        }
        var node = group("Eine Vorlage (OParl Paper): Kopf, Beratungsfolge, Sachverhalt, Beschlussempfehlung und Anlagen.", keys)
        node.object["title"] = "Vorlage (papers/*.yaml)"
        var rules: [[String: Any]] = [[
            "anyOf": [present("name"), present("agendaItem", present("name"))],
            "description": "Der Titel steht in name oder, bei einer Vorlage ohne Sitzung, in agendaItem.name.",
        ]]
        for type in types {
            let own = Set(type.fields.map(\.name))
            var properties: [String: Any] = [:]
            for field in type.fields { properties[field.name] = (field.isRequired ? field.schema : field.schema.nullable).object }
            for name in profile?.allFieldNames ?? [] where !own.contains(name) { properties[name] = false }
            var then: [String: Any] = ["properties": properties]
            let required = type.fields.filter(\.isRequired).map(\.name)
            if !required.isEmpty { then["required"] = required }
            rules.append([
                "if": ["properties": ["paperType": ["const": type.name]], "required": ["paperType"]],
                "then": then,
            ])
        }
        node.object["allOf"] = rules
        return node
    }

    private static func builtInPaperKeys(paperTypes: [String]) -> [Key] {
        let organization = { (description: String, name: String, shortName: String) in
            group(description, [
                Key("name", text("Name.", example: name), required: true),
                Key("shortName", text("Kurzname oder Nummer.", example: shortName), required: false),
            ])
        }
        let paperType = paperTypes.isEmpty
            ? text("Art der Vorlage (OParl Paper.paperType); sie bestimmt die Vorlage-Datei und die Zusatzfelder.", example: "Sitzungsvorlage")
            : choice("Art der Vorlage (OParl Paper.paperType); sie bestimmt die Vorlage-Datei und die Zusatzfelder. Das Ratsprofil kennt: \(paperTypes.joined(separator: ", ")).", paperTypes)
        let consultation = group("Ein Gremium der Beratungsfolge (OParl Consultation).", [
            Key("organization", text("Das beratende Gremium.", example: "Kreistag"), required: true),
            Key("meetingDate", date("Sitzungstag des Gremiums.", example: "2013-03-06"), required: true),
            Key("public", boolean("true: öffentliche Beratung, false: nichtöffentliche.", example: true), required: true),
            Key("role", text("Rolle des Gremiums, etwa Vorberatung oder Entscheidung.", example: "Entscheidung"), required: false),
            Key("authoritative", boolean("true, wenn dieses Gremium entscheidet.", example: true), required: false),
        ])
        let annex = group("Eine Anlage (OParl File).", [
            Key("name", text("Titel der Anlage.", example: "Integrationskonzept RKN-2013 02 19"), required: true),
            Key("fileName", text("Pfad der Datei (.odt, .fodt oder .pdf), relativ zum Ordner dieser Datei.",
                                 example: "../annexes/integrationskonzept-rkn-2013-02-19.fodt"), required: true),
            Key("date", date("Datum der Anlage.", example: "2013-02-19"), required: false),
            Key("mode", choice("merge: in die Vorlage eingefügt (nur ODF, dort Voreinstellung); separate: eigene Datei neben der Vorlage (Voreinstellung für PDF); listed: nur aufgeführt.",
                               Paper.AnnexMode.allCases.map(\.rawValue)), required: false),
            Key("pageLayout", choice("own: Seitenformat, Kopf- und Fußzeilen der Anlage behalten (Voreinstellung); submission: die der Vorlage.", ["own", "submission"]), required: false),
            Key("public", boolean("false, wenn die Anlage nichtöffentlich ist (Voreinstellung: true).", example: true), required: false),
        ])
        return [
            Key("body", organization("Die Körperschaft, die die Vorlage herausgibt (OParl Body).", "Rhein-Kreis Neuss", "RKN"), required: true),
            Key("place", text("Ort im Kopf der Vorlage, vor dem Datum.", example: "Neuss/Grevenbroich"), required: true),
            Key("date", date("Datum der Vorlage.", example: "2013-02-15"), required: true),
            Key("underDirectionOf", organization("Das federführende Amt (OParl Paper.underDirectionOf).", "Sozialamt", "50"), required: true),
            Key("paperType", paperType, required: true),
            Key("reference", text("Drucksachennummer (OParl Paper.reference) nach dem Nummernschema des Ratsprofils.", example: "50/2403/XV/2013"), required: true),
            Key("name", text("Titel der Vorlage (OParl Paper.name); der Tagesordnungspunkt trägt ihn, wenn er keinen eigenen Namen hat.",
                             example: "Kommunales Integrationszentrum/ Integrationskonzept"), required: false),
            Key("agendaItem", group("Der Tagesordnungspunkt, nur für eine Vorlage, die allein mit „vorlage render“ erzeugt wird; in einer Sitzung kommt er aus meeting.yaml.", [
                Key("name", text("Titel des Tagesordnungspunkts.", example: "Kommunales Integrationszentrum/ Integrationskonzept"), required: false),
                Key("number", text("Nummer des Tagesordnungspunkts.", example: "5"), required: false),
            ]), required: false),
            Key("consultation", list("Die Beratungsfolge: die Gremien, die die Vorlage beraten, in ihrer Reihenfolge.", of: consultation), required: true),
            Key("sachverhalt", text("Der Sachverhalt in Markdown: Absätze durch eine Leerzeile getrennt, „\\“ am Zeilenende für einen Zeilenumbruch, Listen mit „- “.",
                                    example: "Der Ausschuss hat in seiner Sitzung vom 13.09.2012 beschlossen, …"), required: true),
            Key("beschlussempfehlung", text("Die Beschlussempfehlung in Markdown.", example: "Der Kreistag beschließt …"), required: true),
            Key("auxiliaryFile", list("Die Anlagen, in ihrer Reihenfolge.", of: annex), required: false),
            Key("superordinatedPaper", text("Drucksachennummer der Vorlage, die diese ergänzt (bei einer Ergänzungsvorlage).", example: "50/2403/XV/2013"), required: false),
            Key("originatorOrganization", organization("Wer die Vorlage einbringt, etwa eine Fraktion bei einem Antrag.", "CDU-Kreistagsfraktion", "CDU"), required: false),
        ]
    }
}

extension FieldSpec {
    /// The schema of this field's value, as ``YAMLObject/value(of:)`` checks it.
    var schema: InputSchema.Node {
        let description = self.description.map { "\($0) (Zusatzfeld „\(name)“ des Ratsprofils.)" } ?? "Zusatzfeld „\(name)“ des Ratsprofils."
        switch kind {
        case .text:
            return InputSchema.text(description, example: "Text")
        case .markdown:
            return InputSchema.text(description + " In Markdown.", example: "Ein Absatz mit **Hervorhebung**.")
        case .date:
            return InputSchema.date(description, example: "2013-03-06")
        case .boolean:
            return InputSchema.boolean(description, example: true)
        case .list:
            return InputSchema.textList(description + " Eine Liste von Texten.", example: ["Erster Punkt", "Zweiter Punkt"])
        case .number:
            return InputSchema.Node(["type": ["number", "string"], "pattern": #"^-?[0-9]+(\.[0-9]+)?$"#,
                                     "description": description + " Eine Zahl mit Punkt als Dezimaltrennzeichen.", "examples": [1234.5]])
        case .money:
            return InputSchema.Node(["type": ["number", "string"], "pattern": #"^-?[0-9]+(\.[0-9]{1,2})?$"#,
                                     "description": description + " Ein Betrag in Euro, mit Punkt vor den Cent und ohne Tausenderpunkte.", "examples": [12500.5]])
        case .choice:
            return InputSchema.choice(description + " Einer der Werte: \(values.joined(separator: ", ")).", values)
        case .group:
            return InputSchema.group(description, fields.map { InputSchema.Key($0.name, $0.schema, required: $0.isRequired) })
        }
    }
}
