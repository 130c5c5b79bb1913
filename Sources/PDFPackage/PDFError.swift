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
        /// libqpdf is not installed, or lacks a function this layer calls.
        public static let qpdfMissing = Code("qpdf-missing")
    }

    public var code: Code
    /// The file (or the packet part) the problem is in.
    public var file: String
    public var message: String
    /// What qpdf said, verbatim, when the problem came from qpdf.
    public var qpdfMessage: String?
    /// What the reader can do about it.
    public var hint: String?

    public init(_ code: Code, file: String, _ message: String, qpdfMessage: String? = nil, hint: String? = nil) {
        self.code = code
        self.file = file
        self.message = message
        self.qpdfMessage = qpdfMessage
        self.hint = hint ?? Self.hints[code]
    }

    /// The line a clerk reads: `file: Fehler [code]: message (qpdf: …) Hinweis: hint`.
    public var description: String {
        var text = "\(file): Fehler [\(code.rawValue)]: \(message)"
        if let qpdfMessage { text += " (qpdf: \(qpdfMessage))" }
        if let hint { text += " Hinweis: \(hint)" }
        return text
    }

    /// What to do, for the problems a clerk's own PDF can have.
    static let hints: [Code: String] = [
        .notPDF: "Hängen Sie die Anlage als PDF-Datei an, oder nennen Sie die Datei passend zu ihrem Inhalt.",
        .damaged: "Erzeugen Sie die PDF-Datei neu, oder bitten Sie den Absender um eine intakte Kopie.",
        .encrypted: "Speichern Sie die PDF-Datei ohne Passwort und ohne Einschränkungen.",
        .unsupported: "Speichern Sie die PDF-Datei mit einem anderen Programm neu, etwa als PDF/A.",
        .noPages: "Hängen Sie eine PDF-Datei mit mindestens einer Seite an.",
        .qpdfMissing: "Installieren Sie qpdf (unter Debian: apt install qpdf) oder bitten Sie die Systembetreuung darum; liegt die Bibliothek anderswo, nennen Sie ihre Datei in der Umgebungsvariablen „VORLAGE_LIBQPDF“.",
    ]
}
