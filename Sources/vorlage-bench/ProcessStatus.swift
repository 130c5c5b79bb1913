import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Figures of this process and machine from /proc (Linux); nil where there is no /proc.
enum ProcessStatus {
    /// A `kB` line of /proc/self/status, such as `VmHWM` (peak resident set) or `VmRSS`.
    static func kibibytes(_ key: String) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("\(key):") {
            return Int(line.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
        }
        return nil
    }

    /// The first three fields of /proc/loadavg: the load over 1, 5 and 15 minutes.
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// The processor's model name from /proc/cpuinfo.
    static var cpuModel: String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// User plus system CPU seconds of this process (all threads) so far.
    static var cpuSeconds: Double { cpuSeconds(RUSAGE_SELF) }

    /// User plus system CPU seconds of this process's children that have ended and been waited for.
    static var childrenCPUSeconds: Double { cpuSeconds(RUSAGE_CHILDREN) }

    private static func cpuSeconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
