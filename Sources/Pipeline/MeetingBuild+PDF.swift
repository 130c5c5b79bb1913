public import Foundation
import Archive
import Conversion
import Council
import Dispatch
import PDFPackage
import Synchronization
import Templating

/// How a build makes PDF/A copies and session packets.
public struct PDFOptions: Sendable {
    /// The `vorlage` executable that runs the conversion workers.
    public var executable: URL
    /// Seconds one document may take before its worker is killed and replaced.
    public var timeout: Double
    /// Whether requests may carry test faults (tests only).
    public var allowTestFaults: Bool
    /// Test faults by file name of the document (tests only).
    public var faults: [String: String]

    public init(executable: URL, timeout: Double = 120, allowTestFaults: Bool = false, faults: [String: String] = [:]) {
        self.executable = executable
        self.timeout = timeout
        self.allowTestFaults = allowTestFaults
        self.faults = faults
    }
}

extension MeetingBuild {
    /// Converts every ODF document of the meeting to tagged PDF/A-2b in LibreOfficeKit worker
    /// processes, makes each PDF reproducible, and joins the session packets.
    ///
    /// A document whose .odt did not change and whose PDF is there keeps that PDF. A document
    /// that fails to convert is reported like any other failure; the packets are then not built,
    /// because a packet must never be half right.
    func makePDFs(_ run: BuildRun, options: PDFOptions, progress: @escaping @Sendable (Progress) -> Void) {
        let work = run.target.appendingPathComponent(BuildFolder.controlFolderName).appendingPathComponent("pdf-work")
        defer { try? FileManager.default.removeItem(at: work) }
        try? FileManager.default.removeItem(at: work)
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            run.fail(work.path, [Phrase.line(location: work.path, code: "write-failed", message: "Der Ordner für die Umwandlung kann nicht angelegt werden.",
                                              hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")])
            return
        }

        // Which documents need converting, and which keep their PDF.
        var pending: [(place: DocumentPlace, request: ConversionRequest)] = []
        for place in run.documentPlaces() {
            let document = run.document(at: place)
            guard document.isODF else { continue }
            let pdfName = Self.pdfName(of: document.record.requestedName)
            if document.record.status == .unchanged || document.record.status == .issuedUnchanged, let existing = run.stage.current(pdfName) {
                run.setPDF(existing, at: place)
                continue
            }
            // LibreOffice recognises a document by its name, so the staged bytes are linked under it.
            let input = work.appendingPathComponent(document.record.fileName)
            let source = run.stage.currentLocation(of: document.record.fileName)
            do {
                if (try? FileManager.default.linkItem(at: source, to: input)) == nil {
                    try FileManager.default.copyItem(at: source, to: input)
                }
            } catch {
                run.fail(document.record.fileName, [Phrase.line(location: document.record.fileName, code: "write-failed", message: "Die Umwandlung kann nicht vorbereitet werden.",
                                                                 hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")])
                continue
            }
            let fault = options.faults[document.record.requestedName].flatMap(ConversionRequest.Fault.init(rawValue:))
            pending.append((place, ConversionRequest(input: input, output: work.appendingPathComponent(pdfName), fault: fault)))
        }

        if !pending.isEmpty {
            // The workers' LibreOffice profiles live in the build folder's own records, so two
            // meetings built at once never share one; they are kept for the next build, whose
            // workers then start in a fraction of the time.
            let converter = PDFConverter(jobs: min(jobs, pending.count), executable: options.executable,
                                         timeout: .milliseconds(Int(options.timeout * 1000)),
                                         profileRoot: run.target.appendingPathComponent(BuildFolder.controlFolderName).appendingPathComponent("libreoffice"),
                                         keepsProfiles: true, allowTestFaults: options.allowTestFaults)
            let results = Self.convert(pending.map(\.request), with: converter, progress: progress)
            converter.shutdownBlocking()
            for ((place, _), result) in zip(pending, results) {
                let document = run.document(at: place)
                switch result.outcome {
                case .failure(let error):
                    run.fail(document.record.fileName, [error.description])
                case .success(let converted):
                    do {
                        let normalized = try Self.reproduciblePDF(at: converted.output, date: document.date, title: document.title, name: document.record.fileName)
                        run.setPDF(try run.stage.stage(normalized, as: Self.pdfName(of: document.record.requestedName)), at: place)
                        run.pdfFiles.append(run.document(at: place).pdf!)
                    } catch let error as PDFError {
                        run.fail(document.record.fileName, [error.description])
                    } catch let error as ArchiveError {
                        run.fail(error.file, [error.description])
                    } catch {
                        run.fail(document.record.fileName, [Phrase.line(location: document.record.fileName, code: "unreadable-pdf", message: "Die umgewandelte PDF-Datei kann nicht gelesen werden.", hint: nil)])
                    }
                }
            }
        }
        makePackets(run)
    }

    /// The bytes of a converted PDF, stamped with the document's date and title and freed of
    /// LibreOffice's clock-based and random bytes.
    static func reproduciblePDF(at url: URL, date: CivilDate, title: String, name: String) throws -> Data {
        try PDFNormalizer.normalize(Data(contentsOf: url), date: date.midnightInBerlin, title: title, name: name)
    }

    /// The PDF's name beside an .odt: `integrationszentrum.pdf`.
    static func pdfName(of odtName: String) -> String {
        URL(fileURLWithPath: odtName).deletingPathExtension().appendingPathExtension("pdf").lastPathComponent
    }

    /// Converts on the converter's workers, reporting each document as it is done.
    private static func convert(_ requests: [ConversionRequest], with converter: PDFConverter,
                                progress: @escaping @Sendable (Progress) -> Void) -> [ConversionResult] {
        let started = DispatchTime.now().uptimeNanoseconds
        let finished = Counter()
        return converter.convertBlocking(requests) { _, result in
            let count = finished.increment()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            progress(Progress(done: count, total: requests.count, current: result.request.input.lastPathComponent, elapsed: elapsed,
                              remaining: elapsed / Double(count) * Double(requests.count - count), phase: "PDF"))
        }
    }

    /// Joins the complete packet and, for a public meeting, the public one: the invitation first,
    /// then each agenda item's paper and its annexes in agenda order, a bookmark per item.
    func makePackets(_ run: BuildRun) {
        let meeting = run.folder.meeting
        guard run.failures.isEmpty else {
            run.fail(run.target.appendingPathComponent(run.packetName(publicOnly: false)).path,
                     [Phrase.line(location: run.target.appendingPathComponent(run.packetName(publicOnly: false)).path, code: "packets-not-built",
                                  message: "Die Sitzungsmappen wurden nicht erzeugt, weil Dokumente der Sitzung Probleme haben (siehe oben).", hint: "Beheben Sie zuerst diese Probleme.")])
            return
        }
        var variants = [false]
        if meeting.isPublic { variants.append(true) }
        for publicOnly in variants {
            let name = run.packetName(publicOnly: publicOnly)
            do {
                let parts = try run.packetParts(publicOnly: publicOnly)
                let title = publicOnly ? "Sitzungsmappe (öffentlich): \(meeting.name)"
                    : "Sitzungsmappe (vollständig, nicht zur Veröffentlichung): \(meeting.name)"
                let bytes = try PDFPacket.build(parts: parts, title: title, date: meeting.invitationDate.midnightInBerlin)
                let record = try run.stage.stage(bytes, as: name)
                run.packets.append(BuiltDocument(record: record, title: title, mimeType: RenderedFile.pdfMimeType, date: meeting.invitationDate,
                                                 isPublic: publicOnly || !run.hasNonPublicMaterial))
                run.pdfFiles.append(record)
            } catch let error as PDFError {
                run.fail(run.target.appendingPathComponent(name).path, [error.description])
            } catch let error as ArchiveError {
                run.fail(error.file, [error.description])
            } catch {
                run.fail(run.target.appendingPathComponent(name).path, [Phrase.line(location: run.target.appendingPathComponent(name).path, code: "packet-incomplete", message: "\(error)", hint: nil)])
            }
        }
    }
}

/// Counts documents as they are done, from several tasks.
private final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() -> Int { count.add(1, ordering: .relaxed).newValue }
}
