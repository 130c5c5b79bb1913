import Council
import Foundation
import ODFPackage
import PDFPackage
import Templating

/// The annexes of one paper, opened and checked before anything is written.
///
/// An ODF annex (.odt, .ott, .fodt) must be a readable, unencrypted text document; a PDF annex
/// must be a PDF and not encrypted; anything else is refused. Listed annexes are only named, so
/// only their existence is checked (when the paper is read).
struct AnnexSet {
    /// One annex with its number in the Anlagen list and what was read of it.
    struct Annex {
        var number: Int
        var file: Paper.AnnexFile
        /// The key the template's `| document` marker names it by.
        var key: String
        var content: Content
    }

    enum Content {
        case odf(ODFDocument)
        case pdf(Data)
        case listed
    }

    var annexes: [Annex]

    /// Opens every annex of `paper`; throws every problem found, not just the first.
    init(_ paper: Paper) throws(PipelineError) {
        var annexes: [Annex] = []
        var problems: [AnnexProblem] = []
        for (index, file) in paper.auxiliaryFiles.enumerated() {
            let number = index + 1
            func problem(_ code: String, _ message: String, hint: String? = nil) {
                problems.append(AnnexProblem(code, number: number, name: file.name, file: file.fileURL.path, message, hint: hint))
            }
            guard file.mode != .listed else {
                annexes.append(Annex(number: number, file: file, key: Paper.annexKey(index), content: .listed))
                continue
            }
            let bytes: Data
            do {
                // The same bound the package reader applies to files it opens itself.
                let size = (try FileManager.default.attributesOfItem(atPath: file.fileURL.path)[.size] as? Int) ?? 0
                guard size <= ODFLimits.default.maxTotalSize else {
                    problem(ODFError.Code.limitExceeded.rawValue, "Die Datei ist \(size) Bytes groß; angenommen werden höchstens \(ODFLimits.default.maxTotalSize).",
                            hint: "Hängen Sie eine kleinere Datei an oder einen Link darauf.")
                    continue
                }
                bytes = try Data(contentsOf: file.fileURL)
            } catch {
                problem(ODFError.Code.unreadableFile.rawValue, FileManager.default.fileExists(atPath: file.fileURL.path) ? "Die Datei kann nicht gelesen werden." : "Die Datei gibt es nicht.",
                        hint: "Prüfen Sie den Pfad und die Zugriffsrechte der Datei.")
                continue
            }
            if bytes.starts(with: Array("%PDF-".utf8)) || file.fileURL.pathExtension.lowercased() == "pdf" {
                // qpdf reads it now, so a broken PDF is refused before anything is written rather
                // than breaking the session packet later.
                do {
                    _ = try PDFCheck.validate(bytes, name: file.fileURL.path)
                } catch {
                    let qpdfSaid = error.qpdfMessage.map { " (qpdf: \($0))" } ?? ""
                    switch error.code {
                    case .encrypted:
                        problem(error.code.rawValue, "Die PDF-Datei ist verschlüsselt.",
                                hint: "Speichern Sie sie ohne Passwort; eine verschlüsselte Anlage kann weder archiviert noch in die Sitzungsmappe aufgenommen werden.")
                    case .notPDF:
                        problem(error.code.rawValue, "Die Datei heißt .pdf, ist aber keine PDF-Datei.", hint: "Hängen Sie die echte PDF-Datei an oder ein ODF-Textdokument (.odt).")
                    case .damaged, .qpdf:
                        problem(error.code.rawValue, "Die PDF-Datei ist beschädigt und kann nicht gelesen werden\(qpdfSaid).",
                                hint: "Exportieren oder scannen Sie sie erneut, und hängen Sie die neue Datei an.")
                    default:
                        // No pages, a feature qpdf lacks, or no qpdf at all: the file may well be
                        // sound, so the PDF layer's own words say what to do, not „scan it again“.
                        problem(error.code.rawValue, error.message + qpdfSaid, hint: error.hint)
                    }
                    continue
                }
                if file.mode == .merge {
                    problem(InputError.Code.wrongValue.rawValue, Paper.pdfNotMergeable(file.name), hint: Paper.pdfNotMergeableHint)
                } else {
                    annexes.append(Annex(number: number, file: file, key: Paper.annexKey(index), content: .pdf(bytes)))
                }
                continue
            }
            do {
                let document = try ODFDocument(bytes: bytes, source: file.fileURL.path)
                guard document.mediaType == ODFDocument.textMediaType || document.mediaType == ODFDocument.templateMediaType else {
                    problem(TemplateError.Code.notATextDocument.rawValue, "Die Datei ist ein ODF-Dokument vom Typ \(document.mediaType), kein Textdokument.",
                            hint: "Hängen Sie ein Textdokument (.odt) an, oder exportieren Sie die Datei als PDF.")
                    continue
                }
                annexes.append(Annex(number: number, file: file, key: Paper.annexKey(index), content: .odf(document)))
            } catch {
                switch error.code {
                case .encrypted:
                    problem(error.code.rawValue, "Die Datei ist verschlüsselt.", hint: ODFError.savePlainHint)
                case .notODF, .notAZip:
                    problem(error.code.rawValue, "Die Datei ist weder ein ODF-Textdokument (.odt, .ott, .fodt) noch eine PDF-Datei.", hint: "Speichern Sie sie in LibreOffice als .odt, oder exportieren Sie sie als PDF.")
                default:
                    problem(error.code.rawValue, error.message, hint: error.hint)
                }
            }
        }
        guard problems.isEmpty else { throw PipelineError(.annexes(problems)) }
        self.annexes = annexes
    }

    /// The ODF annex with this key, and whether it keeps its own page layout.
    func document(_ key: String) -> (document: ODFDocument, keepsOwnPageLayout: Bool)? {
        for annex in annexes where annex.key == key {
            if case .odf(let document) = annex.content { return (document, annex.file.keepsOwnPageLayout) }
        }
        return nil
    }

}
