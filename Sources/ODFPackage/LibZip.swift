import CLibZip

/// The one place that checks libzip's return values and turns its error records into ``ODFError``s.
enum LibZip {
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
        guard let error else { return ODFError(.zipLibrary, file: file, part: part, "libzip failed while \(action).") }
        let text = String(cString: zip_error_strerror(error))
        switch zip_error_code_zip(error) {
        case ZIP_ER_NOZIP:
            return ODFError(.notAZip, file: file, "is not a zip archive, so it is not an ODF package (.odt/.ott).", hint: "Save it from LibreOffice as .odt, or use a flat .fodt file.")
        case ZIP_ER_EXISTS:
            return ODFError(.duplicateEntry, file: file, part: part, "has two entries with the same name; a consumer cannot know which one is meant.", hint: "Re-save the file with LibreOffice.")
        case ZIP_ER_INCONS, ZIP_ER_CRC, ZIP_ER_EOF, ZIP_ER_COMPNOTSUPP, ZIP_ER_MULTIDISK, ZIP_ER_ZLIB:
            return ODFError(.corruptZip, file: file, part: part, "is a damaged or truncated zip (\(text)) while \(action).", hint: "Re-save it with LibreOffice or ask the sender for an intact copy.")
        case ZIP_ER_ENCRNOTSUPP, ZIP_ER_NOPASSWD, ZIP_ER_WRONGPASSWD:
            return ODFError(.encrypted, file: file, part: part, "is encrypted (\(text)).", hint: "Save the document without a password and try again.")
        case ZIP_ER_MEMORY:
            return ODFError(.limitExceeded, file: file, part: part, "could not be processed: out of memory while \(action).")
        default:
            return ODFError(.zipLibrary, file: file, part: part, "libzip failed while \(action): \(text).")
        }
    }
}
