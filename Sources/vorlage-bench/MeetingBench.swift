import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `vorlage-bench meeting [--sizes 200,1000,10000] [--jobs N] [--annex-every K]`: `vorlage build`
/// on generated meetings (``MeetingGenerator``), one child process per size (``MeetingChild``) so
/// that each size's peak memory is its own. Prints papers per second, the latency percentiles of
/// one paper (render and stage) and the peak resident memory of each size.
enum MeetingBench {
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    /// One size's figures.
    struct Row {
        var size: Int
        var jobs: Int
        var result: MeetingChild.Result?
        var outcome: ChildProcess.Outcome?
        /// Why there is no result, when there is none.
        var problem: String?

        var succeeded: Bool { problem == nil && result?.failures.isEmpty == true && outcome?.exitCode == 0 }
    }

    /// Returns the exit status: 0 when every size built without failures.
    static func run(_ arguments: [String]) throws -> Int32 {
        let sizes = try option("--sizes", in: arguments).map(parseSizes) ?? [200, 1_000, 10_000]
        let jobs = try option("--jobs", in: arguments).map { try positive($0, "--jobs") } ?? ProcessInfo.processInfo.activeProcessorCount
        let annexEvery = try option("--annex-every", in: arguments).map { text -> Int in
            guard let value = Int(text), value >= 0 else { throw UsageError(description: "--annex-every needs a number ≥ 0 (0: no annexes), not „\(text)“") }
            return value
        } ?? 10

        printMachine()
        print("Meetings: papers/p00001.yaml … with the text of 50/2403/XV/2013, references 50/<serial>/XV/2013, "
            + (annexEvery > 0 ? "every \(annexEvery)th paper merging its own copy of the example's ODF annex (\(BenchPaths.seedAnnex.lastPathComponent))."
                              : "no annexes."))
        print("Each size builds in its own process (`meeting-child`); latency = one paper rendered and staged; papers/s = papers / wall time of MeetingBuild.run() (reading and checking the folder, papers, invitation, manifest, fsync).")

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vorlage-bench-meeting-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var rows: [Row] = []
        for size in sizes {
            rows.append(try measure(size: size, jobs: jobs, annexEvery: annexEvery, in: scratch))
        }

        print("")
        printTable(rows)
        if let parentPeak = ProcessStatus.kibibytes("VmHWM") {
            print(String(format: "peak RSS: ru_maxrss of the child from wait4. It includes the parent's peak at spawn time (posix_spawn shares its memory until exec); this parent's VmHWM is %.1f MiB. child HWM: the child's own VmHWM from /proc/self/status.", Double(parentPeak) / 1024))
        }
        print("load average at the end: \(ProcessStatus.loadAverage)")

        var allBuilt = true
        for row in rows where !row.succeeded {
            allBuilt = false
            print("\n\(row.size) papers: the build did not succeed.")
            if let problem = row.problem { print("  \(problem)") }
            for failure in row.result?.failures ?? [] {
                print("  - \(failure.file)")
                for problem in failure.problems { print("      \(problem)") }
            }
        }
        return allBuilt ? 0 : 1
    }

    /// Generates the meeting of one size, builds it in a child process and removes it again.
    static func measure(size: Int, jobs: Int, annexEvery: Int, in scratch: URL) throws -> Row {
        let folder = scratch.appendingPathComponent("n\(size)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let meeting = folder.appendingPathComponent("kreistag-2013-03-06-n\(size)")
        let output = folder.appendingPathComponent("build")
        let resultFile = folder.appendingPathComponent("result.json")
        let generator = MeetingGenerator(papers: size, annexEvery: annexEvery)
        let generating = DispatchTime.now().uptimeNanoseconds
        try generator.write(to: meeting)
        let generated = Double(DispatchTime.now().uptimeNanoseconds - generating) / 1e9
        print(String(format: "%6d papers (%d with an annex): generated in %.1f s, building with %d jobs …", size, generator.annexed, generated, jobs))

        var row = Row(size: size, jobs: jobs)
        let child = ChildProcess(executable: CommandLine.arguments[0], arguments: ["meeting-child", meeting.path, output.path, String(jobs)],
                                 standardOutput: resultFile)
        do {
            row.outcome = try child.run()
        } catch {
            row.problem = error.description
            return row
        }
        let lastLine = (try? String(contentsOf: resultFile, encoding: .utf8))?.split(separator: "\n").last
        if let lastLine, let result = try? JSONDecoder().decode(MeetingChild.Result.self, from: Data(lastLine.utf8)) {
            row.result = result
            if result.warnings > 0 { print("       \(result.warnings) warnings from the meeting's checks") }
        }
        if let outcome = row.outcome, outcome.exitCode != 0 {
            let how = outcome.signal.map { "was ended by signal \($0)" } ?? "exited with status \(outcome.exitCode ?? -1)"
            row.problem = "the child process \(how)\(row.result == nil ? " and reported no figures (its messages are above)" : "")."
        } else if row.result == nil {
            row.problem = "the child process reported no figures."
        }
        return row
    }

    static func printMachine() {
        let info = ProcessInfo.processInfo
        print("Machine: \(info.activeProcessorCount) of \(info.processorCount) cores active, \(machineArchitecture()), \(ProcessStatus.cpuModel ?? "unknown CPU"); \(info.operatingSystemVersionString)")
        print("Load average at the start (1, 5, 15 min): \(ProcessStatus.loadAverage)")
    }

    /// What `uname -m` prints.
    static func machineArchitecture() -> String {
        #if canImport(Glibc)
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        return withUnsafeBytes(of: &names.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        #else
        return "unknown"
        #endif
    }

    static func printTable(_ rows: [Row]) {
        let header = ["papers", "jobs", "build s", "papers/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "peak RSS MiB", "child HWM MiB", "built"]
        var lines = [header]
        for row in rows {
            var cells = [String(row.size), String(row.jobs)]
            if let result = row.result {
                let sorted = result.latencies.sorted()
                cells += [String(format: "%.2f", result.seconds),
                          String(format: "%.1f", Double(result.papers) / result.seconds)]
                cells += [50.0, 90, 99, 100].map { String(format: "%.1f", percentile($0, of: sorted) * 1000) }
            } else {
                cells += Array(repeating: "-", count: 6)
            }
            cells.append(row.outcome.map { String(format: "%.1f", Double($0.peakResidentBytes) / 1_048_576) } ?? "-")
            cells.append(row.result?.ownPeakKiB.map { String(format: "%.1f", Double($0) / 1024) } ?? "-")
            cells.append(row.succeeded ? "yes" : "NO (\(row.result?.failures.count ?? 0) failures)")
            lines.append(cells)
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        for line in lines {
            print(line.enumerated().map { String(repeating: " ", count: widths[$0.offset] - $0.element.count) + $0.element }.joined(separator: "  "))
        }
    }

    /// The nearest-rank percentile of sorted values; 0 for none.
    static func percentile(_ percent: Double, of sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((percent / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    static func option(_ name: String, in arguments: [String]) throws -> String? {
        guard let index = arguments.firstIndex(of: name) else { return nil }
        guard index + 1 < arguments.count else { throw UsageError(description: "\(name) needs a value") }
        return arguments[index + 1]
    }

    static func positive(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text), value >= 1 else { throw UsageError(description: "\(name) needs a number ≥ 1, not „\(text)“") }
        return value
    }

    static func parseSizes(_ text: String) throws -> [Int] {
        try text.split(separator: ",").map { try positive($0.replacingOccurrences(of: "_", with: "").trimmingCharacters(in: .whitespaces), "--sizes") }
    }
}
