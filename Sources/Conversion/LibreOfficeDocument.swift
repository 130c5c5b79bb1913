internal import CLibreOfficeKit

/// A document loaded into LibreOfficeKit, closed when the value is released.
///
/// It keeps its ``LibreOffice`` alive, so a document is always closed before LibreOffice ends.
final class LibreOfficeDocument {
    private let handle: LibreOfficeKitCall.Document
    private let office: LibreOffice
    /// The document's path, for messages.
    let file: String

    /// Opens the document at `url` (a file:// URL) in `office`.
    init(office: LibreOffice, url: String, file: String) throws(ConversionError) {
        self.office = office
        self.file = file
        handle = try office.withKit { kit throws(ConversionError) in try LibreOfficeKitCall.load(kit, url: url, file: file) }
    }

    deinit {
        LibreOfficeKitCall.destroy(handle)
    }

    /// Stores the document at `url` with LibreOffice's export filter for `format` and its options.
    func save(to url: String, format: String, options: String) throws(ConversionError) {
        try office.withKit { kit throws(ConversionError) in
            try LibreOfficeKitCall.save(kit, handle, url: url, format: format, options: options, file: file)
        }
    }
}

@available(*, unavailable, message: "LibreOfficeKit is not thread safe; a document stays with its LibreOffice")
extension LibreOfficeDocument: Sendable {}
