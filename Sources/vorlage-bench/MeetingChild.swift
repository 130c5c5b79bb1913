import Foundation
import Pipeline

/// `vorlage-bench meeting-child FOLDER OUT JOBS`: builds one meeting in this process and prints
/// one JSON line (``Result``) on standard output, so the parent can read the figures and take the
/// peak memory of this process alone from wait4.
enum MeetingChild {
    /// What the child reports to the parent.
    struct Result: Codable {
        /// Papers on the agenda that were rendered (or failed).
        var papers: Int
        /// Wall-clock seconds from the start of `MeetingBuild.run()` to its return.
        var seconds: Double
        /// Seconds each paper took to render and stage (`Report.latencies`).
        var latencies: [Double]
        /// Files the run wrote or found unchanged, the invitation included.
        var files: Int
        var warnings: Int
        var failures: [Failure]
        /// The child's own VmHWM from /proc/self/status after the run, in KiB (nil off Linux).
        var ownPeakKiB: Int?

        struct Failure: Codable {
            var file: String
            var problems: [String]
        }
    }

    /// Returns the exit status: 0 built, 2 some papers failed, 1 nothing built or bad arguments.
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count == 3, let jobs = Int(arguments[2]), jobs >= 1 else {
            FileHandle.standardError.write(Data("usage: vorlage-bench meeting-child FOLDER OUT JOBS\n".utf8))
            return 1
        }
        let build = MeetingBuild(meeting: URL(fileURLWithPath: arguments[0]), output: URL(fileURLWithPath: arguments[1]), jobs: jobs)
        let started = DispatchTime.now().uptimeNanoseconds
        let report: MeetingBuild.Report
        do {
            report = try build.run()
        } catch {
            FileHandle.standardError.write(Data("vorlage-bench: the build of \(arguments[0]) failed, nothing was written:\n\(error.description)\n".utf8))
            return 1
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let result = Result(papers: report.latencies.count, seconds: seconds, latencies: report.latencies, files: report.files.count,
                            warnings: report.warnings.count,
                            failures: report.failures.map { Result.Failure(file: $0.file, problems: $0.problems) },
                            ownPeakKiB: ProcessStatus.kibibytes("VmHWM"))
        do {
            let line = try JSONEncoder().encode(result)
            FileHandle.standardOutput.write(line + Data("\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("vorlage-bench: cannot encode the result: \(error)\n".utf8))
            return 1
        }
        return report.succeeded ? 0 : 2
    }
}
