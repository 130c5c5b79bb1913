public import Foundation
import Council
import ODFPackage
import Templating

/// Renders one submission (Sitzungsvorlage) from its YAML data and a template into an .odt file.
///
/// Everything is checked before anything is written: the data, the template, and the filling.
/// The file is then written through a temporary file and a rename, so an existing file is only
/// ever replaced by a complete one.
public struct SubmissionJob: Sendable {
    public var paper: URL
    public var template: URL
    public var output: URL

    public init(paper: URL, template: URL, output: URL) {
        self.paper = paper
        self.template = template
        self.output = output
    }

    /// Where a paper's submission goes when no output is named: `build/<meeting>/<paper>.odt` for a
    /// paper in `<meeting>/papers/`, `build/<paper>.odt` otherwise.
    public static func defaultOutput(for paper: URL, buildFolder: URL) -> URL {
        let name = paper.deletingPathExtension().lastPathComponent + ".odt"
        let folder = paper.deletingLastPathComponent()
        if folder.lastPathComponent == "papers" {
            let meeting = folder.deletingLastPathComponent().lastPathComponent
            return buildFolder.appendingPathComponent(meeting).appendingPathComponent(name)
        }
        return buildFolder.appendingPathComponent(name)
    }

    /// The paper's key data as document properties: what document management systems index and
    /// headers and footers can show through fields.
    static func metadata(of paper: Paper) -> DocumentMetadata {
        DocumentMetadata(
            title: "\(paper.paperType) \(paper.reference): \(paper.agendaItem.name)",
            subject: paper.agendaItem.name,
            keywords: [paper.paperType, paper.reference, paper.body.name],
            language: "de-DE",
            userDefined: [
                .init("Vorlagennummer", paper.reference),
                .init("Vorlagenart", paper.paperType),
                .init("Datum", paper.date.iso),
                .init("Federführung", paper.underDirectionOf.shortName.map { "\($0) - \(paper.underDirectionOf.name)" } ?? paper.underDirectionOf.name),
                .init("Körperschaft", paper.body.name),
            ])
    }

    /// Renders and writes the submission; returns the file written.
    @discardableResult
    public func run() throws(PipelineError) -> URL {
        let paper: Paper
        do {
            paper = try Paper(contentsOf: self.paper)
        } catch {
            throw PipelineError(.input(error))
        }
        let filled: ODFDocument
        do {
            filled = try Template(contentsOf: template).render(paper.templateData)
        } catch {
            throw PipelineError(.template(error))
        }
        do {
            try filled.apply(Self.metadata(of: paper))
            try filled.write(to: output)
        } catch {
            throw PipelineError(.package(error))
        }
        return output
    }
}
