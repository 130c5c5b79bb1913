internal import CLibreOfficeKit
#if canImport(Glibc)
import Glibc
#endif

/// The one place that calls LibreOfficeKit's function tables and checks what they return.
///
/// LibreOfficeKit hands out two C structs whose first member points to a table of function
/// pointers; a table entry may be missing in an older LibreOffice (its `nSize` says how much of
/// the table exists). Failures are a NULL handle or a zero `saveAs` result, and the reason is
/// fetched with `getError`, whose documented rule is: "the returned pointer has to be freed by the
/// caller" (with `freeError` since LibreOffice 5.2).
enum LibreOfficeKitCall {
    typealias Kit = UnsafeMutablePointer<LibreOfficeKit>
    typealias Document = UnsafeMutablePointer<LibreOfficeKitDocument>

    /// Loads LibreOffice from `installPath` (its `program` folder) with the user profile at
    /// `profileURL` (a file:// URL); throws when the library or its hook cannot be loaded.
    static func initialise(installPath: String, profileURL: String) throws(ConversionError) -> Kit {
        guard let kit = lok_init_2(installPath, profileURL) else {
            throw ConversionError(.libreOfficeUnavailable, "LibreOfficeKit lässt sich aus \(installPath) mit dem Profil \(profileURL) nicht starten (der Grund steht in der Fehlerausgabe).",
                                  hint: ConversionError.installHint)
        }
        return kit
    }

    /// Ends LibreOfficeKit; `kit` must not be used afterwards.
    static func destroy(_ kit: Kit) {
        kit.pointee.pClass.pointee.destroy?(kit)
    }

    /// Opens the document at `url`; throws with LibreOffice's reason when it cannot.
    static func load(_ kit: Kit, url: String, file: String) throws(ConversionError) -> Document {
        guard let load = kit.pointee.pClass.pointee.documentLoad else { throw missing("documentLoad", file: file) }
        guard let document = load(kit, url) else {
            throw ConversionError(.loadFailed, file: file, "LibreOffice kann das Dokument nicht öffnen" + (lastError(kit).map { " (LibreOffice: \($0))." } ?? "."),
                                  hint: "Prüfen Sie, ob es eine intakte .odt-Datei ist; öffnen Sie es dazu in LibreOffice.")
        }
        return document
    }

    /// Stores `document` at `url` in `format` with the export filter's `options`; throws with
    /// LibreOffice's reason when `saveAs` returns 0.
    static func save(_ kit: Kit, _ document: Document, url: String, format: String, options: String, file: String) throws(ConversionError) {
        guard let saveAs = document.pointee.pClass.pointee.saveAs else { throw missing("saveAs", file: file) }
        guard saveAs(document, url, format, options) != 0 else {
            throw ConversionError(.saveFailed, file: file, "LibreOffice kann \(url) nicht schreiben" + (lastError(kit).map { " (LibreOffice: \($0))." } ?? "."))
        }
    }

    /// Closes a loaded document; `document` must not be used afterwards.
    static func destroy(_ document: Document) {
        document.pointee.pClass.pointee.destroy?(document)
    }

    /// LibreOffice's last error message, freed after copying; nil when there is none.
    static func lastError(_ kit: Kit) -> String? {
        guard let getError = kit.pointee.pClass.pointee.getError, let text = getError(kit) else { return nil }
        let message = String(cString: text)
        if has(\.freeError, in: kit), let freeError = kit.pointee.pClass.pointee.freeError {
            freeError(text)
        } else {
            free(text)
        }
        return message.isEmpty ? nil : message
    }

    /// True when LibreOffice's function table is long enough to hold `member` (`LIBREOFFICEKIT_HAS`).
    private static func has<Member>(_ member: KeyPath<LibreOfficeKitClass, Member>, in kit: Kit) -> Bool {
        guard let offset = MemoryLayout<LibreOfficeKitClass>.offset(of: member) else { return false }
        return offset < kit.pointee.pClass.pointee.nSize
    }

    private static func missing(_ function: String, file: String) -> ConversionError {
        ConversionError(.libreOfficeUnavailable, file: file, "Diese LibreOffice-Version hat kein \(function) in ihrer LibreOfficeKit-Schnittstelle.",
                        hint: "Installieren Sie LibreOffice 7.4 oder neuer.")
    }
}
