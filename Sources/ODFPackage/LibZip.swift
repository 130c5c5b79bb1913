import CLibZip

/// The one place that checks libzip's return values and turns its error records into ``ODFError``s.
enum LibZip {
    /// Opens an archive from a source, as `zip_open_from_source` does, safely from any thread.
    ///
    /// libzip up to 1.8 (Debian 12 has 1.7.3) fills two static variables on its first
    /// `zip_open_from_source` without a lock (nih-at/libzip#289): two threads opening their first
    /// archives at once could see one filled and the other not, and an archive to write then
    /// failed as „Read-only archive“ (seen once in 40 runs of the peers' benchmark, always on the
    /// first document). One open inside a static initializer, which other threads wait for, fills
    /// them before any other.
    static func open(_ source: OpaquePointer, flags: Int32, error: UnsafeMutablePointer<zip_error_t>) -> OpaquePointer? {
        _ = staticsFilled
        return zip_open_from_source(source, flags, error)
    }

    /// Swift runs a static initializer once, and other threads wait for it.
    private static let staticsFilled: Bool = {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(nil, 0, 0, &error) else { return false }
        if let archive = zip_open_from_source(source, ZIP_TRUNCATE, &error) {
            zip_discard(archive)
        } else {
            zip_source_free(source)
        }
        return true
    }()

    /// Throws when a libzip call that returns 0 on success failed.
    static func check(_ result: Int32, _ archive: OpaquePointer, file: String, part: String? = nil, while action: String) throws(ODFError) {
        guard result == 0 else { throw error(zip_get_error(archive), file: file, part: part, while: action) }
    }

    /// Throws when a libzip call that returns an index (or -1) failed; returns the index.
    @discardableResult
    static func check(_ result: Int64, _ archive: OpaquePointer, file: String, part: String? = nil, while action: String) throws(ODFError) -> Int64 {
        guard result >= 0 else { throw error(zip_get_error(archive), file: file, part: part, while: action) }
        return result
    }

    /// The ``ODFError`` for a libzip error record, classified by its code.
    static func error(_ error: UnsafeMutablePointer<zip_error_t>?, file: String, part: String? = nil, while action: String) -> ODFError {
        guard let error else { return ODFError(.zipLibrary, file: file, part: part, "Die Zip-Bibliothek (libzip) ist \(action) gescheitert.") }
        let text = String(cString: zip_error_strerror(error))
        switch zip_error_code_zip(error) {
        case ZIP_ER_NOZIP:
            return ODFError(.notAZip, file: file, "Die Datei ist kein Zip-Archiv und damit kein ODF-Paket (.odt/.ott).", hint: "Speichern Sie sie in LibreOffice als .odt, oder verwenden Sie eine flache .fodt-Datei.")
        case ZIP_ER_EXISTS:
            return ODFError(.duplicateEntry, file: file, part: part, "Das Paket hat zwei Einträge mit demselben Namen; welcher gemeint ist, lässt sich nicht sagen.", hint: "Speichern Sie die Datei in LibreOffice neu.")
        case ZIP_ER_INCONS, ZIP_ER_CRC, ZIP_ER_EOF, ZIP_ER_COMPNOTSUPP, ZIP_ER_MULTIDISK, ZIP_ER_ZLIB:
            return ODFError(.corruptZip, file: file, part: part, "Das Zip-Archiv ist beschädigt oder abgeschnitten (\(text), \(action)).", hint: "Speichern Sie die Datei in LibreOffice neu, oder bitten Sie den Absender um eine intakte Kopie.")
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
            return ODFError(.encrypted, file: file, part: part, "Die Datei ist verschlüsselt (\(text)).", hint: ODFError.savePlainHint)
        case ZIP_ER_MEMORY:
            return ODFError(.limitExceeded, file: file, part: part, "Die Datei lässt sich nicht verarbeiten: zu wenig Arbeitsspeicher \(action).")
        default:
            return ODFError(.zipLibrary, file: file, part: part, "Die Zip-Bibliothek (libzip) ist \(action) gescheitert: \(text).")
        }
    }
}
