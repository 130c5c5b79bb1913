public import Foundation

/// Checks that a PDF can be used as it is: read by qpdf without repairs, not encrypted, with pages.
public enum PDFCheck {
    /// Returns the page count of `data`, or throws when qpdf cannot read it (damaged, truncated,
    /// repaired on reading), when it is encrypted (even when it opens without a password), when it
    /// is not a PDF at all, or when it has no pages.
    ///
    /// Every object is read and every stream qpdf can decode is decoded, as `qpdf --check` does,
    /// so a file that passes can be copied into a packet without surprises. `name` is the file that
    /// errors name.
    @discardableResult
    public static func validate(_ data: Data, name: String) throws(PDFError) -> Int {
        let document = try QPDFDocument(reading: data, name: name)
        let pages = try document.pageCount()
        guard pages > 0 else { throw PDFError(.noPages, file: name, "Die PDF-Datei hat keine Seiten.") }
        try document.checkWholeFile()
        return pages
    }
}
