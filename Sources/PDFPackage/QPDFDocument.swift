internal import CQPDF
import Foundation

/// One PDF held by qpdf: the owner of a `qpdf_data`, and the one place that checks qpdf's calls.
///
/// qpdf's C API reports failure in two ways: some functions return a status, and every function
/// leaves an error on the `qpdf_data` ("The only way to know whether a function that does not return
/// an error code has encountered an error is to call qpdf_has_error after each function", qpdf-c.h).
/// ``call(failure:_:)`` asks after every call, so no status code is read anywhere else. Errors are
/// silenced (not printed to standard error) and warnings suppressed (not printed, but kept): qpdf's
/// warnings mean it repaired something, and this layer refuses what it would have to repair.
///
/// Ownership, from qpdf-c.h: "All dynamic memory, except for that of the qpdf_data object itself,
/// is managed by the library"; strings it returns "are pointers to data inside the qpdf_data object"
/// that the next call may invalidate, so every `char const*` is copied into a `String` inside the
/// closure that received it.
///
/// Not `Sendable`: "you may not access one qpdf_data simultaneously from multiple threads".
final class QPDFDocument {
    /// qpdf's functions (``QPDFLibrary``), called as `api.qpdf_…`, the names of qpdf-c.h.
    let api: vorlage_qpdf_functions
    /// The qpdf handle. Use it only inside ``call(failure:_:)``.
    private(set) var handle: qpdf_data?
    /// The name errors give for this document: a file name, or the title of a packet's part.
    let name: String
    /// The bytes qpdf reads from. `qpdf_read_memory` does not copy them: qpdf reads objects lazily,
    /// and stream data copied into another document is read from here when that document is
    /// written. So they live exactly as long as this object, and a document that pages were copied
    /// from must outlive the write of the document they were copied into.
    private var input: UnsafeMutableRawBufferPointer?

    /// An empty qpdf handle; ``read(_:)`` fills it. Loads libqpdf if this is the first document.
    private init(name: String) throws(PDFError) {
        self.name = name
        api = try QPDFLibrary.functions(for: name)
        handle = api.qpdf_init()
        api.qpdf_silence_errors(handle)
        api.qpdf_set_suppress_warnings(handle, QPDF_TRUE)
    }

    deinit {
        api.qpdf_cleanup(&handle)
        input?.deallocate()
    }

    /// Reads a PDF from memory, refusing what is not a PDF, what is encrypted and what qpdf could
    /// read only by repairing it.
    convenience init(reading bytes: Data, name: String) throws(PDFError) {
        guard Self.hasPDFHeader(bytes) else {
            throw PDFError(.notPDF, file: name, "Die Datei ist keine PDF-Datei: sie beginnt nicht mit %PDF-.")
        }
        try self.init(name: name)
        try read(bytes)
    }

    /// The version of the qpdf library, such as "11.3.0"; loads libqpdf if no document did.
    static var libraryVersion: String {
        get throws(PDFError) {
            Self.string(try QPDFLibrary.functions(for: "qpdf").qpdf_get_qpdf_version())
        }
    }

    /// A text qpdf returned, copied; "" where it returned none (qpdf-c.h promises one for every
    /// call made here, but through the table of functions the pointer comes without that promise).
    static func string(_ text: UnsafePointer<CChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }

    /// True when `%PDF-` occurs within the first 1024 bytes, where PDF readers look for the header.
    static func hasPDFHeader(_ bytes: Data) -> Bool {
        let head = bytes.prefix(1024)
        return head.firstRange(of: Data("%PDF-".utf8)) != nil
    }

    private func read(_ bytes: Data) throws(PDFError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        bytes.copyBytes(to: buffer)
        input = buffer
        let base = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
        // A null password: a file that needs none opens, one that needs a user password fails.
        try call(failure: .damaged) { api.qpdf_read_memory($0, name, base, UInt64(bytes.count), nil) }
        let repairs = takeWarnings()
        guard repairs.isEmpty else {
            throw PDFError(.damaged, file: name, "Die PDF-Datei ist beschädigt: qpdf konnte sie nur durch Reparieren lesen.",
                           qpdfMessage: repairs.joined(separator: "; "))
        }
        if try call({ api.qpdf_is_encrypted($0) }) != QPDF_FALSE {
            throw PDFError(.encrypted, file: name, "Die PDF-Datei ist verschlüsselt.")
        }
    }

