public import Foundation
internal import CLibreOfficeKit
import Synchronization

/// LibreOffice running inside this process through LibreOfficeKit, converting documents to PDF/A.
///
/// LibreOfficeKit allows one instance per process, for the life of the process, and is not thread
/// safe: on 7.4 a second `lok_init_2` returns the same instance (two owners would end it twice), and
/// one started again after `destroy` fails when the process exits. So a second `LibreOffice` in a
/// process is refused with ``ConversionError/Code/alreadyInitialised``. Use one from one thread; for
/// several cores run several processes (``PDFConverter`` does, with ``ConversionWorker``).
///
/// ```swift
/// let office = try LibreOffice(profile: URL(fileURLWithPath: "/tmp/worker-1"))
/// try office.convertToPDF(input: odt, output: pdf)
/// ```
public final class LibreOffice {
    /// Where Debian's LibreOffice keeps `libmergedlo.so`.
    public static let defaultInstallPath = "/usr/lib/libreoffice/program"

    /// The PDF export filter's options for tagged PDF/A-2b, as LibreOffice 7.4 reads them.
    ///
    /// LibreOfficeKit's `saveAs` takes the bare JSON object. The command line's wrapped form
    /// (`pdf:writer_pdf_Export:{…}`) or JSON it cannot parse is ignored without an error and gives
    /// a plain, untagged PDF. Asking for PDF/UA as well makes 7.4 write XMP that PDF/A validators reject.
    public static let pdfA2bOptions = #"{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"}}"#

    /// True once any LibreOffice was created in this process (LibreOfficeKit cannot start twice).
    private static let started = Mutex(false)

    private let kit: LibreOfficeKitCall.Kit
    /// The user profile folder LibreOffice uses (its settings and caches).
    public let profile: URL

    /// Starts LibreOffice from `installPath` with the user profile folder `profile`, created when
    /// missing; takes about a second with a new profile and a fraction of it with a used one.
    public init(profile: URL, installPath: String = LibreOffice.defaultInstallPath) throws(ConversionError) {
        guard FileManager.default.fileExists(atPath: installPath) else {
            throw ConversionError(.libreOfficeUnavailable, "LibreOffice ist nicht unter \(installPath) installiert.",
                                  hint: ConversionError.installHint)
        }
        do {
            try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        } catch {
            throw ConversionError(.libreOfficeUnavailable, file: profile.path, "Der Profilordner für LibreOffice kann nicht angelegt werden.", hint: "Prüfen Sie, ob der Ordner beschreibbar ist.")
        }
        let isFirst = Self.started.withLock { started in
            defer { started = true }
            return !started
        }
        guard isFirst else {
            throw ConversionError(.alreadyInitialised, "Dieser Prozess hat LibreOfficeKit schon gestartet; es erlaubt nur eine Instanz je Prozess.",
                                  hint: "Wandeln Sie in Arbeitsprozessen um (PDFConverter).")
        }
        try Self.prepareProfile(profile)
        kit = try LibreOfficeKitCall.initialise(installPath: installPath, profileURL: profile.absoluteURL.absoluteString)
        self.profile = profile
    }

    deinit {
        LibreOfficeKitCall.destroy(kit)
    }

    /// Converts the document at `input` (.odt or anything LibreOffice opens) to tagged PDF/A-2b at
    /// `output`, replacing a file that is there.
    ///
    /// The PDF takes its title from the document's `dc:title`, its language (`/Lang`) from the
    /// document's default language, and bookmarks from its headings. Missing folders of `output`
    /// are created (LibreOffice does so itself).
    public func convertToPDF(input: URL, output: URL) throws(ConversionError) {
        let file = input.path
        guard FileManager.default.fileExists(atPath: file) else {
            throw ConversionError(.loadFailed, file: file, "Das Dokument gibt es nicht.")
        }
        // A PDF left from an earlier run must not pass for this one's.
        if FileManager.default.fileExists(atPath: output.path) {
            do {
                try FileManager.default.removeItem(at: output)
            } catch {
                throw ConversionError(.saveFailed, file: file, "\(output.path) kann nicht ersetzt werden.", hint: "Prüfen Sie, ob der Ausgabeordner beschreibbar ist.")
            }
        }
        let document = try LibreOfficeDocument(office: self, url: input.absoluteURL.absoluteString, file: file)
        try document.save(to: output.absoluteURL.absoluteString, format: "pdf", options: Self.pdfA2bOptions)
        // saveAs reports the filter's verdict; the file on disk is the proof that a PDF is there.
        let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
        guard size > 0 else {
            throw ConversionError(.noOutput, file: file, "LibreOffice meldete Erfolg, hat aber keine PDF-Datei unter \(output.path) geschrieben.")
        }
    }

    /// Runs `body` with the LibreOfficeKit handle, for the calls in ``LibreOfficeKitCall``.
    func withKit<Result>(_ body: (LibreOfficeKitCall.Kit) throws(ConversionError) -> Result) throws(ConversionError) -> Result {
        try body(kit)
    }
}

@available(*, unavailable, message: "LibreOfficeKit is not thread safe: use a LibreOffice from one thread")
extension LibreOffice: Sendable {}
