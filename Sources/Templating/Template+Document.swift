import ODFPackage

extension Template.Renderer {
    /// Lets the caller's inserter put the document named `key` before the marker's paragraph.
    /// Returns the paragraph to remove.
    mutating func insertDocument(_ key: String, at placeholder: XMLNode, path: DataPath, record: Template.MarkerRecord) -> XMLNode? {
        guard let paragraph = Template.enclosingParagraph(placeholder) else { return nil }
        guard let documents, let package else {
            errors.append(template.error(.unsupported, record, path: path.description,
                                         "Diese Dokumentvorlage fügt Dokumente ein (| document), aber hier liefert niemand welche.",
                                         hint: "Erzeugen Sie mit ihr eine Vorlage mit Anlagen, oder entfernen Sie den Platzhalter."))
            return paragraph
        }
        do {
            try documents.insertDocument(named: key, before: paragraph, in: package)
        } catch {
            errors.append(template.error(.package, record, path: path.description, "„\(key)“ konnte nicht eingefügt werden: \(error.message)", hint: error.hint))
        }
        return paragraph
    }
}
