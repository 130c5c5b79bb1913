public import Foundation

/// One document to convert: the .odt to read and the PDF to write.
public struct ConversionRequest: Sendable, Hashable {
    /// A failure a test can ask a worker to stage, to check that the converter copes with it.
    ///
    /// Workers act on it only when the converter was made with `allowTestFaults`; otherwise the
    /// document fails with ``ConversionError/Code/testFaultsDisabled``.
    public enum Fault: String, Sendable, Hashable, Codable {
        /// The worker stops answering, as LibreOffice does on some documents.
        case hang
        /// The worker raises SIGSEGV; LibreOffice's crash handler ends it (with status 1 on 7.4).
        case crash
        /// LibreOffice is asked to write somewhere it cannot, and reports its own error.
        case fail
        /// The worker writes stray lines on its standard output and error, then converts.
        case noise
    }

    /// The document to convert (.odt, or anything LibreOffice opens).
    public var input: URL
    /// Where the PDF goes; an existing file is replaced, missing folders are created.
    public var output: URL
    /// A staged failure, for tests only.
    public var fault: Fault?

    public init(input: URL, output: URL, fault: Fault? = nil) {
        self.input = input
        self.output = output
        self.fault = fault
    }
}
