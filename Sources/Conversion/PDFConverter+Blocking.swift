import Dispatch
import Synchronization

extension PDFConverter {
    /// Converts every request, blocking the calling thread until all are done; for callers that
    /// are not async (a command's `run()`).
    ///
    /// It must not be called from a task: it blocks a thread the converter's own tasks may need.
    @available(*, noasync, message: "use convert(_:onEach:) in async code")
    public func convertBlocking(_ requests: [ConversionRequest],
                                onEach: @escaping @Sendable (_ index: Int, _ result: ConversionResult) -> Void = { _, _ in }) -> [ConversionResult] {
        waiting { await self.convert(requests, onEach: onEach) }
    }

    /// Ends every worker and removes the profile folders, blocking the calling thread until done.
    @available(*, noasync, message: "use shutdown() in async code")
    public func shutdownBlocking() {
        waiting { await self.shutdown() }
    }

    /// Runs `operation` in a task and blocks until it returns.
    private func waiting<Value: Sendable>(_ operation: @escaping @Sendable () async -> Value) -> Value {
        let result = Mutex<Value?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await operation()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}