    /// Runs one qpdf call and throws the error it left on the handle.
    ///
    /// `failure` classifies errors that are not about passwords or unsupported features: reading
    /// passes `.damaged`, changing and writing keep `.qpdf`.
    @discardableResult
    func call<Result>(failure: PDFError.Code = .qpdf, _ body: (qpdf_data?) -> Result) throws(PDFError) -> Result {
        let result = body(handle)
        guard api.qpdf_has_error(handle) != QPDF_FALSE, let error = api.qpdf_get_error(handle) else { return result }
        let text = Self.string(api.qpdf_get_error_full_text(handle, error))
        switch api.qpdf_get_error_code(handle, error) {
        case qpdf_e_password:
            throw PDFError(.encrypted, file: name, "Die PDF-Datei ist verschlüsselt und lässt sich nur mit Passwort öffnen.", qpdfMessage: text)
        case qpdf_e_unsupported:
            throw PDFError(.unsupported, file: name, "Die PDF-Datei verwendet eine Funktion, die qpdf nicht unterstützt.", qpdfMessage: text)
        default:
            let message = failure == .damaged ? "Die Datei lässt sich nicht als PDF lesen: sie ist beschädigt oder abgeschnitten." : "qpdf kann die PDF-Datei nicht verarbeiten."
            throw PDFError(failure, file: name, message, qpdfMessage: text)
        }
    }

    /// The warnings qpdf has collected since the last time they were taken, as its full texts.
    func takeWarnings() -> [String] {
        var warnings: [String] = []
        while api.qpdf_more_warnings(handle) != QPDF_FALSE, let warning = api.qpdf_next_warning(handle) {
            warnings.append(Self.string(api.qpdf_get_error_full_text(handle, warning)))
        }
        return warnings
    }

    /// Throws when qpdf warned since the last check: it repaired or skipped something.
    func refuseWarnings(while action: String) throws(PDFError) {
        let warnings = takeWarnings()
        guard warnings.isEmpty else {
            throw PDFError(.damaged, file: name, "Die PDF-Datei ist beschädigt: qpdf hat \(action) gewarnt.",
                           qpdfMessage: warnings.joined(separator: "; "))
        }
    }

    /// Reads every object and decodes every page's content, as `qpdf --check` does, and throws
    /// when that fails or warns.
    ///
    /// `qpdf_check_pdf` writes the whole file to nowhere, decoding every stream it can; but where
    /// decoding fails it quietly writes the stream undecoded, so a broken content stream passes it.
    /// Decoding each page's content (what `qpdf --check` does next) finds those.
    func checkWholeFile() throws(PDFError) {
        try call(failure: .damaged) { api.qpdf_check_pdf($0) }
        try refuseWarnings(while: "beim Lesen aller Objekte")
        for (index, page) in try pages().enumerated() {
            _ = try decodedContents(of: page)
            try refuseWarnings(while: "beim Entschlüsseln des Inhalts von Seite \(index + 1)")
        }
    }

    /// The PDF version from the file's header, such as "1.6".
    func pdfVersion() throws(PDFError) -> String {
        try call { Self.string(api.qpdf_get_pdf_version($0)) }
    }

    /// Writes the document into memory with a deterministic `/ID` (a digest of the written
    /// content, not of the clock and file name) and returns the bytes.
    ///
    /// qpdf keeps the first half of an existing `/ID`; remove it from the trailer first to get an
    /// `/ID` that depends on the content alone. qpdf's other defaults are kept: streams already
    /// compressed with Flate are copied as they are, uncompressed ones are compressed, and the XMP
    /// metadata stream is written uncompressed (as PDF/A readers expect).
    func write(minimumVersion: String? = nil) throws(PDFError) -> Data {
        try call { api.qpdf_init_write_memory($0) }
        try call { api.qpdf_set_deterministic_ID($0, QPDF_TRUE) }
        if let minimumVersion {
            try call { api.qpdf_set_minimum_pdf_version($0, minimumVersion) }
        }
        try call { api.qpdf_write($0) }
        try refuseWarnings(while: "beim Schreiben")
        return try call { handle -> Data in
            let length = api.qpdf_get_buffer_length(handle)
            guard length > 0, let bytes = api.qpdf_get_buffer(handle) else { return Data() }
            return Data(bytes: bytes, count: length)
        }
    }
}

@available(*, unavailable, message: "a qpdf_data must not be used from two threads; open one document per task")
extension QPDFDocument: Sendable {}
