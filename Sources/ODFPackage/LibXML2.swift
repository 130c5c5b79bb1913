import Foundation
import CLibXML2

/// The one place that initializes libxml2 and turns its error records into ``ODFError``s.
enum LibXML2 {
    /// `xmlInitParser` must run once before any parsing; Swift runs a static initializer once.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() {
        _ = initialized
    }

    /// The parse error recorded in `context` (not the global last error, which other threads share).
    static func parseError(_ context: xmlParserCtxtPtr, partName: String) -> ODFError {
        guard let error = xmlCtxtGetLastError(context) else {
            return ODFError(.malformedXML, part: partName, "Der Teil ist kein wohlgeformtes XML.", hint: ODFError.resaveHint)
        }
        let message = error.pointee.message.map { String(cString: $0) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unbekannter Fehler"
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        let code = error.pointee.code
        if code == Int32(XML_ERR_ENTITY_LOOP.rawValue) || code == Int32(XML_ERR_ENTITY_BOUNDARY.rawValue)
            || message.contains("entit")
        {
            return ODFError(.forbiddenMarkup, part: partName, line: line, "Der Teil verwendet Entitäten, die ODF nicht erlaubt (libxml2: \(message)).", hint: ODFError.resaveHint)
        }
        return ODFError(
            .malformedXML, part: partName, line: line,
            "Der Teil ist kein wohlgeformtes XML (Spalte \(column); libxml2: \(message)).",
            hint: "Die Datei ist beschädigt; öffnen Sie sie in LibreOffice, und speichern Sie sie neu.")
    }

    /// The bytes of a serialization libxml2 returned as `buffer` and `size`, freeing the buffer.
    ///
    /// A missing buffer or an empty result (a document always has at least its root) means
    /// libxml2 failed, usually for want of memory; it is an error, never an empty part.
    static func takeSerialization(_ buffer: UnsafeMutablePointer<xmlChar>?, size: Int32, partName: String) throws(ODFError) -> Data {
        guard let buffer else {
            throw ODFError(.writeFailed, part: partName, "Der Teil kann nicht als XML geschrieben werden (libxml2 lieferte nichts; zu wenig Arbeitsspeicher?).")
        }
        defer { vorlage_xml_free(buffer) }
        guard size > 0 else {
            throw ODFError(.writeFailed, part: partName, "Der Teil kann nicht als XML geschrieben werden (libxml2 lieferte \(size) Bytes).")
        }
        return Data(bytes: buffer, count: Int(size))
    }

    /// Copies and frees a string libxml2 allocated.
    static func takeString(_ pointer: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        defer { vorlage_xml_free(pointer) }
        return String(cString: pointer)
    }
}
