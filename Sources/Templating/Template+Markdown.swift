import ODFPackage

extension Template.Renderer {
    /// Puts the blocks Markdown `text` makes before the marker's paragraph, which they replace.
    ///
    /// The body paragraphs take the marker paragraph's style; headings, lists, quotes and tables
    /// take the template's styles of those names, created when missing. Returns the paragraph to
    /// remove.
    mutating func renderMarkdown(_ text: String, at placeholder: XMLNode, path: DataPath, record: Template.MarkerRecord) -> XMLNode? {
        guard let paragraph = Template.enclosingParagraph(placeholder) else { return nil }
        var converter = MarkdownConverter(content: placeholder.document, styles: styles,
                                          bodyStyle: paragraph.attribute(ODFNamespace.text, "style-name"))
        do {
            for block in try converter.blocks(for: text) {
                paragraph.insertBefore(block)
            }
        } catch {
            let line = error.line.map { " (Zeile \($0) des Textes)" } ?? ""
            errors.append(template.error(.unsupported, record, path: path.description, "Im Markdown von „\(path)“\(line): \(error.message)", hint: error.hint))
        }
        return paragraph
    }
}
