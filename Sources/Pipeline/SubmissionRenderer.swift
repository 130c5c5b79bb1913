import Foundation
public import Council
import ODFPackage
public import Templating

/// Renders one submission with its annexes into bytes, writing nothing.
///
/// The submission's .odt holds its merged annexes; each annex that goes out on its own is a file
/// of its own beside it: ODF annexes stamped with their number, PDF annexes byte for byte.
public enum SubmissionRenderer {
    /// A rendered submission: its main file and, in Anlagen order, every annex with its file
    /// (none when merged or listed).
    public struct Result: Sendable {
        public var main: RenderedFile
        public var annexes: [(annex: SubmissionJob.AnnexOutput, file: RenderedFile?)]
    }

    /// Renders `paper` with `data` (its template data, in or out of a meeting) through a compiled
    /// template; output files are named after `baseName` (`<baseName>.odt`, `<baseName>-anlage-N.pdf`).
    /// `wording` is the council's stamp of separate annexes and its labels of document properties.
    public static func render(_ paper: Paper, data: Value, template: Template, baseName: String, wording: Wording = Wording()) throws(PipelineError) -> Result {
        let annexes = try AnnexSet(paper)
        let bytes: Data
        do {
            bytes = try template.fill(data, documents: AnnexInserter(annexes), metadata: metadata(of: paper, wording: wording), mediaType: ODFDocument.textMediaType)
        } catch {
            throw PipelineError(filling: error)
        }
        do {
            let main = RenderedFile(name: "\(baseName).odt", bytes: bytes,
                                    title: "\(paper.paperType) \(paper.reference)", mimeType: RenderedFile.odtMimeType, date: paper.date)
            var outputs: [(annex: SubmissionJob.AnnexOutput, file: RenderedFile?)] = []
            for annex in annexes.annexes {
                var file: RenderedFile?
                var isPDF = false
                switch annex.content {
                case .odf(let document) where annex.file.mode == .separate:
                    let stamped = document.copy()
                    try stamped.insertCoverPage(lines: stamp(annex, of: paper, wording: wording))
                    file = RenderedFile(name: "\(baseName)-anlage-\(annex.number).odt", bytes: try stamped.packageData(mediaType: ODFDocument.textMediaType),
                                        title: annex.file.name, mimeType: RenderedFile.odtMimeType, date: annex.file.date ?? paper.date)
                case .pdf(let bytes):
                    isPDF = true
                    file = RenderedFile(name: "\(baseName)-anlage-\(annex.number).pdf", bytes: bytes,
                                        title: annex.file.name, mimeType: RenderedFile.pdfMimeType, date: annex.file.date ?? paper.date)
                default:
                    break
                }
                outputs.append((SubmissionJob.AnnexOutput(number: annex.number, name: annex.file.name, mode: annex.file.mode, file: nil, isPDF: isPDF), file))
            }
            return Result(main: main, annexes: outputs)
        } catch {
            throw PipelineError(.package(error))
        }
    }

    /// The lines that stamp an annex going out on its own, in the council's wording.
    static func stamp(_ annex: AnnexSet.Annex, of paper: Paper, wording: Wording = Wording()) -> [String] {
        wording.stampLines([
            "number": String(annex.number), "reference": paper.reference, "name": annex.file.name, "date": annex.file.date?.german ?? "",
            "body": paper.body.name, "office": paper.underDirectionOf.shortName.map { "\($0) - \(paper.underDirectionOf.name)" } ?? paper.underDirectionOf.name,
        ])
    }

    /// The paper's key data as document properties: what document management systems index and
    /// headers and footers can show through fields.
    static func metadata(of paper: Paper, wording: Wording = Wording()) -> DocumentMetadata {
        let labels = wording.propertyLabels
        return DocumentMetadata(
            title: "\(paper.paperType) \(paper.reference): \(paper.name)",
            subject: paper.name,
            keywords: [paper.paperType, paper.reference, paper.body.name],
            language: "de-DE",
            userDefined: [
                .init(labels.reference, paper.reference),
                .init(labels.paperType, paper.paperType),
                .init(labels.date, paper.date.iso),
                .init(labels.office, paper.underDirectionOf.shortName.map { "\($0) - \(paper.underDirectionOf.name)" } ?? paper.underDirectionOf.name),
                .init(labels.body, paper.body.name),
                .init(labels.annexes, String(paper.auxiliaryFiles.count)),
            ])
    }
}
