extension PDFConverter {
    /// What a converter has done so far, for tests, progress and benchmarks.
    public struct Statistics: Sendable, Hashable {
        /// Worker processes that started and reported LibreOffice ready.
        public var workerStarts = 0
        /// The time those starts took together, from starting the process to its greeting.
        public var workerStartTime: Duration = .zero
        /// Workers ended on purpose after `restartAfter` documents.
        public var restarts = 0
        /// Documents that became PDFs.
        public var converted = 0
        /// Documents that did not, for any reason (counted again below by cause where it applies).
        public var failed = 0
        /// Documents whose worker was killed after the timeout.
        public var timeouts = 0
        /// Documents whose worker ended while converting them.
        public var crashes = 0
        /// The conversion time of the converted documents together, as the workers measured it.
        public var conversionTime: Duration = .zero

        public init() {}

        /// The mean time from starting a worker to its greeting, when one started.
        public var meanWorkerStartTime: Duration? {
            workerStarts > 0 ? workerStartTime / workerStarts : nil
        }

        /// The mean conversion time of a converted document, when one was.
        public var meanConversionTime: Duration? {
            converted > 0 ? conversionTime / converted : nil
        }
    }
}
