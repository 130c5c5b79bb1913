public import Foundation

/// Converts documents to tagged PDF/A-2b in long-lived LibreOfficeKit worker processes.
///
/// Each of the `jobs` slots runs one worker process at a time (`vorlage convert-worker`, started
/// with swift-subprocess), with a LibreOffice profile folder of its own that its later workers
/// reuse. A worker converts many documents; it is killed and replaced when a document takes longer
/// than `timeout`, replaced when it crashes, and restarted after `restartAfter` documents so its
/// memory cannot grow without bound. A document that fails, hangs or crashes its worker is reported
/// in its ``ConversionResult``; the others go on.
///
/// Call ``shutdown()`` when done: it ends every worker, waits for it and removes the profile
/// folders. Releasing the converter starts the same shutdown without waiting, and a worker dies
/// with its parent process in any case, so no LibreOffice outlives the run.
///
/// ```swift
/// let converter = PDFConverter(jobs: 2, executable: PDFConverter.currentExecutable)
/// let results = await converter.convert(requests)
/// await converter.shutdown()
/// ```
public final class PDFConverter: Sendable {
    private let pool: WorkerPool

    /// Prepares a converter; workers start with the first document.
    ///
    /// - Parameters:
    ///   - jobs: How many worker processes convert at once (one per core; at least 1).
    ///   - executable: The `vorlage` executable, which has the hidden `convert-worker` command.
    ///   - timeout: How long one document may take before its worker is killed.
    ///   - restartAfter: How many documents a worker converts before it is replaced (at least 1).
    ///   - profileRoot: The folder for the workers' profile folders (`worker-1`, …); by default a
    ///     new folder under the temporary folder. The workers' folders are removed at shutdown,
    ///     and `profileRoot` too when the converter made it.
    ///   - keepsProfiles: Whether the slots' LibreOffice profiles stay in `profileRoot` after
    ///     shutdown, so the next converter's workers start warm (about 0.15 s instead of 1 s).
    ///   - allowTestFaults: Whether requests may stage a ``ConversionRequest/Fault`` (tests only).
    public init(jobs: Int, executable: URL, timeout: Duration = .seconds(60), restartAfter: Int = 200,
                profileRoot: URL? = nil, keepsProfiles: Bool = false, allowTestFaults: Bool = false) {
        precondition(jobs >= 1, "a converter needs at least one job slot")
        precondition(restartAfter >= 1, "a worker converts at least one document")
        precondition(timeout > .zero, "the timeout must be positive")
        let root = profileRoot ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("vorlage-libreoffice-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)
        pool = WorkerPool(settings: WorkerPool.Settings(
            jobs: jobs, executable: executable, timeout: timeout,
            startTimeout: max(timeout, .seconds(30)), exitGrace: .seconds(10),
            restartAfter: restartAfter, profileRoot: root, ownsProfileRoot: profileRoot == nil,
            keepsProfiles: keepsProfiles && profileRoot != nil, allowTestFaults: allowTestFaults))
    }

    deinit {
        let pool = pool
        Task { await pool.shutdown() }
    }

    /// How many worker processes convert at once.
    public var jobs: Int { pool.settings.jobs }

    /// The folder holding the workers' profile folders.
    public var profileRoot: URL { pool.settings.profileRoot }

    /// What the converter has done so far.
    public var statistics: Statistics { pool.statistics }

    /// Converts every request and returns the results in the order of the requests.
    ///
    /// Documents are spread over the workers as they become free. Requests from several calls at
    /// once share the workers. After ``shutdown()`` every document fails with
    /// ``ConversionError/Code/shutDown``.
    ///
    /// - Parameter onEach: Told each result and its request's index as soon as it is known (in the
    ///   order the documents finish, one call at a time), for progress reports.
    public func convert(_ requests: [ConversionRequest],
                        onEach: @escaping @Sendable (_ index: Int, _ result: ConversionResult) -> Void = { _, _ in }) async -> [ConversionResult] {
        await withTaskGroup(of: (Int, ConversionResult).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask { (index, await self.pool.convert(request)) }
            }
            var results = [ConversionResult?](repeating: nil, count: requests.count)
            for await (index, result) in group {
                results[index] = result
                onEach(index, result)
            }
            return results.map { $0! }
        }
    }

    /// Ends every worker and waits for it, then removes the profile folders.
    ///
    /// Documents still queued fail with ``ConversionError/Code/shutDown``; a document being
    /// converted finishes first (within the timeout). Calling it again does no harm.
    public func shutdown() async {
        await pool.shutdown()
    }

    /// This process's executable, resolved (`/proc/self/exe` on Linux), to pass as `executable`
    /// when the running program is `vorlage` itself.
    public static var currentExecutable: URL {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
