internal import CQPDF

/// libqpdf, loaded the first time a PDF is opened rather than linked (CQPDF.h says why), and the
/// table of its functions that ``QPDFDocument`` calls.
enum QPDFLibrary {
    /// The table C filled once; it is never written again, so every thread may read it.
    private struct Table: @unchecked Sendable {
        let functions: UnsafePointer<vorlage_qpdf_functions>
    }

    /// What loading gave: the table, or what the loader said. Loaded on first use, once.
    private static let loaded: Result<Table, LoadFailure> = {
        var failure: UnsafePointer<CChar>?
        guard let functions = vorlage_qpdf_functions_load(&failure) else {
            return .failure(LoadFailure(reason: failure.map { String(cString: $0) } ?? "unbekannt"))
        }
        return .success(Table(functions: functions))
    }()

    /// Why libqpdf could not be loaded, in the loader's words.
    private struct LoadFailure: Error {
        let reason: String
    }

    /// qpdf's functions; throws for `file`, the document that needed them, when libqpdf cannot be loaded.
    static func functions(for file: String) throws(PDFError) -> vorlage_qpdf_functions {
        switch loaded {
        case .success(let table):
            return table.functions.pointee
        case .failure(let failure):
            throw PDFError(.qpdfMissing, file: file, "Die Bibliothek qpdf, mit der PDF-Dateien geprüft und zusammengestellt werden, lässt sich nicht laden: \(failure.reason).")
        }
    }
}
