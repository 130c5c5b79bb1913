extension InputSchema {
    /// The schema of `council.yaml`: body, term, numbering, deadlines, templates, paper types with
    /// their extra fields (`$defs/field`, recursive for groups) and the council's wording.
    static func council() -> Node {
        let template = { (description: String, example: String) in
            text(description + " Der Pfad ist relativ zum Ordner dieser Datei.", example: example)
        }
        let pattern = { (description: String) in
            text(description + " Platzhalter: {office} (Amt), {serial} (laufende Nummer), {term} (Wahlperiode), {year} (Jahr).",
                 example: "{office}/{serial}/{term}/{year}")
        }
        var ags = text("Amtlicher Gemeindeschlüssel: 8 Ziffern, in Anführungszeichen.", example: "05162000")
        ags.object["type"] = "string"
        ags.object["pattern"] = "^[0-9]{8}$"
        var baseURL = text("Adresse des OParl-Systems des Rates; daraus werden id und accessUrl im manifest.json.", example: "https://ris.example.de/oparl")
        baseURL.object["pattern"] = "^https?://"
        var suffix = text("Zusatz der Drucksachennummer einer Ergänzungsvorlage; {n} ist ihre Nummer.", example: "-{n}")
        suffix.object["pattern"] = #"\{n\}"#
        var stamp = textList("Die Zeilen des Stempels auf Anlagen, die als eigene Datei hinausgehen. Platzhalter: "
                             + Wording.stampPlaceholders.map { "{\($0)}" }.joined(separator: ", ") + "; eine Zeile ohne Wert entfällt.",
                             example: Wording.standardAnnexStamp)
        stamp.object["items"] = ["type": ["string", "number", "boolean"], "pattern": "^([^{]|\\{(" + Wording.stampPlaceholders.joined(separator: "|") + ")\\})*$"]
        let labelMeaning = ["reference": "der Drucksachennummer", "paperType": "der Vorlagenart", "date": "des Datums",
                            "office": "des federführenden Amtes", "body": "der Körperschaft", "annexes": "der Anlagen"]
        let defaults = Wording.PropertyLabels()
        let paperType = group("Eine Vorlagenart mit ihrer Vorlage-Datei und ihren Zusatzfeldern.", [
            Key("name", text("Name der Vorlagenart, wie er in paperType einer Vorlage steht.", example: "Sitzungsvorlage"), required: true),
            Key("template", template("Vorlage-Datei (.fodt, .odt oder .ott) dieser Art.", "../templates/sitzungsvorlage.fodt"), required: false),
            Key("referencePattern", pattern("Eigenes Nummernschema dieser Art."), required: false),
            Key("fields", Node(["type": "array", "items": ["$ref": "#/$defs/field"],
                                "description": "Die Zusatzfelder, die Vorlagen dieser Art tragen dürfen oder müssen.",
                                "examples": [[["name": "klima", "type": "choice", "values": ["keine", "positiv", "negativ"], "required": true]]]]), required: false),
        ])
        var node = group("Das Ratsprofil: was ein Rat für alle seine Sitzungen festlegt.", [
            Key("body", group("Die Körperschaft (OParl Body).", [
                Key("name", text("Name der Körperschaft.", example: "Rhein-Kreis Neuss"), required: true),
                Key("shortName", text("Kurzname.", example: "RKN"), required: false),
                Key("ags", ags, required: false),
            ]), required: true),
            Key("legislativeTerm", group("Die Wahlperiode (OParl LegislativeTerm).", [
                Key("name", text("Name der Wahlperiode, wie er in Drucksachennummern steht.", example: "XV"), required: true),
                Key("startDate", date("Beginn der Wahlperiode.", example: "2009-10-21"), required: false),
                Key("endDate", date("Ende der Wahlperiode.", example: "2014-06-30"), required: false),
            ]), required: false),
            Key("baseUrl", baseURL, required: false),
            Key("reference", group("Wie Drucksachennummern gebildet werden.", [
                Key("pattern", pattern("Das Nummernschema."), required: true),
                Key("supplementSuffix", suffix, required: false),
            ]), required: false),
            Key("deadlines", group("Die Fristen der Geschäftsordnung, in Kalendertagen vor der Sitzung.", [
                Key("invitationDays", integer("Einladungsfrist (Voreinstellung: 6).", example: 6, range: 0...60), required: false),
                Key("lateDays", integer("Frist für Nachträge; später eingebrachte Punkte sind Tischvorlagen (Voreinstellung: 3).", example: 3, range: 0...60), required: false),
            ]), required: false),
            Key("invitationTemplate", template("Vorlage-Datei der Einladung mit Tagesordnung.", "../templates/einladung.fodt"), required: false),
            Key("defaultTemplate", template("Vorlage-Datei für Vorlagenarten ohne eigene.", "../templates/sitzungsvorlage.fodt"), required: false),
            Key("paperTypes", list("Die Vorlagenarten des Rates; ohne sie ist jede Art erlaubt.", of: paperType), required: false),
            Key("wording", group("Formulierungen des Rates; ohne sie gelten die Voreinstellungen.", [
                Key("annexStamp", stamp, required: false),
                Key("propertyLabels", group("Beschriftungen der Dokumenteigenschaften einer Vorlage.", Wording.PropertyLabels.keys.map { key in
                    Key(key, text("Beschriftung \(labelMeaning[key] ?? key).", example: defaults[key] ?? key), required: false)
                }), required: false),
            ]), required: false),
        ])
        node.object["title"] = "Ratsprofil (council.yaml)"
        return node
    }

    /// The declaration of one extra field, recursive for groups: `values` belongs to a choice
    /// and `fields` to a group, and each only there, as the profile reader insists.
    static func fieldDeclaration() -> Node {
        var name = text("Name des Feldes: Buchstaben, Ziffern und _, zuerst ein Buchstabe; so heißt der Schlüssel in der Vorlage und der Pfad im Template.", example: "finanzen")
        name.object["type"] = "string"
        name.object["pattern"] = "^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-z0-9À-ÖØ-öø-ÿ_]*$"
        name.object["not"] = ["enum": CouncilProfile.reservedNames.sorted()]
        var node = group("Ein Zusatzfeld einer Vorlagenart.", [
            Key("name", name, required: true),
            Key("type", choice("Art des Wertes: text, markdown, date (JJJJ-MM-TT), number, money (Euro), boolean (true/false), list (Liste von Texten), choice (einer der values), group (eigene fields).",
                               FieldSpec.Kind.allCases.map(\.rawValue)), required: true),
            Key("required", boolean("true, wenn jede Vorlage dieser Art das Feld haben muss (Voreinstellung: false).", example: true), required: false),
            Key("description", text("Was das Feld bedeutet.", example: "Finanzielle Auswirkungen"), required: false),
            Key("values", Node(["type": "array", "minItems": 1, "items": ["type": ["string", "number", "boolean"]],
                                "description": "Die erlaubten Werte einer Auswahl (type: choice).", "examples": [["keine", "positiv", "negativ"]]]), required: false),
            Key("fields", Node(["type": "array", "items": ["$ref": "#/$defs/field"], "description": "Die Felder einer Gruppe (type: group).",
                                "examples": [[["name": "betrag", "type": "money", "required": true]]]]), required: false),
        ])
        node.object["allOf"] = [
            ["if": ["properties": ["type": ["const": "choice"]], "required": ["type"]],
             "then": ["required": ["values"], "properties": ["values": ["type": "array"]]],
             "else": ["properties": ["values": false]]],
            ["if": ["properties": ["type": ["const": "group"]], "required": ["type"]],
             "then": ["required": ["fields"], "properties": ["fields": ["type": "array"]]],
             "else": ["properties": ["fields": false]]],
        ]
        return node
    }
}
