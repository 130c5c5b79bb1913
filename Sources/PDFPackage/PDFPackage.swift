internal import CQPDF
enum PDFPackagePlaceholder { static func version() -> String { String(cString: qpdf_get_qpdf_version()) } }
