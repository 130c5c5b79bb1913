extension InputSchema {
    /// The schema of `meeting.yaml`: the meeting (OParl Meeting) and its agenda.
    static func meeting() -> Node {
        let item = group("Ein Tagesordnungspunkt (OParl AgendaItem); seine Position in der Liste ist seine Reihenfolge.", [
            Key("number", text("Nummer des Punktes, als Text: \"7\", \"7.1\", \"N 2\".", example: "5"), required: true),
            Key("name", text("Titel des Punktes; ohne ihn trägt er den Titel der behandelten Vorlage.", example: "Feststellung der Tagesordnung"), required: false),
            Key("public", boolean("false für einen Punkt im nichtöffentlichen Teil (Voreinstellung: true).", example: true), required: false),
            Key("paper", text("Drucksachennummer der Vorlage, die der Punkt behandelt (ihre Datei liegt in papers/).", example: "50/2403/XV/2013"), required: false),
            Key("late", choice("Nachtrag oder Tischvorlage, wenn der Punkt nach der Einladung hinzukommt.", Meeting.Late.allCases.map(\.rawValue)), required: false),
        ])
        var itemSchema = item.object
        itemSchema["anyOf"] = [present("name"), present("paper")]
        var node = group("Eine Sitzung eines Gremiums (OParl Meeting) mit ihrer Tagesordnung.", [
            Key("name", text("Name der Sitzung.", example: "20. Sitzung des Kreistags"), required: true),
            Key("organization", text("Das Gremium, das tagt.", example: "Kreistag"), required: true),
            Key("start", dateTime("Beginn der Sitzung.", example: "2013-03-06T15:00:00+01:00"), required: true),
            Key("end", dateTime("Voraussichtliches Ende der Sitzung.", example: "2013-03-06T19:00:00+01:00"), required: false),
            Key("location", group("Der Sitzungsort (OParl Location).", [
                Key("description", text("Der Ort mit Raum und Anschrift.", example: "Kreishaus Grevenbroich, Sitzungssaal, Auf der Schanze 4, 41515 Grevenbroich"), required: true),
            ]), required: false),
            Key("meetingState", text("Stand der Sitzung, etwa eingeladen oder durchgeführt.", example: "eingeladen"), required: false),
            Key("cancelled", boolean("true, wenn die Sitzung abgesagt ist.", example: false), required: false),
            Key("public", boolean("false, wenn die ganze Sitzung nichtöffentlich ist (Voreinstellung: true).", example: true), required: false),
            Key("invitationDate", date("Tag, an dem die Einladung verschickt wird.", example: "2013-02-22"), required: true),
            Key("agendaItem", list("Die Tagesordnung, in ihrer Reihenfolge.", of: Node(itemSchema)), required: true),
        ])
        node.object["title"] = "Sitzung (meeting.yaml)"
        return node
    }
}
