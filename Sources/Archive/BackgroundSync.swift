import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Makes staged files durable (`fdatasync`) on threads of its own while the run goes on, so the
/// waits for the disk overlap the rendering of the next documents instead of following it.
///
/// ``BuildFolder`` hands each file over once it is written and closed; ``finish()`` waits until
/// every file handed over is synced and returns the first failure. A sync mostly waits for the
/// disk, so a few threads wait at once; they are started with the first file and end at
/// ``finish()``. The threads are plain threads, not Dispatch's: a sync that blocks must never
/// hold up the worker threads that render.
final class BackgroundSync: Sendable {
    /// How many syncs wait for the disk at once.
    ///
    /// Sixteen, not four: with more syncs waiting at once the disk's queue holds more of them,
    /// and the kernel serves several with one cache flush. When the disk was busy with other
    /// programs' writes (128 MB written just before each run), the commit of the peers' 200
    /// documents waited 23–75 ms for the last syncs with four threads and 6–11 ms with sixteen
    /// (nine runs each, alternating; eight: 6–23 ms, thirty-two: 7–10 ms). On a quiet disk the
    /// runs took as long with either (medians of 41 alternating runs 80.3 and 79.6 ms), at the
    /// cost of some CPU: half again as many context switches (docs/performance.md).
    static let lanes = 16

    private struct State {
        var queue: [(path: String, target: String)] = []
        /// Where the next file to sync stands in ``queue``.
        var next = 0
        var running = 0
        var finishing = false
        var failure: ArchiveError?
    }

    private let state = Mutex(State())
    /// Sync threads that have started and not yet ended.
    private let alive = Atomic<Int>(0)
    /// One signal per file handed over, and one per thread when finishing.
    private let work = DispatchSemaphore(value: 0)
    /// Signalled by each thread as it ends.
    private let ended = DispatchSemaphore(value: 0)
    private let sync: @Sendable (_ path: String, _ target: String) throws(ArchiveError) -> Void

    /// A background sync that calls `sync` for each file, `target` naming it in errors.
    init(sync: @escaping @Sendable (_ path: String, _ target: String) throws(ArchiveError) -> Void) {
        self.sync = sync
    }

    /// Hands over a written and closed file to be synced.
    func add(_ path: String, target: String) {
        let start = state.withLock { state -> Bool in
            state.queue.append((path, target))
            guard state.running < Self.lanes else { return false }
            state.running += 1
            return true
        }
        if start {
            alive.add(1, ordering: .relaxed)
            Thread { [self] in serve() }.start()
        }
        work.signal()
    }

    /// Waits until every file handed over is synced and the threads have ended; throws the first
    /// failure. Files may be handed over again afterwards.
    func finish() throws(ArchiveError) {
        let running = state.withLock { state in
            state.finishing = true
            return state.running
        }
        for _ in 0..<running { work.signal() }
        for _ in 0..<running { ended.wait() }
        let failure = state.withLock { state -> ArchiveError? in
            defer { state = State() }
            return state.failure
        }
        if let failure { throw failure }
    }

    /// Sync threads running now: none after ``finish()``.
    var threads: Int { alive.load(ordering: .relaxed) }

    /// One thread: syncs the next file until there is none and the run is finishing.
    private func serve() {
        // The name `top -H` shows, for whoever looks at a long build.
        Thread.current.name = "vorlage-sync"
        while true {
            work.wait()
            while let file = state.withLock({ state -> (path: String, target: String)? in
                guard state.next < state.queue.count else { return nil }
                defer {
                    state.next += 1
                    // Synced files leave the queue now and then, so it holds only what waits.
                    if state.next >= 256, state.next * 2 >= state.queue.count {
                        state.queue.removeFirst(state.next)
                        state.next = 0
                    }
                }
                return state.queue[state.next]
            }) {
                do throws(ArchiveError) {
                    try sync(file.path, file.target)
                } catch {
                    state.withLock { if $0.failure == nil { $0.failure = error } }
                }
            }
            if state.withLock({ $0.finishing && $0.next >= $0.queue.count }) { break }
        }
        alive.subtract(1, ordering: .relaxed)
        ended.signal()
    }
}
