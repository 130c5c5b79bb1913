public import Foundation
import Templating

extension CouncilProfile {
    /// The profile that applies to a folder: `council.yaml` in it or in the nearest parent folder.
    public static func file(governing folder: URL) -> URL? {
        var current = folder.standardizedFileURL
        while true {
            for name in fileNames {
                let candidate = current.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The profile that applies to a folder, or the defaults when there is none.
    public static func governing(_ folder: URL) throws(InputErrors) -> CouncilProfile {
        guard let file = file(governing: folder) else { return defaults() }
        return try CouncilProfile(contentsOf: file)
    }

    /// Reads a profile; paths in it are relative to its folder. Every problem is reported together.
    public init(contentsOf url: URL) throws(InputErrors) {
        let problems = YAMLObject.Problems(file: url.path)
        guard let root = YAMLObject.root(of: url, problems: problems) else { throw InputErrors(problems.errors) }
        let folder = url.deletingLastPathComponent()
        func resolve(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: folder).standardizedFileURL }
        let defaults = CouncilProfile.defaults()

        let body: Body? = root.object("body").flatMap { object in
            defer { object.finish() }
            let name = object.string("name")
            let shortName = object.string("shortName", required: false)
            let ags = object.string("ags", required: false)
            if let ags, ags.count != 8 || !ags.allSatisfy({ $0.isASCII && $0.isNumber }), let location = problems.locations[object.keyPath("ags")] {
                problems.errors.append(InputError(.wrongValue, at: location, key: object.keyPath("ags"), "„\(ags)“ ist kein Amtlicher Gemeindeschlüssel.",
                                                  hint: "Schreiben Sie seine 8 Ziffern in Anführungszeichen, zum Beispiel \"05162000\"."))
            }
            return name.map { Body(name: $0, shortName: shortName, ags: ags) }
        }
        let term: LegislativeTerm? = root.object("legislativeTerm", required: false).flatMap { object in
            defer { object.finish() }
            let name = object.string("name")
            let start = object.date("startDate", required: false)
            let end = object.date("endDate", required: false)
            return name.map { LegislativeTerm(name: $0, startDate: start, endDate: end) }
        }
        let baseURL = root.string("baseUrl", required: false).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")), let location = problems.locations["baseUrl"] {
            problems.errors.append(InputError(.wrongValue, at: location, key: "baseUrl", "„\(baseURL)“ ist keine Webadresse.",
                                              hint: "Schreiben Sie die Adresse des OParl-Systems des Rates, beginnend mit https://."))
        }
        var pattern: ReferencePattern?
        var suffix = defaults.supplementSuffix
        if let reference = root.object("reference", required: false) {
            pattern = Self.pattern(reference, "pattern", required: true, problems: problems)
            if let text = reference.string("supplementSuffix", required: false) {
                if text.contains("{n}") { suffix = text } else if let location = problems.locations[reference.keyPath("supplementSuffix")] {
                    problems.errors.append(InputError(.wrongValue, at: location, key: reference.keyPath("supplementSuffix"),
                                                      "„\(text)“ sagt nicht, wo die Nummer der Ergänzung steht.", hint: "Schreiben Sie {n} an ihre Stelle, etwa \"-{n}\"."))
                }
            }
            reference.finish()
        }
        var invitationDays = defaults.invitationDays
        var lateDays = defaults.lateDays
        if let deadlines = root.object("deadlines", required: false) {
            invitationDays = Self.days(deadlines, "invitationDays", problems: problems) ?? invitationDays
            lateDays = Self.days(deadlines, "lateDays", problems: problems) ?? lateDays
            deadlines.finish()
        }
        let invitationTemplate = root.string("invitationTemplate", required: false).map(resolve)
        let paperTemplate = root.string("defaultTemplate", required: false).map(resolve)
        var types: [PaperType] = []
        for object in root.list("paperTypes", required: false) {
            defer { object.finish() }
            let name = object.string("name")
            let template = object.string("template", required: false).map(resolve)
            let ownPattern = Self.pattern(object, "referencePattern", required: false, problems: problems)
            let fields = object.list("fields", required: false).compactMap { Self.field($0, problems: problems) }
            Self.checkUnique(fields.map(\.name), in: object, problems: problems)
            if let name {
                if types.contains(where: { $0.name == name }), let location = problems.locations[object.keyPath("name")] {
                    problems.errors.append(InputError(.wrongValue, at: location, key: object.keyPath("name"), "Die Vorlagenart „\(name)“ ist zweimal festgelegt.",
                                                      hint: "Legen Sie jede Vorlagenart nur einmal fest."))
                }
                types.append(PaperType(name: name, template: template ?? paperTemplate ?? defaults.defaultPaperTemplate, fields: fields, referencePattern: ownPattern))
            }
        }
        for template in [invitationTemplate, paperTemplate].compactMap({ $0 }) + types.map(\.template)
        where !FileManager.default.fileExists(atPath: template.path) {
            problems.errors.append(InputError(.unreadableFile, file: url.path, "Die Vorlagendatei \(template.path) gibt es nicht.",
                                              hint: "Pfade im Ratsprofil gelten relativ zu seinem Ordner, \(folder.path)."))
        }
        var wording = Wording()
        if let object = root.object("wording", required: false) {
            if let lines = object.stringList("annexStamp", required: false) {
                for line in lines {
                    let named = line.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) }
                    if let unknown = named.first(where: { !Wording.stampPlaceholders.contains($0) }) {
                        let location = problems.locations[object.keyPath("annexStamp")] ?? object.location
                        let known = Wording.stampPlaceholders.map { "{\($0)}" }.joined(separator: ", ")
                        problems.errors.append(InputError(.wrongValue, at: location, key: object.keyPath("annexStamp"), "„{\(unknown)}“ in „\(line)“ ist kein Platzhalter des Stempels.",
                                                          hint: "Bekannt sind \(known)."))
                    }
                }
                wording.annexStamp = lines
            }
            if let labels = object.object("propertyLabels", required: false) {
                for key in Wording.PropertyLabels.keys {
                    if let label = labels.string(key, required: false) { wording.propertyLabels[key] = label }
                }
                labels.finish()
            }
            object.finish()
        }
        root.finish()
        guard problems.errors.isEmpty, let body else { throw InputErrors(problems.errors) }
        self.init(body: body, legislativeTerm: term, baseURL: baseURL ?? defaults.baseURL, referencePattern: pattern,
                  supplementSuffix: suffix, invitationDays: invitationDays, lateDays: lateDays,
                  invitationTemplate: invitationTemplate ?? defaults.invitationTemplate, paperTypes: types,
                  defaultPaperTemplate: paperTemplate ?? defaults.defaultPaperTemplate, source: url)
        self.wording = wording
    }

    private static func pattern(_ object: YAMLObject, _ key: String, required: Bool, problems: YAMLObject.Problems) -> ReferencePattern? {
        guard let text = object.string(key, required: required) else { return nil }
        do {
            return try ReferencePattern(text)
        } catch {
            let location = problems.locations[object.keyPath(key)] ?? object.location
            problems.errors.append(InputError(.wrongValue, at: location, key: object.keyPath(key), "„\(text)“ ist kein Nummernschema: \(error.message)",
                                              hint: "Das Schema des Beispiels lautet \"{office}/{serial}/{term}/{year}\"."))
            return nil
        }
    }

    private static func days(_ object: YAMLObject, _ key: String, problems: YAMLObject.Problems) -> Int? {
        guard let days = object.integer(key, required: false) else { return nil }
        guard (0...60).contains(days) else {
            let location = problems.locations[object.keyPath(key)] ?? object.location
            problems.errors.append(InputError(.wrongValue, at: location, key: object.keyPath(key), "\(days) Tage sind keine plausible Frist.",
                                              hint: "Schreiben Sie die Zahl der Kalendertage, 0 bis 60."))
            return nil
        }
        return days
    }

    /// The keys a paper has without any profile: an extra field may not take one of them.
    static let reservedNames: Set<String> = [
        "body", "place", "date", "underDirectionOf", "paperType", "reference", "name", "agendaItem", "consultation",
        "sachverhalt", "beschlussempfehlung", "auxiliaryFile", "superordinatedPaper", "originatorOrganization", "meeting",
    ]

    /// Reads one field declaration.
    private static func field(_ object: YAMLObject, problems: YAMLObject.Problems) -> FieldSpec? {
        defer { object.finish() }
        let name = object.string("name")
        let typeText = object.string("type")
        let required = object.bool("required", required: false, default: false) ?? false
        let description = object.string("description", required: false)
        var kind: FieldSpec.Kind?
        if let typeText {
            kind = FieldSpec.Kind(rawValue: typeText)
            if kind == nil, let location = problems.locations[object.keyPath("type")] {
                problems.errors.append(InputError(.wrongValue, at: location, key: object.keyPath("type"), Phrase.notAllowed(typeText, for: "type"),
                                                  hint: Phrase.allowedValues(FieldSpec.Kind.allCases.map(\.rawValue), given: typeText)))
            }
        }
        var values: [String] = []
        var fields: [FieldSpec] = []
        if kind == .choice {
            values = object.stringList("values") ?? []
            if values.isEmpty, problems.locations[object.keyPath("values")] != nil {
                problems.errors.append(InputError(.wrongValue, at: object.location, key: object.keyPath("values"), "Eine Auswahl (choice) braucht mindestens einen Wert.", hint: "Ergänzen Sie die Werte unter „values“."))
            }
        }
        if kind == .group {
            fields = object.list("fields").compactMap { field($0, problems: problems) }
            checkUnique(fields.map(\.name), in: object, problems: problems)
        }
        if let name {
            let valid = name.first?.isLetter == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            if !valid || reservedNames.contains(name), let location = problems.locations[object.keyPath("name")] {
                problems.errors.append(InputError(.wrongValue, at: location, key: object.keyPath("name"),
                                                  valid ? "„\(name)“ ist ein eingebauter Schlüssel einer Vorlage und kann kein zusätzliches Feld sein." : "„\(name)“ kann kein Feldname sein.",
                                                  hint: valid ? "Wählen Sie einen anderen Namen." : "Verwenden Sie Buchstaben, Ziffern und _, am Anfang einen Buchstaben, etwa finanzen oder klima_begruendung."))
            }
        }
        guard let name, let kind else { return nil }
        return FieldSpec(name: name, kind: kind, isRequired: required, description: description, values: values, fields: fields)
    }

    private static func checkUnique(_ names: [String], in object: YAMLObject, problems: YAMLObject.Problems) {
        var seen: Set<String> = []
        for name in names where !seen.insert(name).inserted {
            problems.errors.append(InputError(.wrongValue, at: object.location, key: object.keyPath("fields"), "Das Feld „\(name)“ ist zweimal festgelegt.",
                                              hint: "Geben Sie jedem Feld einen eigenen Namen."))
        }
    }
}
