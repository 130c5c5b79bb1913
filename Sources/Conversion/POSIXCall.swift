#if canImport(Glibc)
import Glibc
#endif

/// The one place that checks the return values of the POSIX calls a worker makes.
enum POSIXCall {
    /// Returns `result` when it is not -1; otherwise throws, naming `action` and `errno`'s text.
    @discardableResult
    static func check(_ result: Int32, while action: String, code: ConversionError.Code = .workerStartFailed) throws(ConversionError) -> Int32 {
        guard result == -1 else { return result }
        throw ConversionError(code, "Fehlgeschlagen: \(action) (Systemfehler \(errno)).")
    }

    /// Returns `result` when it is not negative; otherwise throws, naming `action` and `errno`'s text.
    @discardableResult
    static func check(_ result: Int, while action: String, code: ConversionError.Code = .workerStartFailed) throws(ConversionError) -> Int {
        guard result >= 0 else {
            throw ConversionError(code, "Fehlgeschlagen: \(action) (Systemfehler \(errno)).")
        }
        return result
    }

    /// Makes writing to a pipe whose reader has gone fail with EPIPE instead of ending this process
    /// with SIGPIPE, unless the program has chosen what SIGPIPE does itself.
    ///
    /// A worker can die between two documents; the next request written to it must not take the
    /// parent with it. No descriptor-level option exists for pipes on Linux, so this is process-wide.
    static func ignoreBrokenPipes() {
        var current = sigaction()
        // SIG_DFL is the null handler.
        guard sigaction(SIGPIPE, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { return }
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        _ = sigaction(SIGPIPE, &ignore, nil)
    }
}
