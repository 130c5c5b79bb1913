import Synchronization

/// A request waiting for its result, owned by the pool until a worker has answered for it.
///
/// ``finish(_:)`` resumes the waiting caller exactly once; whoever learns the outcome first (the
/// worker's answer, a timeout, a crash, the shutdown) wins and later calls do nothing.
final class ConversionJob: Sendable {
    /// The number the worker protocol carries, unique within one converter.
    let id: Int
    let request: ConversionRequest
    private let continuation: Mutex<CheckedContinuation<ConversionResult, Never>?>
    private let wasRetried = Atomic(false)

    init(id: Int, request: ConversionRequest, continuation: CheckedContinuation<ConversionResult, Never>) {
        self.id = id
        self.request = request
        self.continuation = Mutex(continuation)
    }

    /// The input's path, for messages.
    var file: String { request.input.path }

    /// True the first time it is asked: a document whose worker had died before it got the
    /// document goes to another worker once.
    func mayRetry() -> Bool {
        !wasRetried.exchange(true, ordering: .relaxed)
    }

    /// Hands `outcome` to the caller, after `record` has counted it; does nothing when the job had
    /// been finished before.
    func finish(_ outcome: Result<ConversionResult.Converted, ConversionError>,
                record: (Result<ConversionResult.Converted, ConversionError>) -> Void) {
        let waiting = continuation.withLock { continuation in
            defer { continuation = nil }
            return continuation
        }
        guard let waiting else { return }
        // Counted first, so a caller that reads the statistics after its results sees them counted.
        record(outcome)
        waiting.resume(returning: ConversionResult(request: request, outcome: outcome))
    }
}
