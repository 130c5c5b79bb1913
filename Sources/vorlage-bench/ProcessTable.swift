import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The processes of the machine as /proc shows them (Linux): their parents, command lines and
/// resident memory; empty where there is no /proc.
enum ProcessTable {
    /// One process: its id, its parent's id and its command line (arguments joined by spaces).
    struct Entry {
        var pid: Int32
        var parent: Int32
        /// Empty until read (``commandLine(of:)``), and for zombies and kernel threads.
        var commandLine: String
    }

    /// The id of this process.
    static var ownID: Int32 {
        #if canImport(Glibc)
        return getpid()
        #else
        return Int32(ProcessInfo.processInfo.processIdentifier)
        #endif
    }

    /// Every process with its parent; command lines are left empty, reading them all is slow.
    static func parents() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var entries: [Entry] = []
        entries.reserveCapacity(names.count)
        for name in names {
            guard let pid = Int32(name), let stat = contents(of: "/proc/\(name)/stat") else { continue }
            // `pid (comm) state ppid …`: the command name may hold spaces and parentheses.
            guard let end = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = stat[(end + 1)...].split(separator: UInt8(ascii: " "))
            guard fields.count > 1, let parent = Int32(String(decoding: fields[1], as: UTF8.self)) else { continue }
            entries.append(Entry(pid: pid, parent: parent, commandLine: ""))
        }
        return entries
    }

    /// The command line of `pid`, its arguments joined by spaces; nil when it is gone.
    static func commandLine(of pid: Int32) -> String? {
        guard let bytes = contents(of: "/proc/\(pid)/cmdline") else { return nil }
        let arguments = bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.joined(separator: " ")
    }

    /// A `kB` line of /proc/PID/status, such as `VmRSS`; nil when the process is gone or a zombie.
    static func kibibytes(_ key: String, of pid: Int32) -> Int? {
        guard let bytes = contents(of: "/proc/\(pid)/status") else { return nil }
        let prefix = Array("\(key):".utf8)
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.starts(with: prefix) {
            let value = line.dropFirst(prefix.count).split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }).first
            return value.flatMap { Int(String(decoding: $0, as: UTF8.self)) }
        }
        return nil
    }

    /// The `convert-worker` processes whose parent is `ancestor` or a child of it, with their
    /// command lines: the LibreOfficeKit workers of a `PDFConverter` in `ancestor`.
    static func conversionWorkers(of ancestor: Int32 = ownID) -> [Entry] {
        let entries = parents()
        let children = Set(entries.filter { $0.parent == ancestor }.map(\.pid))
        var workers: [Entry] = []
        for var entry in entries where entry.parent == ancestor || children.contains(entry.parent) {
            guard let line = commandLine(of: entry.pid), line.contains("convert-worker") else { continue }
            entry.commandLine = line
            workers.append(entry)
        }
        return workers
    }

    /// The processes below `ancestor` (children, their children, …) and those whose command line
    /// holds `marker`, with their command lines; `ancestor` itself is left out.
    static func descendants(of ancestor: Int32 = ownID, orMentioning marker: String) -> [Entry] {
        let entries = parents()
        var below: Set<Int32> = [ancestor]
        var grew = true
        while grew {
            grew = false
            for entry in entries where !below.contains(entry.pid) && below.contains(entry.parent) {
                below.insert(entry.pid)
                grew = true
            }
        }
        var found: [Entry] = []
        for var entry in entries where entry.pid != ancestor {
            let line = commandLine(of: entry.pid) ?? ""
            guard below.contains(entry.pid) || line.contains(marker) else { continue }
            entry.commandLine = line
            found.append(entry)
        }
        return found
    }

    /// The bytes of a /proc file (whose size /proc reports as 0), read to its end; nil when it
    /// cannot be opened.
    static func contents(of path: String) -> [UInt8]? {
        #if canImport(Glibc)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { Glibc.close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes += buffer[0..<count]
        }
        #else
        return nil
        #endif
    }
}
