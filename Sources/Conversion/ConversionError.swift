/// Why a document could not be converted to PDF, naming the document and what happened.
///
/// Errors carry a ``Code`` so callers and tests can tell a LibreOffice failure from a timeout or a
/// crashed worker without parsing messages, and the input document they belong to.
public struct ConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; a growable set of named values.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// LibreOffice could not be loaded or started (not installed, wrong path, broken profile).
        public static let libreOfficeUnavailable = Code("libreoffice-unavailable")
        /// This process already has a LibreOfficeKit; it allows one per process, and never a second.
        public static let alreadyInitialised = Code("already-initialised")
        /// LibreOffice could not open the document.
        public static let loadFailed = Code("load-failed")
        /// LibreOffice opened the document but could not write the PDF.
        public static let saveFailed = Code("save-failed")
        /// LibreOffice reported success but no PDF is there.
        public static let noOutput = Code("no-output")
        /// The document took longer than the timeout; its worker was killed.
        public static let timeout = Code("timeout")
        /// The worker process ended while converting the document.
        public static let workerCrashed = Code("worker-crashed")
        /// A worker process could not be started or did not get ready.
        public static let workerStartFailed = Code("worker-start-failed")
        /// A worker answered something that is not the protocol.
        public static let protocolViolation = Code("protocol-violation")
        /// The converter was shut down before the document's turn.
        public static let shutDown = Code("shut-down")
        /// A request asked for a test fault from a converter that does not allow them.
        public static let testFaultsDisabled = Code("test-faults-disabled")
    }

    public var code: Code
    /// The document being converted (its path), when the problem belongs to one.
    public var file: String?
    public var message: String
    /// What the reader can do about it.
    public var hint: String?

    public init(_ code: Code, file: String? = nil, _ message: String, hint: String? = nil) {
        self.code = code
        self.file = file
        self.message = message
        self.hint = hint
    }

    /// The same error with the file filled in, for layers that learn the document later.
    public func inFile(_ file: String) -> ConversionError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    /// The line a clerk reads: `file: Fehler [code]: message Hinweis: hint`.
    public var description: String {
        "\(file ?? "LibreOffice"): Fehler [\(code.rawValue)]: \(message)" + (hint.map { " Hinweis: \($0)" } ?? "")
    }

    /// The hint when LibreOffice cannot be started.
    public static let installHint = "Installieren Sie libreoffice-writer-nogui, oder nennen Sie den Programmordner von LibreOffice."
}
