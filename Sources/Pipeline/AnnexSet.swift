import Council
import Foundation
import ODFPackage
import PDFPackage

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
            func problem(_ message: String, hint: String? = nil) {
                problems.append(AnnexProblem(number: number, name: file.name, file: file.fileURL.path, message, hint: hint))
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
                    problem("is \(size) bytes; at most \(ODFLimits.default.maxTotalSize) are accepted.", hint: "Attach a smaller file or a link to it.")
                    continue
                }
                bytes = try Data(contentsOf: file.fileURL)
            } catch {
                problem("cannot be read: \(error.localizedDescription)", hint: "Check the path and the file's permissions.")
                continue
            }
            if bytes.starts(with: Array("%PDF-".utf8)) || file.fileURL.pathExtension.lowercased() == "pdf" {
                // qpdf reads it now, so a broken PDF is refused before anything is written rather
                // than breaking the session packet later.
                do {
                    _ = try PDFCheck.validate(bytes, name: file.fileURL.path)
                } catch {
                    switch error.code {
                    case .encrypted:
                        problem("is an encrypted PDF.", hint: "Save it without a password; an encrypted annex cannot be archived or joined into the session packet.")
                    case .notPDF:
                        problem("is named .pdf but is not a PDF.", hint: "Attach the real PDF, or an ODF text document (.odt).")
                    default:
                        problem("is a damaged PDF that cannot be read: \(error.message)", hint: "Export or scan it again and attach the new file.")
                    }
                    continue
                }
                if file.mode == .merge {
                    problem("is a PDF, which cannot be merged into the .odt.", hint: "Write mode: separate or mode: listed.")
                } else {
                    annexes.append(Annex(number: number, file: file, key: Paper.annexKey(index), content: .pdf(bytes)))
                }
                continue
            }
            do {
                let document = try ODFDocument(bytes: bytes, source: file.fileURL.path)
                guard document.mediaType == ODFDocument.textMediaType || document.mediaType == ODFDocument.templateMediaType else {
                    problem("is an ODF document of type \(document.mediaType), not a text document.", hint: "Attach a text document (.odt), or export it as PDF.")
                    continue
                }
                annexes.append(Annex(number: number, file: file, key: Paper.annexKey(index), content: .odf(document)))
            } catch {
                switch error.code {
                case .encrypted:
                    problem("is encrypted.", hint: "Save it without a password and try again.")
                case .notODF, .notAZip:
                    problem("is neither an ODF text document (.odt, .ott, .fodt) nor a PDF.", hint: "Save it from LibreOffice as .odt, or export it as PDF.")
                default:
                    problem("cannot be read: \(error.message)", hint: error.hint)
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
