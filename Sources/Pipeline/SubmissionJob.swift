public import Foundation
public import Council
import ODFPackage
import Templating

/// Renders one submission (Sitzungsvorlage) with its annexes from its YAML data and a template.
///
/// Everything is checked before anything is written: the data, every annex, the template and
/// the filling. Then the submission is written, with its merged annexes inside, and beside it
/// each annex that goes out on its own: ODF annexes stamped with their number, PDF annexes
/// copied byte for byte. Every file goes through a temporary file and a rename.
public struct SubmissionJob: Sendable {
    public var paper: URL
    public var template: URL
    public var output: URL

    public init(paper: URL, template: URL, output: URL) {
        self.paper = paper
        self.template = template
        self.output = output
    }

    /// What a run wrote.
    public struct Output: Sendable, Hashable {
        /// The submission's .odt.
        public var document: URL
        /// Every annex in Anlagen order, with the file written for it (none when merged or listed).
        public var annexes: [AnnexOutput]
    }

    /// One annex and where it went.
    public struct AnnexOutput: Sendable, Hashable {
        public var number: Int
        public var name: String
        public var mode: Paper.AnnexMode
        /// The file written beside the submission (separate ODF or PDF annexes), to be joined into
        /// the session packet at PDF level.
        public var file: URL?
        public var isPDF: Bool
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

    /// The file an annex that goes out on its own is written to: `<submission>-anlage-<N>.<ext>`.
    public func annexFile(number: Int, extension fileExtension: String) -> URL {
        output.deletingLastPathComponent()
            .appendingPathComponent("\(output.deletingPathExtension().lastPathComponent)-anlage-\(number).\(fileExtension)")
    }

    /// Renders and writes the submission and its annexes.
    @discardableResult
    public func run() throws(PipelineError) -> Output {
        let paper: Paper
        do {
            paper = try Paper(contentsOf: self.paper)
        } catch {
            throw PipelineError(.input(error))
        }
        let annexes = try AnnexSet(paper)
        let filled: ODFDocument
        do {
            filled = try Template(contentsOf: template).render(paper.templateData, documents: AnnexInserter(annexes))
        } catch {
            throw PipelineError(.template(error))
        }
        // Everything that can fail on content has been checked; prepare the separate files first,
        // so a problem there still leaves nothing written.
        var pending: [(URL, Data)] = []
        var outputs: [AnnexOutput] = []
        do {
            try filled.apply(Self.metadata(of: paper))
            pending.append((output, try filled.packageData(mediaType: ODFDocument.textMediaType)))
            for annex in annexes.annexes {
                var written: URL?
                switch annex.content {
                case .odf(let document) where annex.file.mode == .separate:
                    let stamped = document.copy()
                    try stamped.insertCoverPage(lines: Self.stamp(annex, of: paper))
                    let target = annexFile(number: annex.number, extension: "odt")
                    pending.append((target, try stamped.packageData(mediaType: ODFDocument.textMediaType)))
                    written = target
                case .pdf(let bytes):
                    let target = annexFile(number: annex.number, extension: "pdf")
                    pending.append((target, bytes))
                    written = target
                default:
                    break
                }
                var isPDF = false
                if case .pdf = annex.content { isPDF = true }
                outputs.append(AnnexOutput(number: annex.number, name: annex.file.name, mode: annex.file.mode, file: written, isPDF: isPDF))
            }
            for (target, bytes) in pending {
                try AtomicFile.write(bytes, to: target)
            }
        } catch {
            throw PipelineError(.package(error))
        }
        return Output(document: output, annexes: outputs)
    }

    /// The lines that stamp an annex going out on its own.
    static func stamp(_ annex: AnnexSet.Annex, of paper: Paper) -> [String] {
        var lines = ["Anlage \(annex.number) zur Vorlage \(paper.reference)", annex.file.name]
        if let date = annex.file.date { lines.append("vom \(date.german)") }
        lines.append("\(paper.body.name), \(paper.underDirectionOf.shortName.map { "\($0) - " } ?? "")\(paper.underDirectionOf.name)")
        return lines
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
                .init("Anlagen", String(paper.auxiliaryFiles.count)),
            ])
    }
}
