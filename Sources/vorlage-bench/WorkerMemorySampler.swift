import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Samples the resident memory (VmRSS) of this process's conversion workers every 100 ms on a
/// thread of its own, from ``start()`` to ``stop()``, and keeps the peaks.
///
/// The workers are found as ``ProcessTable/conversionWorkers(of:)`` finds them: a command line
/// with `convert-worker` and this process or a child of it as the parent.
final class WorkerMemorySampler: Sendable {
    /// What the samples showed.
    struct Summary: Sendable {
        /// How many samples were taken.
        var samples = 0
        /// The workers seen.
        var workers: Set<Int32> = []
        /// The largest VmRSS of one worker in one sample, in KiB.
        var peakWorkerKiB = 0
        /// The largest sum of all workers' VmRSS in one sample, in KiB.
        var peakTotalKiB = 0
    }

    private let summary = Mutex(Summary())
    private let stopping = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    private let intervalMicroseconds: UInt32

    init(intervalMilliseconds: Int = 100) {
        intervalMicroseconds = UInt32(intervalMilliseconds * 1000)
    }

    /// Starts sampling, with a first sample at once.
    func start() {
        let thread = Thread { [self] in
            while !stopping.load(ordering: .acquiring) {
                sample()
                usleep(intervalMicroseconds)
            }
            stopped.signal()
        }
        thread.name = "worker-memory-sampler"
        thread.start()
    }

    /// Stops sampling, waits for the sampling thread to end, and returns what it saw.
    func stop() -> Summary {
        stopping.store(true, ordering: .releasing)
        stopped.wait()
        return summary.withLock { $0 }
    }

    private func sample() {
        let sizes = ProcessTable.conversionWorkers().compactMap { worker in
            ProcessTable.kibibytes("VmRSS", of: worker.pid).map { (worker.pid, $0) }
        }
        summary.withLock { summary in
            summary.samples += 1
            for (pid, kib) in sizes {
                summary.workers.insert(pid)
                summary.peakWorkerKiB = max(summary.peakWorkerKiB, kib)
            }
            summary.peakTotalKiB = max(summary.peakTotalKiB, sizes.reduce(0) { $0 + $1.1 })
        }
    }
}
