public import Foundation

/// What became of one ``ConversionRequest``: the PDF and how long it took, or why there is none.
public struct ConversionResult: Sendable, Hashable {
    /// A PDF that was written.
    public struct Converted: Sendable, Hashable {
        /// The PDF (the request's output).
        public var output: URL
        /// The time LibreOffice took to load the document and write the PDF, as its worker measured it.
        public var duration: Duration

        public init(output: URL, duration: Duration) {
            self.output = output
            self.duration = duration
        }
    }

    public var request: ConversionRequest
    public var outcome: Result<Converted, ConversionError>

    public init(request: ConversionRequest, outcome: Result<Converted, ConversionError>) {
        self.request = request
        self.outcome = outcome
    }

    /// The PDF, when it was written.
    public var output: URL? { try? outcome.get().output }

    /// Why there is no PDF, when there is none.
    public var error: ConversionError? {
        if case .failure(let error) = outcome { return error }
        return nil
    }
}
