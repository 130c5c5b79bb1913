/// A problem with a PDF file, naming the file and saying what is wrong with it.
///
/// Errors carry a ``Code`` so that callers and tests can tell problems apart without parsing
/// messages, and qpdf's own words when qpdf reported the problem.
public struct PDFError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; a growable set of named values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The bytes do not start like a PDF (`%PDF-`), whatever the file is called.
        public static let notPDF = Code("not-pdf")
        /// qpdf cannot read the file, or could read it only by repairing it.
        public static let damaged = Code("damaged")
        /// The file is encrypted, even if it opens without a password.
        public static let encrypted = Code("encrypted")
        /// The file uses a PDF feature qpdf does not support.
        public static let unsupported = Code("unsupported")
        /// The file has no pages.
        public static let noPages = Code("no-pages")
        /// The XMP metadata cannot be changed without guessing at its structure.
        public static let metadata = Code("metadata")
        /// A packet was asked for without any documents.
        public static let emptyPacket = Code("empty-packet")
        /// qpdf failed while changing or writing a file it had read.
        public static let qpdf = Code("qpdf")
    }

    public var code: Code
    /// The file (or the packet part) the problem is in.
    public var file: String
    public var message: String
    /// What qpdf said, verbatim, when the problem came from qpdf.
    public var qpdfMessage: String?

    public init(_ code: Code, file: String, _ message: String, qpdfMessage: String? = nil) {
        self.code = code
        self.file = file
        self.message = message
        self.qpdfMessage = qpdfMessage
    }

    public var description: String {
        var text = "\(file): \(message)"
        if let qpdfMessage { text += " (qpdf: \(qpdfMessage))" }
        return text
    }
}
