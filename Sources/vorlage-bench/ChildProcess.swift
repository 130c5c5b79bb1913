import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end with posix_spawn and wait4, its standard output into a file, and
/// reports its exit status and its peak resident memory (`ru_maxrss` of wait4's rusage).
///
/// glibc's posix_spawn shares the parent's memory until exec (CLONE_VM | CLONE_VFORK), and
/// Linux carries that memory's high-water mark into the child's `ru_maxrss` at exec: the figure is
/// never below the parent's own peak, so the parent stays small (see ``ProcessStatus``).
struct ChildProcess {
    var executable: String
    var arguments: [String]
    /// Where the child's standard output goes.
    var standardOutput: URL
    /// Where the child's standard error goes; nil for the parent's.
    var standardError: URL? = nil

    struct Outcome {
        /// The exit code, or nil when a signal ended the child.
        var exitCode: Int32?
        var signal: Int32?
        /// Peak resident set size in bytes (Linux reports ru_maxrss in KiB).
        var peakResidentBytes: Int
        var wallSeconds: Double
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws(SpawnError) -> Outcome {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, standardOutput.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let standardError {
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, standardError.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        let started = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw SpawnError(description: "wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros that Swift does not import.
        let signal = status & 0x7f
        return Outcome(exitCode: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                       peakResidentBytes: Int(usage.ru_maxrss) * 1024, wallSeconds: wall)
        #else
        throw SpawnError(description: "the meeting benchmark measures child processes with wait4 and needs Linux (Glibc)")
        #endif
    }
}
